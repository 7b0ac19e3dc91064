import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService, Public, type AccessToken, type Principal, type UserView } from '@hub/core';
import { CurrentPrincipal } from './current-principal.decorator';
import { LoginDto } from './login.dto';
import { LoginThrottleGuard } from './login-throttle.guard';
import { RegisterDto } from './register.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
}
