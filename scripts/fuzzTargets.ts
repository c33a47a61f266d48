/**
 * Fuzz targets of every parser a user reaches, shared by the long fuzzer (scripts/fuzz.ts, `npm run fuzz`) and
 * the short CI run (tests/fuzz.test.ts): how cases are generated (mutated shipped examples and random text), how
 * one case runs, and the oracle it must satisfy:
 *
 * - a result or a located error: an InputError whose diagnostics each have a `code` and name the `file` given
 *   (and, where they give a line or column, a real one); nothing else is ever thrown;
 * - for the batch: it never throws anything but InputError; every rejection carries located diagnostics naming one
 *   of the inputs; the summary counts the events; every candidate id found in the inputs ends in exactly one
 *   `assessed` or `rejected` event (or its whole file is rejected);
 * - a bounded time (2 s up to 10 KB, then 1 s per 100 KB: see timeBoundMs) and memory (RSS below a limit);
 * - Object.prototype untouched (no new or changed own properties, e.g. from `__proto__` keys), and no object
 *   of a result with a foreign prototype.
 *
 * Cases are plain JSON (structured-clonable), so they can be printed, saved, replayed and sent to a worker.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { loadCandidates } from '../src/candidate/loadCandidate.js';
import { evaluate } from '../src/engine/evaluate.js';
import { InputError } from '../src/input/diagnostic.js';
import { hrTables } from '../src/hr/hrTables.js';
import { loadMapping, type Mapping } from '../src/hr/loadMapping.js';
import { runBatch, type Rejection } from '../src/batch/runBatch.js';
import { loadStandard, type Standard } from '../src/standard/loadStandard.js';
import { BARE_PROTOTYPE } from '../src/values/bareObject.js';

// ---------------------------------------------------------------------------------------------------------------
// Cases

export const TARGETS = ['candidate', 'standard', 'mapping', 'batch'] as const;
export type TargetName = (typeof TARGETS)[number];
export type StandardName = 'builtin' | 'made-up';

/** One input file of a batch case. `bytes`: `content` is a byte string (one char per byte, latin1). */
export interface FileSpec {
  name: string;
  content: string;
  bytes?: boolean;
  /** Changed from its seed by the mutations (only these are printed in full). */
  changed?: boolean;
  /** For CSV seeds: the seed's header line and its candidate-id column, to account for every id (see checkBatch). */
  seedHeader?: string;
  idHeader?: string;
}

export type FuzzCase =
  | { target: 'candidate'; origin: string; text: string; standard: StandardName }
  | { target: 'standard'; origin: string; text: string }
  | { target: 'mapping'; origin: string; text: string }
  | { target: 'batch'; origin: string; files: FileSpec[]; standard: StandardName; mapping: boolean };

export type FailureKind = 'exception' | 'oracle' | 'prototype' | 'slow' | 'hang' | 'memory' | 'crash';

export interface Failure {
  kind: FailureKind;
  /** What happened, for people. */
  message: string;
  /** What makes two failures the same bug: target, kind, error type and normalised message, first stack frame. */
  signature: string;
}

export interface Verdict {
  /** Milliseconds spent in the code under test. */
  ms: number;
  failures: Failure[];
}

// ---------------------------------------------------------------------------------------------------------------
// Context: seeds and standards, loaded once

export interface FuzzContext {
  root: string;
  standards: Record<StandardName, Standard>;
  /** Candidate texts per standard, to exercise a standard or a mapping that loaded. */
  candidateSeeds: { text: string; standard: StandardName; origin: string }[];
  standardSeeds: { text: string; origin: string }[];
  mappingSeeds: { text: string; origin: string }[];
  batchScenarios: BatchScenario[];
  /** The example mapping's CSV, written once, read by every mapping case that loads. */
  mappingCsv: string;
  /** The example mapping, loaded on first use (a child that has not parsed YAML yet stays like a fresh CLI). */
  exampleMapping(): Mapping;
  /** Where batch cases write their files. */
  workDir: string;
  /** Object.prototype's own properties before any case. */
  prototypeSnapshot: Map<PropertyKey, unknown>;
  caseCounter: number;
}

export interface BatchScenario {
  name: string;
  files: FileSpec[];
  standard: StandardName;
  mapping: boolean;
}

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
const firstLine = (text: string) => text.split(/\r?\n/, 1)[0] ?? '';

function csvSeeds(root: string, folder: string, idHeader: string): FileSpec[] {
  return readdirSync(join(root, folder))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => {
      const buffer = readFileSync(join(root, folder, f));
      const utf8 = isUtf8(buffer);
      const content = utf8 ? buffer.toString('utf8') : buffer.toString('latin1');
      return { name: f, content, ...(utf8 ? {} : { bytes: true }), seedHeader: firstLine(content), idHeader };
    });
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** `root`: the package root (where data/ and examples/ are); the runner and vitest both run there. */
export function createFuzzContext(root = process.cwd(), workBase?: string): FuzzContext {
  const builtin = loadStandard(read(root, 'data/itss-v3-itsm.yaml'), 'data/itss-v3-itsm.yaml');
  const madeUp = loadStandard(read(root, 'tests/fixtures/made-up-standard.yaml'), 'made-up-standard.yaml');
  const yamada = read(root, 'examples/yamada-hanako.yaml');
  const madeUpCandidate = read(root, 'tests/fixtures/made-up-candidate.yaml');
  const yamadaJson = parseYaml(yamada) as Record<string, unknown>;
  const madeUpStandardText = read(root, 'tests/fixtures/made-up-standard.yaml');
  const mappingText = read(root, 'examples/hr-mapping/mapping.yaml');
  const candidateSeeds: FuzzContext['candidateSeeds'] = [
    { text: yamada, standard: 'builtin', origin: 'examples/yamada-hanako.yaml' },
    { text: JSON.stringify(yamadaJson, null, 2), standard: 'builtin', origin: 'examples/yamada-hanako.yaml as JSON' },
    { text: JSON.stringify(yamadaJson), standard: 'builtin', origin: 'examples/yamada-hanako.yaml as one-line JSON' },
    { text: `${yamada}\n---\n${yamada.replace('id: E0001', 'id: E0002')}`, standard: 'builtin', origin: 'two documents of examples/yamada-hanako.yaml' },
    { text: madeUpCandidate, standard: 'made-up', origin: 'tests/fixtures/made-up-candidate.yaml' },
  ];
  const standardSeeds = [
    { text: madeUpStandardText, origin: 'tests/fixtures/made-up-standard.yaml' },
    { text: JSON.stringify(parseYaml(madeUpStandardText)), origin: 'tests/fixtures/made-up-standard.yaml as JSON' },
    { text: read(root, 'data/itss-v3-itsm.yaml'), origin: 'data/itss-v3-itsm.yaml' },
  ];
  const mappingSeeds = [
    { text: mappingText, origin: 'examples/hr-mapping/mapping.yaml' },
    { text: JSON.stringify(parseYaml(mappingText)), origin: 'examples/hr-mapping/mapping.yaml as JSON' },
  ];
  const jsonLines = [
    JSON.stringify({ ...yamadaJson, id: 'J1' }),
    JSON.stringify({ id: 'J2', engagements: [{ specialty: 'operation', role: 'member', from: '2020-04' }] }),
    JSON.stringify([{ id: 'J3' }, { id: 'J4', exams: [{ exam: 'AP' }] }]),
  ].join('\n');
  const hrExport = csvSeeds(root, 'examples/hr-export', '社員番号');
  const batchScenarios: BatchScenario[] = [
    { name: 'examples/hr-export', files: hrExport, standard: 'builtin', mapping: false },
    { name: 'examples/hr-export-sjis', files: csvSeeds(root, 'examples/hr-export-sjis', '社員番号'), standard: 'builtin', mapping: false },
    { name: 'tests/fixtures/hr/en', files: csvSeeds(root, 'tests/fixtures/hr/en', 'candidate_id'), standard: 'builtin', mapping: false },
    { name: 'tests/fixtures/hr/ja', files: csvSeeds(root, 'tests/fixtures/hr/ja', '社員番号'), standard: 'builtin', mapping: false },
    { name: 'tests/fixtures/hr/made-up', files: csvSeeds(root, 'tests/fixtures/hr/made-up', 'candidate_id'), standard: 'made-up', mapping: false },
    { name: 'examples/hr-mapping', files: csvSeeds(root, 'examples/hr-mapping', '従業員コード'), standard: 'builtin', mapping: true },
    { name: 'JSON Lines', files: [{ name: 'candidates.jsonl', content: jsonLines }], standard: 'builtin', mapping: false },
    {
      name: 'mixed: hr-export + candidate file + JSON Lines',
      files: [...hrExport, { name: 'yamada-hanako.yaml', content: yamada }, { name: 'candidates.jsonl', content: jsonLines }],
      standard: 'builtin',
      mapping: false,
    },
  ];
  return contextFromData({ root, standards: { builtin, 'made-up': madeUp }, candidateSeeds, standardSeeds, mappingSeeds, batchScenarios }, workBase);
}

/** What a context is made of, as plain data: a child process gets it without parsing any YAML itself. */
export type FuzzContextData = Pick<FuzzContext, 'root' | 'standards' | 'candidateSeeds' | 'standardSeeds' | 'mappingSeeds' | 'batchScenarios'>;

export function contextData(ctx: FuzzContext): FuzzContextData {
  const { root, standards, candidateSeeds, standardSeeds, mappingSeeds, batchScenarios } = ctx;
  return { root, standards, candidateSeeds, standardSeeds, mappingSeeds, batchScenarios };
}

export function contextFromData(data: FuzzContextData, workBase?: string): FuzzContext {
  const workDir = mkdtempSync(join(workBase ?? tmpdir(), 'itss-fuzz-'));
  const mappingCsv = join(workDir, '職務経歴.csv');
  writeFileSync(mappingCsv, readFileSync(join(data.root, 'examples/hr-mapping/職務経歴.csv')));
  let mapping: Mapping | undefined;
  return {
    ...data,
    mappingCsv,
    exampleMapping: () => (mapping ??= loadMapping(data.mappingSeeds[0]!.text, 'mapping.yaml')),
    workDir,
    prototypeSnapshot: prototypeSnapshot(),
    caseCounter: 0,
  };
}

/**
 * Whether an input nests deeply (brackets, indentation, `- - -`): such inputs are also run in a fresh process
 * by the long fuzzer, where a recursion that exhausts the stack can meet V8 compiling something lazily.
 */
export function isDeep(c: FuzzCase): boolean {
  const texts = c.target === 'batch' ? c.files.filter((f) => !f.name.endsWith('.csv')).map((f) => f.content) : [c.text];
  return texts.some((text) => {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x5b || ch === 0x7b) {
        if (++depth >= 100) return true;
      } else if (ch === 0x5d || ch === 0x7d) depth = Math.max(0, depth - 1);
    }
    return /^ {200}|(?:- ){100}/m.test(text);
  });
}

export function disposeFuzzContext(ctx: FuzzContext): void {
  rmSync(ctx.workDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations

/** Text that has broken parsers before: quoting, separators, NUL, YAML tags, `__proto__` keys, anchors, numbers. */
export const TOKENS = [
  '\u0000', '"', "'", '`', ',', ';', '|', '、', '，', '\n', '\r\n', '\r', '\t', ' ', ':', ': ', '- ', '#', '{', '}', '[', ']', '?', '!', '%', '@', '&', '*', '\\', '>', '|-',
  '&a ', '*a', '<<: *a', '&b [*a, *a, *a, *a]', '---\n', '...\n', '%YAML 1.1\n', '%TAG ! tag:example.com,2000:\n',
  '!!js/function "function () { return 1 }"', '!!js/regexp /a/g', '!!js/undefined ""', '!!binary aGVsbG8=', '!!set {a, b}', '!!omap [a: 1]', '!!pairs [a: 1]',
  '!!timestamp 2019-04-01', '!!str', '!!int', '!!float', '!!bool', '!!null', '!!map', '!!seq', '!<tag:yaml.org,2002:js/function> x', '!custom', '!!python/object:os.system',
  '__proto__', '__proto__: {polluted: 1}', '"__proto__": {"polluted": 1}', '{"__proto__": {"polluted": 1}}', 'constructor: {prototype: {polluted: 1}}', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '1e309', '-1e309', '1e-400', '99999999999999999999999999', '9007199254740993', '-1', '-0', '0.5', '0x1F', '0o17', '1_000', '.nan', '.inf', '-.inf', 'NaN', 'Infinity', 'null', '~', 'true', 'yes', 'no', 'on',
  '\uFEFF', '\u2028', '\u00a0', '\u3000', '\uD800', '\uDC00', '\uFFFD', '\u202E', '０１２３', '．', '万', '億', '千', '円', '¥', '￥', '年', '月', '日', '令和元年', '平成32年', 'R2.4.1', 'H31.4', 'S64.1',
  '2019-13-45', '0000-00', '9999-99-99', '2019/4/1 0:00', '20190401', '201904', '9999999999億円', '1万2億円', '7.49999999億円', '3,500', '-3', '1.5',
  'id', 'engagements', 'specialty', 'role', 'from', 'to', 'size', 'staff', 'annualContract', 'complexity', 'activities', 'expertise', 'areas', 'depth', 'knowledgeTransfer', 'mentoring', 'exams', 'format',
  'tables', 'columns', 'values', 'files', 'join', 'separator', 'column', 'scale', 'levels', 'level', 'criteria', 'specialties', 'scales', 'sizeFields',
  'candidate_id', '社員番号', 'operation-management', '運用管理', 'leader', 'リーダ', 'AP', 'E1001', 'E0001', 'C1',
];

const NESTINGS = ['[', '{"a":', '- ', '{a: ', '[{"a":[', 'a:\n ', '? ', '&x [', '"'];
const BALANCED: [string, string][] = [['[', ']'], ['{"a":', '}'], ['[{"a":', '}]'], ['{a: ', '}'], [' [', ']']];
const NUMBERS = ['1e309', '99999999999999999999999999999999', '-1', '0', '1.5', '.nan', '-.inf', '9007199254740993', '1e-400', '0x10', '１２', '1_000'];
const COUNTS = [1, 2, 3, 10, 100, 1000, 5000, 20000, 100_000];

export type MutationKind =
  | 'replace-char' | 'flip-bit' | 'insert-token' | 'insert-char' | 'delete' | 'duplicate-line' | 'duplicate-block' | 'delete-line'
  | 'swap-lines' | 'nest' | 'nest-balanced' | 'replace-number' | 'insert-line' | 'replace-value' | 'anchor-alias' | 'raw-byte' | 'truncate';

export const MUTATION_KINDS: MutationKind[] = [
  'replace-char', 'flip-bit', 'insert-token', 'insert-char', 'delete', 'duplicate-line', 'duplicate-block', 'delete-line',
  'swap-lines', 'nest', 'nest-balanced', 'replace-number', 'insert-line', 'replace-value', 'anchor-alias', 'raw-byte', 'truncate',
];

export interface Mutation {
  kind: MutationKind;
  at: number;
  at2: number;
  span: number;
  token: string;
  count: number;
  code: number;
}

/** Size scale of generated inputs: `ci` keeps cases small enough to run hundreds in seconds. */
export type Scale = 'ci' | 'long';
const MAX_TEXT = { ci: 40_000, long: 5_000_000 } as const;

function mutationArbitrary(scale: Scale): fc.Arbitrary<Mutation> {
  // Mostly small repeats; now and then thousands (deep nesting, big files).
  const big = scale === 'ci' ? COUNTS.filter((n) => n >= 1000 && n <= 5000) : COUNTS.filter((n) => n >= 1000);
  const count = fc.oneof({ arbitrary: fc.constantFrom(...COUNTS.filter((n) => n < 100)), weight: 12 }, { arbitrary: fc.constant(100), weight: 2 }, { arbitrary: fc.constantFrom(...big), weight: 1 });
  // Positions anywhere in the text: fast-check's bias alone would put most mutations in its first bytes (for a
  // CSV, its header, which rejects the whole file before any row is read).
  const position = fc.oneof({ arbitrary: fc.nat(), weight: 1 }, { arbitrary: fc.noBias(fc.nat()), weight: 4 });
  return fc.record({
    kind: fc.constantFrom(...MUTATION_KINDS),
    at: position,
    at2: position,
    span: fc.nat({ max: 64 }),
    token: fc.constantFrom(...TOKENS),
    count,
    code: fc.nat({ max: 0xffff }),
  });
}

const splitLines = (text: string) => text.split(/(?<=\n)/);

/** Applies one mutation; `bytes`: the text is a byte string (chars 0–255). Deterministic: positions wrap around. */
export function mutate(text: string, m: Mutation, maxLength: number, bytes = false): string {
  const pos = (n: number, len = text.length) => (len === 0 ? 0 : n % (len + 1));
  const lines = splitLines(text);
  const lineAt = (n: number) => (lines.length === 0 ? 0 : n % lines.length);
  const budget = (unit: number, count: number) => Math.max(1, Math.min(count, Math.floor((maxLength - text.length) / Math.max(1, unit))));
  switch (m.kind) {
    case 'replace-char': {
      const p = pos(m.at, Math.max(0, text.length - 1));
      const ch = bytes ? String.fromCharCode(m.code & 0xff) : String.fromCharCode(m.code % 3 === 0 ? m.code & 0x7f : m.code);
      return text.slice(0, p) + ch + text.slice(p + 1);
    }
    case 'flip-bit': {
      if (text.length === 0) return text;
      const p = m.at % text.length;
      const flipped = text.charCodeAt(p) ^ (1 << (m.code % (bytes ? 8 : 16)));
      return text.slice(0, p) + String.fromCharCode(flipped) + text.slice(p + 1);
    }
    case 'insert-token': {
      const p = pos(m.at);
      return text.slice(0, p) + m.token + text.slice(p);
    }
    case 'insert-char': {
      const p = pos(m.at);
      const ch = String.fromCharCode(bytes ? m.code & 0xff : m.code);
      return text.slice(0, p) + ch.repeat(m.span % 4 === 0 ? budget(1, m.count) : 1) + text.slice(p);
    }
    case 'delete': {
      const p = pos(m.at);
      return text.slice(0, p) + text.slice(p + 1 + m.span);
    }
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'duplicate-line': {
      if (lines.length === 0) return text;
      const i = lineAt(m.at);
      const line = lines[i]!.endsWith('\n') ? lines[i]! : `${lines[i]!}\n`;
      return [...lines.slice(0, i), line.repeat(budget(line.length, m.count)), ...lines.slice(i)].join('');
    }
    case 'duplicate-block': {
      if (lines.length === 0) return text;
      const i = lineAt(m.at);
      const block = lines.slice(i, i + 1 + (m.span % 12)).join('');
      const unit = block.endsWith('\n') ? block : `${block}\n`;
      return [...lines.slice(0, i), unit.repeat(budget(unit.length, m.count)), ...lines.slice(i)].join('');
    }
    case 'delete-line': {
      if (lines.length === 0) return text;
      const i = lineAt(m.at);
      return [...lines.slice(0, i), ...lines.slice(i + 1 + (m.span % 3))].join('');
    }
    case 'swap-lines': {
      if (lines.length < 2) return text;
      const i = lineAt(m.at);
      const j = lineAt(m.at2);
      const copy = [...lines];
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      return copy.join('');
    }
    case 'nest': {
      const p = pos(m.at);
      const open = NESTINGS[m.code % NESTINGS.length]!;
      const n = budget(open.length, m.count);
      // `a:\n ` nests by indentation: each level one space deeper (k levels take k²/2 chars).
      const levels = Math.min(n, Math.floor(Math.sqrt(2 * Math.max(0, maxLength - text.length))));
      const nested = open === 'a:\n ' ? Array.from({ length: levels }, (_, k) => `${' '.repeat(k)}a:\n`).join('') : open.repeat(n);
      return text.slice(0, p) + nested + text.slice(p);
    }
    case 'nest-balanced': {
      // A value (after `: ` or `":`), or the whole line, wrapped in n balanced brackets: still valid JSON or YAML.
      const i = lineAt(m.at);
      const line = lines[i] ?? '';
      const eol = line.endsWith('\n') ? '\n' : '';
      const body = line.slice(0, line.length - eol.length);
      const sep = [body.indexOf('": '), body.indexOf('":'), body.indexOf(': ')].find((k) => k >= 0);
      const start = sep === undefined ? 0 : body[sep] === '"' ? sep + 2 : sep + 2;
      const [open, close] = BALANCED[m.code % BALANCED.length]!;
      const n = budget(open.length + close.length, m.count);
      const copy = [...lines];
      copy[i] = body.slice(0, start) + open.repeat(n) + body.slice(start) + close.repeat(n) + eol;
      return copy.join('');
    }
    case 'replace-number': {
      const runs = [...text.matchAll(/\d+(?:\.\d+)?/g)];
      if (runs.length === 0) return text;
      const run = runs[m.at % runs.length]!;
      const number = m.span % 2 === 0 ? NUMBERS[m.code % NUMBERS.length]! : m.token;
      return text.slice(0, run.index) + number + text.slice(run.index + run[0].length);
    }
    case 'insert-line': {
      // A line at the indentation of an existing one: a `__proto__:` key, a tag, a merge key where YAML reads them.
      const i = lineAt(m.at);
      const indent = /^[ \t-]*/.exec(lines[i] ?? '')?.[0].replace(/-/g, ' ') ?? '';
      const line = m.span % 3 === 0 ? `${indent}${m.token}\n` : `${indent}${m.token}: ${TOKENS[m.code % TOKENS.length]}\n`;
      return [...lines.slice(0, i + 1), line, ...lines.slice(i + 1)].join('');
    }
    case 'replace-value': {
      // The value after `: ` (YAML), `":` (JSON) or a comma (CSV) on some line.
      const i = lineAt(m.at);
      const line = lines[i] ?? '';
      const eol = line.endsWith('\n') ? '\n' : '';
      const body = line.slice(0, line.length - eol.length);
      const sep = [body.indexOf(': '), body.indexOf('":'), body.indexOf(',', m.at2 % Math.max(1, body.length))].find((k) => k >= 0);
      if (sep === undefined) return text;
      const start = sep + (body[sep] === ',' ? 1 : 2);
      const rest = body.slice(start);
      const end = body[sep] === ',' ? (rest.indexOf(',') >= 0 ? start + rest.indexOf(',') : body.length) : body.length;
      const value = m.span % 2 === 0 ? m.token : NUMBERS[m.code % NUMBERS.length]!;
      const copy = [...lines];
      copy[i] = body.slice(0, start) + (body[sep] === ',' ? value : ` ${value}`) + body.slice(end) + eol;
      return copy.join('');
    }
    case 'anchor-alias': {
      // An anchor on one value and an alias (or a merge, or a self-reference) in place of another.
      if (lines.length < 2) return text;
      const i = lineAt(m.at);
      const j = lineAt(m.at2);
      const copy = [...lines];
      copy[i] = copy[i]!.replace(/: /, ': &a ');
      const alias = ['*a', '[*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', '{<<: *a}', '*undefined'][m.code % 4]!;
      copy[j] = copy[j]!.replace(/: .*/, `: ${alias}`);
      return copy.join('');
    }
    case 'raw-byte':
      // Only meaningful on byte strings; on text it inserts a control or high char.
      return text.slice(0, pos(m.at)) + String.fromCharCode(bytes ? m.code & 0xff : 0x80 + (m.code % 0x80)) + text.slice(pos(m.at));
  }
}

export function applyMutations(text: string, mutations: Mutation[], scale: Scale, bytes = false): string {
  let out = text;
  for (const m of mutations) {
    out = mutate(out, m, MAX_TEXT[scale], bytes);
    if (bytes) out = toByteString(out);
  }
  return out;
}

/** Any string as a byte string: each char cut to its low byte. */
const toByteString = (text: string) => (/[^\u0000-\u00ff]/.test(text) ? text.replace(/[^\u0000-\u00ff]/g, (c) => String.fromCharCode(c.charCodeAt(0) & 0xff)) : text);

/** A UTF-8 text as the byte string of its encoding (to mutate bytes and make invalid UTF-8). */
const utf8Bytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** Random text: structured noise from the tokens, arbitrary code units, or random JSON. */
function randomText(scale: Scale): fc.Arbitrary<string> {
  const max = scale === 'ci' ? 200 : 2000;
  const soup = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.constantFrom('\n', '\n  ', '\n- ', ': ', ', ')), { maxLength: max / 4 }).map((t) => t.join(''));
  return fc.oneof(
    { arbitrary: soup, weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: max }), weight: 1 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: max }), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), weight: 1 },
  );
}

/** A mutated seed (6 in 8) or random text (2 in 8); `seed` is the seed's index (for random text: one to pair it with). */
function textCase(seeds: { text: string; origin: string }[], scale: Scale): fc.Arbitrary<{ seed: number; text: string; origin: string }> {
  const mutations = fc.array(mutationArbitrary(scale), { minLength: 1, maxLength: 6 });
  const seed = fc.nat({ max: seeds.length - 1 });
  return fc.oneof(
    { arbitrary: fc.record({ seed, mutations }).map(({ seed, mutations }) => ({ seed, text: applyMutations(seeds[seed]!.text, mutations, scale), origin: `${seeds[seed]!.origin} with ${mutations.map((m) => m.kind).join(', ')}` })), weight: 6 },
    { arbitrary: fc.record({ seed, text: randomText(scale) }).map(({ seed, text }) => ({ seed, text, origin: 'random text' })), weight: 2 },
  );
}

/** The cases of one target. The built-in standard's 46 KB is mutated less often than the small made-up one. */
export function caseArbitrary(ctx: FuzzContext, target: TargetName, scale: Scale = 'long'): fc.Arbitrary<FuzzCase> {
  switch (target) {
    case 'candidate': {
      const seeds = ctx.candidateSeeds;
      return textCase(seeds, scale).map(({ seed, text, origin }) => ({ target, origin, text, standard: seeds[seed]!.standard }));
    }
    case 'standard': {
      const small = ctx.standardSeeds.filter((s) => s.text.length < 20_000);
      const big = ctx.standardSeeds.filter((s) => s.text.length >= 20_000);
      return fc.oneof({ arbitrary: textCase(small, scale), weight: 8 }, { arbitrary: textCase(big, scale), weight: scale === 'ci' ? 1 : 2 }).map(({ text, origin }) => ({ target, origin, text }));
    }
    case 'mapping':
      return textCase(ctx.mappingSeeds, scale).map(({ text, origin }) => ({ target, origin, text }));
    case 'batch': {
      const scenarios = ctx.batchScenarios;
      const fileMutation = fc.record({
        file: fc.nat(),
        mutations: fc.array(mutationArbitrary(scale), { minLength: 1, maxLength: 5 }),
        asBytes: fc.boolean(),
        // Now and then the whole file replaced by random text.
        random: fc.oneof({ arbitrary: fc.constant(null), weight: 7 }, { arbitrary: randomText(scale), weight: 1 }),
      });
      return fc.record({ scenario: fc.nat({ max: scenarios.length - 1 }), changes: fc.array(fileMutation, { minLength: 1, maxLength: 2 }) }).map(({ scenario, changes }) => {
        const s = scenarios[scenario]!;
        const files = s.files.map((f) => ({ ...f }));
        const kinds: string[] = [];
        for (const change of changes) {
          const f = files[change.file % files.length]!;
          if (change.random !== null) {
            f.content = f.bytes ? toByteString(change.random) : change.random;
            kinds.push(`${f.name}: random`);
          } else {
            // Some text files are mutated as bytes (invalid UTF-8, a BOM cut in half, Shift_JIS look-alikes).
            const bytes = f.bytes === true || (change.asBytes && change.mutations.some((m) => m.kind === 'raw-byte' || m.kind === 'flip-bit'));
            const before = bytes && !f.bytes ? utf8Bytes(f.content) : f.content;
            f.content = applyMutations(before, change.mutations, scale, bytes);
            if (bytes) f.bytes = true;
            kinds.push(`${f.name}: ${change.mutations.map((m) => m.kind).join(', ')}`);
          }
          f.changed = true;
        }
        return { target, origin: `${s.name} with ${kinds.join('; ')}`, files, standard: s.standard, mapping: s.mapping } satisfies FuzzCase;
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Regressions: the shortest reproducers of what fuzzing found, run before any generated case

const ENGAGEMENTS_HEADER = 'candidate_id,candidate_name,title,specialty,role,from,to,outcome,complexity,activities,staff,annual_contract,peak_staff,users_per_year\n';

/** Cheap ones only (each well under a second); the deep ones that need a fresh process are in DEEP_REGRESSIONS. */
export const REGRESSIONS: FuzzCase[] = [
  { target: 'candidate', origin: 'regression: an unresolved YAML tag', text: 'id: x\nname: !!js/function "f"\n', standard: 'builtin' },
  { target: 'candidate', origin: 'regression: NUL in a value', text: 'id: "a\\0b"\n', standard: 'builtin' },
  { target: 'mapping', origin: 'regression: a misspelt column', text: 'format: itss-mapping/v1\ntables:\n  engagements:\n    columns:\n      titel: 案件\n' },
  { target: 'mapping', origin: 'regression: a control character in a value map key', text: 'format: itss-mapping/v1\ntables:\n  engagements:\n    values:\n      role: { "\\x01主任": leader }\n' },
  { target: 'batch', origin: 'regression: NUL in an HR cell', files: [{ name: 'exams.csv', content: 'candidate_id,exam,passed\nC1\u0000,AP,2020-12\n', changed: true }], standard: 'builtin', mapping: false },
  { target: 'batch', origin: 'regression: NUL in a column the mapping carries', files: [{ name: '社員マスタ.csv', content: '従業員コード,姓,名,所属,入社年月日\n9,,,,\u0000', changed: true }], standard: 'builtin', mapping: true },
  { target: 'batch', origin: 'regression: one candidate, two rows with an unbalanced quote', files: [{ name: 'exams.csv', content: 'candidate_id,exam,passed\n"C9,AP\n"C9,AP\n', changed: true }], standard: 'builtin', mapping: false },
  {
    target: 'batch',
    origin: 'regression: 14,000 bad rows of one candidate (126,000 issues)',
    files: [{ name: 'engagements.csv', content: ENGAGEMENTS_HEADER + 'E1,n,t,x,x,x,x,x,x,x,x,x,x,x\n'.repeat(14_000), changed: true }],
    standard: 'builtin',
    mapping: false,
  },
];

/** Deeply nested reproducers: they abort a fresh process (see isDeep); run through `npm run fuzz -- --replay`. */
export const DEEP_REGRESSIONS: FuzzCase[] = [
  { target: 'candidate', origin: 'regression: unclosed brackets', text: '['.repeat(1000), standard: 'builtin' },
  { target: 'candidate', origin: 'regression: unclosed JSON objects', text: '{"a":'.repeat(1000), standard: 'builtin' },
  { target: 'mapping', origin: 'regression: block sequences on one line', text: '- '.repeat(1000) },
  { target: 'standard', origin: 'regression: a quote that hides the nesting from a pre-check', text: '{"forma' + '{"a":'.repeat(823) + '{' },
  {
    target: 'batch',
    origin: 'regression: deep JSON Lines',
    files: [{ name: 'people.jsonl', content: `{"id":"X","engagements":${'['.repeat(5000)}${']'.repeat(5000)}}`, changed: true }],
    standard: 'builtin',
    mapping: false,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Running one case

/** Runs the unmutated seeds once, untimed (JIT, lazy indexes), so that the first timed case is not charged for it. */
export async function warmUp(ctx: FuzzContext): Promise<void> {
  for (const seed of ctx.candidateSeeds) await runCase(ctx, { target: 'candidate', origin: 'warm-up', text: seed.text, standard: seed.standard }, { timed: false });
  await runCase(ctx, { target: 'standard', origin: 'warm-up', text: ctx.standardSeeds[0]!.text }, { timed: false });
  await runCase(ctx, { target: 'mapping', origin: 'warm-up', text: ctx.mappingSeeds[0]!.text }, { timed: false });
  for (const s of ctx.batchScenarios) await runCase(ctx, { target: 'batch', origin: 'warm-up', files: s.files, standard: s.standard, mapping: s.mapping }, { timed: false });
}

/**
 * 2 s for inputs up to 10 KB, then 1 s more per 100 KB (12 s for 1 MB): linear, and still some twenty times what
 * parsing and validating a megabyte takes (YAML ≈ 0.5 s, CSV ≈ 0.2 s), so only a blow-up (quadratic work) fails.
 */
export function timeBoundMs(c: FuzzCase): number {
  return 2000 + Math.max(0, caseSize(c) - 10_240) / 100;
}

export function caseSize(c: FuzzCase): number {
  return c.target === 'batch' ? c.files.reduce((n, f) => n + f.content.length, 0) : c.text.length;
}

export interface RunOptions {
  /** Report a case slower than timeBoundMs (off while minimising a failure of another kind). */
  timed?: boolean;
  /** Report RSS above this many MB. */
  rssLimitMb?: number;
}

export async function runCase(ctx: FuzzContext, c: FuzzCase, options: RunOptions = {}): Promise<Verdict> {
  const failures: Failure[] = [];
  const clock = { ms: 0 };
  const timed = async <T>(fn: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      clock.ms += performance.now() - start;
    }
  };
  try {
    switch (c.target) {
      case 'candidate':
        await candidateTarget(ctx, c, failures, timed);
        break;
      case 'standard':
        await standardTarget(ctx, c, failures, timed);
        break;
      case 'mapping':
        await mappingTarget(ctx, c, failures, timed);
        break;
      case 'batch':
        await batchTarget(ctx, c, failures, timed);
        break;
    }
  } catch (error) {
    // The harness's own checks must never throw; if they do, say so rather than hide it.
    failures.push(exceptionFailure(c.target, 'harness', error));
  }
  const polluted = checkPrototype(ctx);
  if (polluted) failures.push({ kind: 'prototype', message: `Object.prototype changed: ${polluted}`, signature: `${c.target} prototype: Object.prototype ${polluted}` });
  if (options.timed !== false && clock.ms > timeBoundMs(c)) {
    failures.push({ kind: 'slow', message: `took ${Math.round(clock.ms)} ms, bound ${Math.round(timeBoundMs(c))} ms for ${caseSize(c)} chars`, signature: `${c.target} slow` });
  }
  if (options.rssLimitMb !== undefined) {
    const rss = process.memoryUsage().rss / 2 ** 20;
    if (rss > options.rssLimitMb) failures.push({ kind: 'memory', message: `RSS ${Math.round(rss)} MB > ${options.rssLimitMb} MB after this case`, signature: `${c.target} memory` });
  }
  return { ms: clock.ms, failures };
}

type Timed = <T>(fn: () => T | Promise<T>) => Promise<T>;

const FILE = { candidate: 'fuzz/candidate.yaml', standard: 'fuzz/standard.yaml', mapping: 'fuzz/mapping.yaml' } as const;

async function candidateTarget(ctx: FuzzContext, c: Extract<FuzzCase, { target: 'candidate' }>, failures: Failure[], timed: Timed) {
  const standard = ctx.standards[c.standard];
  let loaded;
  try {
    loaded = await timed(() => loadCandidates(c.text, FILE.candidate, standard));
  } catch (error) {
    checkThrown('candidate', 'loadCandidates', error, [FILE.candidate], c.text, failures);
    return;
  }
  checkDiagnostics('candidate', 'loadCandidates', loaded.diagnostics, [FILE.candidate], c.text, failures);
  if (loaded.candidates.length === 0 && loaded.diagnostics.length === 0) failures.push(oracle('candidate', 'loadCandidates returned neither a candidate nor a diagnostic'));
  if (loaded.diagnostics.length === 0 && hasUnresolvedTag(c.text)) failures.push(oracle('candidate', 'a text with an unresolved YAML tag loaded without a diagnostic'));
  for (const candidate of loaded.candidates) {
    if (typeof candidate?.id !== 'string') failures.push(oracle('candidate', `a loaded candidate has no string id: ${JSON.stringify(candidate?.id)}`));
    checkResult('candidate', 'loaded candidate', candidate, failures);
    // A candidate that loads must also assess (what `itss assess` does next).
    try {
      await timed(() => evaluate(standard, candidate, { asOf: '2026-04-01' }));
    } catch (error) {
      failures.push(exceptionFailure('candidate', 'evaluate of a loaded candidate', error));
    }
  }
}

/**
 * A file that either loads or throws located errors: what it loads must be a result, and a text with an
 * unresolved YAML tag must not load. Undefined when it threw (its errors checked).
 */
async function loadedFile<T>(target: TargetName, loader: string, file: string, text: string, load: () => T, failures: Failure[], timed: Timed): Promise<T | undefined> {
  let loaded: T;
  try {
    loaded = await timed(load);
  } catch (error) {
    checkThrown(target, loader, error, [file], text, failures);
    return undefined;
  }
  checkResult(target, `loaded ${target}`, loaded, failures);
  if (hasUnresolvedTag(text)) failures.push(oracle(target, 'a text with an unresolved YAML tag loaded without an error'));
  return loaded;
}

async function standardTarget(ctx: FuzzContext, c: Extract<FuzzCase, { target: 'standard' }>, failures: Failure[], timed: Timed) {
  const standard = await loadedFile('standard', 'loadStandard', FILE.standard, c.text, () => loadStandard(c.text, FILE.standard), failures, timed);
  if (standard === undefined) return;
  // A standard that validates must be usable (`--standard FILE`, "validated before use"): load and assess the
  // seed candidates against it. Their own errors are fine; anything but a result or a located error is not.
  for (const seed of ctx.candidateSeeds.filter((s) => s.origin.endsWith('.yaml'))) {
    try {
      const loaded = await timed(() => loadCandidates(seed.text, 'seed-candidate.yaml', standard));
      checkDiagnostics('standard', 'loadCandidates with the loaded standard', loaded.diagnostics, ['seed-candidate.yaml'], seed.text, failures);
      for (const candidate of loaded.candidates) await timed(() => evaluate(standard, candidate, { asOf: '2026-04-01' }));
    } catch (error) {
      if (error instanceof InputError) checkDiagnostics('standard', 'loadCandidates with the loaded standard', error.diagnostics, ['seed-candidate.yaml'], seed.text, failures);
      else failures.push(exceptionFailure('standard', 'a candidate against the loaded standard', error));
    }
  }
}

async function mappingTarget(ctx: FuzzContext, c: Extract<FuzzCase, { target: 'mapping' }>, failures: Failure[], timed: Timed) {
  const mapping = await loadedFile('mapping', 'loadMapping', FILE.mapping, c.text, () => loadMapping(c.text, FILE.mapping), failures, timed);
  if (mapping === undefined) return;
  // cli.md: "Every key of a mapping is checked: a misspelt table, column or option is an error at its line in the
  // mapping … a typo must never silently drop evidence." The canonical columns are the HR tables' (hrTables).
  const definitions = hrTables(ctx.standards.builtin);
  for (const [table, tableMapping] of Object.entries(mapping.tables)) {
    const canonical = definitions.find((d) => d.name === table)?.columns.map((col) => col.name) ?? [];
    for (const [option, keys] of [['columns', Object.keys(tableMapping?.columns ?? {})], ['values', Object.keys(tableMapping?.values ?? {})]] as const) {
      const unknown = keys.filter((k) => !canonical.includes(k));
      if (unknown.length > 0) failures.push(oracle('mapping', `loadMapping accepted ${option} for ${table} ${unknown.map((k) => JSON.stringify(k)).join(', ')}, not columns of that table (${canonical.join(', ')})`, `a mapping's ${option} naming no column of its table loads without an error`));
    }
  }
  // A mapping that loads must be usable: run the example export through it.
  await batchOracle('mapping', [ctx.mappingCsv], { standard: ctx.standards.builtin, asOf: '2026-04-01', mapping }, new Map(), failures, timed);
}

async function batchTarget(ctx: FuzzContext, c: Extract<FuzzCase, { target: 'batch' }>, failures: Failure[], timed: Timed) {
  const dir = join(ctx.workDir, `case-${ctx.caseCounter++}`);
  mkdirSync(dir, { recursive: true });
  try {
    const paths: string[] = [];
    for (const f of c.files) {
      const path = join(dir, f.name);
      writeFileSync(path, f.bytes ? Buffer.from(f.content, 'latin1') : f.content);
      paths.push(path);
    }
    const expected = expectedIds(c.files, paths);
    const options = { standard: ctx.standards[c.standard], asOf: '2026-04-01', ...(c.mapping ? { mapping: ctx.exampleMapping() } : {}) };
    // Candidate files with a tag the YAML library cannot resolve must be reported.
    const tagged = paths.filter((path, i) => ['.yaml', '.yml', '.json'].includes(extname(path).toLowerCase()) && !c.files[i]!.bytes && hasUnresolvedTag(c.files[i]!.content));
    await batchOracle('batch', paths, options, expected, failures, timed, tagged);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** NFKC and trimmed: the form ids are joined in (candidate-format.md: Ｅ１００１ and E1001 are one person). */
const idKey = (id: string) => id.normalize('NFKC').trim();

/**
 * The candidate ids a batch must account for, found independently of the code under test: in CSV files whose
 * header line is still the seed's (their table and id column are then known), the id cell of each line that any
 * CSV reader splits the same way — lines before the first quote or lone CR (after which a line may be inside a
 * quoted cell, or not a line), with as many commas as the header; and the ids of the JSON Lines that parse.
 * Maps id key → file.
 */
function expectedIds(files: FileSpec[], paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  files.forEach((f, i) => {
    const path = paths[i]!;
    const ext = extname(f.name).toLowerCase();
    if (ext === '.csv' && f.idHeader && f.seedHeader !== undefined && firstLine(f.content) === f.seedHeader) {
      const text = decodeLikeAnExport(f.bytes ? Buffer.from(f.content, 'latin1') : Buffer.from(f.content, 'utf8'));
      if (text === undefined) return;
      const [headerLine = '', ...lines] = text.split(/\r?\n/);
      if (/["\r]/.test(headerLine)) return;
      const header = headerLine.split(',').map((h) => h.replace(/^\uFEFF/, '').trim());
      const column = header.indexOf(f.idHeader);
      if (column < 0) return;
      for (const line of lines) {
        if (/["\r]/.test(line)) break;
        const cells = line.split(',');
        if (cells.length !== header.length || cells.every((cell) => cell.trim() === '')) continue;
        const id = idKey(cells[column]!);
        if (id !== '' && !out.has(id)) out.set(id, path);
      }
    } else if (ext === '.jsonl' && !f.bytes) {
      // The text as the file holds it: written as UTF-8, a lone surrogate of the generated text is U+FFFD there.
      const written = Buffer.from(f.content, 'utf8').toString('utf8');
      for (const line of written.split(/\r?\n/)) {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          continue;
        }
        for (const item of Array.isArray(value) ? value : [value]) {
          const raw = item as { id?: unknown } | null;
          if (raw && typeof raw === 'object' && (typeof raw.id === 'string' || typeof raw.id === 'number')) {
            const id = idKey(String(raw.id));
            if (id !== '' && !out.has(id)) out.set(id, path);
          }
        }
      }
    }
  });
  return out;
}

/** UTF-8 (BOM or valid) else Shift_JIS, as cli.md says exports are read; undefined when neither decodes. */
function decodeLikeAnExport(bytes: Buffer): string | undefined {
  for (const encoding of ['utf-8', 'shift_jis']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // next
    }
  }
  return undefined;
}

async function batchOracle(
  target: TargetName,
  paths: string[],
  options: Parameters<typeof runBatch>[1],
  expected: Map<string, string>,
  failures: Failure[],
  timed: Timed,
  mustReport: string[] = [],
) {
  const assessed: string[] = [];
  const rejected: Rejection[] = [];
  let summary;
  try {
    summary = await timed(() =>
      runBatch(paths, options, {
        assessed: (a) => {
          assessed.push(a.candidate.id);
          checkResult(target, 'assessment', a, failures);
          if (a.specialties.length !== options.standard.specialties.length) failures.push(oracle(target, 'an assessment does not list every specialty of the standard'));
        },
        rejected: (r) => rejected.push(r),
      }),
    );
  } catch (error) {
    checkThrown(target, 'runBatch', error, paths, undefined, failures);
    return;
  }
  if (summary.assessed !== assessed.length || summary.rejected !== rejected.length) {
    failures.push(oracle(target, `summary ${JSON.stringify(summary)} does not count the events (${assessed.length} assessed, ${rejected.length} rejected)`));
  }
  for (const r of rejected) {
    if (r.diagnostics.length === 0) failures.push(oracle(target, `rejection of ${JSON.stringify(r.candidateId)} without a diagnostic`));
    checkDiagnostics(target, 'a rejection', r.diagnostics, paths, undefined, failures);
  }
  // Every id ends in exactly one event.
  const events = new Map<string, number>();
  for (const id of [...assessed, ...rejected.flatMap((r) => (r.candidateId === undefined ? [] : [r.candidateId]))]) events.set(idKey(id), (events.get(idKey(id)) ?? 0) + 1);
  for (const [id, n] of events) if (n > 1) failures.push(oracle(target, `candidate ${JSON.stringify(id)} ends in ${n} events`, 'a candidate ends in several events'));
  // Every id found in the inputs is accounted for, or its whole file was rejected (a diagnostic of the file
  // without a row: unreadable, bad encoding, unknown table or header).
  const fileRejected = new Set(rejected.filter((r) => r.candidateId === undefined).flatMap((r) => r.diagnostics.filter((d) => (d.line ?? 1) <= 1).map((d) => d.file)));
  const reported = new Set(rejected.flatMap((r) => r.diagnostics.map((d) => d.file)));
  for (const file of mustReport) if (!reported.has(file)) failures.push(oracle(target, `${basename(file)} has an unresolved YAML tag but no rejection names it`, 'a file with an unresolved YAML tag not reported'));
  for (const [id, file] of expected) {
    if (!events.has(id) && !fileRejected.has(file)) failures.push(oracle(target, `candidate ${JSON.stringify(id)} of ${basename(file)} neither assessed nor rejected`, 'a candidate neither assessed nor rejected'));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Oracle helpers

function oracle(target: TargetName, message: string, signature = message): Failure {
  return { kind: 'oracle', message, signature: `${target} oracle: ${signature.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')}` };
}

/** What a thrown value must be: an InputError with located diagnostics. */
function checkThrown(target: TargetName, where: string, error: unknown, files: string[], text: string | undefined, failures: Failure[]) {
  if (error instanceof InputError) {
    if (error.diagnostics.length === 0) failures.push(oracle(target, `${where} threw an InputError without diagnostics`));
    checkDiagnostics(target, where, error.diagnostics, files, text, failures);
  } else failures.push(exceptionFailure(target, where, error));
}

function checkDiagnostics(target: TargetName, where: string, diagnostics: readonly unknown[], files: string[], text: string | undefined, failures: Failure[]) {
  const lines = text === undefined ? Infinity : text.split(/\r\n|\r|\n/).length + 1;
  for (const raw of diagnostics) {
    const d = raw as { code?: unknown; file?: unknown; line?: unknown; column?: unknown };
    const code = typeof d.code === 'string' ? d.code : '?';
    // The command line prints diagnostics as JSON (`--format json`, the errors file): they must serialise.
    const problem = unserialisable(raw);
    if (problem) failures.push(oracle(target, `${where}: diagnostic ${code} cannot be serialised: ${problem}`, `${where}: diagnostic ${code} cannot be serialised: ${problem}`));
    if (typeof d.code !== 'string' || d.code === '') failures.push(oracle(target, `${where}: a diagnostic without a code: ${safeJson(raw)}`, `${where}: a diagnostic without a code`));
    if (typeof d.file !== 'string' || !files.includes(d.file)) {
      failures.push(oracle(target, `${where}: diagnostic ${code} names file ${safeJson(d.file)}, not the input (${files.map((f) => basename(f)).join(', ')})`, `${where}: diagnostic ${code} without the input's file`));
    }
    const badLine = d.line !== undefined && !(Number.isInteger(d.line) && (d.line as number) >= 1 && (d.line as number) <= lines);
    const badColumn = d.column !== undefined && !(Number.isInteger(d.column) && (d.column as number) >= 1);
    if (badLine || badColumn) failures.push(oracle(target, `${where}: diagnostic ${code} at line ${safeJson(d.line)} column ${safeJson(d.column)} (the input has ${lines - 1} lines)`, `${where}: diagnostic ${code} at a position outside the input`));
  }
}

function exceptionFailure(target: TargetName, where: string, error: unknown): Failure {
  const e = error instanceof Error ? error : undefined;
  const name = e ? e.name || e.constructor?.name || 'Error' : typeof error;
  const text = e ? e.message : safeJson(error);
  const first = (text.split('\n')[0] ?? '').slice(0, 200);
  const frame = e?.stack?.split('\n').find((l) => /^\s+at /.test(l) && !/node:internal/.test(l))?.trim().replace(/\s*\(.*\)$/, '').replace(/^at /, '').replace(/:\d+:\d+$/, '') ?? '';
  const normalised = first.replace(/"[^"]*"|'[^']*'/g, '…').replace(/\d+/g, 'N').slice(0, 120);
  return {
    kind: 'exception',
    message: `${where} threw ${name}: ${first}${frame ? ` (at ${frame})` : ''}`,
    signature: `${target} exception in ${where}: ${name}: ${normalised}${frame ? ` @ ${frame}` : ''}`,
  };
}

/** Why JSON.stringify throws on a value (too deep, cyclic, a BigInt), or undefined when it does not. */
function unserialisable(value: unknown): string | undefined {
  try {
    JSON.stringify(value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}

function prototypeSnapshot(): Map<PropertyKey, unknown> {
  const snapshot = new Map<PropertyKey, unknown>();
  for (const key of Reflect.ownKeys(Object.prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(Object.prototype, key)!;
    snapshot.set(key, descriptor.value ?? descriptor.get);
  }
  return snapshot;
}

/** New or changed own properties of Object.prototype since the context was made; restores them. */
function checkPrototype(ctx: FuzzContext): string | undefined {
  const changes: string[] = [];
  const proto = Object.prototype as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(Object.prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(Object.prototype, key)!;
    if (!ctx.prototypeSnapshot.has(key)) {
      changes.push(`new own property ${String(key)}`);
      delete proto[key];
    } else if ((descriptor.value ?? descriptor.get) !== ctx.prototypeSnapshot.get(key)) {
      changes.push(`own property ${String(key)} replaced`);
      Object.defineProperty(Object.prototype, key, { ...descriptor, value: ctx.prototypeSnapshot.get(key) });
    }
  }
  return changes.length > 0 ? changes.join(', ') : undefined;
}

/**
 * Plain data only: a YAML tag (`!!binary`, `!!set`, `!!timestamp`, `!!omap`) must not smuggle in anything else. An
 * object keyed by the user's text inherits nothing (bareObject's prototype).
 */
const PLAIN_PROTOTYPES = new Set<unknown>([Object.prototype, Array.prototype, null, BARE_PROTOTYPE]);
/** NUL and the other control characters but tab and line breaks: text that hides from people (the issue's NUL bytes). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Every object of a result is a plain object or array (none has a prototype from the input), and no text of it
 * holds a control character.
 */
function checkResult(target: TargetName, what: string, value: unknown, failures: Failure[]) {
  const problem = unserialisable(value);
  if (problem) failures.push(oracle(target, `the ${what} cannot be serialised: ${problem}`, `the ${what} cannot be serialised: ${problem}`));
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let prototypeReported = false;
  let controlReported = false;
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      const control = controlReported ? null : CONTROL.exec(v);
      if (control) {
        controlReported = true;
        const name = control[0] === '\u0000' ? 'NUL' : 'a control character';
        failures.push({ kind: 'oracle', message: `the ${what} holds ${name} (U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')}) in ${safeJson(v)}`, signature: `${target} oracle: ${name} in the ${what}` });
      }
      continue;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    // A loaded mapping keeps its user-keyed maps (value maps, columns) as Maps, by design: `__proto__` is a key
    // there like any other. Their keys and values are checked as the rest; anywhere else a Map is not data.
    if (v instanceof Map && what === 'loaded mapping') {
      for (const [key, item] of v) stack.push(key, item);
      continue;
    }
    if (!prototypeReported && !PLAIN_PROTOTYPES.has(Object.getPrototypeOf(v))) {
      prototypeReported = true;
      const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name ?? '?';
      failures.push({ kind: 'prototype', message: `an object of the ${what} is a ${name}, not plain data: ${safeJson(v)}`, signature: `${target} prototype: ${what} holds a ${name}` });
    }
    for (const key of Object.keys(v)) {
      if (CONTROL.test(key)) stack.push(key);
      stack.push((v as Record<string, unknown>)[key]);
    }
  }
}

/** Whether the YAML library itself finds a tag it cannot resolve (`!!js/function`, `!foo`): such a text must not load silently. */
function hasUnresolvedTag(text: string): boolean {
  if (!text.includes('!')) return false;
  try {
    return parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, strict: true })
      .flatMap((d) => [...d.errors, ...d.warnings])
      .some((e) => e.code === 'TAG_RESOLVE_FAILED');
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting and minimising

/** A JS expression for a text, where repeats (of a line, or of a piece of up to 16 chars) are written `.repeat(n)`. */
export function compactText(text: string, max = 2000): string {
  const parts: string[] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push(JSON.stringify(literal));
    literal = '';
  };
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; ) {
    let n = 1;
    while (i + n < lines.length && lines[i + n] === lines[i]) n++;
    if (n >= 4) {
      flush();
      parts.push(`${JSON.stringify(lines[i])}.repeat(${n})`);
      i += n;
      continue;
    }
    const line = lines[i]!;
    for (let k = 0; k < line.length; ) {
      // The shortest piece at k that repeats into a run of at least 16 chars (and 4 times).
      let best: { piece: string; times: number } | undefined;
      for (let period = 1; period <= 16 && k + period <= line.length; period++) {
        const piece = line.slice(k, k + period);
        let times = 1;
        while (line.startsWith(piece, k + times * period)) times++;
        if (times >= 4 && times * period >= 16) {
          best = { piece, times };
          break;
        }
      }
      if (best) {
        flush();
        parts.push(`${JSON.stringify(best.piece)}.repeat(${best.times})`);
        k += best.piece.length * best.times;
      } else literal += line[k++];
    }
    i++;
  }
  flush();
  const out = parts.join(' + ') || '""';
  return out.length > max ? `${out.slice(0, max / 2)} …(${out.length} chars)… ${out.slice(-max / 2)}` : out;
}

/** The case as people read it: target, origin, the input as a JSON string (or a `.repeat` expression). */
export function describeCase(c: FuzzCase, max = 2000): string {
  if (c.target !== 'batch') {
    const extra = c.target === 'candidate' ? ` (standard: ${c.standard})` : '';
    return `target ${c.target}${extra}, from ${c.origin}\ninput (${c.text.length} chars): ${compactText(c.text, max)}`;
  }
  const files = c.files.map((f) => (f.changed ? `  ${f.name}${f.bytes ? ' (bytes as latin1)' : ''}: ${compactText(f.content, max)}` : `  ${f.name}: (seed, unchanged)`)).join('\n');
  return `target batch (standard: ${c.standard}${c.mapping ? ', with examples/hr-mapping/mapping.yaml' : ''}), from ${c.origin}\nfiles:\n${files}`;
}

/**
 * Shrinks a failing case while it still fails with `signature`: drops batch files, then removes chunks of lines
 * and of chars (halving the chunk size), until `deadline` (ms since epoch).
 */
export async function minimizeCase(c: FuzzCase, signature: string, run: (c: FuzzCase) => Promise<Verdict>, deadline: number): Promise<FuzzCase> {
  const fails = async (candidate: FuzzCase) => (await run(candidate)).failures.some((f) => f.signature === signature);
  if (c.target !== 'batch') {
    const text = await shrinkText(c.text, (text) => fails({ ...c, text }), deadline);
    return { ...c, text };
  }
  let current = c;
  for (let i = current.files.length - 1; i >= 0 && Date.now() < deadline; i--) {
    const fewer = { ...current, files: current.files.filter((_, k) => k !== i) };
    if (fewer.files.length > 0 && (await fails(fewer))) current = fewer;
  }
  const order = current.files.map((_, i) => i).sort((a, b) => Number(current.files[b]!.changed ?? false) - Number(current.files[a]!.changed ?? false));
  for (const i of order) {
    if (Date.now() >= deadline) break;
    const withContent = (content: string): FuzzCase => ({ ...current, files: current.files.map((f, k) => (k === i ? { ...f, content, changed: true } : f)) });
    const content = await shrinkText(current.files[i]!.content, (content) => fails(withContent(content)), deadline);
    if (content !== current.files[i]!.content) current = withContent(content) as typeof current;
  }
  return current;
}

async function shrinkText(text: string, fails: (text: string) => Promise<boolean>, deadline: number): Promise<string> {
  let current = text;
  for (const unit of ['line', 'char'] as const) {
    let parts = unit === 'line' ? splitLines(current) : [...current];
    for (let size = Math.max(1, Math.floor(parts.length / 2)); size >= 1 && Date.now() < deadline; size = Math.floor(size / 2)) {
      for (let i = 0; i < parts.length && Date.now() < deadline; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + size)];
        if (candidate.length < parts.length && (await fails(candidate.join('')))) parts = candidate;
        else i += size;
      }
    }
    current = parts.join('');
  }
  return current;
}
