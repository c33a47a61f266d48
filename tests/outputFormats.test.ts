/**
 * The one table of output formats (outputFormats, issue 23 item 3): what each command writes in each format, read by
 * the CLI for its choices, its errors and the format of `-o FILE`; and assess's JSON written a result at a time
 * (issue 25 item 2), byte for byte what was printed when every result was collected first.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCandidates } from '../src/candidate/loadCandidate.js';
import type { Assessment, SpecialtyRecord } from '../src/engine/assessment.js';
import { SharedResults, evaluate, evaluateRecord } from '../src/engine/evaluate.js';
import { main } from '../src/cli/program.js';
import { en } from '../src/messages/en.js';
import { defaultFormatOf, formatOfExtension, formatsOf, isFileOnly, outputFormats, reporters, type OutputCommand, type OutputFormatName } from '../src/reporters/outputFormats.js';
import { AssessmentSerializer, serializeAssessment } from '../src/reporters/serializeAssessment.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { runCli, tempFolder } from './cliHarness.js';

const standard = builtinStandard();
const asOf = '2026-04-01';
const example = 'examples/yamada-hanako.yaml';
const exampleText = readFileSync(example, 'utf8');
const { dir, write } = tempFolder('itss-formats-');
const bad = write('bad.yaml', 'id: E2\nengagements:\n  - specialty: devops\n    role: leader\n    from: 2019-04\n');

describe('the table of output formats', () => {
  it('says which formats each command takes, in the order it lists them, and its default', () => {
    const commands: Record<OutputCommand, { formats: string[]; byDefault: string; fileOnly: string[] }> = {
      assess: { formats: ['table', 'json', 'jsonl', 'md', 'html'], byDefault: 'table', fileOnly: [] },
      gap: { formats: ['table', 'json', 'md', 'html'], byDefault: 'table', fileOnly: [] },
      batch: { formats: ['csv', 'jsonl', 'json', 'xlsx', 'html', 'md'], byDefault: 'jsonl', fileOnly: ['xlsx'] },
      diff: { formats: ['table', 'json', 'csv', 'xlsx', 'md', 'html'], byDefault: 'table', fileOnly: ['xlsx'] },
    };
    for (const [command, { formats, byDefault, fileOnly }] of Object.entries(commands) as [OutputCommand, (typeof commands)[OutputCommand]][]) {
      expect(formatsOf(command), command).toEqual(formats);
      expect(defaultFormatOf(command), command).toBe(byDefault);
      expect(formatsOf(command).filter((f) => isFileOnly(command, f)), command).toEqual(fileOnly);
    }
  });

  it('names each format by its extensions, the first the one errors suggest', () => {
    const byExtension = { txt: 'table', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl', csv: 'csv', xlsx: 'xlsx', md: 'md', markdown: 'md', html: 'html', htm: 'html' };
    for (const [extension, format] of Object.entries(byExtension)) expect(formatOfExtension(extension), extension).toBe(format);
    for (const unknown of ['', 'pdf', 'constructor', '__proto__', 'toString']) expect(formatOfExtension(unknown), unknown).toBeUndefined();
    expect(Object.fromEntries(Object.entries(outputFormats).map(([format, entry]) => [format, entry.extensions[0]]))).toEqual({
      table: 'txt', json: 'json', jsonl: 'jsonl', csv: 'csv', xlsx: 'xlsx', md: 'md', html: 'html',
    });
  });
});

describe('each command takes exactly the formats the table gives it', () => {
  const formatNames = Object.keys(outputFormats) as OutputFormatName[];
  const commands: OutputCommand[] = ['assess', 'gap', 'batch', 'diff'];
  /** The example's results a year apart: what `itss diff` compares. */
  const [lastYear, thisYear] = [join(dir, 'results-2025.jsonl'), join(dir, 'results-2026.jsonl')];
  beforeAll(async () => {
    for (const [file, day] of [[lastYear, '2025-04-01'], [thisYear, asOf]]) expect((await runCli(['batch', example, '--as-of', day, '-o', file])).code).toBe(0);
  }, 60_000);
  /** A run of the command on the example (diff: on its results), its output to stdout or a file. */
  const run = (command: OutputCommand, args: string[]) => runCli(command === 'diff' ? ['diff', lastYear, thisYear, ...args] : [command, example, '--as-of', asOf, ...args]);
  /** The commands that write a file only format (a workbook), given a file whatever the format. */
  const writesWorkbooks = (command: OutputCommand) => command === 'batch' || command === 'diff';

  it.each(commands)('%s: --format takes its formats and refuses every other, listing its own', async (command) => {
    for (const format of [...formatNames, 'xml']) {
      const output = writesWorkbooks(command) ? ['-o', join(dir, `format-${command}-${format}.out`)] : [];
      const { code, stderr } = await run(command, ['--format', format, ...output]);
      if ((formatsOf(command) as string[]).includes(format)) expect([format, code, stderr]).toEqual([format, 0, command === 'batch' ? expect.any(String) : '']);
      else expect([format, code, stderr]).toEqual([format, 2, `itss: --format must be one of: ${formatsOf(command).join(', ')}; got “${format}”\n`]);
    }
  });

  it.each(commands)('%s: -o FILE takes the format of its extension, and refuses one of another command', async (command) => {
    for (const [format, { extensions }] of Object.entries(outputFormats)) {
      for (const extension of extensions) {
        const file = join(dir, `${command}-${format}.${extension}`);
        const { code, stderr } = await run(command, ['-o', file]);
        if ((formatsOf(command) as string[]).includes(format)) expect([file, code, existsSync(file)]).toEqual([file, 0, true]);
        else {
          const expected = formatsOf(command).map((f) => `.${outputFormats[f].extensions[0]}`).join(', ');
          expect([file, code, stderr]).toEqual([file, 2, `itss: cannot tell the format of ${file}; name it ${expected}, or give --format\n`]);
        }
      }
    }
  });

  it.each(commands)('%s --help lists its formats', async (command) => {
    const { stdout } = await runCli([command, '--help']);
    expect(stdout.replace(/\s*\n\s+/g, ' ')).toContain(en.text['help.option.format'].replace('{choices}', formatsOf(command).join(', ')));
  });

  it('batch and diff: a format that is a file only (the workbook) is refused on stdout, naming those that are not', async () => {
    const { code, stderr } = await run('batch', ['--format', 'xlsx']);
    expect([code, stderr]).toEqual([2, 'itss: --format must be one of: csv, jsonl, json, html, md; got “xlsx”\n']);
    const diff = await run('diff', ['--format', 'xlsx']);
    expect([diff.code, diff.stdout, diff.stderr]).toEqual([2, '', 'itss: --format must be one of: table, json, csv, md, html; got “xlsx”\n']);
  });
});

/** The candidate files of a run: copies of the example under other ids, a file of two candidates, one bad file. */
function manyFiles(count: number): { files: string[]; assessments: Assessment[] } {
  const files: string[] = [];
  const assessments: Assessment[] = [];
  for (let i = 1; i <= count; i++) {
    if (i === 5) files.push(bad);
    const text = i === 3 ? `${exampleText.replace('id: E0001', 'id: E0003a')}\n---\n${exampleText.replace('id: E0001', 'id: E0003b')}` : exampleText.replace('id: E0001', `id: E${String(i).padStart(4, '0')}`);
    const file = write(`many-${i}.yaml`, text);
    files.push(file);
    for (const candidate of loadCandidates(text, file, standard).candidates) assessments.push(evaluate(standard, candidate, { asOf }));
  }
  return { files, assessments };
}

describe('assess --format json and jsonl: a result at a time, the bytes of the whole', () => {
  const { files, assessments } = manyFiles(30);

  it('prints for many files (one bad, one of two candidates) what JSON.stringify prints of all the results', async () => {
    expect(assessments).toHaveLength(31);
    const json = await runCli(['assess', ...files, '--as-of', asOf, '--format', 'json']);
    expect(json.stdout).toBe(`${JSON.stringify(assessments, null, 2)}\n`);
    const jsonl = await runCli(['assess', ...files, '--as-of', asOf, '--format', 'jsonl']);
    expect(jsonl.stdout).toBe(assessments.map((a) => `${JSON.stringify(a)}\n`).join(''));
    // The bad file is reported and the others assessed (cli.md: exit 1).
    for (const run of [json, jsonl]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${bad}:3:16`);
    }
  });

  it('prints one object for one candidate, an array for one file of two or for two files of which one is bad', async () => {
    const [first] = assessments;
    expect((await runCli(['assess', files[0], '--as-of', asOf, '--format', 'json'])).stdout).toBe(`${JSON.stringify(first, null, 2)}\n`);
    expect((await runCli(['assess', files[2], '--as-of', asOf, '--format', 'json'])).stdout).toBe(`${JSON.stringify(assessments.slice(2, 4), null, 2)}\n`);
    const withBad = await runCli(['assess', files[0], bad, '--as-of', asOf, '--format', 'json']);
    expect([withBad.code, withBad.stdout]).toEqual([1, `${JSON.stringify([first], null, 2)}\n`]);
  });

  it('writes -o FILE with the bytes it prints; prints and writes nothing when no file can be assessed', async () => {
    for (const format of ['json', 'jsonl'] as const) {
      const printed = (await runCli(['assess', ...files, '--as-of', asOf, '--format', format])).stdout;
      const file = join(dir, `many.${format}`);
      expect((await runCli(['assess', ...files, '--as-of', asOf, '-o', file])).code).toBe(1);
      expect(readFileSync(file, 'utf8')).toBe(printed);
      const none = join(dir, `none.${format}`);
      expect(await runCli(['assess', bad, bad, '--as-of', asOf, '--format', format])).toMatchObject({ code: 2, stdout: '' });
      expect((await runCli(['assess', bad, '--as-of', asOf, '-o', none])).code).toBe(2);
      expect(existsSync(none)).toBe(false);
    }
    // No temporary file is left behind either.
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an output that is one of the inputs before assessing any', async () => {
    const { code, stdout, stderr } = await runCli(['assess', bad, files[0], '--as-of', asOf, '--format', 'json', '-o', files[0]]);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toBe(`${files[0]}: the output ${files[0]} is an input of this run (${files[0]}); name another file\n`);
    expect(readFileSync(files[0], 'utf8')).toContain('format: itss-candidate/v1');
  });

  it('prints each JSON result as it is made; the human reports once, at the end', async () => {
    /** The streams written to, in order, for assess of a good file, a bad one and a good one. */
    const streams = async (format: string) => {
      const order: string[] = [];
      await main(['assess', files[0], bad, files[1], '--as-of', asOf, '--format', format], {
        stdout: { write: () => order.push('stdout'), isTTY: false },
        stderr: { write: () => order.push('stderr') },
        env: { LANG: 'en_US.UTF-8' },
        today: () => asOf,
      });
      return order;
    };
    // The first result, the bad file's problem, the second result, the array's end.
    expect(await streams('json')).toEqual(['stdout', 'stderr', 'stdout', 'stdout']);
    expect(await streams('jsonl')).toEqual(['stdout', 'stderr', 'stdout']);
    for (const format of ['table', 'md', 'html']) expect(await streams(format), format).toEqual(['stderr', 'stdout']);
  });
});

describe('the library reporters, made from the table: the text they made before', () => {
  const [a, b] = manyFiles(2).assessments as [Assessment, Assessment];
  const options = { lang: 'en' as const, standard };

  it('json: one object for one assessment, an array otherwise (or when asked)', () => {
    expect(reporters.json([], options)).toBe('[]\n');
    expect(reporters.json([a], options)).toBe(`${JSON.stringify(a, null, 2)}\n`);
    expect(reporters.json([a], { ...options, array: true })).toBe(`${JSON.stringify([a], null, 2)}\n`);
    expect(reporters.json([a, b], options)).toBe(`${JSON.stringify([a, b], null, 2)}\n`);
  });

  it('jsonl: a line each', () => {
    expect(reporters.jsonl([], options)).toBe('');
    expect(reporters.jsonl([a, b], options)).toBe(`${JSON.stringify(a)}\n${JSON.stringify(b)}\n`);
  });
});

describe('AssessmentSerializer: what it remembers is its own', () => {
  const text = exampleText;
  const candidates = [0, 1, 2].map((i) => loadCandidates(text.replace('id: E0001', `id: S${i}`), 's.yaml', standard).candidates[0]);

  it('writes JSON.stringify of records of different dates and standards in turn', () => {
    const serializer = new AssessmentSerializer();
    const shared = new SharedResults<SpecialtyRecord>();
    for (const date of ['2026-04-01', '2020-04-01', '2026-04-01']) {
      for (const candidate of candidates) {
        const record = evaluateRecord(standard, candidate, { asOf: date, sharedResults: shared });
        expect(serializer.serialize(record)).toBe(JSON.stringify(record));
      }
    }
  });

  it('records of one standard name it by one object, whose text a serializer then makes once', () => {
    const [first, second] = candidates.slice(0, 2).map((candidate) => evaluateRecord(standard, candidate, { asOf }));
    expect(second.standard).toBe(first.standard);
    expect(first.standard).toEqual({ id: standard.id, version: standard.version });
  });

  it('keeps the text of shared results per serializer: another (or serializeAssessment) makes its own', () => {
    const shared = new SharedResults<SpecialtyRecord>();
    // Held from the second candidate of a result on (SharedResults).
    const [, first, second] = candidates.map((candidate) => evaluateRecord(standard, candidate, { asOf, sharedResults: shared }));
    const sharedSpecialty = first.specialties.find((s) => second.specialties.includes(s));
    expect(sharedSpecialty).toBeDefined();
    const serializer = new AssessmentSerializer();
    const before = serializer.serialize(second);
    // Shared results are read-only; changed here only to see whose memory a text comes from.
    (sharedSpecialty as { examLevel: number | null }).examLevel = 7;
    expect(serializer.serialize(second)).toBe(before);
    expect(new AssessmentSerializer().serialize(second)).toBe(JSON.stringify(second));
    expect(serializeAssessment(second)).toBe(JSON.stringify(second));
    expect(JSON.stringify(second)).not.toBe(before);
  });
});
