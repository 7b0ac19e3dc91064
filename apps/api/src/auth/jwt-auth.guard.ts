import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError, ErrorCode, type Role } from '@hub/domain';
import { AuthService, IS_PUBLIC, ROLES_KEY, type Principal } from '@hub/core';

/**
 * Global guard: every route needs a valid Bearer token unless marked @Public(); @Roles() narrows further.
 * Runs before validation, so an anonymous caller learns nothing about a route's input rules.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new AppError(ErrorCode.Unauthenticated, 'missing Bearer access token');
    const principal = await this.auth.authenticate(match[1]);
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new AppError(ErrorCode.Forbidden, `this action is reserved to: ${roles.join(', ')}`);
    }
    return true;
  }
}
