import type { Role } from '@hub/domain';

/** Who is calling: resolved from the token and the database on every request. */
export interface Principal {
  userId: string;
  role: Role;
  /** The organisation the user is a member of, if any. */
  organisationId: string | null;
}

export interface AccessTokenPayload {
  sub: string;
  role: Role;
}
