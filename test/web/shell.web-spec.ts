import { existsSync } from 'node:fs';
import { TestContext } from '../support/test-app';
import { WebHarness } from '../support/browser';
import { eventually } from '../support/test-worker';

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

  it('renews an access token the API refuses with the refresh token, once, and ends the session on the server at log-out', async () => {
    const user = await ctx.newUser('investor', { email: 'session@example.test' });
    await ctx.newFund(user, { name: 'Session Fund' });
    const { context, page } = await web.page('en-GB');
    try {
      await page.goto('/login');
      await page.getByLabel('E-mail').fill('session@example.test');
      await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Matches' }).waitFor();
      const firstRefresh = await page.evaluate(() => localStorage.getItem('hubmatch.refresh'));
      expect(firstRefresh).toMatch(/^[0-9a-f-]{36}\./);

      // The access token goes bad (as an expired one would): the next call renews it and goes through.
      await page.evaluate(() => localStorage.setItem('hubmatch.token', 'not.a.valid-token'));
      await page.goto('/profile');
      await page.getByRole('heading', { name: 'Fund profile' }).waitFor();
      const renewed = await page.evaluate(() => ({ access: localStorage.getItem('hubmatch.token'), refresh: localStorage.getItem('hubmatch.refresh') }));
      expect(renewed.access?.split('.')).toHaveLength(3);
      expect(renewed.refresh).not.toBe(firstRefresh);

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL('**/login');
      expect(await page.evaluate(() => localStorage.getItem('hubmatch.refresh'))).toBeNull();
      // The server ended the session: the tokens the page held no longer work anywhere.
      await eventually(async () => expect((await ctx.http.post('/api/v1/auth/refresh').send({ refreshToken: renewed.refresh })).status).toBe(401));
      const me = await ctx.http.get('/api/v1/auth/me').set('authorization', `Bearer ${renewed.access}`);
      expect(me.status).toBe(401);
    } finally {
      await context.close();
    }
  });
  it('changes the password from the account page: mistakes shown at their fields, other sessions ended, this one kept', async () => {
    const user = await ctx.newUser('investor', { email: 'changer@example.test' });
    await ctx.newFund(user, { name: 'Changer Fund' });
    // Another session of the same account, e.g. a laptop left signed in.
    const other = await ctx.http.post('/api/v1/auth/login').send({ email: 'changer@example.test', password: 'correct-horse-battery' });
    expect(other.status).toBe(200);
    const { context, page } = await web.page('en-GB');
    try {
      await page.goto('/login');
      await page.getByLabel('E-mail').fill('changer@example.test');
      await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Matches' }).waitFor();
      await page.getByRole('link', { name: 'Password' }).click();
      await page.getByRole('heading', { name: 'Change password' }).waitFor();

      const fill = async (current: string, next: string, again: string) => {
        await page.getByLabel('Current password').fill(current);
        await page.getByLabel('New password', { exact: true }).fill(next);
        await page.getByLabel('New password, again').fill(again);
        await page.getByRole('button', { name: 'Change password' }).click();
      };
      await fill('correct-horse-battery', 'lantern-orchard-9', 'lantern-orchard-8');
      expect(await page.getByRole('alert').textContent()).toBe('The two new passwords differ.');
      await fill('not-my-password-1', 'lantern-orchard-9', 'lantern-orchard-9');
      expect(await page.getByRole('alert').textContent()).toMatch(/currentPassword is not this account's password/);
      await fill('correct-horse-battery', 'password123', 'password123');
      expect(await page.getByRole('alert').textContent()).toMatch(/newPassword/);
      await fill('correct-horse-battery', 'lantern-orchard-9', 'lantern-orchard-9');
      await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();

      // This page stays signed in on its new session; the other session is over; the new password works.
      await page.getByRole('link', { name: 'Profile' }).click();
      await page.getByRole('heading', { name: 'Fund profile' }).waitFor();
      expect((await ctx.http.get('/api/v1/auth/me').set('authorization', `Bearer ${other.body.accessToken}`)).status).toBe(401);
      expect((await ctx.http.post('/api/v1/auth/login').send({ email: 'changer@example.test', password: 'lantern-orchard-9' })).status).toBe(200);
    } finally {
      await context.close();
    }
  });
});
