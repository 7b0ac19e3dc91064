import { TestContext } from '../support/test-app';

describe('health, readiness and the OpenAPI document', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  it('answers liveness without a token', async () => {
    const res = await ctx.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('reports PostgreSQL and Redis ready', async () => {
    const res = await ctx.http.get('/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.postgres.status).toBe('up');
    expect(res.body.details.redis.status).toBe('up');
  });

  it('serves the OpenAPI document with every public route', async () => {
    const res = await ctx.http.get('/api/docs-json').expect(200);
    const paths = Object.keys(res.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/companies',
        '/api/v1/companies/{id}',
        '/api/v1/funds/{id}',
        '/api/v1/research-centres/{id}',
        '/api/v1/research-centres/{id}/technology-offers/{offerId}',
        '/api/v1/taxonomy',
        '/api/v1/imports/{kind}',
      ]),
    );
    expect(res.body.components.schemas.CreateCompanyDto.required).toEqual(expect.arrayContaining(['name', 'kind', 'country']));
  });

  it('sets security headers (helmet)', async () => {
    const res = await ctx.http.get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await ctx.http.get('/api/v1/nope').set('authorization', 'Bearer x').expect(404);
    expect(res.body.code).toBeDefined();
  });
});
