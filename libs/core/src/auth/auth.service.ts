import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, ErrorCode, passwordProblems, type Language, type Role } from '@hub/domain';
import { recordAudit } from '../audit/audit';
import { EnvData } from '../config/env-data';
import { UserEntity } from '../database/entities';
import { isUniqueViolation } from '../database/pg-errors';
import { PasswordHasher } from './password-hasher';
import type { AccessTokenPayload, Principal } from './principal';

export interface RegisterInput {
  email: string;
  password: string;
  role: Role;
  language?: Language;
}

/** What a login, a refresh or a password change returns: a short-lived access token and its session's refresh token. */
export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token lives. */
  expiresIn: number;
  /** Opaque; exchanged once at POST /auth/refresh for a new pair. */
  refreshToken: string;
  /** Seconds the session lives without a new login. */
  refreshExpiresIn: number;
}

export type SessionEndReason = 'logout' | 'logout_everywhere' | 'password_changed' | 'refresh_reused';

export interface UserView {
  id: string;
  email: string;
  role: Role;
  language: Language;
  organisationId: string | null;
  createdAt: string;
}


@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly env: EnvData,
  ) {}

  /** A hash of a password nobody has, verified when the e-mail is unknown so both paths cost the same time. */
  private dummyHash: Promise<string> | null = null;

  async register(input: RegisterInput): Promise<UserView> {
    const email = input.email.trim().toLowerCase();
    const passwordHash = await this.hasher.hash(input.password);
    try {
      const user = await this.dataSource
        .getRepository(UserEntity)
        .save({ email, passwordHash, role: input.role, language: input.language ?? 'en' });
      return toUserView(user, null);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email')) {
        throw new AppError(ErrorCode.EmailTaken, 'an account with this email already exists', [
          { field: 'email', rule: 'unique', message: 'an account with this email already exists' },
        ]);
      }
      throw error;
    }
  }

  async login(emailInput: string, password: string): Promise<AccessToken> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { email } });
    const ok = await this.hasher.verify(user?.passwordHash ?? (await this.getDummyHash()), password);
    if (!user || !ok) throw new AppError(ErrorCode.InvalidCredentials, 'email or password is wrong');
    return this.startSession(user);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(randomUUID());
    return this.dummyHash;
  }

  /** A new session (one per login) and its first token pair. */
  async startSession(user: Pick<UserEntity, 'id' | 'role'>, manager: EntityManager = this.dataSource.manager): Promise<AccessToken> {
    const secret = newRefreshSecret();
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO auth_sessions (user_id, refresh_hash, expires_at) VALUES ($1, $2, now() + make_interval(days => $3)) RETURNING id`,
      [user.id, sha256(secret), this.env.jwt.refreshTtlDays],
    );
    return this.tokenPair(user, row.id, secret);
  }

  /**
   * Exchanges a refresh token for a new pair and retires the old one (rotation). A token that was already used
   * means two parties hold it, one of them a thief: the whole session ends, for both.
   */
  async refresh(refreshToken: string): Promise<AccessToken> {
    const parsed = parseRefreshToken(refreshToken);
    const invalid = new AppError(ErrorCode.Unauthenticated, 'refresh token is invalid, expired or revoked');
    if (!parsed) throw invalid;
    return this.dataSource.transaction(async (manager) => {
      const [session]: Array<{ user_id: string; role: Role; refresh_hash: string }> = await manager.query(
        `SELECT s.user_id, u.role, s.refresh_hash FROM auth_sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now() FOR UPDATE OF s`,
        [parsed.sessionId],
      );
      if (!session) throw invalid;
      if (!sameHash(session.refresh_hash, sha256(parsed.secret))) {
        await manager.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'refresh_reused' WHERE id = $1`, [parsed.sessionId]);
        await recordAudit(manager, { actorUserId: session.user_id, organisationId: null, action: 'auth.refresh_reused', subjectType: 'user', subjectId: session.user_id, details: { sessionId: parsed.sessionId } });
        // The revocation must stick although the caller gets an error: commit first, then refuse.
        return null;
      }
      const secret = newRefreshSecret();
      await manager.query(`UPDATE auth_sessions SET refresh_hash = $2, refreshed_at = now() WHERE id = $1`, [parsed.sessionId, sha256(secret)]);
      return this.tokenPair({ id: session.user_id, role: session.role }, parsed.sessionId, secret);
    }).then((pair) => {
      if (!pair) throw invalid;
      return pair;
    });
  }

  /** Ends the caller's session, or every session of the account. */
  async logout(principal: Principal, everywhere: boolean): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (everywhere) await this.revokeAll(manager, principal.userId, 'logout_everywhere');
      else await manager.query(`UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = $1 AND revoked_at IS NULL`, [principal.sessionId]);
    });
  }

  /**
   * Changes the password after checking the current one, ends every session of the account (a thief's too) and
   * opens a new one for the caller, so the device that made the change stays logged in.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string): Promise<AccessToken> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: principal.userId } });
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'account no longer exists');
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw AppError.validation([{ field: 'currentPassword', rule: 'matchesAccount', message: "currentPassword is not this account's password" }]);
    }
    if (currentPassword === newPassword) {
      throw AppError.validation([{ field: 'newPassword', rule: 'differs', message: 'newPassword must differ from the current password' }]);
    }
    const problems = passwordProblems(newPassword, user.email);
    if (problems.length) throw AppError.validation(problems.map((p) => ({ field: 'newPassword', rule: p.rule, message: p.message.replace(/^password/, 'newPassword') })));
    const passwordHash = await this.hasher.hash(newPassword);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1`, [user.id, passwordHash]);
      const ended = await this.revokeAll(manager, user.id, 'password_changed');
      await recordAudit(manager, { actorUserId: user.id, organisationId: principal.organisationId, action: 'auth.password_changed', subjectType: 'user', subjectId: user.id, details: { sessionsEnded: ended } });
      return this.startSession(user, manager);
    });
  }

  private async revokeAll(manager: EntityManager, userId: string, reason: SessionEndReason): Promise<number> {
    const [, count]: [unknown, number] = await manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [userId, reason],
    );
    return count;
  }

  private tokenPair(user: Pick<UserEntity, 'id' | 'role'>, sessionId: string, secret: string): AccessToken {
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, sid: sessionId };
    // Signed with the module's key (auth.module.ts): HS256, JWT_TTL_SECONDS.
    const accessToken = this.jwt.sign(payload);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.env.jwt.ttlSeconds,
      refreshToken: `${sessionId}.${secret}`,
      refreshExpiresIn: this.env.jwt.refreshTtlDays * 86_400,
    };
  }

  /**
   * Verifies the token and checks, in one statement, that its session is still open and its user still exists:
   * a logout, a password change or a deleted account stops the token at once, not when it expires.
   */
  async authenticate(token: string): Promise<Principal> {
    let payload: AccessTokenPayload;
    try {
      payload = this.jwt.verify<AccessTokenPayload>(token);
    } catch {
      throw new AppError(ErrorCode.Unauthenticated, 'access token is invalid or expired');
    }
    if (typeof payload.sid !== 'string' || !UUID.test(payload.sid)) throw new AppError(ErrorCode.Unauthenticated, 'access token is invalid or expired');
    const rows: Array<{ id: string; role: Role; organisation_id: string | null }> = await this.dataSource.query(
      `SELECT u.id, u.role, m.organisation_id
         FROM auth_sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN memberships m ON m.user_id = u.id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
        ORDER BY m.created_at
        LIMIT 1`,
      [payload.sid, payload.sub],
    );
    const row = rows[0];
    if (!row) throw new AppError(ErrorCode.Unauthenticated, 'session has ended: log in again');
    return { userId: row.id, role: row.role, organisationId: row.organisation_id, sessionId: payload.sid };
  }

  async me(principal: Principal): Promise<UserView> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: principal.userId } });
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'account no longer exists');
    return toUserView(user, principal.organisationId);
  }

  /** Staff accounts exist only through the command line; re-running it resets the password and ends every session. */
  async upsertStaff(emailInput: string, password: string): Promise<{ id: string; created: boolean }> {
    const email = emailInput.trim().toLowerCase();
    const passwordHash = await this.hasher.hash(password);
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; created: boolean }> = await manager.query(
        `INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'staff')
         ON CONFLICT ON CONSTRAINT uq_users_email DO UPDATE SET password_hash = EXCLUDED.password_hash, role = 'staff', password_changed_at = now(), updated_at = now()
         RETURNING id, (xmax = 0) AS created`,
        [email, passwordHash],
      );
      if (!rows[0].created) await this.revokeAll(manager, rows[0].id, 'password_changed');
      return rows[0];
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 256 random bits, URL-safe. */
function newRefreshSecret(): string {
  return randomBytes(32).toString('base64url');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** `<session id>.<secret>`; anything else is not a refresh token. */
function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const dot = token.indexOf('.');
  const sessionId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  return dot > 0 && UUID.test(sessionId) && /^[A-Za-z0-9_-]{43}$/.test(secret) ? { sessionId, secret } : null;
}

function toUserView(user: UserEntity, organisationId: string | null): UserView {
  return { id: user.id, email: user.email, role: user.role, language: user.language, organisationId, createdAt: user.createdAt.toISOString() };
}
