import type { Page } from 'playwright-core';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { WebHarness } from '../support/browser';
import { createRequest, decide } from '../support/meeting-requests-support';

interface Slot {
  id: string;
  index: number;
  start: string;
}
interface Meeting {
  id: string;
  slotId: string;
  table: number;
  participants: Array<{ organisationId: string; name: string }>;
}
interface Schedule {
  version: number;
  status: string;
  published: boolean;
  meetings: Meeting[];
}

describe('staff: event builder and scheduling board (real api, real worker, headless Chromium)', () => {
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

  async function logIn(page: Page, user: TestUser): Promise<void> {
    await page.goto('/login');
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  const schedule = async (staff: TestUser, eventId: string) => (await ctx.http.get(`/api/v1/events/${eventId}/schedule`).set(...bearer(staff)).expect(200)).body as Schedule;

  it('staff build an event, run the scheduler, move meetings by drag and drop and by keyboard, publish; a founder gets the agenda .ics', async () => {
    const staff = await ctx.newUser('staff');
    const founderA = await ctx.newUser('company');
    const alpha = await ctx.newCompany(founderA, { name: 'Alpha Bio' });
    const founderB = await ctx.newUser('company');
    const beta = await ctx.newCompany(founderB, { name: 'Beta Med' });
    const investor = await ctx.newUser('investor');
    const fund = await ctx.newFund(investor, { name: 'Fondo Uno' });

    let eventId = '';
    const { context, page } = await web.page('en-GB');
    page.setDefaultTimeout(10_000);
    try {
      await logIn(page, staff);
      await page.waitForURL('**/staff');
      await page.getByRole('heading', { name: 'Staff dashboard' }).waitFor();
      // Queue health from the api: one row per queue.
      await page.getByRole('rowheader', { name: 'scheduling', exact: true }).waitFor();
      expect(await page.getByRole('rowheader').count()).toBeGreaterThanOrEqual(7);
      await page.getByRole('link', { name: 'Events', exact: true }).first().click();
      await page.waitForURL('**/staff/events');

      // Event builder: a calendar with overlapping windows is refused, the API's error shown at that window.
      await page.getByLabel('Name', { exact: true }).fill('Meet in Italy 2027');
      await page.getByLabel('Slot length (minutes)').fill('20');
      await page.getByLabel('Tables').fill('2');
      await page.getByLabel('Maximum meetings per participant').fill('4');
      await page.getByLabel('Date of day 1').fill('2027-03-18');
      await page.getByLabel('Start of window 1, day 1').fill('09:00');
      await page.getByLabel('End of window 1, day 1').fill('11:00');
      await page.getByLabel('Name of window 1, day 1 (optional)').fill('Morning');
      await page.getByRole('button', { name: 'Add a session window' }).click();
      await page.getByLabel('Start of window 2, day 1').fill('10:00');
      await page.getByLabel('End of window 2, day 1').fill('12:00');
      await page.getByRole('button', { name: 'Create event' }).click();
      const window2 = page.getByRole('group', { name: 'Session window 2' });
      await window2.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').first().textContent()).toContain('days.0.windows.1');
      await page.getByLabel('Start of window 2, day 1').fill('14:00');
      await page.getByLabel('End of window 2, day 1').fill('15:00');
      await page.getByRole('button', { name: 'Create event' }).click();
      await page.waitForURL(/\/staff\/events\/[0-9a-f-]{36}$/);
      eventId = page.url().split('/').pop() as string;
      await page.getByRole('heading', { name: 'Meet in Italy 2027' }).waitFor();
      await page.getByRole('heading', { name: 'Slots (9)' }).waitFor();

      // Register Alpha Bio through the organisation picker; the others through the API.
      await page.getByLabel('Search organisations by name').fill('Alpha');
      await page.getByRole('radio', { name: 'Alpha Bio' }).check();
      await page.getByRole('button', { name: 'Register', exact: true }).click();
      await page.getByText('Alpha Bio registered.').waitFor();
      for (const org of [beta, fund]) await ctx.http.post(`/api/v1/events/${eventId}/participants`).set(...bearer(staff)).send({ organisationId: org.id }).expect(201);
      // Two accepted meeting requests for the event: Fondo Uno meets Alpha Bio and Beta Med.
      for (const [to, user] of [[alpha, founderA], [beta, founderB]] as const) {
        const req = await createRequest(() => ctx.http, investor, { toOrganisationId: to.id, area: 'venture_capital', eventId });
        expect(req.status).toBe(201);
        expect((await decide(() => ctx.http, user, req.body.request.id, 'accept')).status).toBe(200);
      }

      // The board: run the scheduler and wait for it.
      await page.getByRole('link', { name: 'Open the scheduling board' }).click();
      await page.waitForURL(`**/staff/events/${eventId}/board`);
      await page.getByRole('button', { name: 'Run scheduler' }).click();
      await page.getByTestId('schedule-status').filter({ hasText: 'completed' }).waitFor({ timeout: 20_000 });
      const first = await schedule(staff, eventId);
      expect(first.meetings).toHaveLength(2);
      await page.getByRole('table', { name: /Meetings by slot and table/ }).waitFor();

      // Drag a meeting onto a free cell in a slot where nobody of it meets anyone.
      const slots = (await ctx.http.get(`/api/v1/events/${eventId}/slots`).set(...bearer(staff)).expect(200)).body as Slot[];
      const usedSlots = new Set(first.meetings.map((m) => m.slotId));
      const target = slots.find((s) => !usedSlots.has(s.id)) as Slot; // the first free row: both cells in view, no scrolling mid-drag
      const dragged = first.meetings[0];
      await page.locator(`[data-meeting-id="${dragged.id}"]`).dragTo(page.locator(`td[data-slot="${target.id}"][data-table="1"]`));
      await page.getByRole('status').filter({ hasText: 'moved to' }).waitFor();
      const afterDrag = await schedule(staff, eventId);
      expect(afterDrag.version).toBe(first.version + 1);
      expect(afterDrag.meetings.find((m) => m.id === dragged.id)).toMatchObject({ slotId: target.id, table: 1 });
      await page.locator(`td[data-slot="${target.id}"][data-table="1"] [data-meeting-id="${dragged.id}"]`).waitFor();

      // Keyboard: select the other meeting with Enter, then an arrow key moves it to the other table of its slot.
      const other = afterDrag.meetings.find((m) => m.id !== dragged.id) as Meeting;
      const otherButton = page.locator(`[data-meeting-id="${other.id}"]`);
      await otherButton.focus();
      await page.keyboard.press('Enter');
      await page.locator(`[data-meeting-id="${other.id}"][aria-pressed="true"]`).waitFor();
      await page.keyboard.press(other.table === 1 ? 'ArrowRight' : 'ArrowLeft');
      const otherTable = other.table === 1 ? 2 : 1;
      await page.locator(`td[data-slot="${other.slotId}"][data-table="${otherTable}"] [data-meeting-id="${other.id}"]`).waitFor();
      const afterKeys = await schedule(staff, eventId);
      expect(afterKeys.meetings.find((m) => m.id === other.id)).toMatchObject({ slotId: other.slotId, table: otherTable });
      // The focus stays on the moved meeting.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-meeting-id'))).toBe(other.id);

      // A refused move shows the API's 409: the dragged meeting's fund is busy in the other meeting's slot.
      await page.locator(`[data-meeting-id="${other.id}"]`).click(); // deselect
      await page.locator(`[data-meeting-id="${dragged.id}"]`).click();
      await page.getByRole('button', { name: new RegExp(`^Move the selected meeting to .*table ${other.table}$`) }).first().waitFor();
      await page.getByLabel('Slot', { exact: true }).last().selectOption(other.slotId);
      await page.getByLabel('Table', { exact: true }).selectOption(String(other.table));
      await page.getByRole('button', { name: 'Move to' }).click();
      await page.getByTestId('board-error').filter({ hasText: 'Fondo Uno already has a meeting' }).waitFor();
      expect((await schedule(staff, eventId)).version).toBe(afterKeys.version);

      // Publish.
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByTestId('schedule-status').filter({ hasText: 'published' }).waitFor();
      expect((await schedule(staff, eventId)).published).toBe(true);
      await web.screenshot(page, 'staff-board-published');
    } catch (e) {
      await web.screenshot(page, 'staff-board-failure');
      throw e;
    } finally {
      await context.close();
    }

    // The founder of Alpha Bio logs in and downloads the agenda as iCalendar with the app's token.
    const founder = await web.page('en-GB');
    try {
      await logIn(founder.page, founderA);
      await founder.page.waitForURL((url) => !url.pathname.startsWith('/login'));
      const ics = await founder.page.evaluate(async (path) => {
        const res = await fetch(path, { headers: { authorization: `Bearer ${localStorage.getItem('hubmatch.token')}` } });
        return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
      }, `/api/v1/events/${eventId}/agenda/${alpha.id}.ics`);
      expect(ics.status).toBe(200);
      expect(ics.type).toMatch(/^text\/calendar/);
      expect(ics.text).toContain('BEGIN:VCALENDAR');
      expect(ics.text).toContain('TZID:Europe/Rome');
      expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(ics.text).toContain('Fondo Uno');
      // The same from the API as that founder.
      const direct = await ctx.http.get(`/api/v1/events/${eventId}/agenda/${alpha.id}.ics`).set(...bearer(founderA)).expect(200);
      expect(direct.text).toContain('BEGIN:VEVENT');
      await web.screenshot(founder.page, 'staff-board-founder-agenda');
    } finally {
      await founder.context.close();
    }
  }, 120_000);
});
