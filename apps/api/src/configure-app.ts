import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { AppExceptionFilter, EnvData, malformedJson, payloadTooLarge, validationExceptionFactory } from '@hub/core';
import { mountQueueDashboard } from './admin/queue-dashboard';

/**
 * Everything between Nest and the network, shared by main.ts and the e2e tests so the tests exercise
 * exactly what production runs. The app must be created with `{ bodyParser: false }`.
 */
export function configureApp(app: INestApplication): INestApplication {
  const env = app.get(EnvData);
  app.use(helmet());
  if (env.corsOrigin) app.enableCors({ origin: env.corsOrigin.split(',').map((o) => o.trim()), credentials: false });
  mountQueueDashboard(app);
  app.use(express.json({ limit: env.bodyLimit }));
  // body-parser errors never reach Nest's filters; answer them here with the same error body.
  app.use((error: { type?: string } | undefined, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.parse.failed') return void res.status(400).json(malformedJson());
    if (error?.type === 'entity.too.large') return void res.status(413).json(payloadTooLarge());
    if (error?.type) return void res.status(400).json({ statusCode: 400, code: 'MALFORMED_BODY', message: 'request body could not be read' });
    next(error);
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new AppExceptionFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hub Match API')
      .setDescription('Match-making platform of the Lombardia Life Sciences Hub')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
