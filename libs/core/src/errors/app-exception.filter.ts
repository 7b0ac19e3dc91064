import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppError, ErrorCode } from '@hub/domain';
import type { ErrorBody } from './error-body';
import { HTTP_STATUS_OF } from './http-status-of';

const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.RouteNotFound,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.RateLimited,
  503: ErrorCode.ServiceUnavailable,
};

/**
 * Maps every error to the JSON error body. Domain errors carry their code; Nest's own HTTP exceptions keep
 * their status; anything else is a bug, logged with its stack and answered with a 500 that reveals nothing.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('AppExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      const body: ErrorBody = { statusCode: HTTP_STATUS_OF[exception.code], code: exception.code, message: exception.message };
      if (exception.violations.length > 0) body.errors = exception.violations;
      return body;
    }
    if (exception instanceof ThrottlerException) {
      return { statusCode: 429, code: ErrorCode.RateLimited, message: 'too many requests, try again later' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      // A failed readiness check (terminus): name the dependencies that are down, not a generic message.
      const down = typeof raw === 'object' && raw !== null && (raw as { status?: unknown }).status === 'error' ? (raw as { error?: Record<string, unknown> }).error : undefined;
      if (down && Object.keys(down).length > 0) {
        return { statusCode: status, code: CODE_OF_STATUS[status] ?? ErrorCode.ServiceUnavailable, message: `not ready: ${Object.keys(down).join(', ')} down` };
      }
      const message = typeof raw === 'string' ? raw : ((raw as { message?: unknown }).message ?? exception.message);
      return {
        statusCode: status,
        code: CODE_OF_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed),
        message: Array.isArray(message) ? message.join('; ') : String(message),
      };
    }
    const httpish = exception as { status?: unknown; type?: unknown };
    // body-parser errors arrive here when raised inside Nest's pipeline.
    if (httpish && httpish.type === 'entity.parse.failed') return malformedJson();
    if (httpish && httpish.type === 'entity.too.large') return payloadTooLarge();
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: ErrorCode.Internal, message: 'internal error' };
  }
}

export function malformedJson(): ErrorBody {
  return { statusCode: 400, code: ErrorCode.MalformedJson, message: 'request body is not valid JSON' };
}

export function payloadTooLarge(): ErrorBody {
  return { statusCode: 413, code: ErrorCode.PayloadTooLarge, message: 'request body is too large' };
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The first text in a parsed body or query that is not well-formed UTF-16 (a lone surrogate, which JSON's `\ud800`
 * escapes can produce): its dotted path, or null. Such text cannot be stored or compared reliably, and some
 * validators throw on it, so requests carrying it are refused before validation.
 */
export function illFormedTextPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedTextPath(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (LONE_SURROGATE.test(key)) return field;
      const found = illFormedTextPath(item, field);
      if (found) return found;
    }
  }
  return null;
}

export function illFormedText(field: string): ErrorBody {
  return {
    statusCode: 400,
    code: ErrorCode.ValidationFailed,
    message: `${field}: text must be well-formed Unicode (it contains a lone surrogate)`,
    errors: [{ field, rule: 'wellFormedText', message: `${field} must be well-formed Unicode text` }],
  };
}
