import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { EnvData } from '../config/env-data';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [
    // The secret as a KeyObject, made once: given a string, jsonwebtoken first tries to read it as a PEM public
    // key on every verify, and the exception that fails cost 15 % of the api's CPU under load (profiled).
    JwtModule.registerAsync({
      inject: [EnvData],
      useFactory: (env: EnvData) => ({
        secret: createSecretKey(Buffer.from(env.jwt.secret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: env.jwt.ttlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [AuthService, PasswordHasher],
  exports: [AuthService, PasswordHasher],
})
export class AuthModule {}
