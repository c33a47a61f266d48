import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { itssProgram } from '../src/cli/commandLine.js';
import { COMMANDS, main } from '../src/cli/program.js';
import { Describer } from '../src/messages/describe.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { runCli, tempFolder } from './cliHarness.js';

const example = 'examples/yamada-hanako.yaml';
const { dir, write } = tempFolder('itss-cli-');
const bad = write('bad.yaml', 'id: E2\nengagements:\n  - specialty: devops\n    role: leader\n    from: 2019-04\n');

describe('itss assess', () => {
  it('prints the result object of cli.md with --format json', async () => {
    const { code, stdout } = await runCli(['assess', example, '--as-of', '2026-04-01', '--format', 'json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['candidate', 'asOf', 'standard', 'specialties', 'warnings']);
    expect(result.candidate).toEqual({ id: 'E0001', name: '山田 花子' });
    expect(result.asOf).toBe('2026-04-01');
    expect(result.standard.id).toBe('itss-v3-itsm');
    expect(result.specialties.map((s: { specialty: string }) => s.specialty)).toEqual(['operation-management', 'system-management', 'operation', 'service-desk']);
    const om = result.specialties[0];
    expect(Object.keys(om)).toEqual(expect.arrayContaining(['specialty', 'level', 'examLevel', 'levels', 'nonNested', 'next']));
    expect([om.level, om.examLevel, om.nonNested, om.next.level]).toEqual([4, 3, false, 5]);
    expect(om.levels.map((l: { level: number }) => l.level)).toEqual([3, 4, 5, 6, 7]);
    expect(Object.keys(om.levels[0].criteria[0])).toEqual(expect.arrayContaining(['id', 'met', 'required', 'actual', 'gap', 'evidence']));
    expect(om.levels[0].criteria.map((c: { id: string }) => c.id)).toEqual(['responsibility', 'complexity', 'size', 'expertise']);
    expect(om.next.gaps.map((g: { id: string }) => g.id)).toEqual(['responsibility', 'size', 'expertise', 'knowledge-transfer']);
  });

  it('prints a JSON array for several files', async () => {
    const { stdout } = await runCli(['assess', example, example, '--format', 'json']);
    expect(JSON.parse(stdout)).toHaveLength(2);
  });

  it.each(['2026/4/1', '令和8年4月1日', 'R8.4.1', '20260401'])('reads --as-of %s as a file\'s date would be read', async (asOf) => {
    const { code, stdout } = await runCli(['assess', example, '--as-of', asOf, '--format', 'json']);
    expect([code, JSON.parse(stdout).asOf]).toEqual([0, '2026-04-01']);
  });

  it('defaults --as-of to today', async () => {
    const { stdout } = await runCli(['assess', example, '--format', 'json']);
    expect(JSON.parse(stdout).asOf).toBe('2026-04-01');
  });

  it('exits 2 on a bad file, naming file, line and field, with no stack trace', async () => {
    const { code, stdout, stderr } = await runCli(['assess', bad]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${bad}:3:16`);
    expect(stderr).toContain('engagements[0].specialty');
    expect(stderr).toContain('devops');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 with a good and a bad file, still printing the good one', async () => {
    const { code, stdout, stderr } = await runCli(['assess', example, bad, '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toHaveLength(1);
    expect(stderr).toContain(bad);
  });

  it.each([
    [['assess', example, '--as-of', '2026-02-30'], 2],
    [['assess', example, '--as-of', 'yesterday'], 2],
    [['assess', example, '--format', 'xml'], 2],
    [['assess', example, '--lang', 'fr'], 2],
    [['assess', join(dir, 'missing.yaml')], 2],
    [['frobnicate'], 2],
    [['--help'], 0],
    [[], 2],
    [['assess', '--help'], 0],
  ])('%j exits %i', async (args, expected) => {
    expect((await runCli(args)).code).toBe(expected);
  });

  it('writes sentences in the language of --lang or LANG', async () => {
    expect((await runCli(['assess', example, '--lang', 'ja'])).stdout).toContain('運用管理 — レベル4');
    expect((await runCli(['assess', example], { LANG: 'ja_JP.UTF-8' })).stdout).toContain('レベル5に不足しているもの');
    expect((await runCli(['assess', example], { LANG: 'C' })).stdout).toContain('Missing for level 5');
  });

  it('loads a tailored standard with --standard', async () => {
    const { code, stdout } = await runCli(['assess', 'tests/fixtures/made-up-candidate.yaml', '--standard', 'tests/fixtures/made-up-standard.yaml', '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).specialties.map((s: { specialty: string; level: number }) => [s.specialty, s.level])).toEqual([
      ['network-ops', 2],
      ['helpdesk', 1],
    ]);
  });

  it('rejects a broken --standard file with its location', async () => {
    const broken = write('standard.yaml', readFileSync('tests/fixtures/made-up-standard.yaml', 'utf8').replace('role: lead, years: 2', 'role: boss, years: 2'));
    const { code, stderr } = await runCli(['assess', example, '--standard', broken]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`${broken}:\\d+:\\d+`));
    expect(stderr).toContain('boss');
  });
});

describe('careless input', () => {
  it('escapes control characters read from a file, so they cannot drive the terminal', async () => {
    const file = write('escape.yaml', 'id: "E\\e[2J"\nengagements:\n  - specialty: operation\n    role: "\\e[31mboss"\n    from: 2020-01\n');
    const { code, stderr } = await runCli(['assess', file]);
    expect(code).toBe(2);
    expect(stderr).toContain('\\x1b[31mboss');
    expect(stderr).not.toContain('\u001b');
  });

  it('shows only the start of a huge bad value', async () => {
    const file = write('huge.yaml', `${'x'.repeat(100_000)}\n`);
    const { stderr } = await runCli(['assess', file]);
    expect(stderr.length).toBeLessThan(400);
  });

  it('checks HR tables (CSV, workbooks) as batch reads them, without a mapping, and validates mapping files', async () => {
    const csv = await runCli(['validate', 'examples/hr-export/業務経験.csv'], { LANG: 'ja_JP.UTF-8' });
    expect([csv.code, csv.stdout]).toEqual([0, 'examples/hr-export/業務経験.csv: 問題ありません（業務経験、11行）\n']);
    const bad = await runCli(['validate', ...['engagements', 'exams', 'expertise'].map((t) => `tests/fixtures/hr/en/${t}.csv`)]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('tests/fixtures/hr/en/engagements.csv: 4 problem(s) (engagements, 9 row(s))');
    expect(bad.stderr).toContain('tests/fixtures/hr/en/engagements.csv:6:6: column “from”: “2023-13” is not a date');
    // A workbook is never read as text (it once printed its zip bytes as undecodable lines).
    const workbook = join(dir, 'template.xlsx');
    expect((await runCli(['init', workbook, '--lang', 'ja'])).code).toBe(0);
    const checked = await runCli(['validate', workbook, '--lang', 'ja']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('[業務経験]: 問題ありません（業務経験、0行）');
    expect(checked.stderr).toBe('');
    expect((await runCli(['validate', 'examples/hr-mapping/mapping.yaml'])).code).toBe(0);
  });

  it.each([
    ['a misspelt key', 'id: E1\nengagments: []\n', 'engagements'],
    ['a misspelt label', 'id: E1\nengagements:\n  - { specialty: 運用管理, role: leadr, from: 2020-01, complexity: [高度な基板要件] }\n', 'leader'],
  ])('suggests the nearest expected value for %s', async (_name, text, suggestion) => {
    const { stderr } = await runCli(['assess', write('typo.yaml', text)]);
    expect(stderr).toContain(`did you mean “${suggestion}”?`);
  });

  it('names Japanese labels beside the ids it expects, in Japanese', async () => {
    const { stderr } = await runCli(['assess', bad, '--lang', 'ja']);
    expect(stderr).toContain('operation-management（運用管理）');
  });
});

describe('other commands', () => {
  it('gap lists one level\'s criteria with what is missing, by id or Japanese label', async () => {
    const { code, stdout } = await runCli(['gap', example, '--target', '運用管理:5', '--format', 'json', '--as-of', '2026-04-01']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect([result.specialty, result.level, result.met]).toEqual(['operation-management', 5, false]);
    expect(result.gaps.map((g: { id: string }) => g.id)).toEqual(['responsibility', 'size', 'expertise', 'knowledge-transfer']);
    expect(result.criteria).toHaveLength(6);
    expect((await runCli(['gap', example, '--target', 'operation-management:5', '--lang', 'ja'])).stdout).toContain('ITSM-8');
    expect((await runCli(['gap', example, '--target', 'operation:7'])).code).toBe(2);
    // Without --target: each specialty's next level, the same objects as with it, a list of them.
    const each = JSON.parse((await runCli(['gap', example, '--format', 'json', '--as-of', '2026-04-01'])).stdout) as { specialty: string; level: number }[];
    expect(each.map((g) => [g.specialty, g.level])).toEqual([['operation-management', 5], ['system-management', 3], ['operation', 3], ['service-desk', 4]]);
    const one = JSON.parse((await runCli(['gap', example, '--target', '運用管理：５', '--format', 'json', '--as-of', '2026-04-01'])).stdout) as unknown;
    expect(each[0]).toEqual(one);
    const table = (await runCli(['gap', example, '--as-of', '2026-04-01', '--lang', 'ja', '--all-specialties'])).stdout;
    for (const page of ['ITSM-8', 'ITSM-14', 'ITSM-16', 'ITSM-17']) expect(table).toContain(page);
    expect((await runCli(['gap', example, '--target', 'nope'])).code).toBe(2);
    expect((await runCli(['gap', example])).code).toBe(0); // no --target: each specialty's next level
    // Pages to files: the format from the extension, written whole; an unknown extension is a usage error.
    const { dir: pages } = tempFolder('itss-pages-');
    expect((await runCli(['gap', example, '-o', join(pages, 'gap.html'), '--as-of', '2026-04-01'])).code).toBe(0);
    expect(readFileSync(join(pages, 'gap.html'), 'utf8')).toMatch(/^<!doctype html>[^]*ITSM-8[^]*ITSM-17[^]*<\/html>\n$/);
    expect((await runCli(['assess', example, '-o', join(pages, 'assess.md'), '--as-of', '2026-04-01'])).code).toBe(0);
    expect(readFileSync(join(pages, 'assess.md'), 'utf8')).toContain('| Operation management | 4 | 3 | 5 | 4 |');
    expect((await runCli(['gap', example, '-o', join(pages, 'gap.pdf')])).code).toBe(2);
    expect((await runCli(['gap', example, '-o', example])).code).toBe(2); // never over an input
    expect((await runCli(['gap', bad, '--target', 'operation:3'])).code).toBe(2);
  });

  it('levels prints a level with its source wording', async () => {
    const { code, stdout } = await runCli(['levels', 'operation-management', '7', '--lang', 'ja']);
    expect(code).toBe(0);
    expect(stdout).toContain('ITSM-6');
    expect(stdout).toContain('以下の３項目以上の条件に該当する運用管理を成功裡に遂行した経験と実績を有する（国際的な運用管理は必須）。');
    expect((await runCli(['levels', 'nope'])).code).toBe(2);
    // Named as candidate files name it: id, Japanese or English label, full-width or not.
    for (const name of ['service-desk', 'サービスデスク', 'Service desk', 'ｓｅｒｖｉｃｅ-ｄｅｓｋ']) expect((await runCli(['levels', name, '4'])).stdout).toContain('ITSM-17');
    expect((await runCli(['levels', 'operation', '7'])).code).toBe(2);
  });

  it('validate checks candidates and standards', async () => {
    expect((await runCli(['validate', example])).code).toBe(0);
    expect((await runCli(['validate', example, bad])).code).toBe(1);
    expect((await runCli(['validate', bad])).code).toBe(2);
    expect((await runCli(['validate', 'data/itss-v3-itsm.yaml'])).code).toBe(0);
    expect((await runCli(['validate', '--standard', 'tests/fixtures/made-up-standard.yaml'])).code).toBe(0);
  });

  it('validate --format json gives each file\'s diagnostics as data: code, location, value, expected, suggestion', async () => {
    const misspelt = write('misspelt.yaml', 'id: E3\nengagements:\n  - specialty: 運用管理\n    role: leadr\n    from: 2019-04\n');
    const { code, stdout } = await runCli(['validate', example, misspelt, '--format', 'json']);
    expect(code).toBe(1);
    const [good, wrong] = JSON.parse(stdout);
    expect(good).toEqual({ file: example, valid: true, candidates: 1, diagnostics: [] });
    expect(wrong.valid).toBe(false);
    expect(wrong.diagnostics).toEqual([
      expect.objectContaining({ code: 'unknown-value', file: misspelt, line: 4, column: 11, path: 'engagements[0].role', value: 'leadr', suggestion: 'leader', message: expect.stringContaining('leadr') }),
    ]);
  });

  it('init writes a template that validates, and will not overwrite', async () => {
    for (const lang of ['ja', 'en']) {
      const file = join(dir, `template-${lang}.yaml`);
      expect((await runCli(['init', file, '--lang', lang])).code).toBe(0);
      expect((await runCli(['validate', file])).code).toBe(0);
      expect((await runCli(['init', file])).code).toBe(2);
    }
  });

  it('init builds the template from the standard in use (--standard): its ids, its choices, and it validates', async () => {
    const made = 'tests/fixtures/made-up-standard.yaml';
    const file = join(dir, 'template-made-up.yaml');
    expect((await runCli(['init', file, '--standard', made, '--lang', 'en'])).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    // Its first specialty, a role and a depth of its scales, its exam, its size fields; none of the built-in ids.
    for (const line of ['specialty: network-ops', 'role: lead', 'depth: expert', '- exam: X1', 'staff: 40', 'budget: 420000000', '# network-ops | helpdesk', '# junior | lead | head']) expect(text).toContain(line);
    expect(text).not.toMatch(/operation-management|advanced-operations|annualContract/);
    expect((await runCli(['validate', file, '--standard', made])).code).toBe(0);
    // In Japanese, the choices by their labels.
    const ja = (await runCli(['init', '--standard', made, '--lang', 'ja'])).stdout;
    expect(ja).toContain('# 若手 | 主任 | 部長（または id）');
    expect(ja).toContain('この専門分野のサイズは 要員数または予算 で判定します');
  });

  it('schema prints a JSON Schema and the path of the shipped copy', async () => {
    const schema = JSON.parse((await runCli(['schema'])).stdout);
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['id']);
    expect((await runCli(['schema', '--path'])).stdout.trim()).toMatch(/dist\/candidate\.schema\.json$/);
  });
});

describe('a run that names its command registers that command alone', () => {
  const describer = new Describer('en', builtinStandard());
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, today: () => '2026-04-01' };

  it.each(COMMANDS.map(([name]) => [name]))('%s: its registrar adds the one command of that name, whose help is as in the whole program', async (name) => {
    const alone = itssProgram(describer, io, '0');
    COMMANDS.find(([n]) => n === name)![1](alone, { io, describer, exitCode: 0 });
    expect(alone.commands.map((c) => c.name())).toEqual([name]);
    const whole = itssProgram(describer, io, '0');
    for (const [, register] of COMMANDS) register(whole, { io, describer, exitCode: 0 });
    const help = whole.commands.find((c) => c.name() === name)!.helpInformation();
    expect((await runCli([name, '--help'])).stdout).toBe(help);
  });

  it('help, a misspelt command and no command name every command', async () => {
    const names = COMMANDS.map(([name]) => name);
    for (const args of [['--help'], ['help'], [], ['asess']]) {
      const run = await runCli(args);
      for (const name of names) expect(`${run.stdout}${run.stderr}`, args.join(' ')).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });
});

describe('colour on a terminal', () => {
  /** A run whose stdout is a terminal 120 columns wide (the width of a report that is not on one). */
  async function onTerminal(args: string[]): Promise<string> {
    let stdout = '';
    const code = await main(args, {
      stdout: { write: (s: string) => (stdout += s), isTTY: true, columns: 120 },
      stderr: { write: () => true },
      env: { LANG: 'en_US.UTF-8' },
      today: () => '2026-04-01',
    });
    expect(code).toBe(0);
    return stdout;
  }

  it.each([
    ['assess', ['assess', example]],
    ['assess --detail', ['assess', example, '--detail']],
    ['gap', ['gap', example]],
    ['levels', ['levels', 'operation-management']],
  ])('%s: the coloured report is the plain one with escape codes added, and nothing else', async (_name, args) => {
    const coloured = await onTerminal(args);
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe((await runCli(args)).stdout);
  });
});

describe('the installed binary', () => {
  it('runs bin/itss.js end to end, plain when piped', () => {
    const out = execFileSync(process.execPath, ['bin/itss.js', 'assess', example, '--as-of', '2026-04-01', '--format', 'json'], { encoding: 'utf8' });
    expect(JSON.parse(out).specialties[0].level).toBe(4);
    const table = execFileSync(process.execPath, ['bin/itss.js', 'assess', example, '--as-of', '2026-04-01'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } });
    expect(table).not.toContain('\u001b[');
  });

  it('writes all of a long report to a pipe that is full and non-blocking, waiting for its reader (EAGAIN)', async () => {
    // stdout that is not a terminal is written with writeSync (bin/itss.js); a non-blocking pipe shared with the
    // parent answers EAGAIN when full, and the report must wait, not fail or lose its end.
    const { dir, write } = tempFolder('itss-pipe-');
    const text = readFileSync(example, 'utf8');
    const files = Array.from({ length: 12 }, (_, i) => write(`c${i}.yaml`, text.replace(/^id: E0001$/m, `id: E${i}`)));
    const args = ['bin/itss.js', 'assess', ...files, '--as-of', '2026-04-01', '--format', 'json'];
    const expected = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(expected.length).toBeGreaterThan(4 * 65536); // several times what a pipe holds
    const fifo = join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    // Through a shell, as its fourth descriptor: Node's spawn makes a child's stdio blocking, the shell leaves it be.
    const child = spawn('sh', ['-c', 'exec "$0" "$@" >&3', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe', writer] });
    closeSync(writer);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the pipe fills and the child waits
    const chunks: Buffer[] = [];
    const buffer = Buffer.alloc(65536);
    for (;;) {
      let n: number;
      try {
        n = readSync(reader, buffer);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      if (n === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    closeSync(reader);
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
  });

  it('reports bad input without a stack trace, exit 2', () => {
    const run = spawnSync(process.execPath, ['bin/itss.js', 'assess', bad], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('engagements[0].specialty');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('ships the JSON Schema it names', () => {
    const path = execFileSync(process.execPath, ['bin/itss.js', 'schema', '--path'], { encoding: 'utf8' }).trim();
    expect(existsSync(path)).toBe(true);
  });
});

describe('practised specialties: assess and gap show those the person practises, --all-specialties every one', () => {
  const asOf = ['--as-of', '2026-04-01'];
  // The example practises operation management and service desk (engagements and expertise), not the other two.
  const hidden = [/System management/, /Operation —/, /│ Operation\s+│/, /ITSM-14/, /ITSM-16/];
  const leftOut = 'Specialties not practised (no engagement or expertise record in them) are left out: System management, Operation. '
    + 'All of them reach level 3 by exam. To show every specialty: --all-specialties';
  /** A report with its line about the specialties left out taken away (failing if it has none): what else it shows. */
  const withoutLeftOut = (report: string) => {
    const joined = report.replace(/\n/g, ' ');
    expect(joined).toContain(leftOut);
    return joined.replace(leftOut, '');
  };

  it('assess: the short and --detail reports leave the others out, saying so; --all-specialties shows them', async () => {
    for (const detail of [[], ['--detail']]) {
      const shown = withoutLeftOut((await runCli(['assess', example, ...asOf, ...detail])).stdout);
      expect(shown).toContain('Operation management');
      expect(shown).toContain('Service desk');
      for (const text of hidden) expect(shown).not.toMatch(text);
      const all = (await runCli(['assess', example, ...asOf, ...detail, '--all-specialties'])).stdout;
      for (const text of hidden) expect(all).toMatch(text);
      expect(all).not.toContain('left out');
    }
  });

  it('assess --format json and jsonl: every specialty with practised, the same with --all-specialties', async () => {
    for (const format of ['json', 'jsonl']) {
      const plain = (await runCli(['assess', example, ...asOf, '--format', format])).stdout;
      expect((await runCli(['assess', example, ...asOf, '--format', format, '--all-specialties'])).stdout).toBe(plain);
      const specialties = (JSON.parse(plain) as { specialties: { specialty: string; practised: boolean }[] }).specialties;
      expect(specialties.map((s) => [s.specialty, s.practised])).toEqual([
        ['operation-management', true],
        ['system-management', false],
        ['operation', false],
        ['service-desk', true],
      ]);
    }
  });

  it('assess -o page.md and page.html: the shown specialties, then the engagements the criteria name', async () => {
    const { dir: pages } = tempFolder('itss-practised-');
    expect((await runCli(['assess', example, ...asOf, '-o', join(pages, 'a.md'), '--lang', 'ja'])).code).toBe(0);
    const md = readFileSync(join(pages, 'a.md'), 'utf8');
    expect(md).toContain('| 運用管理 | 4 | 3 | 5 | 4 |');
    expect(md).not.toContain('| システム管理 |');
    expect(md).toContain('## 参照している業務経験');
    expect(md).toContain('| #3 | 次期基盤情報システム 運用管理 リーダ | 2020-04-01〜2023-03-31 | リーダ |');
    expect(md).toContain('| #4 | 運用管理業務範囲の再整理（作業単位 約400項目）と運用設計 | 2023-04-01〜継続中 | 責任者 |');
    expect((await runCli(['assess', example, ...asOf, '-o', join(pages, 'a.html'), '--all-specialties'])).code).toBe(0);
    const html = readFileSync(join(pages, 'a.html'), 'utf8');
    expect([...html.matchAll(/<section class="level">/g)]).toHaveLength(4);
    expect(html).not.toContain('class="left-out"');
  });

  it('gap: the practised specialties\' next levels; --all-specialties all four; a --target is shown even if not practised', async () => {
    const shown = withoutLeftOut((await runCli(['gap', example, ...asOf])).stdout);
    expect(shown).toContain('ITSM-8');
    expect(shown).toContain('ITSM-17');
    for (const text of hidden) expect(shown).not.toMatch(text);
    expect(shown).toContain('Engagements referred to');
    expect(shown).toMatch(/│ #3 │ 次期基盤情報システム 運用管理 リーダ\s+│ 2020-04-01 – 2023-03-31 │ leader\s+│/);
    const all = (await runCli(['gap', example, ...asOf, '--all-specialties'])).stdout;
    for (const page of ['ITSM-8', 'ITSM-14', 'ITSM-16', 'ITSM-17']) expect(all).toContain(page);
    const target = (await runCli(['gap', example, ...asOf, '--target', 'operation:3'])).stdout;
    expect(target).toContain('Operation — Level 3 (ITSM-16): not met');
    expect(target).toMatch(/│ Operation\s+│ —\s+│ 3\s+│ 3\s+│ 3\s+│/);
    expect(target).toContain('are left out: System management.');
    // JSON, as data, unchanged: every specialty's next level.
    const json = JSON.parse((await runCli(['gap', example, ...asOf, '--format', 'json'])).stdout) as { specialty: string }[];
    expect(json.map((g) => g.specialty)).toEqual(['operation-management', 'system-management', 'operation', 'service-desk']);
  });

  it('gap -o page.html opens with the person and their department', async () => {
    const { dir: pages, write: writeIn } = tempFolder('itss-gap-person-');
    const candidate = writeIn('p.yaml', `${readFileSync(example, 'utf8')}\ndepartment: 基盤運用部\n`);
    expect((await runCli(['gap', candidate, ...asOf, '-o', join(pages, 'gap.html'), '--lang', 'ja'])).code).toBe(0);
    const html = readFileSync(join(pages, 'gap.html'), 'utf8');
    expect(html).toMatch(/<h1>山田 花子（E0001）<\/h1>\n<p class="department">所属: 基盤運用部<\/p>/);
    expect(html).toContain('<table class="summary"><thead><tr><th>専門分野</th><th>レベル</th><th>試験</th><th>目標</th><th>未達</th></tr></thead>');
    expect(html).toContain('<tr><td>#1</td><td>職員向けサービスデスク（問合せ対応・貸出管理）</td><td>2016-04-01〜2018-03-31</td><td>メンバ</td></tr>');
  });

  it('--all-specialties is described in the help of assess and gap, in each language', async () => {
    for (const command of ['assess', 'gap']) {
      expect((await runCli([command, '--help'])).stdout).toMatch(/--all-specialties\s+show every specialty, also those not practised/);
      expect((await runCli([command, '--help', '--lang', 'ja'])).stdout).toMatch(/--all-specialties\s+実務経験のない専門分野も含め/);
    }
  });
});

describe('help (found by a new user)', () => {
  it('batch --help names workbooks beside CSV files as its inputs, and the help says マッピング as the README and docs do', async () => {
    const unwrap = (text: string) => text.replace(/\s*\n\s*/g, ' ');
    const en = unwrap((await runCli(['batch', '--help'])).stdout);
    expect(en).toMatch(/inputs\s+HR tables \(CSV files, or the sheets of an Excel workbook, \.xlsx\), candidate files/);
    const ja = unwrap((await runCli(['batch', '--help'], { LANG: 'ja_JP.UTF-8' })).stdout);
    expect(ja).toMatch(/inputs\s+HR表（CSV ファイル、または Excel ブック（\.xlsx）のシート）、候補者ファイル/);
    expect(ja).toMatch(/--map <file>\s+HRシステム独自のファイル・見出し・値のマッピング（itss-mapping\/v1）/);
    const validate = unwrap((await runCli(['validate', '--help'], { LANG: 'ja_JP.UTF-8' })).stdout);
    expect(validate).toContain('候補者ファイル、HR表（CSV・Excel ブック）、標準・マッピングのファイルを評価せずに検査します');
    expect(validate).toContain('標準（itss-standard/v1）・マッピング（itss-mapping/v1）のファイル');
    for (const command of ['--help', 'assess', 'gap', 'batch', 'levels', 'validate', 'init', 'schema']) {
      const help = (await runCli(command === '--help' ? [command] : [command, '--help'], { LANG: 'ja_JP.UTF-8' })).stdout;
      expect(help, command).not.toContain('対応付け');
    }
  });
});
