import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { EnvData, installGracefulShutdown } from '@hub/core';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(ApiModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureApp(app);
  installGracefulShutdown(app, (message) => app.get(Logger).log(message));
  const env = app.get(EnvData);
  await app.listen(env.apiPort, '0.0.0.0');
  app.get(Logger).log(`api listening on http://localhost:${env.apiPort} (OpenAPI at /api/docs)`);
}

bootstrap().catch((error: unknown) => {
  // Configuration errors name every bad variable; print them plainly rather than as a stack.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
