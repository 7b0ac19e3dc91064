import { JwtService } from '@nestjs/jwt';
import { TestContext, bearer } from '../support/test-app';

describe('accounts: register, login, me', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(() => ctx.truncate());
  afterAll(() => ctx.close());

  it('registers each self-service role and logs in with a JWT', async () => {
    for (const role of ['company', 'investor', 'research_centre']) {
      const email = `Someone.${role}@Example.org`;
      const reg = await ctx.http.post('/api/v1/auth/register').send({ email, password: 'a-long-password', role }).expect(201);
      expect(reg.body).toMatchObject({ email: email.toLowerCase(), role, organisationId: null });
      expect(reg.body.passwordHash).toBeUndefined();

      const login = await ctx.http.post('/api/v1/auth/login').send({ email, password: 'a-long-password' }).expect(200);
      // Short-lived access token (15 minutes by default), a 30-day session behind it.
      expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 30 * 86_400, refreshToken: expect.stringMatching(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/) });
      expect(login.body.accessToken.split('.')).toHaveLength(3);

      const me = await ctx.http.get('/api/v1/auth/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ id: reg.body.id, role });
    }
  });

  it('stores an argon2id hash, never the password', async () => {
    await ctx.http.post('/api/v1/auth/register').send({ email: 'hash@example.org', password: 'a-long-password', role: 'company' }).expect(201);
    const [row] = await ctx.dataSource.query(`SELECT password_hash FROM users WHERE email = 'hash@example.org'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('a-long-password');
  });

  it('refuses staff self-registration, naming the field', async () => {
    const res = await ctx.http.post('/api/v1/auth/register').send({ email: 'boss@example.org', password: 'a-long-password', role: 'staff' }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'role', rule: 'isIn' })]);
  });

  it.each([
    [{ email: 'not-an-email', password: 'a-long-password', role: 'company' }, 'email', 'isEmail'],
    [{ email: 'a@example.org', password: 'short', role: 'company' }, 'password', 'minLength'],
    [{ email: 'a@example.org', password: 'x'.repeat(129), role: 'company' }, 'password', 'maxLength'],
    [{ email: 'a@example.org', password: 'Password2026!', role: 'company' }, 'password', 'notCommon'],
    [{ email: 'a@example.org', password: '1234567890', role: 'company' }, 'password', 'notCommon'],
    [{ email: 'a@example.org', password: 'abababababab', role: 'company' }, 'password', 'distinctCharacters'],
    [{ email: 'marco.bianchi@example.org', password: 'marco.bianchi-1985', role: 'company' }, 'password', 'notEmail'],
    [{ email: 'a@example.org', password: 12345678901, role: 'company' }, 'password', 'isString'],
    [{ email: 'a@example.org', password: 'a-long-password' }, 'role', 'isIn'],
    [{ email: 'a@example.org', password: 'a-long-password', role: 'company', isAdmin: true }, 'isAdmin', 'unknownField'],
    [{ email: 'a@example.org', password: 'a-long-password', role: 'company', language: 'fr' }, 'language', 'isIn'],
  ])('rejects %j with a 400 naming %s', async (body, field, rule) => {
    const res = await ctx.http.post('/api/v1/auth/register').send(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    const [{ count }] = await ctx.dataSource.query(`SELECT count(*)::int AS count FROM users`);
    expect(count).toBe(0);
  });

  it('refuses text that is not well-formed Unicode (a lone surrogate) with a 400 naming the field, in the body and the query', async () => {
    // JSON's \ud800 escape makes a lone surrogate; the e-mail validator used to throw on it (a 500).
    const res = await ctx.http
      .post('/api/v1/auth/register')
      .set('content-type', 'application/json')
      .send('{"email":"a\\ud800b@example.org","password":"correct-horse-battery","role":"company"}');
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', errors: [{ field: 'email', rule: 'wellFormedText' }] } });
    const nested = await ctx.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email":"x@example.org","password":"p","extra":{"list":["ok","\\udc00"]}}');
    expect({ status: nested.status, body: nested.body }).toMatchObject({ status: 400, body: { errors: [{ field: 'extra.list.1' }] } });
    const query = await ctx.http.get('/api/v1/taxonomy?q=%ED%A0%80');
    expect(query.status).toBeLessThan(500);
    const [{ n }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM users`);
    expect(n).toBe(0);
  });

  it('answers a taken e-mail (any case) with 409', async () => {
    await ctx.http.post('/api/v1/auth/register').send({ email: 'dup@example.org', password: 'a-long-password', role: 'company' }).expect(201);
    const res = await ctx.http.post('/api/v1/auth/register').send({ email: 'DUP@example.org', password: 'another-password', role: 'investor' }).expect(409);
    expect(res.body).toMatchObject({ code: 'EMAIL_TAKEN', errors: [expect.objectContaining({ field: 'email', rule: 'unique' })] });
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    await ctx.http.post('/api/v1/auth/register').send({ email: 'who@example.org', password: 'a-long-password', role: 'company' }).expect(201);
    const wrong = await ctx.http.post('/api/v1/auth/login').send({ email: 'who@example.org', password: 'wrong-password' }).expect(401);
    const unknown = await ctx.http.post('/api/v1/auth/login').send({ email: 'nobody@example.org', password: 'wrong-password' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('rejects missing, malformed, forged and expired tokens with 401', async () => {
    const user = await ctx.newUser('company');
    const forged = new JwtService().sign({ sub: user.id, role: 'staff' }, { secret: 'another-secret-another-secret-another' });
    const expired = new JwtService().sign({ sub: user.id, role: 'company', exp: Math.floor(Date.now() / 1000) - 60 }, { secret: process.env.JWT_SECRET });
    for (const header of [undefined, 'Bearer', 'Basic abc', `Bearer ${forged}`, `Bearer ${expired}`, 'Bearer not.a.jwt']) {
      const req = ctx.http.get('/api/v1/auth/me');
      if (header) req.set('authorization', header);
      const res = await req.expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    await ctx.http.get('/api/v1/auth/me').set(...bearer(user)).expect(200);
  });

  it("stops a deleted account's token at once", async () => {
    const user = await ctx.newUser('investor');
    await ctx.dataSource.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    await ctx.http.get('/api/v1/auth/me').set(...bearer(user)).expect(401);
  });

  it('rate-limits login attempts per address and account (429 with Retry-After)', async () => {
    await ctx.http.post('/api/v1/auth/register').send({ email: 'brute@example.org', password: 'a-long-password', role: 'company' }).expect(201);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await ctx.http.post('/api/v1/auth/login').send({ email: 'brute@example.org', password: `guess-${i}-guess` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.body.code).toBe('RATE_LIMITED');
      }
    }
    // Default limit: 10 attempts a minute; the 11th and later are refused even with the right password.
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    await ctx.http.post('/api/v1/auth/login').send({ email: 'brute@example.org', password: 'a-long-password' }).expect(429);
  });

  describe('sessions: refresh, logout, password change', () => {
    const password = 'correct-horse-battery';
    const register = async (email: string) => {
      await ctx.http.post('/api/v1/auth/register').send({ email, password, role: 'company' }).expect(201);
      return (await ctx.http.post('/api/v1/auth/login').send({ email, password }).expect(200)).body as { accessToken: string; refreshToken: string };
    };
    const me = (accessToken: string) => ctx.http.get('/api/v1/auth/me').set('authorization', `Bearer ${accessToken}`);
    const refresh = (refreshToken: unknown) => ctx.http.post('/api/v1/auth/refresh').send({ refreshToken });

    it('stores only a hash of the refresh token, and rotates it: each one works once', async () => {
      const first = await register('rotate@example.org');
      const [row] = await ctx.dataSource.query(`SELECT refresh_hash FROM auth_sessions`);
      expect(row.refresh_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(first.refreshToken.split('.')[1]);

      const second = (await refresh(first.refreshToken).expect(200)).body;
      expect(second).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(second.refreshToken).not.toBe(first.refreshToken);
      await me(second.accessToken).expect(200);
      // One session throughout: a refresh does not log in again.
      expect((await ctx.dataSource.query(`SELECT count(*)::int AS n FROM auth_sessions`))[0].n).toBe(1);
    });

    it('treats a replayed refresh token as stolen: the whole session ends, for the thief and the owner', async () => {
      const login = await register('replay@example.org');
      const rotated = (await refresh(login.refreshToken).expect(200)).body;
      const replay = await refresh(login.refreshToken).expect(401);
      expect(replay.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'refresh token is invalid, expired or revoked' });
      // The legitimate holder's newer tokens stop too, and the event is audited.
      await refresh(rotated.refreshToken).expect(401);
      await me(rotated.accessToken).expect(401);
      const [session] = await ctx.dataSource.query(`SELECT revoked_reason FROM auth_sessions`);
      expect(session.revoked_reason).toBe('refresh_reused');
      expect(await ctx.dataSource.query(`SELECT action FROM audit_events`)).toEqual([{ action: 'auth.refresh_reused' }]);
    });

    it.each([
      ['a missing token', undefined, 400],
      ['a number', 42, 400],
      ['garbage', 'not-a-token', 401],
      ['an unknown session', '00000000-0000-4000-8000-000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 401],
      ['an access token', 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln', 401],
    ])('refuses %s as a refresh token (%d)', async (_label, token, status) => {
      const res = await refresh(token).expect(status);
      expect(res.body.code).toBe(status === 400 ? 'VALIDATION_FAILED' : 'UNAUTHENTICATED');
    });

    it('refuses a refresh token of an expired session', async () => {
      const login = await register('old@example.org');
      await ctx.dataSource.query(`UPDATE auth_sessions SET expires_at = now() - interval '1 second'`);
      await refresh(login.refreshToken).expect(401);
      await me(login.accessToken).expect(401);
    });

    it("logout ends this session at once (its access token too), and leaves the account's other sessions", async () => {
      const laptop = await register('logout@example.org');
      const phone = (await ctx.http.post('/api/v1/auth/login').send({ email: 'logout@example.org', password }).expect(200)).body;
      await ctx.http.post('/api/v1/auth/logout').set('authorization', `Bearer ${laptop.accessToken}`).send({}).expect(204);
      const after = await me(laptop.accessToken).expect(401);
      expect(after.body.message).toBe('session has ended: log in again');
      await refresh(laptop.refreshToken).expect(401);
      await me(phone.accessToken).expect(200);
      await refresh(phone.refreshToken).expect(200);
    });

    it('logout everywhere ends every session of the account, and no other account’s', async () => {
      const laptop = await register('everywhere@example.org');
      const phone = (await ctx.http.post('/api/v1/auth/login').send({ email: 'everywhere@example.org', password }).expect(200)).body;
      const other = await ctx.newUser('investor');
      await ctx.http.post('/api/v1/auth/logout').set('authorization', `Bearer ${phone.accessToken}`).send({ everywhere: true }).expect(204);
      for (const tokens of [laptop, phone]) {
        await me(tokens.accessToken).expect(401);
        await refresh(tokens.refreshToken).expect(401);
      }
      await ctx.http.get('/api/v1/auth/me').set(...bearer(other)).expect(200);
      const bad = await ctx.http.post('/api/v1/auth/logout').set(...bearer(other)).send({ everywhere: 'yes' }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'everywhere', rule: 'isBoolean' })]);
      await ctx.http.post('/api/v1/auth/logout').send({}).expect(401);
    });

    it('a password change checks the current password, applies the rules, ends every session and opens a new one for the caller', async () => {
      const laptop = await register('change@example.org');
      const phone = (await ctx.http.post('/api/v1/auth/login').send({ email: 'change@example.org', password }).expect(200)).body;
      const change = (body: object) => ctx.http.post('/api/v1/auth/password').set('authorization', `Bearer ${laptop.accessToken}`).send(body);

      const wrong = await change({ currentPassword: 'not-my-password', newPassword: 'a-brand-new-passphrase' }).expect(400);
      expect(wrong.body.errors).toEqual([{ field: 'currentPassword', rule: 'matchesAccount', message: "currentPassword is not this account's password" }]);
      const weak = await change({ currentPassword: password, newPassword: 'qwertyuiop123' }).expect(400);
      expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'notCommon' })]);
      const same = await change({ currentPassword: password, newPassword: password }).expect(400);
      expect(same.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'differs' })]);
      const named = await change({ currentPassword: password, newPassword: 'change-me-later-x' }).expect(400);
      expect(named.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'notEmail' })]);
      // Refused changes changed nothing.
      await me(phone.accessToken).expect(200);

      const changed = (await change({ currentPassword: password, newPassword: 'a-brand-new-passphrase' }).expect(200)).body;
      for (const tokens of [laptop, phone]) {
        await me(tokens.accessToken).expect(401);
        await refresh(tokens.refreshToken).expect(401);
      }
      await me(changed.accessToken).expect(200);
      await ctx.http.post('/api/v1/auth/login').send({ email: 'change@example.org', password }).expect(401);
      await ctx.http.post('/api/v1/auth/login').send({ email: 'change@example.org', password: 'a-brand-new-passphrase' }).expect(200);
      const sessions = await ctx.dataSource.query(`SELECT revoked_reason FROM auth_sessions ORDER BY created_at`);
      expect(sessions.map((s: { revoked_reason: string | null }) => s.revoked_reason)).toEqual(['password_changed', 'password_changed', null, null]);
      const [user] = await ctx.dataSource.query(`SELECT password_changed_at FROM users WHERE email = 'change@example.org'`);
      expect(user.password_changed_at).toBeInstanceOf(Date);
    });

    it('an access token that names no session, or another user’s session, is refused', async () => {
      const a = await register('a-user@example.org');
      const b = await ctx.newUser('investor');
      const jwt = new JwtService();
      const [session] = await ctx.dataSource.query(`SELECT id FROM auth_sessions WHERE user_id = (SELECT id FROM users WHERE email = 'a-user@example.org')`);
      const noSession = jwt.sign({ sub: b.id, role: 'investor' }, { secret: process.env.JWT_SECRET });
      const othersSession = jwt.sign({ sub: b.id, role: 'investor', sid: session.id }, { secret: process.env.JWT_SECRET });
      await me(noSession).expect(401);
      await me(othersSession).expect(401);
      await me(a.accessToken).expect(200);
    });
  });
});
