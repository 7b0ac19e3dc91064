import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { EnvData, installGracefulShutdown } from '@hub/core';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(WorkerModule, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  installGracefulShutdown(app, (message) => app.get(Logger).log(message));
  const env = app.get(EnvData);
  await app.listen(env.workerPort, '0.0.0.0');
  app.get(Logger).log(`worker started; readiness on http://localhost:${env.workerPort}/ready`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
