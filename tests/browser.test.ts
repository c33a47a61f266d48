/**
 * The pages itss writes, opened in a real browser (Debian's Chromium, driven by playwright-core): the gap page and
 * the organisation summary render their sections, charts and table, log no error, ask the network for nothing,
 * keep a hostile name as text (no dialog opens), and print a page per level. Screenshots go to tmp/screenshots
 * (and, with UPDATE_SCREENSHOTS=1, to examples/screenshots, which README.ja.md shows).
 * Chromium missing is a failure, never a skip: `.ci/run` installs it.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../src/batch/loadMapping.js';
import { runBatch } from '../src/batch/runBatch.js';
import type { AssessmentRecord } from '../src/engine/assessment.js';
import { Describer } from '../src/messages/describe.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { runCli, tempFolder } from './cliHarness.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = resolve('tmp/screenshots');
const { dir, write } = tempFolder('itss-browser-');
const profile = mkdtempSync(join(tmpdir(), 'itss-chromium-'));
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  mkdirSync(SHOTS, { recursive: true });
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1100, height: 900 } });
}, 60_000);

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
});

/** Opens a local page, collecting console errors, page errors, dialogs and every request beyond the page itself. */
async function open(file: string): Promise<{ page: Page; problems: string[] }> {
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
  await page.goto(url);
  return { page, problems };
}

async function shot(page: Page, name: string, fullPage: boolean): Promise<void> {
  await page.screenshot({ path: join(SHOTS, name), fullPage });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync('examples/screenshots', { recursive: true });
    copyFileSync(join(SHOTS, name), join('examples/screenshots', name));
  }
}

describe('pages in a browser', () => {
  it('the gap page: a section per next level, each criterion with its clause; a printed page per level', async () => {
    const file = join(dir, 'gap.html');
    expect((await runCli(['gap', 'examples/yamada-hanako.yaml', '-o', file, '--as-of', '2026-04-01', '--lang', 'ja'])).code).toBe(0);
    const { page, problems } = await open(file);
    expect(await page.locator('h1').textContent()).toBe('山田 花子（E0001）');
    expect(await page.locator('section.level').count()).toBe(4);
    expect(await page.locator('section.level h3').count()).toBeGreaterThan(15);
    expect(await page.locator('blockquote').first().textContent()).toMatch(/^「ＩＴサービスマネジメント/);
    await shot(page, 'gap.ja.png', false);
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.locator('section.level').evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks).toEqual(['auto', 'page', 'page', 'page']);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('the organisation summary: a chart per specialty, departments, and a table that sorts', async () => {
    const file = join(dir, 'summary.html');
    expect((await runCli(['batch', 'examples/hr-mapping', '--map', 'examples/hr-mapping/mapping.yaml', '-o', file, '--as-of', '2026-04-01', '--lang', 'ja'])).code).toBe(0);
    const { page, problems } = await open(file);
    expect(await page.locator('section.specialty svg.chart').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThan(8);
    expect(await page.locator('section.departments tbody tr').count()).toBe(2);
    const ids = () => page.locator('table.people tbody tr td:first-child').allTextContents();
    expect((await ids()).sort()).toEqual(['A-0101', 'A-0102', 'A-0199']);
    const header = page.locator('table.people th').first();
    await header.click();
    expect(await ids()).toEqual(['A-0101', 'A-0102', 'A-0199']);
    await header.click();
    expect(await ids()).toEqual(['A-0199', 'A-0102', 'A-0101']);
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    // The shortfall in words, on the unmet criteria: what the describer makes of A-0199's next level.
    const standard = builtinStandard();
    const mapping = loadMapping(readFileSync('examples/hr-mapping/mapping.yaml', 'utf8'), 'mapping.yaml', standard);
    const records: AssessmentRecord[] = [];
    await runBatch(['examples/hr-mapping'], { standard, asOf: '2026-04-01', mapping }, { assessed: (a) => records.push(a), rejected: () => undefined });
    const om = records.find((r) => r.candidate.id === 'A-0199')!.specialties[0]!;
    const shortfall = new Describer('ja', standard).shortfall(om.specialty, om.next!.level, om.next!.gaps);
    expect(shortfall).not.toBe('');
    expect(await page.locator('table.people tbody tr').first().locator('td').nth(4).getAttribute('title')).toBe(shortfall);
    await shot(page, 'summary.ja.png', true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a hostile name stays text, and opens nothing', async () => {
    const input = write('engagements.csv', 'candidate_id,candidate_name,specialty,role,from\n"<img src=x onerror=alert(1)>","<script>alert(2)</script>",operation,leader,2019-04\n');
    const summary = join(dir, 'hostile.html');
    expect((await runCli(['batch', input, '-o', summary, '--as-of', '2026-04-01'])).code).toBe(0);
    const { page, problems } = await open(summary);
    expect(await page.locator('table.people tbody tr td').nth(1).textContent()).toBe('<script>alert(2)</script>');
    expect(await page.locator('table.people tbody tr td').first().textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(readFileSync(summary, 'utf8')).not.toContain('<script>alert');
    await page.close();
  }, 60_000);
});
