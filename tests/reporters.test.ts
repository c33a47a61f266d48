import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { SharedResults, evaluate } from '../src/engine/evaluate.js';
import type { SpecialtyResult } from '../src/engine/assessment.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import type { Lang } from '../src/messages/describe.js';
import { levelsReporter } from '../src/reporters/levelsReporter.js';
import { reporters } from '../src/reporters/reporters.js';
import { displayWidth } from '../src/reporters/wrapText.js';
import { madeUpStandard } from './helpers.js';

/**
 * Golden files: the reporters' whole output for fixed inputs. After an intended change of wording or layout,
 * regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/reporters.test.ts` and review the diff.
 */
function golden(name: string, actual: string): void {
  const file = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  // A missing golden file fails (it is never written silently, which would make the test pass by itself).
  expect(existsSync(file), `tests/golden/${name} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const standard = builtinStandard();
const example = evaluate(standard, loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'examples/yamada-hanako.yaml', standard), { asOf: '2026-04-01' });
const madeUp = evaluate(madeUpStandard, loadCandidate(readFileSync('tests/fixtures/made-up-candidate.yaml', 'utf8'), 'made-up-candidate.yaml', madeUpStandard), { asOf: '2026-04-01' });

describe('reporters', () => {
  it.each<[string, Lang]>([
    ['example.table.ja.txt', 'ja'],
    ['example.table.en.txt', 'en'],
  ])('table (short, the default): %s', (name, lang) => {
    golden(name, reporters.table([example], { lang, standard, width: 120 }));
  });

  it.each<[string, Lang]>([
    ['example.gap.ja.txt', 'ja'],
    ['example.gap.en.txt', 'en'],
  ])('gap, each next level: %s', async (name, lang) => {
    const { gapReporter } = await import('../src/reporters/gapReporter.js');
    const { nextLevels } = await import('../src/reporters/reportPage.js');
    golden(name, gapReporter(example, nextLevels(example), { lang, standard, width: 100 }));
  });

  it.each<[string, Lang]>([
    ['example.detail.ja.txt', 'ja'],
    ['example.detail.en.txt', 'en'],
  ])('table --detail: %s', (name, lang) => {
    golden(name, reporters.table([example], { lang, standard, width: 120, detail: true }));
  });

  it('table: prose wraps at a narrow terminal, Japanese by characters, English by words', () => {
    for (const lang of ['ja', 'en'] as const) {
      const lines = reporters.table([example], { lang, standard, width: 60 }).split('\n');
      expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(60);
    }
    // No English word or number is cut: the words read the same at 60 columns as on one long line.
    const words = (width: number) => reporters.table([example], { lang: 'en', standard, width }).replace(/[─┌┐└┘├┤┬┴┼│]/g, ' ').split(/\s+/);
    expect(words(60)).toEqual(words(160));
    expect(words(60)).toContain('¥350,000,000;');
  });

  it.each<[string, Lang, 'md' | 'html']>([
    ['example.page.ja.md', 'ja', 'md'],
    ['example.page.en.md', 'en', 'md'],
    ['example.page.ja.html', 'ja', 'html'],
    ['example.page.en.html', 'en', 'html'],
  ])('page: %s (the levels, then each next level criterion by criterion, with its clause)', (name, lang, format) => {
    golden(name, reporters[format]([example], { lang, standard }));
  });

  it('pages keep a hostile name as text', () => {
    const hostile = { ...example, candidate: { id: '<img src=x onerror=alert(1)>', name: '<script>alert("x")</script>*bold*' } };
    const page = reporters.html([hostile], { lang: 'en', standard });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // Nothing the page needs comes from elsewhere: no script, no link, no external source.
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b/);
    expect(page).not.toMatch(/<[^>]*\s(src|href)=/);
    expect(page).not.toMatch(/@import|url\(/);
    const markdown = reporters.md([hostile], { lang: 'en', standard });
    expect(markdown).toContain('\\<script\\>alert("x")\\</script\\>\\*bold\\*');
  });

  it.each<[string, Lang, string]>([
    ['summary.en.md', 'en', 'md'],
    ['summary.ja.html', 'ja', 'html'],
  ])('organisation summary: %s (levels and blockers per specialty, departments, everyone closest first)', async (name, lang, format) => {
    const { runCli, tempFolder } = await import('./cliHarness.js');
    const { dir } = tempFolder('itss-summary-');
    const out = `${dir}/summary.${format}`;
    const run = await runCli(['batch', 'examples/hr-mapping', '--map', 'examples/hr-mapping/mapping.yaml', '-o', out, '--as-of', '2026-04-01', '--lang', lang]);
    expect(run.code).toBe(0);
    golden(name, readFileSync(out, 'utf8'));
  });

  it('the organisation summary keeps a hostile name as text, and loads nothing from elsewhere', async () => {
    const { runCli, tempFolder } = await import('./cliHarness.js');
    const { dir, write } = tempFolder('itss-summary-hostile-');
    const input = write('engagements.csv', 'candidate_id,candidate_name,specialty,role,from\n"<img src=x onerror=alert(1)>","<script>alert(1)</script>",operation,leader,2019-04\n');
    expect((await runCli(['batch', input, '-o', `${dir}/s.html`, '--as-of', '2026-04-01'])).code).toBe(0);
    const page = readFileSync(`${dir}/s.html`, 'utf8');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/<(img|iframe|link|object|embed)\b/);
    expect(page.match(/<script>/g)).toHaveLength(1); // the table's sorter, inline
    expect(page).not.toMatch(/<[^>]*\s(src|href)=|@import|url\(/);
  });

  it('json: the example', () => {
    golden('example.json', reporters.json([example], { lang: 'en', standard }));
  });

  it('table: a made-up job category, in English', () => {
    golden('made-up.table.en.txt', reporters.table([madeUp], { lang: 'en', standard: madeUpStandard, width: 100, detail: true }));
  });

  it.each<[string, Lang]>([
    ['levels.ja.txt', 'ja'],
    ['levels.en.txt', 'en'],
  ])('levels: %s', (name, lang) => {
    golden(name, levelsReporter({ lang, standard }));
  });

  it('json has no sentences: every string is an id, a date, a title or a name from the input', () => {
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(reporters.json([example], { lang: 'en', standard })));
    const titles = new Set(loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'x', standard).engagements.map((e) => e.title));
    const allowed = (s: string) => /^[a-z0-9-]+$/i.test(s) || /^\d{4}-\d{2}-\d{2}$/.test(s) || titles.has(s) || ['山田 花子', 'E0001', '障害予兆検知の取り組み', '新任者向け 運用管理研修'].includes(s);
    expect(strings.filter((s) => !allowed(s))).toEqual([]);
  });
});

describe('wrapText', () => {
  it.each([
    ['ascii words', 'alpha beta gamma', 11, ['alpha beta', 'gamma']],
    ['wide characters count two columns', '運用管理責任者', 6, ['運用管', '理責任', '者']],
    ['breaks between Japanese characters, never before closing punctuation (禁則)', 'サービス、リスク', 8, ['サービ', 'ス、リス', 'ク']],
    ['never inside a number where it fits', 'now ¥350,000,000', 13, ['now', '¥350,000,000']],
    ['no leading space on a wrapped line', 'a, b', 2, ['a,', 'b']],
  ])('%s', async (_name, text, width, lines) => {
    const { wrapText, displayWidth } = await import('../src/reporters/wrapText.js');
    const out = wrapText(text, width).split('\n');
    expect(out).toEqual(lines);
    for (const line of out) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });
});

describe('serializeAssessment', () => {
  it('is JSON.stringify, with shared specialty results reused', async () => {
    const { serializeAssessment } = await import('../src/reporters/serializeAssessment.js');
    const sharedResults = new SharedResults<SpecialtyResult>();
    const text = readFileSync('examples/yamada-hanako.yaml', 'utf8');
    const candidate = loadCandidate(text, 'x.yaml', standard);
    const first = evaluate(standard, candidate, { asOf: '2026-04-01', sharedResults });
    const second = evaluate(standard, { ...candidate, id: 'E0002' }, { asOf: '2026-04-01', sharedResults });
    expect(sharedResults.size).toBe(2); // システム管理 and オペレーション: no engagement, no expertise
    expect(second.specialties[1]).toBe(first.specialties[1]);
    expect(first).toEqual(evaluate(standard, candidate, { asOf: '2026-04-01' }));
    for (const a of [first, second]) expect(serializeAssessment(a)).toBe(JSON.stringify(a));
  });
});
