import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { TestContext } from '../support/test-app';
import { WebHarness } from '../support/browser';
import { FITTING_COMPANY, FITTING_FUND } from '../support/matching-fixtures';

/** Clicks Refresh until the text shows (the worker scores in the background), or fails after the timeout. */
async function waitWithRefresh(page: Page, text: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const target = page.getByRole('heading', { name: text, exact: true });
  while (!(await target.isVisible())) {
    if (Date.now() > deadline) throw new Error(`"${text}" did not appear within ${timeoutMs} ms`);
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForLoadState('networkidle');
  }
}

describe('member journey in the browser (real api, real worker, headless Chromium)', () => {
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

  it('a founder signs up and completes the profile wizard; an investor sees the company in its matches and requests a meeting; the founder accepts it', async () => {
    const investor = await ctx.newUser('investor');
    const fund = await ctx.newFund(investor, { ...FITTING_FUND, name: 'Cell Therapy Ventures I' });
    const companyName = 'Armoured CAR-T Srl';
    const founderEmail = `founder-${Date.now()}@example.test`;

    const founder = await web.page('en-GB');
    const inv = await web.page('en-GB');
    try {
      // Sign-up.
      const f = founder.page;
      await f.goto('/signup');
      await f.getByLabel('a company').check();
      await f.getByLabel('E-mail').fill(founderEmail);
      await f.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
      await f.getByRole('button', { name: 'Sign up' }).click();
      await f.waitForURL('**/profile');
      await f.getByRole('heading', { name: 'Create your company profile' }).waitFor();

      // Step 1: basics, with a website the API refuses.
      await f.getByLabel('Name', { exact: true }).fill(companyName);
      await f.getByLabel('Kind').selectOption('startup');
      await f.getByLabel('Country').fill('IT');
      await f.getByLabel('City').fill('Milano');
      await f.getByLabel('Website').fill('not a website');
      await f.getByLabel('Pitch (one or two sentences)').fill(FITTING_COMPANY.pitch);
      await f.getByLabel('Description').fill(FITTING_COMPANY.description);
      const meterBefore = await f.getByText(/% complete/).textContent();
      await f.getByRole('button', { name: 'Next' }).click();

      // Step 2: taxonomy pickers (labels in the UI language, CAR-T under cell therapy).
      await f.getByRole('heading', { name: 'Fields' }).waitFor();
      await f.getByLabel('Biotechnology', { exact: true }).check();
      await f.getByLabel('Oncology', { exact: true }).check();
      await f.getByLabel('CAR-T', { exact: true }).check();
      await f.getByRole('button', { name: 'Next' }).click();

      // Step 3: stage, TRL, funding.
      await f.getByRole('heading', { name: 'Stage, TRL and funding' }).waitFor();
      await f.getByLabel('Stage', { exact: true }).selectOption('seed');
      await f.getByLabel('Technology readiness level (TRL)').selectOption('4');
      await f.getByLabel('Funding sought (EUR)').fill(String(FITTING_COMPANY.fundingSoughtEur));
      await f.getByLabel('IP status').selectOption('filed');
      await f.getByLabel('Investment', { exact: true }).check();
      await f.getByRole('button', { name: 'Next' }).click();

      // Step 4: review and create: the API's field error shows inline, on the step that holds the field.
      await f.getByRole('heading', { name: 'Review' }).waitFor();
      expect(await f.getByText(/% complete/).textContent()).not.toBe(meterBefore);
      await f.getByRole('button', { name: 'Create profile' }).click();
      await f.getByRole('heading', { name: 'Basics' }).waitFor();
      const website = f.getByLabel('Website');
      expect(await website.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await website.getAttribute('aria-describedby')) as string;
      expect(await f.locator(`[id="${describedBy}"]`).textContent()).toMatch(/website/i);

      await website.fill('https://armoured-cart.example');
      await f.getByRole('button', { name: '4. Review' }).click();
      // Consent to be shown is asked for explicitly, and unticked until the founder ticks it.
      const consent = f.getByLabel('Show our profile to other hub members (search, matches and profile pages)');
      expect(await consent.isChecked()).toBe(false);
      await consent.check();
      await f.getByRole('button', { name: 'Create profile' }).click();
      await f.getByRole('status').filter({ hasText: 'Profile created.' }).waitFor();
      await f.getByRole('heading', { name: 'Company profile' }).waitFor();
      await f.getByRole('status').filter({ hasText: 'Your profile is shown to other hub members since' }).waitFor();
      await f.getByRole('button', { name: 'Hide our profile' }).waitFor();
      const [stored] = await ctx.dataSource.query(`SELECT id, stage, trl, therapeutic_areas FROM companies WHERE name = $1`, [companyName]);
      expect(stored).toMatchObject({ stage: 'seed', trl: 4 });

      // The investor logs in and waits for the worker to score the new company.
      const i = inv.page;
      await i.goto('/login');
      await i.getByLabel('E-mail').fill(investor.email);
      await i.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
      await i.getByRole('button', { name: 'Log in' }).click();
      await i.waitForURL('**/matches');
      await i.getByRole('heading', { name: 'Matches' }).waitFor();
      await waitWithRefresh(i, companyName);
      const card = i.getByRole('listitem', { name: companyName });
      expect(await card.textContent()).toMatch(/\d+\/100 · (Excellent|Good|Fair)/);
      expect(await card.textContent()).toMatch(/Why:/);
      await card.getByRole('button', { name: 'Request a meeting' }).click();
      await card.getByLabel('Message (optional)').fill('We would like to hear about your armoured CAR-T programme.');
      await card.getByRole('button', { name: 'Send request' }).click();
      await card.getByRole('status').filter({ hasText: 'Meeting requested.' }).waitFor();
      expect(await card.getByRole('status').textContent()).toMatch(/9 of 10 meeting requests left/);
      await web.screenshot(i, 'member-journey-investor-requested');

      // The founder sees it under incoming requests and accepts it.
      await f.getByRole('link', { name: 'Meeting requests' }).click();
      await f.waitForURL('**/requests');
      const request = f.getByRole('listitem', { name: fund.name });
      await request.waitFor();
      expect(await request.textContent()).toMatch(/Pending/);
      expect(await request.textContent()).toMatch(/\d+ d \d+ h left/);
      await request.getByRole('button', { name: `Accept the request from ${fund.name}` }).click();
      await request.getByText('Accepted').waitFor();
      const [row] = await ctx.dataSource.query(`SELECT status FROM meeting_requests`);
      expect(row.status).toBe('accepted');
      const shot = await web.screenshot(f, 'member-journey-founder-accepted');
      expect(existsSync(shot)).toBe(true);
    } finally {
      await founder.context.close();
      await inv.context.close();
    }
  }, 120_000);
});
