import { existsSync } from 'node:fs';
import { TestContext } from '../support/test-app';
import { WebHarness } from '../support/browser';

describe('web app shell (real api, real worker, headless Chromium)', () => {
  let ctx: TestContext;
  let web: WebHarness;

  beforeAll(async () => {
    ctx = await TestContext.create();
    web = await WebHarness.start(ctx);
  });
  beforeEach(() => ctx.truncate());
  afterAll(async () => {
    await web.close();
    await ctx.close();
  });

  it('serves the app on the api origin, sends visitors to the log-in page, switches language, and shows the API error of a failed log-in', async () => {
    const { context, page } = await web.page('en-GB');
    try {
      await page.goto('/');
      await page.waitForURL('**/login');
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      // Every control has a label.
      await page.getByLabel('E-mail').fill('nobody@example.test');
      await page.getByLabel('Password', { exact: true }).fill('wrong-password-123');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toMatch(/email or password is wrong/i);

      await page.getByLabel('Language').selectOption('it');
      await page.getByRole('heading', { name: 'Accedi' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('it');
      // A client-side route loaded directly gets the app; the API still answers JSON.
      const direct = await page.goto('/signup');
      expect(direct?.status()).toBe(200);
      await page.getByRole('heading', { name: 'Registrati' }).waitFor();
      const apiMiss = await page.request.get('/api/v1/nope');
      expect(apiMiss.status()).toBe(404);
      expect((await apiMiss.json()).code).toBe('ROUTE_NOT_FOUND');
      const shot = await web.screenshot(page, 'shell-signup-it');
      expect(existsSync(shot)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
