import { SetMetadata } from '@nestjs/common';
import type { Role } from '@hub/domain';

export const ROLES_KEY = 'hub:roles';
/** Restricts a route to the given roles (checked after authentication). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
