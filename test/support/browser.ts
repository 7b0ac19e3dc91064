import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from './free-port';
import { startTestWorker } from './test-worker';
import type { TestContext } from './test-app';

/** Debian's Chromium (installed by scripts/ensure-services.sh); playwright-core drives it, nothing is downloaded. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Without these, Chromium tries the network at start and this machine refuses it. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOTS = join(process.cwd(), 'test-output', 'web');

/**
 * The real api (serving the built web app from dist/web) listening on a free port, the real worker in-process,
 * and a headless Chromium. One per test file.
 */
export class WebHarness {
  private constructor(
    readonly baseUrl: string,
    private readonly browser: Browser,
    private readonly worker: INestApplication,
  ) {}

  static async start(ctx: TestContext): Promise<WebHarness> {
    if (!existsSync(join(process.cwd(), 'dist', 'web', 'index.html'))) throw new Error('dist/web is missing: run `npm run build` (npm test does) before the web tests');
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run scripts/ensure-services.sh (it installs Debian's chromium)`);
    const port = await freePort();
    await ctx.app.listen(port, '127.0.0.1');
    const worker = await startTestWorker();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    return new WebHarness(`http://127.0.0.1:${port}`, browser, worker);
  }

  /** A fresh browser profile (no token, no language choice) with the given UI language. */
  async page(locale = 'en-GB'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({ baseURL: this.baseUrl, locale, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    return { context, page };
  }

  /** The test's last page, kept under test-output/web for people to look at. */
  async screenshot(page: Page, name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.worker.close();
  }
}
