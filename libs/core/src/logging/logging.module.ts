import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { EnvData } from '../config/env-data';

/**
 * Structured JSON logs. Credentials and personal data are redacted at the source, so no log line
 * carries a token, a password or an e-mail address.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [EnvData],
      useFactory: (env: EnvData) => ({
        pinoHttp: {
          level: env.logLevel,
          redact: {
            paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.body.password', 'req.body.email', '*.password', '*.email'],
            censor: '[redacted]',
          },
          autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/ready' },
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
