import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { AuthService, CompaniesService, EnvData, REDIS_CLIENT, FundsService, loadEnv, ResearchCentresService, SearchResultCache, TechnologyOffersService, type Principal } from '@hub/core';
import type { Role } from '@hub/domain';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { ensureWorkerDatabase } from './worker-database';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
  organisationId: string | null;
  principal: Principal;
}

/**
 * The real api (same module and HTTP setup as production), initialised but not listening; with `overrides`, on a
 * configuration of its own (another Redis, a smaller quota), still on the test worker's database.
 */
export async function createApiApp(overrides: Partial<EnvData> = {}): Promise<INestApplication<App>> {
  await ensureWorkerDatabase();
  const builder = Test.createTestingModule({ imports: [ApiModule] });
  if (Object.keys(overrides).length > 0) builder.overrideProvider(EnvData).useValue({ ...loadEnv(), ...overrides });
  const app = (await builder.compile()).createNestApplication<INestApplication<App>>({ bodyParser: false, logger: process.env.TEST_API_LOGS ? ['error'] : false });
  configureApp(app);
  await app.init();
  return app;
}

let counter = 0;
const unique = (label: string) => `${label}-${process.env.JEST_WORKER_ID ?? '1'}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/**
 * The real api (same module and HTTP setup as production) on the worker's migrated database, plus factories
 * that write through the real services: `ctx.newUser('investor')`, `ctx.newCompany(owner)`. `TestContext.create`
 * takes configuration overrides, e.g. a Redis of the test's own.
 */
export class TestContext {
  private constructor(
    readonly app: INestApplication<App>,
    readonly dataSource: DataSource,
  ) {}

  static async create(overrides: Partial<EnvData> = {}): Promise<TestContext> {
    const app = await createApiApp(overrides);
    return new TestContext(app, app.get<DataSource>(getDataSourceToken()));
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  /** Empties every table except the migrations' bookkeeping, and this worker's Redis keys; called between tests. */
  async truncate(): Promise<void> {
    const redis = this.app.get<Redis>(REDIS_CLIENT);
    const prefix = this.app.get(EnvData).redisPrefix;
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    const rows: Array<{ tablename: string }> = await this.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    // The scoring configuration's first version comes from its migration (later versions are a test's own):
    // kept across the truncation, which reaches it through its foreign key to users.
    const [initial] = await this.dataSource.query(`SELECT config FROM scoring_configs WHERE version = 1`);
    if (rows.length) await this.dataSource.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} CASCADE`);
    if (initial) await this.dataSource.query(`INSERT INTO scoring_configs (version, config) VALUES (1, $1)`, [initial.config]);
    // The TRUNCATE's notification reaches the search cache a moment after the commit; the next test must not
    // search before it does.
    this.app.get(SearchResultCache, { strict: false }).clear();
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  async newUser(role: Role, overrides: { email?: string; password?: string } = {}): Promise<TestUser> {
    const auth = this.app.get(AuthService);
    const email = overrides.email ?? `${unique(role)}@example.test`;
    const password = overrides.password ?? 'correct-horse-battery';
    const user =
      role === 'staff'
        ? { id: (await auth.upsertStaff(email, password)).id }
        : await auth.register({ email, password, role });
    const token = (await auth.startSession({ id: user.id, role })).accessToken;
    return { id: user.id, email, role, token, organisationId: null, principal: { userId: user.id, role, organisationId: null } };
  }

  /** A company (its owner becomes a member); without an owner, created by staff as nobody's member. */
  async newCompany(owner?: TestUser, overrides: Record<string, unknown> = {}) {
    const company = await this.app.get(CompaniesService).create(this.creator(owner), { name: unique('Company'), kind: 'startup', country: 'IT', visibilityConsent: true, ...overrides });
    this.join(owner, company.id);
    return company;
  }

  async newFund(owner?: TestUser, overrides: Record<string, unknown> = {}) {
    const fund = await this.app.get(FundsService).create(this.creator(owner), { name: unique('Fund'), country: 'IT', visibilityConsent: true, ...overrides });
    this.join(owner, fund.id);
    return fund;
  }

  async newResearchCentre(owner?: TestUser, overrides: Record<string, unknown> = {}) {
    const centre = await this.app.get(ResearchCentresService).create(this.creator(owner), { name: unique('Centre'), kind: 'irccs', country: 'IT', visibilityConsent: true, ...overrides });
    this.join(owner, centre.id);
    return centre;
  }

  async newTechnologyOffer(centreId: string, overrides: Record<string, unknown> = {}) {
    return this.app.get(TechnologyOffersService).create(this.creator(), centreId, { title: unique('Offer'), ...overrides });
  }

  private creator(owner?: TestUser): Principal {
    return owner?.principal ?? { userId: '00000000-0000-0000-0000-000000000000', role: 'staff', organisationId: null };
  }

  private join(owner: TestUser | undefined, organisationId: string): void {
    if (!owner) return;
    owner.organisationId = organisationId;
    owner.principal.organisationId = organisationId;
  }
}

export function bearer(user: TestUser): [string, string] {
  return ['authorization', `Bearer ${user.token}`];
}
