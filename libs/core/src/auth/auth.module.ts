import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [JwtModule.register({})],
  providers: [AuthService, PasswordHasher],
  exports: [AuthService, PasswordHasher],
})
export class AuthModule {}
