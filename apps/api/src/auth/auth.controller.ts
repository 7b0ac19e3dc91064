import { Body, Controller, Get, Headers, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService, EnvData, Public, Roles, type AccessToken, type Principal, type UserView } from '@hub/core';
import { ADMIN_COOKIE } from '../admin/queue-dashboard';
import { CurrentPrincipal } from './current-principal.decorator';
import { ChangePasswordDto } from './change-password.dto';
import { LoginDto } from './login.dto';
import { LogoutDto } from './logout.dto';
import { RefreshDto } from './refresh.dto';
import { LoginThrottleGuard } from './login-throttle.guard';
import { RegisterDto } from './register.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly env: EnvData,
  ) {}

  @Public()
  @Post('register')
  register(@Body() dto: RegisterDto): Promise<UserView> {
    return this.auth.register(dto);
  }

  @Public()
  @UseGuards(LoginThrottleGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<AccessToken> {
    return this.auth.login(dto.email, dto.password);
  }

  /** A new token pair for the session; the refresh token given is spent (a second use ends the session). */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<AccessToken> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Ends this session (its access and refresh tokens stop working at once), or with `everywhere`, every session. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal, @Body() dto: LogoutDto): Promise<void> {
    await this.auth.logout(principal, dto.everywhere ?? false);
  }

  /** Changes the password; every session ends, and the caller gets a new one. */
  @ApiBearerAuth()
  @UseGuards(LoginThrottleGuard)
  @Post('password')
  @HttpCode(200)
  changePassword(@CurrentPrincipal() principal: Principal, @Body() dto: ChangePasswordDto): Promise<AccessToken> {
    return this.auth.changePassword(principal, dto.currentPassword, dto.newPassword);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Promise<UserView> {
    return this.auth.me(principal);
  }

  /**
   * Staff: the queue dashboard (/admin/queues) is opened by following a link, which cannot carry a Bearer header;
   * this puts the caller's access token in an HttpOnly cookie scoped to /admin.
   */
  @ApiBearerAuth()
  @Roles('staff')
  @Post('admin-session')
  @HttpCode(204)
  adminSession(@Headers('authorization') authorization: string, @Res({ passthrough: true }) res: Response): void {
    const token = authorization.replace(/^Bearer\s+/i, '');
    res.cookie(ADMIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/admin', secure: this.env.nodeEnv === 'production', maxAge: this.env.jwt.ttlSeconds * 1000 });
  }
}
