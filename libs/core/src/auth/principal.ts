import type { Role } from '@hub/domain';

/** Who is calling: resolved from the token and the database on every request. */
export interface Principal {
  userId: string;
  role: Role;
  /** The organisation the user is a member of, if any. */
  organisationId: string | null;
  /** The login session the access token belongs to (logout ends it); absent for work done outside a request. */
  sessionId?: string;
}

export interface AccessTokenPayload {
  sub: string;
  role: Role;
  /** The session (auth_sessions row) that must still be open for the token to work. */
  sid: string;
}
