/**
 * `itss diff OLD NEW` (cli.md "itss diff OLD NEW"), end to end through the CLI: results of the shipped HR export
 * (examples/hr-mapping) a year apart in every format itss writes, which must all give one diff; golden files of the
 * terminal report, the pages and the CSV; and bad inputs, each with its message and exit status.
 *
 * The fixtures (tests/fixtures/diff/hr-2023.*, hr-2024.*, yamada-*) are itss's own results, kept so that these tests
 * read files as a past run wrote them: regenerate with `UPDATE_DIFF_FIXTURES=1 npx vitest run tests/diff.test.ts`.
 * hr-2023 is examples/hr-mapping as of 2023-04-01; hr-2024 is tests/fixtures/diff/export-2024 as of 2024-04-01 — the
 * same export a year on: A-0199 has left, A-0103 joined, A-0101 moved department and has no skill rating yet (level 3
 * lost: expertise now blocks it), and Ａ－０１０２ (A-0102 written full-width) reached level 3 in the service desk.
 * The fixture workbooks were written before a workbook recorded its as-of date and standard (in its document
 * properties): they read as such an older workbook does, neither recorded; a fresh one records both.
 * Goldens: `UPDATE_GOLDEN=1`, as tests/reporters.test.ts.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readResults } from '../src/diff/readResults.js';
import type { AssessmentRecord } from '../src/engine/assessment.js';
import { Describer } from '../src/messages/describe.js';
import { en } from '../src/messages/en.js';
import { XlsxResults } from '../src/reporters/xlsxResults.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { readXlsx } from '../src/tabular/readXlsx.js';
import { runCli, tempFolder } from './cliHarness.js';
import { madeUpStandard } from './helpers.js';
import Papa from 'papaparse';

const FIXTURES = 'tests/fixtures/diff';
const fixture = (name: string) => `${FIXTURES}/${name}`;
const MAP = 'examples/hr-mapping/mapping.yaml';

/** Results files of two runs a year apart, in every format `itss batch` writes results in (and both languages). */
const FORMATS = ['jsonl', 'json', 'csv', 'xlsx', 'en.csv', 'en.xlsx'] as const;

async function writeFixtures(): Promise<void> {
  const runs = [
    ['hr-2023', 'examples/hr-mapping', '2023-04-01'],
    ['hr-2024', fixture('export-2024'), '2024-04-01'],
  ] as const;
  for (const [name, input, asOf] of runs) {
    for (const format of FORMATS) {
      const lang = format.startsWith('en.') ? 'en' : 'ja';
      const run = await runCli(['batch', input, '--map', MAP, '--as-of', asOf, '--lang', lang, '-o', fixture(`${name}.${format}`)]);
      expect(run.code, run.stderr).toBe(0);
    }
  }
  // `itss assess`: one pretty-printed result (--format json), and a result a line (jsonl).
  for (const [name, format, asOf] of [['yamada-2025.json', 'json', '2025-04-01'], ['yamada-2026.jsonl', 'jsonl', '2026-04-01']] as const) {
    const run = await runCli(['assess', 'examples/yamada-hanako.yaml', '--format', format, '--as-of', asOf]);
    writeFileSync(fixture(name), run.stdout);
  }
}

function golden(name: string, actual: string): void {
  const file = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(existsSync(file), `tests/golden/${name} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** `itss diff --format json`, parsed; the files' own descriptions (`old`, `new`) apart from what changed. */
async function diffJson(oldFile: string, newFile: string, extra: string[] = []) {
  const run = await runCli(['diff', oldFile, newFile, '--format', 'json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  const { old, new: now, ...changes } = JSON.parse(run.stdout) as Record<string, unknown>;
  return { old, now, changes };
}

beforeAll(async () => {
  if (process.env.UPDATE_DIFF_FIXTURES) await writeFixtures();
});

describe('itss diff: the HR export a year apart, in every format', () => {
  it('finds who went up or down, who joined and left, and what newly blocks a level (matched in NFKC: Ａ－０１０２ is A-0102)', async () => {
    const { old, now, changes } = await diffJson(fixture('hr-2023.jsonl'), fixture('hr-2024.jsonl'));
    expect(old).toEqual({ file: fixture('hr-2023.jsonl'), format: 'jsonl', asOf: '2023-04-01', standard: { id: 'itss-v3-itsm', version: '2011' }, people: 3 });
    expect(now).toEqual({ file: fixture('hr-2024.jsonl'), format: 'jsonl', asOf: '2024-04-01', standard: { id: 'itss-v3-itsm', version: '2011' }, people: 3 });
    expect(changes).toEqual({
      specialties: ['operation-management', 'system-management', 'operation', 'service-desk'],
      changes: [
        { id: 'A-0101', name: '伊藤 由美', department: '基盤サービス部', specialty: 'operation-management', from: 3, to: null },
        { id: 'Ａ－０１０２', name: '渡辺 大輔', department: 'サポートセンター', specialty: 'service-desk', from: null, to: 3 },
      ],
      added: [{ id: 'A-0103', name: '山本 翔太', department: 'サポートセンター' }],
      removed: [{ id: 'A-0199', name: '小林 彩', department: '運用サービス部' }],
      blocking: [
        { id: 'A-0101', name: '伊藤 由美', department: '基盤サービス部', specialty: 'operation-management', level: 3, criterion: 'expertise', change: 'blocked' },
        { id: 'Ａ－０１０２', name: '渡辺 大輔', department: 'サポートセンター', specialty: 'service-desk', level: 3, criterion: 'responsibility', change: 'unblocked' },
      ],
      warnings: [],
      excluded: [],
    });
  });

  it('gives the same diff whichever formats OLD and NEW are in (JSON Lines, JSON, CSV, workbook; Japanese or English headers)', async () => {
    const { changes: expected } = await diffJson(fixture('hr-2023.jsonl'), fixture('hr-2024.jsonl'));
    for (const a of FORMATS) {
      for (const b of FORMATS) {
        const { old, now, changes } = await diffJson(fixture(`hr-2023.${a}`), fixture(`hr-2024.${b}`));
        expect(changes, `${a} → ${b}`).toEqual(expected);
        // A CSV or a workbook records neither its as-of date nor its standard: said as unknown (null).
        for (const [run, format] of [[old, a], [now, b]] as const) {
          const table = format.endsWith('csv') || format.endsWith('xlsx');
          expect(run).toMatchObject({ format: format.replace('en.', ''), people: 3, ...(table ? { asOf: null, standard: null } : {}) });
        }
      }
    }
  });

  it('reads results CSV written before the 到達見込日 column (six columns a specialty), either language', async () => {
    const { write } = tempFolder('itss-diff-older-');
    for (const name of ['hr-2024.csv', 'hr-2024.en.csv']) {
      const text = readFileSync(fixture(name), 'utf8').replace(/^\uFEFF/, '');
      const rows = Papa.parse<string[]>(text.trimEnd()).data;
      // The seventh column of each of the four specialties (from column 3, seven a specialty) left out.
      const reachedOn = new Set([0, 1, 2, 3].map((s) => 3 + s * 7 + 6));
      expect(rows[0].filter((_, i) => reachedOn.has(i)).every((h) => /到達見込日|reached_on/.test(h)), name).toBe(true);
      const older = write(`older-${name}`, `\uFEFF${Papa.unparse(rows.map((r) => r.filter((_, i) => !reachedOn.has(i))), { newline: '\r\n' })}\r\n`);
      const expected = await diffJson(fixture('hr-2023.jsonl'), fixture(name));
      const read = await diffJson(fixture('hr-2023.jsonl'), older);
      expect(read.changes, name).toEqual(expected.changes);
      expect(read.now, name).toMatchObject({ format: 'csv', people: 3 });
    }
  });

  it('fresh runs of examples/hr-mapping a year apart (--as-of): JSON Lines and the workbook give the same diff', async () => {
    const { dir } = tempFolder('itss-diff-fresh-');
    for (const asOf of ['2023-04-01', '2024-04-01']) {
      for (const format of ['jsonl', 'xlsx']) {
        const run = await runCli(['batch', 'examples/hr-mapping', '--map', MAP, '--as-of', asOf, '-o', join(dir, `${asOf}.${format}`)]);
        expect(run.code, run.stderr).toBe(0);
      }
    }
    const jsonl = await diffJson(join(dir, '2023-04-01.jsonl'), join(dir, '2024-04-01.jsonl'));
    expect((await diffJson(join(dir, '2023-04-01.xlsx'), join(dir, '2024-04-01.xlsx'))).changes).toEqual(jsonl.changes);
    const mixed = await diffJson(join(dir, '2023-04-01.jsonl'), join(dir, '2024-04-01.xlsx'));
    expect(mixed.changes).toEqual(jsonl.changes);
    // A workbook records its as-of date and standard (in its document properties), as JSON Lines do.
    expect(mixed.now).toEqual({ ...(jsonl.now as object), file: join(dir, '2024-04-01.xlsx'), format: 'xlsx' });
    expect(mixed.now).toMatchObject({ asOf: '2024-04-01', standard: { id: 'itss-v3-itsm', version: '2011' } });
    // A year on, 渡辺 大輔 has the months of responsibility level 3 of the service desk asks for.
    expect(jsonl.changes.changes).toEqual([{ id: 'A-0102', name: '渡辺 大輔', department: 'サポートセンター', specialty: 'service-desk', from: null, to: 3 }]);
    expect(jsonl.changes.added).toEqual([]);
    expect(jsonl.changes.removed).toEqual([]);
  });

  it('reads itss assess --format json (one pretty-printed result) and --format jsonl', async () => {
    const { old, now, changes } = await diffJson(fixture('yamada-2025.json'), fixture('yamada-2026.jsonl'));
    expect(old).toMatchObject({ format: 'json', asOf: '2025-04-01', people: 1 });
    expect(now).toMatchObject({ format: 'jsonl', asOf: '2026-04-01', people: 1 });
    expect(changes).toMatchObject({ added: [], removed: [], warnings: [] });
  });

  it('reads JSON however it is laid out: a result a line (LF or CRLF), a batch’s array, an array on one line, pretty-printed', async () => {
    const { write } = tempFolder('itss-diff-layouts-');
    const lines = readFileSync(fixture('hr-2024.jsonl'), 'utf8').trim().split('\n');
    const expected = await readResults(fixture('hr-2024.jsonl'), builtinStandard(), 'en');
    const layouts = {
      'crlf.jsonl': ['jsonl', `\uFEFF${lines.join('\r\n')}\r\n`],
      'batch.json': ['json', `[\n${lines.join(',\n')}\n]\n`],
      'compact.json': ['json', `[${lines.join(',')}]`],
      'pretty.json': ['json', JSON.stringify(lines.map((l) => JSON.parse(l) as unknown), null, 2)],
    } as const;
    for (const [name, [format, text]] of Object.entries(layouts)) {
      const run = await readResults(write(name, text), builtinStandard(), 'en');
      expect(run.format, name).toBe(format);
      const people = (r: typeof run) => r.people.map((p) => [p.id, p.name, p.department, [...p.specialties]]);
      expect(people(run), name).toEqual(people(expected));
      expect([run.asOf, run.standard], name).toEqual([expected.asOf, expected.standard]);
    }
  });

  it('reads ids and names as the JSON has them, whatever the CSV guarded against formulas (=, -, +, @)', async () => {
    const { dir, write } = tempFolder('itss-diff-guarded-');
    write('engagements.csv', 'candidate_id,specialty,role,from\n-0001,operation,leader,2019-04\n+0002,service-desk,member,2020-04\n');
    write('people.csv', 'candidate_id,candidate_name,department\n-0001,=HYPERLINK("x"),@部\n+0002,"山田 花子 ",\n');
    const input = join(dir, '*.csv').replace('*.csv', '');
    const people = async (format: string) => {
      const out = join(dir, `results.${format}`);
      const run = await runCli(['batch', join(input, 'engagements.csv'), join(input, 'people.csv'), '-o', out, '--as-of', '2026-04-01']);
      expect(run.code, run.stderr).toBe(0);
      return (await readResults(out, builtinStandard(), 'en')).people.map((p) => [p.id, p.name, p.department, [...p.specialties]]);
    };
    const fromJson = await people('jsonl');
    expect(fromJson.map((p) => p.slice(0, 3))).toEqual([['-0001', '=HYPERLINK("x")', '@部'], ['+0002', '山田 花子', null]]);
    expect(await people('csv')).toEqual(fromJson);
    expect(await people('xlsx')).toEqual(fromJson);
  });

  it('diff(B, A) mirrors diff(A, B) through the CLI', async () => {
    const forth = (await diffJson(fixture('hr-2023.xlsx'), fixture('hr-2024.csv'))).changes as Record<string, { id: string; from?: number; to?: number; change?: string }[]>;
    const back = (await diffJson(fixture('hr-2024.csv'), fixture('hr-2023.xlsx'), ['--lang', 'en'])).changes as typeof forth;
    const ids = (list: { id: string }[]) => list.map((p) => p.id.normalize('NFKC'));
    expect(ids(back.added)).toEqual(ids(forth.removed));
    expect(ids(back.removed)).toEqual(ids(forth.added));
    expect(back.changes.map((c) => [c.id.normalize('NFKC'), c.to, c.from])).toEqual(forth.changes.map((c) => [c.id.normalize('NFKC'), c.from, c.to]));
    expect(back.blocking.map((b) => b.change)).toEqual(forth.blocking.map((b) => (b.change === 'blocked' ? 'unblocked' : 'blocked')));
  });
});

describe('itss diff: the reports (golden files)', () => {
  const [oldFile, newFile] = [fixture('hr-2023.jsonl'), fixture('hr-2024.xlsx')];

  it.each(['ja', 'en'] as const)('terminal report in %s', async (lang) => {
    const run = await runCli(['diff', oldFile, newFile, '--lang', lang]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    golden(`diff.table.${lang}.txt`, run.stdout);
  });

  it.each([
    ['diff.page.ja.md', 'ja'],
    ['diff.page.en.md', 'en'],
    ['diff.page.ja.html', 'ja'],
    ['diff.ja.csv', 'ja'],
  ] as const)('%s', async (name, lang) => {
    const { dir } = tempFolder('itss-diff-golden-');
    const out = join(dir, name.replace(/^diff\.(page\.)?(ja|en)\./, 'changes.'));
    const run = await runCli(['diff', oldFile, newFile, '--lang', lang, '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    golden(name, readFileSync(out, 'utf8'));
  });

  it('json', async () => {
    const run = await runCli(['diff', oldFile, newFile, '--format', 'json']);
    golden('diff.json', run.stdout);
  });

  it('the page is one self-contained file: a chart drawn in it, nothing loaded, no script; text from the files stays text', async () => {
    const { write } = tempFolder('itss-diff-page-');
    const hostile = readFileSync(fixture('hr-2024.jsonl'), 'utf8').replace('"山本 翔太"', '"<script>alert(1)</script>"');
    const page = (await runCli(['diff', oldFile, write('hostile.jsonl', hostile), '--format', 'html'])).stdout;
    expect(page).toContain('<svg class="chart"');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b/);
    expect(page).not.toMatch(/<[^>]*\s(src|href)=|@import|url\(/);
    expect(page).toContain('@page { size: A4');
  });

  it('the workbook: the changes (levels as numbers) and the files compared', async () => {
    const { dir } = tempFolder('itss-diff-xlsx-');
    const out = join(dir, 'changes.xlsx');
    const run = await runCli(['diff', oldFile, newFile, '-o', out, '--lang', 'ja']);
    expect(run.code, run.stderr).toBe(0);
    const sheets = await readXlsx(out, { ids: ['社員番号', 'ファイル'], columns: [] }, () => () => undefined);
    expect(sheets.map((s) => s.sheet)).toEqual(['差分', '比較したファイル']);
    const rows = (i: number) => Array.from({ length: sheets[i].table.rows.length }, (_, r) => sheets[i].table.rows.get(r));
    expect(sheets[0].table.header).toEqual(['変化', '社員番号', '氏名', '所属', '専門分野', '旧レベル', '新レベル', '増減', '次のレベル', '指標']);
    expect(rows(0)).toEqual([
      ['下降', 'A-0101', '伊藤 由美', '基盤サービス部', '運用管理', '3', '', '', '', ''],
      ['上昇', 'Ａ－０１０２', '渡辺 大輔', 'サポートセンター', 'サービスデスク', '', '3', '', '', ''],
      ['新たに未達', 'A-0101', '伊藤 由美', '基盤サービス部', '運用管理', '', '', '', '3', '専門性'],
      ['未達を解消', 'Ａ－０１０２', '渡辺 大輔', 'サポートセンター', 'サービスデスク', '', '', '', '3', '責任性'],
      ['追加', 'A-0103', '山本 翔太', 'サポートセンター', '', '', '', '', '', ''],
      ['削除', 'A-0199', '小林 彩', '運用サービス部', '', '', '', '', '', ''],
    ]);
    expect(rows(1)).toEqual([
      ['旧', oldFile, 'jsonl', '2023-04-01', 'itss-v3-itsm 2011', '3'],
      ['新', newFile, 'xlsx', '', '', '3'],
    ]);
  });

  it('reads a results workbook whose summary continues on more sheets (一覧 (2), past Excel’s rows)', async () => {
    const { dir } = tempFolder('itss-diff-continued-');
    const records = readFileSync(fixture('hr-2024.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AssessmentRecord);
    const out = join(dir, 'continued.xlsx');
    // Two rows a sheet (the header and one person): three summary sheets.
    const results = XlsxResults.open(out, 'test', new Describer('ja', builtinStandard()), { maxRows: 2 });
    for (const record of records) results.add(record);
    results.commit();
    const run = await readResults(out, builtinStandard(), 'ja');
    expect(run.people.map((p) => p.id)).toEqual(records.map((r) => r.candidate.id));
    const fromJson = await readResults(fixture('hr-2024.jsonl'), builtinStandard(), 'ja');
    expect(run.people.map((p) => [...p.specialties])).toEqual(fromJson.people.map((p) => [...p.specialties]));
  });

  it('nothing changed: said so', async () => {
    const { write } = tempFolder('itss-diff-same-');
    // The same results as another run of the same day would write them (not the same file, not a byte copy).
    const copy = write('again.jsonl', `${readFileSync(fixture('hr-2024.jsonl'), 'utf8')}\n`);
    const run = await runCli(['diff', fixture('hr-2024.jsonl'), copy]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(en.text['diff.none']);
  });
});

/**
 * The literal parts of a message template (what surrounds its `{parameters}`): all of them in a line of stderr say
 * it is that message, whatever its arguments.
 */
function messageParts(template: string): string[] {
  return template.split(/\{\w+\}/).map((part) => part.trim()).filter((part) => part.length > 3);
}

describe('itss diff: bad inputs, each said clearly with its exit status', () => {
  const { dir, write } = tempFolder('itss-diff-bad-');
  const good = fixture('hr-2023.jsonl');
  const goodNew = fixture('hr-2024.jsonl');
  // Read when a case runs (the fixtures may be rewritten first).
  const firstLine = () => readFileSync(good, 'utf8').split('\n')[0];
  const line = (over: Record<string, unknown>) => JSON.stringify({ ...(JSON.parse(firstLine()) as object), ...over });

  /** Each case: the files (OLD, NEW) made in a temporary folder, the message's key, the exit status. */
  const cases: [string, () => [string, string] | Promise<[string, string]>, keyof typeof en.text, number][] = [
    ['a candidate file (YAML), not results', () => ['examples/yamada-hanako.yaml', goodNew], 'diff.problem.unknown-format', 2],
    ['a candidate file in JSON', () => [write('candidate.json', JSON.stringify({ format: 'itss-candidate/v1', id: 'E1', engagements: [] })), goodNew], 'diff.problem.bad-record', 2],
    ['an empty file', () => [write('empty.jsonl', ''), goodNew], 'diff.problem.no-results', 2],
    ['a line cut short (a file truncated)', () => [write('cut.jsonl', `${firstLine()}\n${firstLine().slice(0, 80)}\n`), goodNew], 'diff.problem.not-json', 2],
    ['a result without its specialties', () => [write('nospec.jsonl', line({ specialties: undefined })), goodNew], 'diff.problem.bad-record', 2],
    ['a level that is not a number', () => [write('level.jsonl', line({ specialties: [{ specialty: 'operation', level: 'three', next: null }] })), goodNew], 'diff.problem.bad-record', 2],
    ['two runs in one file (as-of dates differ)', () => [write('two-runs.jsonl', `${firstLine()}\n${line({ asOf: '2024-04-01', candidate: { id: 'X9' } })}\n`), goodNew], 'diff.problem.mixed-as-of', 2],
    ['the rejected rows (--errors), not results', () => [write('errors.csv', '\uFEFFfile,row,column,candidate_id,path,code,value,expected,suggestion,message\r\n'), goodNew], 'diff.problem.errors-file', 2],
    ['an HR export table', () => ['examples/hr-mapping/社員マスタ.csv', goodNew], 'diff.problem.csv-header', 2],
    ['a results CSV with an edited level', () => [write('edited.csv', readFileSync(fixture('hr-2023.csv'), 'utf8').replace('\nA-0101,伊藤 由美,運用サービス部,3,', '\nA-0101,伊藤 由美,運用サービス部,三,')), goodNew], 'diff.problem.bad-cell', 2],
    ['an organisation summary page', async () => {
      const out = join(dir, 'summary.html');
      await runCli(['batch', 'examples/hr-mapping', '--map', MAP, '-o', out, '--as-of', '2023-04-01']);
      return [out, goodNew];
    }, 'diff.problem.summary-page', 2],
    ['an input workbook (itss init), not results', async () => {
      const out = join(dir, 'input.xlsx');
      await runCli(['init', out]);
      return [out, goodNew];
    }, 'diff.problem.workbook-sheets', 2],
    ['a damaged workbook', () => [write('damaged.xlsx', 'PK\u0003\u0004 not a zip after all'), goodNew], 'diag.bad-workbook', 2],
    ['a file that does not exist', () => [join(dir, 'missing.jsonl'), goodNew], 'diag.unreadable', 2],
    ['the same file twice', () => [good, `./${good}`], 'diff.problem.same-file', 2],
    ['a copy of OLD as NEW (identical content)', () => {
      const copy = join(dir, 'copy.jsonl');
      copyFileSync(good, copy);
      return [good, copy];
    }, 'diff.problem.same-content', 2],
    ['ids that collide after NFKC within a file (E1001 and Ｅ１００１): left out, the rest compared', () => [write('collide.jsonl', `${line({ candidate: { id: 'E1001' } })}\n${line({ candidate: { id: 'Ｅ１００１' } })}\n${firstLine()}\n`), good], 'diff.problem.id-collision', 1],
    ['results of different standards: a warning', () => [write('other-standard.jsonl', readFileSync(good, 'utf8').replaceAll('"version":"2011"', '"version":"2026"')), goodNew], 'diff.problem.different-standards', 0],
    ['OLD later than NEW: a warning', () => [goodNew, good], 'diff.problem.reversed-dates', 0],
    ['results of a tailored standard read with the built-in one', async () => {
      const out = join(dir, 'made-up.csv');
      const run = await runCli(['batch', 'tests/fixtures/made-up-candidate.yaml', '--standard', 'tests/fixtures/made-up-standard.yaml', '-o', out, '--as-of', '2026-04-01']);
      expect(run.code, run.stderr).toBe(0);
      return [out, goodNew];
    }, 'diff.problem.standard-columns', 2],
  ];

  it.each(cases)('%s', async (_name, files, key, exit) => {
    const [oldFile, newFile] = await files();
    const run = await runCli(['diff', oldFile, newFile]);
    expect(run.code, run.stderr).toBe(exit);
    for (const part of messageParts(en.text[key])) expect(run.stderr).toContain(part);
    // One line a problem, naming the file at fault (or both); never a stack trace.
    expect(run.stderr).not.toMatch(/^\s+at |Error:|internal error/m);
    if (key !== 'diff.problem.same-file' && key !== 'diff.problem.same-content' && key !== 'diff.problem.reversed-dates') expect(run.stderr).toContain(oldFile);
    // A warning, or people left out: the diff is made all the same.
    if (exit !== 2) expect(run.stdout).toContain(en.text['diff.title']);
    else expect(run.stdout).toBe('');
  });

  it('the same problems in Japanese', async () => {
    const run = await runCli(['diff', 'examples/yamada-hanako.yaml', goodNew], { LANG: 'ja_JP.UTF-8' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('itss が書き出した評価結果ではありません');
  });

  it('a tailored standard’s results are read with that standard (--standard)', async () => {
    const out = [join(dir, 'made-up-2025.csv'), join(dir, 'made-up-2026.jsonl')];
    for (const [i, asOf] of ['2025-04-01', '2026-04-01'].entries()) {
      expect((await runCli(['batch', 'tests/fixtures/made-up-candidate.yaml', '--standard', 'tests/fixtures/made-up-standard.yaml', '-o', out[i], '--as-of', asOf])).code).toBe(0);
    }
    const run = await runCli(['diff', out[0], out[1], '--standard', 'tests/fixtures/made-up-standard.yaml', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const diff = JSON.parse(run.stdout) as { specialties: string[]; old: { standard: unknown }; new: { standard: { id: string } } };
    expect(diff.specialties).toEqual(madeUpStandard.specialties.map((s) => s.id));
    expect(diff.old.standard).toBeNull();
    expect(diff.new.standard.id).toBe(madeUpStandard.id);
  });

  it.each([
    ['a workbook on the terminal', ['--format', 'xlsx'], 'diag.bad-choice'],
    ['an output that is one of the files compared', ['-o', 'OLD'], 'diag.output-is-input'],
    ['an output of no known format', ['-o', 'changes.pdf'], 'diag.unknown-output-format'],
  ] as const)('usage: %s (exit 2, nothing read)', async (_name, args, key) => {
    // OLD a copy, as the output named is OLD itself: never the fixture, were the guard to fail.
    const old = join(dir, 'old.csv');
    copyFileSync(fixture('hr-2023.csv'), old);
    const run = await runCli(['diff', old, goodNew, ...args.map((a) => (a === 'OLD' ? old : a))]);
    expect(run.code).toBe(2);
    for (const part of messageParts(en.text[key])) expect(run.stderr).toContain(part);
  });
});
