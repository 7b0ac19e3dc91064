import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, ErrorCode, type Language, type Role } from '@hub/domain';
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

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

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
    return this.issueToken(user);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(randomUUID());
    return this.dummyHash;
  }

  issueToken(user: Pick<UserEntity, 'id' | 'role'>): AccessToken {
    const payload: AccessTokenPayload = { sub: user.id, role: user.role };
    const accessToken = this.jwt.sign(payload, { secret: this.env.jwt.secret, expiresIn: this.env.jwt.ttlSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.env.jwt.ttlSeconds };
  }

  /** Verifies the token and reloads the user, so a deleted account's token stops working at once. */
  async authenticate(token: string): Promise<Principal> {
    let payload: AccessTokenPayload;
    try {
      payload = this.jwt.verify<AccessTokenPayload>(token, { secret: this.env.jwt.secret });
    } catch {
      throw new AppError(ErrorCode.Unauthenticated, 'access token is invalid or expired');
    }
    const rows: Array<{ id: string; role: Role; organisation_id: string | null }> = await this.dataSource.query(
      `SELECT u.id, u.role, m.organisation_id
         FROM users u LEFT JOIN memberships m ON m.user_id = u.id
        WHERE u.id = $1
        ORDER BY m.created_at
        LIMIT 1`,
      [payload.sub],
    );
    const row = rows[0];
    if (!row) throw new AppError(ErrorCode.Unauthenticated, 'access token is invalid or expired');
    return { userId: row.id, role: row.role, organisationId: row.organisation_id };
  }

  async me(principal: Principal): Promise<UserView> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: principal.userId } });
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'account no longer exists');
    return toUserView(user, principal.organisationId);
  }

  /** Staff accounts exist only through the command line; re-running it resets the password. */
  async upsertStaff(emailInput: string, password: string): Promise<{ id: string; created: boolean }> {
    const email = emailInput.trim().toLowerCase();
    const passwordHash = await this.hasher.hash(password);
    const rows: Array<{ id: string; created: boolean }> = await this.dataSource.query(
      `INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'staff')
       ON CONFLICT ON CONSTRAINT uq_users_email DO UPDATE SET password_hash = EXCLUDED.password_hash, role = 'staff', updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [email, passwordHash],
    );
    return rows[0];
  }
}

function toUserView(user: UserEntity, organisationId: string | null): UserView {
  return { id: user.id, email: user.email, role: user.role, language: user.language, organisationId, createdAt: user.createdAt.toISOString() };
}
