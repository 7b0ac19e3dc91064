import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppExceptionFilter, EnvData, HttpMetrics, illFormedText, illFormedTextPath, malformedJson, payloadTooLarge, validationExceptionFactory } from '@hub/core';
import { mountQueueDashboard } from './admin/queue-dashboard';

/** Paths the api itself answers: never a web-app file or page. */
const SERVER_PATHS = /^\/(api|admin|health|ready|metrics)(\/|$)/;

/** Where `npm run build` puts the web app (apps/web, built by Vite). */
const WEB_ROOT = resolve(process.cwd(), process.env.WEB_DIST_DIR ?? 'dist/web');

/**
 * The web app on the api's own origin (same JWT, no CORS): its hashed assets as static files, and index.html for
 * any page a browser navigates to (client-side routes such as /matches). API calls, the dashboard and health
 * checks are left to Nest; a request that does not ask for HTML never gets the page.
 */
function serveWebApp(app: INestApplication): void {
  const index = join(WEB_ROOT, 'index.html');
  if (!existsSync(index)) return;
  const files = express.static(WEB_ROOT, { index: false, maxAge: '1h' });
  // API calls never look on disk: express.static would stat a file for every one of them (3 % of the api's CPU).
  app.use((req: Request, res: Response, next: NextFunction) => (SERVER_PATHS.test(req.path) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const page = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') && !SERVER_PATHS.test(req.path);
    if (!page) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}

/**
 * Everything between Nest and the network, shared by main.ts and the e2e tests so the tests exercise
 * exactly what production runs. The app must be created with `{ bodyParser: false }`.
 */
export function configureApp(app: INestApplication): INestApplication {
  const env = app.get(EnvData);
  // First, so the latency it records covers everything below (GET /metrics shows it).
  app.use(app.get(HttpMetrics).middleware());
  app.use(helmet());
  if (env.corsOrigin) app.enableCors({ origin: env.corsOrigin.split(',').map((o) => o.trim()), credentials: false });
  mountQueueDashboard(app);
  serveWebApp(app);
  app.use(express.json({ limit: env.bodyLimit }));
  // body-parser errors never reach Nest's filters; answer them here with the same error body.
  app.use((error: { type?: string } | undefined, _req: Request, res: Response, next: NextFunction) => {
    if (error?.type === 'entity.parse.failed') return void res.status(400).json(malformedJson());
    if (error?.type === 'entity.too.large') return void res.status(413).json(payloadTooLarge());
    if (error?.type) return void res.status(400).json({ statusCode: 400, code: 'MALFORMED_BODY', message: 'request body could not be read' });
    next(error);
  });
  // Lone surrogates in any text of the body or query: refused here, naming the field (some validators throw on them).
  app.use((req: Request, res: Response, next: NextFunction) => {
    const field = illFormedTextPath(req.body) ?? illFormedTextPath(req.query);
    if (field) return void res.status(400).json(illFormedText(field));
    next();
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
