/**
 * The pages itss writes, opened in a real browser (Debian's Chromium, driven by playwright-core): the gap page and
 * the organisation summary render their sections, charts and table, log no error, ask the network for nothing,
 * keep a hostile name as text (no dialog opens), and the gap page prints on few A4 pages. Screenshots go to tmp/screenshots
 * (and, with UPDATE_SCREENSHOTS=1, to examples/screenshots, which README.ja.md shows).
 * Chromium missing is a failure, never a skip: `.ci/run` installs it.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../src/hr/loadMapping.js';
import { runBatch } from '../src/batch/runBatch.js';
import type { AssessmentRecord } from '../src/engine/assessment.js';
import { Describer } from '../src/messages/describe.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { launchChromium, openPage } from './chromiumPages.js';
import { runCli, tempFolder } from './cliHarness.js';

const SHOTS = resolve('tmp/screenshots');
const { dir, write } = tempFolder('itss-browser-');
let context: BrowserContext;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ context, close } = await launchChromium());
}, 60_000);

afterAll(async () => {
  await close?.();
});

const open = (file: string) => openPage(context, file);

async function shot(page: Page, name: string, fullPage: boolean): Promise<void> {
  await page.screenshot({ path: join(SHOTS, name), fullPage });
  if (process.env.UPDATE_SCREENSHOTS) {
    mkdirSync('examples/screenshots', { recursive: true });
    copyFileSync(join(SHOTS, name), join('examples/screenshots', name));
  }
}

describe('pages in a browser', () => {
  it('the gap page: the person, their levels and engagements, then a section per next level; printed on few A4 pages', async () => {
    const file = join(dir, 'gap.html');
    expect((await runCli(['gap', 'examples/yamada-hanako.yaml', '-o', file, '--as-of', '2026-04-01', '--lang', 'ja'])).code).toBe(0);
    const { page, problems } = await open(file);
    expect(await page.locator('h1').textContent()).toBe('山田 花子（E0001）');
    // The levels of the specialties practised (operation management, service desk), with the levels aimed at.
    const cells = (row: number) => page.locator('table.summary tbody tr').nth(row).locator('td').allTextContents();
    expect(await page.locator('table.summary tbody tr').count()).toBe(2);
    expect(await cells(0)).toEqual(['運用管理', '4', '3', '5', '4']);
    expect(await cells(1)).toEqual(['サービスデスク', '3', '3', '4', '4']);
    expect(await page.locator('p.left-out').textContent()).toContain('実務経験のない専門分野（システム管理、オペレーション）は省略しました');
    // What #3 is, before the sentences that say #3.
    expect(await page.locator('section.engagements tbody tr td:first-child').allTextContents()).toEqual(['#1', '#2', '#3', '#4']);
    const third = await page.locator('section.engagements tbody tr').nth(2).locator('td').allTextContents();
    expect(third).toEqual(['#3', '次期基盤情報システム 運用管理 リーダ', '2020-04-01〜2023-03-31', 'リーダ']);
    expect(await page.locator('section.level').count()).toBe(2);
    expect(await page.locator('section.level .criterion h3').count()).toBe(12);
    expect(await page.locator('blockquote').first().textContent()).toMatch(/^「ＩＴサービスマネジメント/);
    await shot(page, 'gap.ja.png', false);
    // Printed: no level forced onto a page of its own (that left pages nearly blank); a criterion kept whole, a
    // heading kept with what follows it.
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.locator('section.level').evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks).toEqual(['auto', 'auto']);
    expect(await page.locator('.criterion').first().evaluate((c) => getComputedStyle(c).breakInside)).toBe('avoid');
    expect(await page.locator('section.level h2').first().evaluate((h) => getComputedStyle(h).breakAfter)).toBe('avoid');
    // Laid out as wide as A4 less its margins (180 mm, 680 px), no table reaches past the page's edge.
    await page.setViewportSize({ width: 680, height: 986 });
    const edges = await page.evaluate(() => [...document.querySelectorAll('table')].map((t) => Math.max(t.getBoundingClientRect().right, t.scrollWidth)));
    expect(edges).toHaveLength(2);
    for (const edge of edges) expect(edge).toBeLessThanOrEqual(680);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(680);
    // About 3¼ pages of content: on 4 A4 pages (a page per level printed 5). Chromium writes its page objects plainly.
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    const pages = [...pdf.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].length;
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(4);
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
    // A-0101 practises operation management (its unmet criteria: the fifth cell); A-0199 practises nothing (empty cells).
    const om = records.find((r) => r.candidate.id === 'A-0101')!.specialties[0];
    const shortfall = new Describer('ja', standard).shortfall(om.specialty, om.next!.level, om.next!.gaps);
    expect(shortfall).not.toBe('');
    const rowOf = (id: string) => page.locator('table.people tbody tr', { has: page.locator(`td:first-child:text-is("${id}")`) });
    expect(await rowOf('A-0101').locator('td').nth(4).getAttribute('title')).toBe(shortfall);
    expect(await rowOf('A-0199').locator('td').allTextContents()).toEqual(['A-0199', '小林 彩', '運用サービス部', '', '', '', '', '', '', '', '']);
    await shot(page, 'summary.ja.png', true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('the organisation summary prints on A4: charts portrait, everyone on landscape pages, headings broken between words', async () => {
    const file = join(dir, 'summary-print.html');
    expect((await runCli(['batch', 'examples/hr-export', '-o', file, '--as-of', '2026-04-01', '--lang', 'ja'])).code).toBe(0);
    const { page, problems } = await open(file);
    const pdf = join(dir, 'summary.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    const text = readFileSync(pdf, 'latin1');
    const pages = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => (Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'));
    // A4 is 595 × 842 points: the specialties portrait, then the everyone table on a landscape page.
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toBe('landscape');
    expect(pages.slice(0, -1).every((p) => p === 'portrait')).toBe(true);
    // On a landscape page's width, in print, no heading of the everyone table takes more than three lines.
    await page.setViewportSize({ width: 1070, height: 760 });
    await page.emulateMedia({ media: 'print' });
    const lines = await page.locator('table.people th').evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight))));
    expect(Math.max(...lines)).toBeLessThanOrEqual(3);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('the diff page: who moved, with a chart of movements per specialty; printed on one or two A4 pages', async () => {
    // Two runs of the HR export a year apart (tests/diff.test.ts says what changed), one JSON Lines, one a workbook.
    const file = join(dir, 'diff.html');
    const run = await runCli(['diff', 'tests/fixtures/diff/hr-2023.jsonl', 'tests/fixtures/diff/hr-2024.xlsx', '-o', file, '--lang', 'ja']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const { page, problems } = await open(file);
    const d = new Describer('ja', builtinStandard());
    expect(await page.locator('h1').textContent()).toBe(d.t('diff.title'));
    expect(await page.locator('dl.files dd').allTextContents()).toEqual([
      expect.stringMatching(/^tests\/fixtures\/diff\/hr-2023\.jsonl — 2023-04-01 時点/),
      expect.stringMatching(/^tests\/fixtures\/diff\/hr-2024\.xlsx — /),
    ]);
    // The chart: a row per specialty, a bar up and a bar down each; one went down in 運用管理, one up in サービスデスク.
    const chart = page.locator('svg.chart');
    expect(await chart.count()).toBe(1);
    const bars = async (kind: 'up' | 'down') => chart.locator(`rect.${kind}`).evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    const [up, down] = [await bars('up'), await bars('down')];
    expect([up.length, down.length]).toEqual([4, 4]);
    // Each row's label is the specialty's name, from the message table (the standard's order).
    const names = d.standard.specialties.map((s) => d.specialtyName(s.id));
    const labels = (await chart.locator('text[text-anchor="end"]').allTextContents()).filter((l) => names.includes(l));
    expect(labels).toEqual(names);
    const row = (id: string) => labels.indexOf(d.specialtyName(id));
    expect(down[row('operation-management')]).toBeGreaterThan(0);
    expect(up[row('service-desk')]).toBeGreaterThan(0);
    expect(up.filter((w) => w > 0)).toHaveLength(1);
    expect(down.filter((w) => w > 0)).toHaveLength(1);
    // Drawn: the bars have a size on screen, in the page's colours.
    const box = await chart.locator('rect.up').nth(row('service-desk')).boundingBox();
    expect(box!.width).toBeGreaterThan(10);
    // The sections, and who is in them.
    const section = (key: 'changes' | 'blocked' | 'unblocked' | 'departments') => d.t(`diff.section.${key}`);
    const counted = (key: 'added' | 'removed', n: number) => d.t('diff.section.count', { heading: d.t(`diff.section.${key}`), n });
    expect(await page.locator('h2').allTextContents()).toEqual([
      section('changes'), section('blocked'), section('unblocked'), counted('added', 1), counted('removed', 1), section('departments'),
    ]);
    const firstRow = await page.locator('table.diff').first().locator('tbody tr td').allTextContents();
    expect(firstRow).toEqual(['基盤サービス部', 'A-0101', '伊藤 由美', '3', '—', '↓']);
    await shot(page, 'diff.ja.png', true);
    // Printed on A4 portrait: laid out 180 mm (680 px) wide, nothing reaches past the page's edge; few pages.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 680, height: 986 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(680);
    const edges = await page.evaluate(() => [...document.querySelectorAll('table, svg')].map((t) => t.getBoundingClientRect().right));
    for (const edge of edges) expect(edge).toBeLessThanOrEqual(680);
    expect(await page.locator('table.diff thead').first().evaluate((t) => getComputedStyle(t).display)).toBe('table-header-group');
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    const pages = [...pdf.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
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
