import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/input/diagnostic.js';
import { Describer, type Lang } from '../src/messages/describe.js';
import { en } from '../src/messages/en.js';
import { ja } from '../src/messages/ja.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { runCli, tempFolder } from './cliHarness.js';

const example = 'examples/yamada-hanako.yaml';
const { dir, write } = tempFolder('itss-lang-');
const colonWithoutSpace = write('colon.yaml', 'id: E1\nrole:leader\n');
const specialties = ['operation-management', 'system-management', 'operation', 'service-desk'];
const assessOptions = ['--format', '--lang', '--standard', '--no-color', '--as-of', '--detail', '--all-specialties', '--output', '--help'];
const LOCALES: Record<Lang, string> = { ja: 'ja_JP.UTF-8', en: 'C' };

/**
 * Command-line mistakes, each with the diagnostic (code and typed arguments) it must be reported as. The expected
 * line is that diagnostic worded by the message tables, so these assert codes and arguments, in both languages.
 */
const mistakes: [string, string[], Diagnostic][] = [
  ['a bad --target', ['gap', example, '--target', 'nope'], { code: 'bad-target', file: '', path: '--target', value: 'nope', expected: specialties }],
  ['a level the specialty lacks', ['gap', example, '--target', 'operation:7'], { code: 'unknown-level', file: '', path: '--target', value: '7', specialty: 'operation', expected: ['3', '4'] }],
  ['a misspelt command', ['asess', example], { code: 'unknown-command', file: '', path: 'asess', value: 'asess', expected: ['assess', 'gap', 'batch', 'diff', 'levels', 'validate', 'init', 'schema', 'help'], suggestion: 'assess' }],
  ['a misspelt option', ['assess', example, '--fromat', 'json'], { code: 'unknown-option', file: '', path: '--fromat', value: '--fromat', expected: assessOptions, suggestion: '--format' }],
  ['a missing file', ['assess', join(dir, 'missing.yaml')], { code: 'unreadable', file: join(dir, 'missing.yaml'), path: '', reason: 'no-such-file' }],
  ['a YAML syntax error', ['assess', colonWithoutSpace], { code: 'syntax', file: colonWithoutSpace, line: 2, column: 1, path: '', value: '', reason: 'MISSING_CHAR', hint: 'space-after-colon' }],
  ['a day that does not exist', ['assess', example, '--as-of', '2026-02-30'], { code: 'bad-as-of', file: '', path: '--as-of', value: '2026-02-30' }],
  ['an unknown language', ['assess', example, '--lang', 'fr'], { code: 'bad-choice', file: '', path: '--lang', value: 'fr', expected: ['ja', 'en'] }],
  // Read from the command's state and the command line, not from commander's English message.
  ['a missing argument', ['gap', '--as-of', '2026-04-01'], { code: 'missing-argument', file: '', path: 'file', value: 'file' }],
  ['an option without its value', ['assess', example, '--as-of'], { code: 'option-needs-value', file: '', path: '--as-of <date>', value: '--as-of <date>' }],
  ['an unknown option written with its value', ['assess', example, '--fromat=json'], { code: 'unknown-option', file: '', path: '--fromat=json', value: '--fromat=json', expected: assessOptions, suggestion: '--format' }],
  ['too many arguments', ['levels', 'operation', '3', 'extra'], { code: 'too-many-arguments', file: '', path: 'levels', limit: 2, count: 3 }],
  ['an unknown specialty', ['levels', 'operashon'], { code: 'unknown-specialty', file: '', path: 'specialty', value: 'operashon', expected: specialties, suggestion: 'operation' }],
  ['a results file of no known format', ['batch', 'examples/hr-export', '-o', join(dir, 'results.txt')], { code: 'unknown-output-format', file: '', path: '--output', value: join(dir, 'results.txt'), expected: ['.csv', '.jsonl', '.json', '.xlsx', '.html', '.md'] }],
];

describe('command-line mistakes are diagnostics, worded in the run’s language', () => {
  for (const lang of ['ja', 'en'] as const) {
    const describer = new Describer(lang, builtinStandard());
    it.each(mistakes)(`${lang}: %s`, async (_name, args, diagnostic) => {
      const { code, stdout, stderr } = await runCli(args, { LANG: LOCALES[lang] });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`${describer.diagnostic(diagnostic)}\n`);
    });
  }

  it('words them in Japanese under LANG=ja_JP.UTF-8 and in English under LANG=C', async () => {
    const ja = await runCli(['gap', example, '--target', 'nope'], { LANG: 'ja_JP.UTF-8' });
    const en = await runCli(['gap', example, '--target', 'nope'], { LANG: 'C' });
    expect(ja.stderr).toMatch(/^itss: --target は「専門分野:レベル」/);
    expect(en.stderr).toMatch(/^itss: --target expects SPECIALTY:LEVEL/);
    // --lang wins over LANG, and is read before the command line is parsed.
    expect((await runCli(['asess', '--lang', 'ja'], { LANG: 'C' })).stderr).toContain('不明なコマンド');
  });
});

describe('help', () => {
  const headings = { ja: ['使い方:', 'オプション:', 'コマンド:'], en: ['Usage:', 'Options:', 'Commands:'] };

  it.each(['ja', 'en'] as const)('itss --help in %s: headings and every description from the message tables', async (lang) => {
    const { code, stdout } = await runCli(['--help'], { LANG: LOCALES[lang] });
    expect(code).toBe(0);
    for (const heading of headings[lang]) expect(stdout).toContain(heading);
    const other = lang === 'ja' ? 'en' : 'ja';
    for (const heading of headings[other]) expect(stdout).not.toContain(heading);
    const table = lang === 'ja' ? ja : en;
    for (const key of ['help.program', 'help.assess', 'help.gap', 'help.batch', 'help.diff', 'help.levels', 'help.validate', 'help.init', 'help.schema', 'help.option.version', 'help.option.help'] as const) {
      expect(stdout.replace(/\s+/g, '')).toContain(table.text[key].replace(/\s+/g, ''));
    }
  });

  it('itss assess --help in Japanese names no English heading, placeholder or description', async () => {
    const { stdout } = await runCli(['assess', '--help'], { LANG: 'ja_JP.UTF-8' });
    expect(stdout).toMatch(/^使い方: itss assess \[オプション\] <files\.\.\.>/);
    // Descriptions may wrap onto the next line, under their column.
    const unwrapped = stdout.replace(/\n {10,}/g, ' ');
    for (const key of ['help.assess.files', 'help.option.lang', 'help.option.standard', 'help.option.no-color', 'help.option.as-of', 'help.option.assessDetail', 'help.option.reportOutput'] as const) expect(unwrapped).toContain(ja.text[key]);
    expect(unwrapped).toContain(ja.text['help.option.format'].replace('{choices}', 'table, json, jsonl, md, html'));
    // Descriptions are Japanese: no line of the help is English prose.
    const prose = stdout.replace(/--?[\w-]+|<[^>]*>|\[[^\]]*\]/g, '');
    expect(prose).not.toMatch(/\b(the|of|a|an|or|and|show|file)\b/i);
  });
});

describe('the errors CSV', () => {
  const engagements = 'candidate_id,candidate_name,specialty,role,from,to,outcome,complexity,activities,staff\nE1,Sato,operation,leadr,2020-04,,success,,,\n';

  it.each(['ja', 'en'] as const)('has headers in %s and the did-you-mean in its own column', async (lang) => {
    const input = write(`engagements-${lang}.csv`, engagements);
    const errors = join(dir, `errors-${lang}.csv`);
    const { code } = await runCli(['batch', input, '-o', join(dir, `out-${lang}.csv`), '--errors', errors, '--as-of', '2026-04-01'], { LANG: LOCALES[lang] });
    expect(code).toBe(2);
    const [header, row] = readFileSync(errors, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    const table = lang === 'ja' ? ja : en;
    expect(header.split(',')).toEqual(['file', 'row', 'column', 'candidate_id', 'path', 'code', 'value', 'expected', 'suggestion', 'message'].map((c) => table.text[`errors.${c}` as keyof typeof table.text]));
    const cells = row.split(',');
    expect([cells[3], cells[5], cells[6], cells[8]]).toEqual(['E1', 'unknown-value', 'leadr', 'leader']);
  });
});
