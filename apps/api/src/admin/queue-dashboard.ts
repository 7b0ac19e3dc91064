import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AuthService, QUEUE_READ_TIMEOUT_MS, QueueName, QueueReads, queuesUnavailable } from '@hub/core';
import { AppError, ErrorCode } from '@hub/domain';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** Browsers cannot send a Bearer header when following a link: staff get this cookie from POST /api/v1/auth/admin-session. */
export const ADMIN_COOKIE = 'hub_admin';

function cookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Staff only, by Bearer token or the admin cookie; others get the API's JSON error body. */
function staffOnly(auth: AuthService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = header?.[1] ?? cookie(req.headers.cookie, ADMIN_COOKIE);
    if (!token) {
      res.status(401).json({ statusCode: 401, code: ErrorCode.Unauthenticated, message: 'staff only: sign in, then POST /api/v1/auth/admin-session' });
      return;
    }
    auth.authenticate(token).then(
      (principal) => {
        if (principal.role === 'staff') return next();
        res.status(403).json({ statusCode: 403, code: ErrorCode.Forbidden, message: 'the queue dashboard is reserved to hub staff' });
      },
      (error: unknown) => {
        const message = error instanceof AppError ? error.message : 'access token is invalid or expired';
        res.status(401).json({ statusCode: 401, code: ErrorCode.Unauthenticated, message });
      },
    );
  };
}

/**
 * The dashboard's data requests (`…/api/…`; its page and assets need no Redis) while Redis is down: BullMQ would
 * wait for Redis to come back, so they are answered 503 naming it, at once when the shared client knows Redis is
 * unreachable and at the read deadline otherwise.
 */
function redisRequired(reads: QueueReads): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/')) return next();
    const unavailable = (why: string) => {
      const error = queuesUnavailable('the queue dashboard', why);
      res.status(503).json({ statusCode: 503, code: error.code, message: error.message });
    };
    if (!reads.reachable) return unavailable('is not reachable');
    const deadline = setTimeout(() => {
      if (!res.headersSent) unavailable(`did not answer within ${QUEUE_READ_TIMEOUT_MS} ms`);
    }, QUEUE_READ_TIMEOUT_MS);
    res.once('close', () => clearTimeout(deadline));
    next();
  };
}

/** Bull Board's own answer, arriving after the deadline's 503, fails to write: nothing is left to say to the client. */
function afterDeadline(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return;
  next(error);
}

/**
 * Bull Board at /admin/queues: every queue's waiting, active, delayed, completed and failed jobs, with their
 * data, errors and retry buttons; for hub staff only.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  const queues = Object.values(QueueName).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })));
  createBullBoard({ queues, serverAdapter, options: { uiConfig: { boardTitle: 'Hub Match queues' } } });
  app.use(QUEUE_DASHBOARD_PATH, staffOnly(app.get(AuthService)), redisRequired(app.get(QueueReads)), serverAdapter.getRouter(), afterDeadline);
}
