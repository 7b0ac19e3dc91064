import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@hub/core';

/** The authenticated caller, set by `JwtAuthGuard`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
