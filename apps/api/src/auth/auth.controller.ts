import { Body, Controller, Get, Headers, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService, EnvData, Public, Roles, type AccessToken, type Principal, type UserView } from '@hub/core';
import { ADMIN_COOKIE } from '../admin/queue-dashboard';
import { CurrentPrincipal } from './current-principal.decorator';
import { LoginDto } from './login.dto';
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
