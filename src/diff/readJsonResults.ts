import { createReadStream, readFileSync, statSync } from 'node:fs';
import { criterionWordings } from '../messages/criterionWordings.js';
import type { CriterionKind } from '../standard/standardSchema.js';
import { ResultsFileError } from './diffProblem.js';
import { RunBuilder, isRecordedAsOf, standardText, type ResultsRun, type RunPerson, type RunSpecialty } from './resultsRun.js';

/** The criterion ids a result may name (cli.md "JSON result"). */
const CRITERION_KINDS = new Set<string>(Object.keys(criterionWordings));

/**
 * A JSON document read whole (`itss assess --format json`, pretty-printed: no result per line): bounded, as a
 * string of it is held with its parsed value. A batch writes JSON a result per line, which is read line by line.
 */
const MAX_DOCUMENT_BYTES = 256 << 20;

/** What a result shares with the others of its file: the run's date and standard. */
type RecordHead = { asOf: string; standard: { id: string; version?: string } };

/** A result that is not one itss writes: the first key at fault, what it should be, what it is. */
interface RecordFault {
  path: string;
  expected: string;
  found: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLevel = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0);

/**
 * One result (the batch record, or the full result of `itss assess --format json`) as a diff reads it: the person,
 * each specialty's level, and the criteria blocking its next level where the person practises it (as the human
 * formats show them). Checked key by key: the first one at fault is said, with what it should be.
 */
export function readRecord(value: unknown): { person: Omit<RunPerson, 'key'>; head: RecordHead } | RecordFault {
  if (!isObject(value)) return { path: '', expected: 'object', found: value };
  const { candidate, asOf, standard, specialties } = value;
  if (!isObject(candidate)) return { path: 'candidate', expected: 'object', found: candidate };
  if (typeof candidate.id !== 'string' || candidate.id.trim() === '') return { path: 'candidate.id', expected: 'string', found: candidate.id };
  for (const key of ['name', 'department'] as const) {
    if (candidate[key] !== undefined && typeof candidate[key] !== 'string') return { path: `candidate.${key}`, expected: 'string', found: candidate[key] };
  }
  if (!isRecordedAsOf(asOf)) return { path: 'asOf', expected: 'YYYY-MM-DD', found: asOf };
  if (!isObject(standard) || typeof standard.id !== 'string') return { path: 'standard.id', expected: 'string', found: isObject(standard) ? standard.id : standard };
  if (standard.version !== undefined && typeof standard.version !== 'string') return { path: 'standard.version', expected: 'string', found: standard.version };
  if (!Array.isArray(specialties)) return { path: 'specialties', expected: 'array', found: specialties };
  const read = new Map<string, RunSpecialty>();
  for (const [i, s] of specialties.entries()) {
    const at = `specialties[${i}]`;
    if (!isObject(s)) return { path: at, expected: 'object', found: s };
    if (typeof s.specialty !== 'string') return { path: `${at}.specialty`, expected: 'string', found: s.specialty };
    if (!isLevel(s.level)) return { path: `${at}.level`, expected: 'integer | null', found: s.level };
    if (s.practised !== undefined && typeof s.practised !== 'boolean') return { path: `${at}.practised`, expected: 'boolean', found: s.practised };
    const next = s.next;
    if (next !== null && !(isObject(next) && isLevel(next.level) && next.level !== null && Array.isArray(next.gaps))) return { path: `${at}.next`, expected: '{ level, gaps } | null', found: next };
    const gaps: CriterionKind[] = [];
    for (const [j, g] of (next?.gaps as unknown[] | undefined ?? []).entries()) {
      const id = isObject(g) ? g.id : undefined;
      if (typeof id !== 'string' || !CRITERION_KINDS.has(id)) return { path: `${at}.next.gaps[${j}].id`, expected: [...CRITERION_KINDS].join(' | '), found: id };
      gaps.push(id as CriterionKind);
    }
    // A result without `practised` (written before it was added) is taken as practised: its next level was shown.
    const shown = s.practised !== false && next !== null;
    read.set(s.specialty, { level: s.level, next: shown ? { level: next.level as number, gaps } : null });
  }
  const person = {
    id: candidate.id,
    name: typeof candidate.name === 'string' ? candidate.name : null,
    department: typeof candidate.department === 'string' ? candidate.department : null,
    specialties: read,
  };
  return { person, head: { asOf, standard: { id: standard.id, ...(typeof standard.version === 'string' ? { version: standard.version } : {}) } } };
}

/** A text as a problem quotes it: at most 60 characters. */
const snippet = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** A value as a problem shows it: its JSON, cut short; a dash for a missing key. */
const quoted = (value: unknown): string => (value === undefined ? '—' : snippet(JSON.stringify(value)));

/**
 * The results of one JSON file, added one at a time: each checked, and the run's as-of date and standard taken from
 * the first (a file whose results differ in either holds several runs, and is refused).
 */
class JsonRunReader {
  private readonly builder: RunBuilder;
  private count = 0;

  constructor(readonly file: string) {
    this.builder = new RunBuilder(file, 'jsonl');
  }

  get run(): ResultsRun {
    return this.builder.run;
  }

  add(value: unknown, where: { line: number } | { record: number }): void {
    const read = readRecord(value);
    const at = { file: this.file, ...where };
    if ('path' in read) {
      throw new ResultsFileError([{ code: 'bad-record', ...at, params: { path: read.path || '(root)', expected: read.expected, value: quoted(read.found) } }]);
    }
    const run = this.builder.run;
    if (this.count++ === 0) {
      run.asOf = read.head.asOf;
      run.standard = read.head.standard;
    } else if (read.head.asOf !== run.asOf) {
      throw new ResultsFileError([{ code: 'mixed-as-of', ...at, params: { value: read.head.asOf, expected: run.asOf ?? '' } }]);
    } else if (read.head.standard.id !== run.standard?.id || read.head.standard.version !== run.standard.version) {
      throw new ResultsFileError([{ code: 'mixed-standards', ...at, params: { value: standardText(read.head.standard), expected: standardText(run.standard) } }]);
    }
    this.builder.add({ ...read.person, ...where });
  }

  /** The run, once every result is read; a file without any is no run. */
  finish(format: 'jsonl' | 'json'): ResultsRun {
    if (this.count === 0) throw new ResultsFileError([{ code: 'no-results', file: this.file }]);
    this.run.format = format;
    return this.run;
  }
}

/**
 * Results written as JSON: JSON Lines (a batch's record, `itss assess --format jsonl`: a result per line), a batch's
 * JSON array (`[`, then a result per line), or a JSON document (`itss assess --format json`: one result, or an array
 * of them, pretty-printed). Read a line at a time where a line is a result, so that a batch of any size is never held
 * whole; a document is parsed whole. The first line decides which.
 */
export async function readJsonResults(file: string): Promise<ResultsRun> {
  const reader = new JsonRunReader(file);
  let mode: 'lines' | 'array' | 'document' | undefined;
  let parsed = 0;
  let compact = false;
  await forEachLine(file, (raw, line) => {
    const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (text === '') return true;
    if (mode === undefined && (text === '[' || text === '[]')) {
      mode = 'array';
      return true;
    }
    mode ??= 'lines';
    if (mode === 'array' && text === ']') return true;
    let value: unknown;
    try {
      value = JSON.parse(mode === 'array' && text.endsWith(',') ? text.slice(0, -1) : text);
    } catch {
      // The first result does not fit on its line: a pretty-printed document, read whole below.
      if (parsed === 0) {
        mode = 'document';
        return false;
      }
      throw new ResultsFileError([{ code: 'not-json', file, line, params: { value: snippet(text) } }]);
    }
    parsed++;
    // A whole array on one line (JSON written compactly): its results, by their numbers.
    if (mode === 'lines' && Array.isArray(value)) {
      compact = true;
      value.forEach((result, i) => reader.add(result, { record: i + 1 }));
    } else reader.add(value, { line });
    return true;
  });
  if (mode !== 'document') return reader.finish(mode === 'array' || compact ? 'json' : 'jsonl');
  return readJsonDocument(file);
}

/**
 * Each line of a file (UTF-8; its break, LF or CRLF, left out), numbered from 1, until `line` returns false. Split on
 * the bytes of a chunk (a megabyte) and decoded a line at a time: node's readline took as long as parsing the JSON.
 */
async function forEachLine(file: string, line: (text: string, number: number) => boolean): Promise<void> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  let carry: Buffer | undefined;
  let number = 0;
  try {
    for await (const chunk of stream) {
      const bytes = carry ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      let start = 0;
      for (let end = bytes.indexOf(10); end !== -1; end = bytes.indexOf(10, start)) {
        if (!line(bytes.toString('utf8', start, end > start && bytes[end - 1] === 13 ? end - 1 : end), ++number)) return;
        start = end + 1;
      }
      carry = bytes.subarray(start);
    }
    if (carry && carry.length > 0) line(carry.toString('utf8'), ++number);
  } finally {
    stream.destroy();
  }
}

/** A pretty-printed JSON document: one result, or an array of them, each named by its number. */
function readJsonDocument(file: string): ResultsRun {
  if (statSync(file).size > MAX_DOCUMENT_BYTES) throw new ResultsFileError([{ code: 'too-large', file, params: { limit: MAX_DOCUMENT_BYTES >> 20 } }]);
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Where it stops being JSON, as a line of the file (V8 says the character's position).
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const at = position === undefined ? text.length : Number(position);
    const line = text.slice(0, at).split('\n').length;
    throw new ResultsFileError([{ code: 'not-json', file, line, params: { value: snippet(text.split('\n')[line - 1]?.trim() ?? '') } }]);
  }
  const reader = new JsonRunReader(file);
  const results = Array.isArray(value) ? value : [value];
  results.forEach((result, i) => reader.add(result, { record: i + 1 }));
  return reader.finish('json');
}
