import { QueueName } from '@hub/core';
import { bearer, TestContext, type TestUser } from '../support/test-app';

describe('queue dashboard (Bull Board) for staff', () => {
  let ctx: TestContext;
  let staff: TestUser;
  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    staff = await ctx.newUser('staff');
  });
  afterAll(() => ctx.close());

  it('refuses anonymous callers and non-staff with the API error body', async () => {
    const anonymous = await ctx.http.get('/admin/queues').expect(401);
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    await ctx.http.get('/admin/queues').set('authorization', 'Bearer not-a-token').expect(401);
    const founder = await ctx.newUser('company');
    const refused = await ctx.http.get('/admin/queues/api/queues').set(...bearer(founder)).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    await ctx.http.post('/api/v1/auth/admin-session').set(...bearer(founder)).expect(403);
  });

  it('lets staff in with a Bearer token or the admin-session cookie, and lists every queue', async () => {
    const page = await ctx.http.get('/admin/queues').set(...bearer(staff)).expect(200);
    expect(page.text).toContain('Hub Match queues');

    const session = await ctx.http.post('/api/v1/auth/admin-session').set(...bearer(staff)).expect(204);
    const setCookie = ([] as string[]).concat(session.headers['set-cookie'] ?? []);
    expect(setCookie[0]).toMatch(/^hub_admin=.+; Max-Age=\d+; Path=\/admin; Expires=.+; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie[0].split(';')[0];
    const queues = await ctx.http.get('/admin/queues/api/queues').set('cookie', cookie).expect(200);
    const names = (queues.body.queues as Array<{ name: string }>).map((q) => q.name).sort();
    expect(names).toEqual(Object.values(QueueName).sort());
  });
});
