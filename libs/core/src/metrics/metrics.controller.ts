import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Registry } from 'prom-client';
import { ErrorCode } from '@hub/domain';
import { Public } from '../auth/public.decorator';
import { EnvData } from '../config/env-data';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus scrape endpoint, mounted by the api and the worker (on its health port). Public like /health, unless
 * `METRICS_TOKEN` is set: then only `Authorization: Bearer <METRICS_TOKEN>` reads it (the JWTs of users do not).
 */
@ApiTags('health')
@Public()
@Controller()
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    private readonly env: EnvData,
  ) {}

  @Get('metrics')
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.env.metricsToken;
    if (token) {
      const given = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!given || !sameSecret(given, token)) {
        res.status(401).json({ statusCode: 401, code: ErrorCode.Unauthenticated, message: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
        return;
      }
    }
    const body = await this.registry.metrics();
    res.status(200).setHeader('content-type', this.registry.contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(body);
  }
}
