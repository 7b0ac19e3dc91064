import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Histogram, Registry } from 'prom-client';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The label of a request's route: the template Express matched (`/api/v1/companies/:id`), never the raw path, so
 * no id reaches a label and the number of series stays bounded. The queue dashboard (its own router) is one route;
 * anything no route matched is `static` (the web app's files and pages) or `unmatched` (404s, unreadable bodies).
 */
export function routeLabel(req: Request, status: number): string {
  if (req.originalUrl.startsWith('/admin/queues')) return '/admin/queues';
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  // Nest answers unknown routes through a catch-all route (`{/*splat}`): that is no route of ours.
  if (typeof path === 'string' && !/^\{?\/?\*/.test(path)) return path;
  return status < 400 ? 'static' : 'unmatched';
}

/** HTTP request latency by method, route template and status class (`2xx`, `4xx`...). */
@Injectable()
export class HttpMetrics {
  readonly duration: Histogram<'method' | 'route' | 'status_class'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'HTTP request latency, from arrival to the last byte of the response',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** Express middleware timing every request; mount it before anything else. */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.duration.startTimer();
      res.once('finish', () => {
        end({ method: METHODS.has(req.method) ? req.method : 'OTHER', route: routeLabel(req, res.statusCode), status_class: `${Math.floor(res.statusCode / 100)}xx` });
      });
      next();
    };
  }
}
