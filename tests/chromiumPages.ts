/**
 * Pages opened in Debian's Chromium (driven by playwright-core), for the browser tests: launched once with a fresh
 * profile, and each page opened with what it does wrong collected. Chromium missing is a failure, never a skip:
 * `.ci/run` installs it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium, headless, with a profile of its own; `close` ends it and removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  const profile = mkdtempSync(join(tmpdir(), 'itss-chromium-'));
  const viewport = { width: 1100, height: 900 };
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a local page, collecting console errors, page errors, dialogs and every request beyond the page itself. */
export async function openPage(context: BrowserContext, file: string, timeout?: number): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => r.url() !== url && !r.url().startsWith('data:') && problems.push(`request: ${r.url()}`));
  await page.goto(url, { waitUntil: 'load', ...(timeout === undefined ? {} : { timeout }) });
  return { page, problems };
}
