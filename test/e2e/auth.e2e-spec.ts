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
      expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600 });
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
});
