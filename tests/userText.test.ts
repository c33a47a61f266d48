/**
 * What the user's own text may be, and what lies beside their export: keys named as JavaScript's object members,
 * a person master that contradicts itself, Office's lock files and itss's own earlier outputs in the export's
 * folder, keys given twice, line breaks in names (issue 21).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs, isLockFile, namedFileProblem } from '../src/batch/expandInputs.js';
import { loadMapping, valueMap } from '../src/hr/loadMapping.js';
import { isOwnOutputFile } from '../src/batch/readInputs.js';
import { workbookSheetNames } from '../src/tabular/readXlsx.js';
import { runBatch, type Rejection } from '../src/batch/runBatch.js';
import { InputError, type Diagnostic } from '../src/input/diagnostic.js';
import { parseYamlSource } from '../src/input/parseYamlSource.js';
import { Describer } from '../src/messages/describe.js';
import { markdownText } from '../src/reporters/reportPage.js';
import { builtinStandard, BUILTIN_STANDARD_PATH } from '../src/standard/builtinStandard.js';
import { loadStandard } from '../src/standard/loadStandard.js';
import { BARE_PROTOTYPE, bareObject } from '../src/values/bareObject.js';
import { runCli, tempFolder } from './cliHarness.js';

const standard = builtinStandard();
const asOf = '2026-04-01';

/** The diagnostics an input error carries (or none when `fn` does not throw). */
function diagnosticsOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  return [];
}

async function batch(inputs: string[], mapping?: ReturnType<typeof loadMapping>) {
  const assessed: string[] = [];
  const rejected: Rejection[] = [];
  const notices: Diagnostic[] = [];
  const options = { standard, asOf, ...(mapping ? { mapping } : {}) };
  await runBatch(inputs, options, { assessed: (a) => assessed.push(a.candidate.id), rejected: (r) => rejected.push(r), notice: (n) => notices.push(n) });
  return { assessed, rejected, notices };
}

describe('keys that are the names of object members', () => {
  it('map values named __proto__, constructor and toString as written, shared and per table', () => {
    const text = [
      'format: itss-mapping/v1',
      'values:',
      '  role: { __proto__: leader, constructor: manager }',
      'tables:',
      '  engagements:',
      '    values:',
      '      role: { toString: member, constructor: overall-manager }',
    ].join('\n');
    const map = valueMap(loadMapping(text, 'm.yaml'), 'engagements', 'role');
    expect(Object.fromEntries(map!)).toEqual({ ['__proto__']: 'leader', constructor: 'overall-manager', tostring: 'member' });
    // A table without its own map keeps the shared one, __proto__ included.
    expect(valueMap(loadMapping(text, 'm.yaml'), 'people', 'role')?.get('__proto__')).toBe('leader');
    expect(valueMap(loadMapping(text, 'm.yaml'), 'engagements', 'specialty')).toBeUndefined();
  });

  it('name a table, a column or a shared value map called __proto__ as unknown, never drop it', () => {
    expect(diagnosticsOf(() => loadMapping('format: itss-mapping/v1\ntables:\n  __proto__: { files: [x] }\n', 'm.yaml'))).toEqual([
      expect.objectContaining({ code: 'unknown-key', line: 3, path: 'tables.__proto__', value: '__proto__', expected: expect.arrayContaining(['engagements', 'people']) }),
    ]);
    expect(diagnosticsOf(() => loadMapping('format: itss-mapping/v1\ntables:\n  engagements:\n    columns: { __proto__: 役職 }\n', 'm.yaml'))).toEqual([
      expect.objectContaining({ code: 'unknown-key', line: 4, path: 'tables.engagements.columns.__proto__', value: '__proto__' }),
    ]);
    expect(diagnosticsOf(() => loadMapping('format: itss-mapping/v1\nvalues:\n  constructor: { a: b }\n', 'm.yaml'))).toEqual([
      expect.objectContaining({ code: 'unknown-key', line: 3, path: 'values.constructor', value: 'constructor' }),
    ]);
  });

  it('check a value map keyed __proto__ like any other, at its key', () => {
    expect(diagnosticsOf(() => loadMapping('format: itss-mapping/v1\nvalues:\n  role: { __proto__: [leader] }\n', 'm.yaml'))).toEqual([
      expect.objectContaining({ code: 'wrong-type', line: 3, path: 'values.role.__proto__' }),
    ]);
    expect(diagnosticsOf(() => loadMapping('format: itss-mapping/v1\nvalues:\n  role: [leader]\n', 'm.yaml'))).toEqual([
      expect.objectContaining({ code: 'wrong-type', line: 3, path: 'values.role', expected: ['record'] }),
    ]);
    expect(diagnosticsOf(() => loadMapping('format: itss-mapping/v1\ntables:\n  engagements:\n    columns: { role: { column: 役職, scael: 2 } }\n', 'm.yaml'))).toEqual([
      expect.objectContaining({ code: 'unknown-key', path: 'tables.engagements.columns.role.scael', expected: ['column', 'scale'], suggestion: 'scale' }),
    ]);
  });

  it('names a size threshold keyed __proto__ in a tailored standard as an unknown field', () => {
    const text = readFileSync(BUILTIN_STANDARD_PATH, 'utf8').replace('anyOf: { staff: 250, annualContract: 2500000000 }', 'anyOf: { staff: 250, __proto__: 5 }');
    expect(diagnosticsOf(() => loadStandard(text, 's.yaml'))).toEqual([expect.objectContaining({ code: 'unknown-id', value: '__proto__' })]);
    // The thresholds have no prototype to answer for a field the standard does not give.
    const size = loadStandard(readFileSync(BUILTIN_STANDARD_PATH, 'utf8'), 's.yaml')
      .specialties.flatMap((s) => s.levels.flatMap((l) => l.criteria))
      .find((c) => c.kind === 'size' && c.options.length > 0);
    if (size?.kind !== 'size') throw new Error('the built-in standard has size options');
    expect(Object.keys(size.options[0].anyOf)).toEqual(['staff', 'annualContract']);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- reads the key to show the prototype's method is not there
    expect(size.options[0].anyOf['toString']).toBeUndefined();
  });

  it('a bare object keeps __proto__ as a key and answers nothing it was not given', () => {
    const o = bareObject([['__proto__', 1], ['a', 2]]);
    expect(Object.keys(o)).toEqual(['__proto__', 'a']);
    expect(o['constructor']).toBeUndefined();
    // Assigning an object to __proto__ of one without that key makes a key, never a prototype: nothing on the chain
    // has Object.prototype's setter (which, on a plain object, would make the object its prototype and no key).
    const fresh = bareObject<unknown>();
    const marker = { marker: true };
    fresh['__proto__'] = marker;
    expect(Object.getPrototypeOf(fresh)).toBe(BARE_PROTOTYPE);
    expect(Object.keys(fresh)).toEqual(['__proto__']);
    expect(fresh['__proto__']).toBe(marker);
    expect(JSON.stringify(o)).toBe('{"__proto__":1,"a":2}');
  });

  it('carries a person master column named __proto__ or toString, and an empty one as empty', async () => {
    const { dir, write } = tempFolder('itss-carry-');
    write('engagements.csv', 'candidate_id,specialty,role,from\nE1,operation,leader,2020-04\nE2,operation,leader,2020-04\n');
    write('people.csv', 'candidate_id,department,__proto__,toString\nE1,Ops,x,y\nE2,Ops,,\n');
    write('mapping.yaml', 'format: itss-mapping/v1\ntables:\n  people:\n    files: [people]\n    columns: { candidate_id: candidate_id, department: department }\n    carry: [__proto__, toString]\n');
    const out = join(dir, 'out.csv');
    const run = await runCli(['batch', join(dir, 'engagements.csv'), join(dir, 'people.csv'), '--map', join(dir, 'mapping.yaml'), '-o', out, '--as-of', asOf]);
    expect(run.code).toBe(0);
    const rows = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0].split(',').slice(-2)).toEqual(['__proto__', 'toString']);
    expect(rows[1].split(',').slice(-2)).toEqual(['x', 'y']);
    expect(rows[2].split(',').slice(-2)).toEqual(['', '']);
  });
});

describe('a person master that contradicts itself', () => {
  const folder = (people: string) => {
    const { dir, write } = tempFolder('itss-people-');
    write('engagements.csv', 'candidate_id,specialty,role,from\nE1,operation,leader,2020-04\nE2,operation,member,2021-04\n');
    write('people.csv', people);
    return dir;
  };

  it('rejects one id with two departments, naming both rows, and scores the others', async () => {
    const dir = folder('candidate_id,candidate_name,department\nE1,Sato,Operations\nE2,Suzuki,Operations\nE1,Sato,Service Desk\n');
    const { assessed, rejected } = await batch([join(dir, 'engagements.csv'), join(dir, 'people.csv')]);
    expect(assessed).toEqual(['E2']);
    expect(rejected).toEqual([
      {
        candidateId: 'E1',
        diagnostics: [expect.objectContaining({ code: 'conflicting-departments', file: join(dir, 'people.csv'), line: 4, column: 3, value: 'Service Desk', other: 'Operations', at: `${join(dir, 'people.csv')}:2` })],
      },
    ]);
  });

  it('rejects one id with two names in the person master, and reports a second name and a second department both', async () => {
    const dir = folder('candidate_id,candidate_name,department\nE1,Sato Jiro,Operations\nE1,Sato Ichiro,Service Desk\nE2,Suzuki,Operations\n');
    const { rejected } = await batch([join(dir, 'engagements.csv'), join(dir, 'people.csv')]);
    expect(rejected.map((r) => [r.candidateId, r.diagnostics.map((d) => [d.code, d.line])])).toEqual([
      [
        'E1',
        [
          ['conflicting-names', 3],
          ['conflicting-departments', 3],
        ],
      ],
    ]);
  });

  it('reads one department written twice, with or without spaces, full-width or not, as one', async () => {
    const dir = folder('candidate_id,candidate_name,department\nE1,Sato,運用 サービス部\nE1,Sato,運用サービス部\nE2,Suzuki,ＯＰＳ\nE2,Suzuki,OPS\n');
    const { assessed, rejected } = await batch([join(dir, 'engagements.csv'), join(dir, 'people.csv')]);
    expect(rejected).toEqual([]);
    expect(assessed).toEqual(['E1', 'E2']);
  });

  it('words the conflict in both languages, with the other row and its value', () => {
    const d: Diagnostic = { code: 'conflicting-departments', file: 'people.csv', line: 4, column: 3, path: 'department', value: '基盤部', other: '運用部', at: 'people.csv:2', expected: ['運用部 (people.csv:2)'] };
    expect(new Describer('ja', standard).diagnostic(d)).toBe('people.csv:4:3: 一人の候補者に別々の所属があります: ここでは「基盤部」、people.csv:2 では「運用部」。評価しません（誤っている方を直してください）');
    expect(new Describer('en', standard).diagnostic(d)).toContain('“基盤部” here, and “運用部” at people.csv:2');
  });
});

describe('files in an export folder', () => {
  const engagements = 'candidate_id,specialty,role,from\nE1,operation,leader,2020-04\n';
  const lock = Buffer.concat([Buffer.from([6]), Buffer.from('hanako'.padEnd(53, ' ')), Buffer.alloc(105, 0x20)]);

  it("passes over Excel's lock files, in a folder or given, named; a workbook named ~$ is still read", () => {
    const { dir, write } = tempFolder('itss-lock-');
    write('業務経験.csv', engagements);
    writeFileSync(join(dir, '~$業務経験.xlsx'), lock);
    writeFileSync(join(dir, '~$業務経験.csv'), lock);
    const expanded = expandInputs([dir, join(dir, '~$業務経験.xlsx')]);
    expect(expanded.files).toEqual([join(dir, '業務経験.csv')]);
    expect(expanded.notices.map((n) => [n.code, n.file])).toEqual([
      ['lock-file-skipped', join(dir, '~$業務経験.csv')],
      ['lock-file-skipped', join(dir, '~$業務経験.xlsx')],
      ['lock-file-skipped', join(dir, '~$業務経験.xlsx')],
    ]);
    writeFileSync(join(dir, '~$zip.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(20)]));
    expect(isLockFile(join(dir, '~$zip.xlsx'))).toBe(false);
    expect(isLockFile(join(dir, '業務経験.csv'))).toBe(false);
  });

  it("passes over earlier runs' outputs in every format and language, told by their contents, named", async () => {
    const { dir, write } = tempFolder('itss-own-');
    const input = join(dir, 'in');
    mkdirSync(input);
    write('in/engagements.csv', engagements);
    const outputs: [string, string][] = [
      ['a.xlsx', 'ja_JP.UTF-8'],
      ['b.xlsx', 'en_US.UTF-8'],
      ['c.md', 'ja_JP.UTF-8'],
      ['d.md', 'en_US.UTF-8'],
      ['e.html', 'ja_JP.UTF-8'],
      ['f.html', 'en_US.UTF-8'],
      ['g.csv', 'ja_JP.UTF-8'],
      ['h.jsonl', 'en_US.UTF-8'],
      ['i.json', 'en_US.UTF-8'],
    ];
    for (const [name, lang] of outputs) expect((await runCli(['batch', join(dir, 'in', 'engagements.csv'), '-o', join(dir, name), '--as-of', asOf], { LANG: lang })).code).toBe(0);
    // Renamed into the folder: recognised by what they hold, not by their names.
    for (const [name] of outputs) copyFileSync(join(dir, name), join(input, `copy-${name}`));
    for (const [name] of outputs) expect(await isOwnOutputFile(join(input, `copy-${name}`), standard)).toBe(true);
    expect(await workbookSheetNames(join(input, 'copy-a.xlsx'))).toEqual(['一覧', '次のレベルの指標', '却下']);
    const { assessed, rejected, notices } = await batch([input]);
    expect([assessed, rejected]).toEqual([['E1'], []]);
    expect(notices.map((n) => [n.code, n.file]).sort()).toEqual(outputs.map(([name]) => ['own-output-skipped', join(input, `copy-${name}`)]).sort());
  });

  it('reads an HR workbook, an input template and an unrelated page as what they are', async () => {
    const { dir } = tempFolder('itss-not-own-');
    const template = join(dir, 'input.xlsx');
    expect((await runCli(['init', template])).code).toBe(0);
    expect(await isOwnOutputFile(template, standard)).toBe(false);
    writeFileSync(join(dir, 'notes.md'), '# Notes\n');
    expect(await isOwnOutputFile(join(dir, 'notes.md'), standard)).toBe(false);
    writeFileSync(join(dir, 'broken.xlsx'), 'not a zip');
    expect(await workbookSheetNames(join(dir, 'broken.xlsx'))).toBeUndefined();
  });

  it.each([
    ['assess', 'README.md'],
    ['gap', 'notes.txt'],
    ['validate', 'candidate.yaml.bak'],
    ['batch', 'README.md'],
  ])('refuses a file named to %s by its kind (%s), with the kinds it reads, not as a page of YAML errors', async (command, name) => {
    const { write } = tempFolder('itss-kind-');
    // A candidate file's text under a name of another kind: refused by the name, before anything is parsed.
    const file = write(name, readFileSync('examples/yamada-hanako.yaml', 'utf8'));
    const options = { assess: ['--as-of', asOf], gap: ['--as-of', asOf], validate: [], batch: ['-o', `${file}.jsonl`, '--as-of', asOf] }[command]!;
    const run = await runCli([command, file, ...options]);
    const refused = namedFileProblem(file)!;
    expect([refused.code, expandInputs([file]).diagnostics]).toEqual(['unsupported-file', [refused]]);
    expect({ code: run.code, first: run.stderr.split('\n')[0] }).toEqual({ code: 2, first: new Describer('en', standard).diagnostic(refused) });
  });

  it('passes over a file of another kind named on the command line when the mapping says it holds nothing for itss', async () => {
    // `export/*` in a shell takes the department list too, as a PDF and an old workbook here.
    const { dir } = tempFolder('itss-ignored-');
    for (const name of ['mapping.yaml', '社員マスタ.csv', '職務経歴.csv', 'スキル評価.csv']) copyFileSync(join('examples/hr-mapping', name), join(dir, name));
    for (const name of ['部署一覧.pdf', '部署一覧.xls']) writeFileSync(join(dir, name), 'not for itss');
    const named = ['社員マスタ.csv', '職務経歴.csv', 'スキル評価.csv', '部署一覧.pdf', '部署一覧.xls'].map((name) => join(dir, name));
    /** The errors file's (file, code) pairs. */
    const errorsOf = (file: string) => existsSync(file) ? readFileSync(file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((line) => line.split(',')).map((cells) => [cells[0], cells[5]]) : [];
    const run = await runCli(['batch', ...named, '--map', join(dir, 'mapping.yaml'), '-o', join(dir, 'out.jsonl'), '--errors', join(dir, 'errors.csv'), '--as-of', asOf]);
    expect([run.code, errorsOf(join(dir, 'errors.csv'))]).toEqual([0, []]);
    expect(run.stderr).not.toContain('部署一覧'); // not even a notice
    // Without the mapping's word, each is refused by its kind.
    const unmapped = await runCli(['batch', ...named.slice(3), '-o', join(dir, 'out2.jsonl'), '--errors', join(dir, 'errors2.csv'), '--as-of', asOf]);
    expect([unmapped.code, errorsOf(join(dir, 'errors2.csv'))]).toEqual([2, [[named[3], 'unsupported-file'], [named[4], 'workbook-file']]]);
  });

  it('reads a file named without an extension (a shell\'s <(…), /dev/stdin) as YAML, and says a missing one is missing', async () => {
    const { dir, write } = tempFolder('itss-no-ext-');
    const file = write('candidate', readFileSync('examples/yamada-hanako.yaml', 'utf8'));
    expect((await runCli(['assess', file, '--as-of', asOf, '--format', 'json'])).code).toBe(0);
    expect((await runCli(['batch', file, '-o', join(dir, 'out.jsonl'), '--as-of', asOf])).code).toBe(0);
    const missing = await runCli(['assess', join(dir, 'notes.txt'), '--as-of', asOf]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining(new Describer('en', standard).diagnosticMessage({ code: 'unreadable', file: '', path: '', reason: 'no-such-file' }))]);
  });

  it.each(['results.xlsx', 'results.csv', 'results.jsonl', 'results.json', 'summary.html', 'summary.md'])('reruns into the input folder: -o in/%s', async (name) => {
    const { dir, write } = tempFolder('itss-rerun-');
    mkdirSync(join(dir, 'in'));
    write('in/engagements.csv', engagements);
    const out = join(dir, 'in', name);
    for (let run = 0; run < 2; run++) {
      const result = await runCli(['batch', join(dir, 'in'), '-o', out, '--errors', join(dir, 'in', 'errors.csv'), '--as-of', asOf]);
      expect([run, result.code, result.stderr]).toEqual([run, 0, expect.not.stringContaining('input of this run')]);
    }
    expect(existsSync(out)).toBe(true);
    // Given by a shell's glob, the earlier outputs are among the inputs by name: still not inputs to protect.
    const glob = ['engagements.csv', name, 'errors.csv'].map((f) => join(dir, 'in', f));
    expect((await runCli(['batch', ...glob, '-o', out, '--errors', join(dir, 'in', 'errors.csv'), '--as-of', asOf])).code).toBe(0);
  });

  it('still refuses to write over an HR table in the input folder', async () => {
    const { dir, write } = tempFolder('itss-guard-');
    mkdirSync(join(dir, 'in'));
    write('in/engagements.csv', engagements);
    const run = await runCli(['batch', join(dir, 'in'), '-o', join(dir, 'in', 'engagements.csv')]);
    expect(run.code).toBe(2);
    expect(readFileSync(join(dir, 'in', 'engagements.csv'), 'utf8')).toBe(engagements);
  });
});

describe('messages name the key or column', () => {
  it('a key given twice: which key, in which mapping, at the second', () => {
    const { diagnostics } = parseYamlSource('id: E1\nengagements:\n  - specialty: operation\n    role: leader\n    role: member\nname: a\n"name": b\n', 'c.yaml');
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'duplicate-key', line: 5, column: 5, path: 'engagements[0].role', value: 'role' }),
      expect.objectContaining({ code: 'duplicate-key', line: 7, column: 1, path: 'name', value: 'name' }),
    ]);
    expect(new Describer('en', standard).diagnostic(diagnostics[0])).toBe('c.yaml:5:5: engagements[0].role: the key “role” is given twice in one mapping; keep the right one and delete the other');
    const json = parseYamlSource('{"id": "E1", "exams": [{"exam": "AP", "exam": "FE"}]}', 'c.json');
    expect(json.diagnostics).toEqual([expect.objectContaining({ code: 'duplicate-key', path: 'exams[0].exam', value: 'exam' })]);
  });

  it('a key given twice on a line of JSON Lines: refused and named, not the last kept', async () => {
    const { dir, write } = tempFolder('itss-jsonl-');
    write('a.jsonl', '{"id":"E1","name":"x: \\"y\\": z"}\n{"id":"E2","exams":[{"exam":"AP","exam":"FE"}]}\n{"__proto__":{"a":1},"id":"E3"}\n');
    const { assessed, rejected } = await batch([join(dir, 'a.jsonl')]);
    expect(assessed).toEqual(['E1']);
    expect(rejected).toEqual([
      { candidateId: 'E2', diagnostics: [expect.objectContaining({ code: 'duplicate-key', file: join(dir, 'a.jsonl'), line: 2, column: 34, path: 'exams[0].exam', value: 'exam' })] },
      // A key named __proto__ is a key like any other: unknown to a candidate, and not taken for a duplicate.
      { candidateId: 'E3', diagnostics: [expect.objectContaining({ code: 'unknown-key', line: 3, value: '__proto__' })] },
    ]);
  });

  it("a bad cell of an HR table: the field and the file's own header", async () => {
    const { dir, write } = tempFolder('itss-header-');
    write('業務経験.csv', '社員番号,専門分野,役割,開始\nE1,operation,leadr,2020-04\n,operation,leader,2020-04\n');
    const { rejected } = await batch([dir]);
    const bad = rejected.flatMap((r) => r.diagnostics).find((d) => d.code === 'unknown-value');
    const noId = rejected.flatMap((r) => r.diagnostics).find((d) => d.code === 'no-candidate-id');
    // The export's own header, not the candidate's internal path (engagements[0].role): the file and row are its location.
    expect(new Describer('ja', standard).diagnosticMessage(bad!)).toMatch(/^列「役割」: 不明な値「leadr」/);
    expect(new Describer('en', standard).diagnosticMessage(bad!)).toMatch(/^column “役割”: unknown value “leadr”/);
    // No mapping in use: write a listed value (there is no mapping to add to); under one, how to map it.
    expect(new Describer('en', standard).diagnosticMessage(bad!)).toMatch(/; write one of those values instead \(an id or its label: .*“instructions” sheet/);
    expect(new Describer('en', standard).diagnosticMessage(bad!)).not.toContain('values:');
    const mapped = await batch([dir], loadMapping('format: itss-mapping/v1\n', 'mapping.yaml', standard));
    const badMapped = mapped.rejected.flatMap((r) => r.diagnostics).find((d) => d.code === 'unknown-value');
    expect(new Describer('en', standard).diagnosticMessage(badMapped!)).toContain('under `role:` of `values:` in the mapping');
    expect(new Describer('en', standard).diagnosticMessage(noId!)).toBe('column “社員番号”: the row has no candidate id; it cannot be joined to a candidate');
    // An English header too: the column as the file heads it.
    write('engagements.csv', 'candidate_id,specialty,role,from,annual_contract\nE1,operation,leader,2020-04,many\n');
    const english = await batch([join(dir, 'engagements.csv')]);
    expect(new Describer('en', standard).diagnosticMessage(english.rejected[0].diagnostics[0])).toMatch(/^column “annual_contract”: /);
  });
});

describe('Markdown cells', () => {
  it('keep a name with a bare CR, a LF, a CRLF or a | on one row', () => {
    expect(markdownText('Sato\rTaro\nJr\r\nII | III')).toBe('Sato Taro Jr II \\| III');
  });
});
