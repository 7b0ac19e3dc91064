import { spawn } from 'node:child_process';
import { freePort } from '../support/free-port';
import { TestContext, bearer } from '../support/test-app';
import { eventually } from '../support/test-worker';
import { builtApp } from '../support/worker-process';

const ALLOWED = 'https://partnering.lombardia-lifesciences.example';

/** CORS limited to the configured origin; security headers; credentials and personal data kept out of the logs. */
describe('security', () => {
  describe('CORS limited to CORS_ORIGIN', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await TestContext.create({ corsOrigin: ALLOWED });
    });
    afterAll(() => ctx.close());

    it('answers a preflight from the configured origin, and gives another origin no CORS header', async () => {
      const allowed = await ctx.http.options('/api/v1/auth/me').set('origin', ALLOWED).set('access-control-request-method', 'GET').set('access-control-request-headers', 'authorization');
      expect(allowed.status).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();

      const other = await ctx.http.options('/api/v1/auth/me').set('origin', 'https://evil.example').set('access-control-request-method', 'GET');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const read = await ctx.http.get('/health').set('origin', 'https://evil.example').expect(200);
      expect(read.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('without CORS_ORIGIN', () => {
    let ctx: TestContext;
    beforeAll(async () => {
      ctx = await TestContext.create({ corsOrigin: null });
    });
    afterAll(() => ctx.close());

    it('sends no CORS header at all (the web app is served from the api origin)', async () => {
      const res = await ctx.http.options('/api/v1/auth/me').set('origin', ALLOWED).set('access-control-request-method', 'GET');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('sets helmet headers on API answers and errors alike, and no stack trace or SQL in a 4xx body', async () => {
      for (const res of [await ctx.http.get('/health'), await ctx.http.get('/api/v1/companies/not-a-uuid').set('authorization', 'Bearer x'), await ctx.http.get('/api/v1/nope')]) {
        expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': expect.stringContaining('max-age=') });
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.text).not.toMatch(/\n\s+at |node_modules|SELECT |INSERT |QueryFailedError/);
      }
      const user = await ctx.newUser('company');
      const bad = await ctx.http.post('/api/v1/companies').set(...bearer(user)).send({ name: 'x'.repeat(10_000), kind: 'startup', country: 'IT' }).expect(400);
      expect(bad.text).not.toMatch(/\n\s+at |node_modules|SELECT |INSERT /);
    });
  });

  describe('logs of the built api', () => {
    it('carry requests, but never a password, a token, a refresh token, the JWT secret or an e-mail address', async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [builtApp('api')], { env: { ...process.env, LOG_LEVEL: 'info', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      try {
        const base = `http://127.0.0.1:${port}`;
        await eventually(async () => expect((await fetch(`${base}/ready`)).status).toBe(200), 30_000, 200);
        const call = async (path: string, body?: object, token?: string) => {
          const res = await fetch(`${base}${path}`, {
            method: body ? 'POST' : 'GET',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: body ? JSON.stringify(body) : undefined,
          });
          return { status: res.status, body: (res.status === 204 ? {} : await res.json()) as Record<string, string> };
        };
        const email = `logged.${Date.now()}@secret-domain.example`;
        const password = 'never-in-any-log-line-42';
        const newPassword = 'also-never-in-a-log-line-43';
        expect((await call('/api/v1/auth/register', { email, password, role: 'investor' })).status).toBe(201);
        const login = await call('/api/v1/auth/login', { email, password });
        expect(login.status).toBe(200);
        await call('/api/v1/auth/login', { email, password: 'a-wrong-guess-for-the-log' });
        const refreshed = await call('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
        expect(refreshed.status).toBe(200);
        expect((await call('/api/v1/auth/me', undefined, refreshed.body.accessToken)).status).toBe(200);
        const changed = await call('/api/v1/auth/password', { currentPassword: password, newPassword }, refreshed.body.accessToken);
        expect(changed.status).toBe(200);
        await call('/api/v1/auth/logout', {}, changed.body.accessToken);
        // Each request is logged (method and route), so the check below reads real lines.
        await eventually(async () => expect(output).toContain('/api/v1/auth/logout'), 5_000);

        const secrets = {
          email,
          'e-mail domain': 'secret-domain.example',
          password,
          newPassword,
          'wrong guess': 'a-wrong-guess-for-the-log',
          'access token': login.body.accessToken,
          'refresh token secret': login.body.refreshToken.split('.')[1],
          'rotated refresh token secret': refreshed.body.refreshToken.split('.')[1],
          'JWT signature': login.body.accessToken.split('.')[2],
          JWT_SECRET: process.env.JWT_SECRET as string,
        };
        const leaked = Object.entries(secrets).filter(([, value]) => output.includes(value)).map(([name]) => name);
        expect(leaked).toEqual([]);
      } finally {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }, 60_000);
  });
});
