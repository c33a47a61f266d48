/**
 * A problem found in an input or on the command line, as data: a code with typed arguments. The message tables
 * (src/messages) turn it into a sentence in the user's language. `line` and `column` are 1-based; `path` is the
 * location inside the document (`engagements[2].size.staff`), or the option (`--target`) of a usage error.
 */
interface DiagnosticLocation {
  file: string;
  line?: number;
  column?: number;
  path: string;
  /** The offending value, as read. */
  value?: unknown;
  /** What was expected: allowed ids, keys or columns, a type name, a bound. */
  expected?: string[];
  /** The expected form nearest to a misspelt value ("did you mean"). */
  suggestion?: string;
  /** An HR table's header of the column at fault, as the file writes it, where `path` names the field. */
  header?: string;
  /** An HR table's column as a mapping names it (`role`): a value it does not read can be mapped under `values:` of it. */
  mapColumn?: string;
  /** The other rows with the same problem (`7, 9–12`), where one diagnostic stands for them all. */
  sameRows?: string;
}

/** Why a file could not be read or written. */
export type FileProblem = 'no-such-file' | 'no-such-folder' | 'is-a-folder' | 'permission-denied' | 'not-a-regular-file' | 'disk-full' | 'other';

/**
 * The arguments of each code beyond `value` and `expected`. Codes of the validation of documents (zod) carry only
 * those two; the others name what they need.
 */
export interface DiagnosticArgs {
  // Reading documents
  syntax: { value: string; reason: SyntaxReason; hint?: SyntaxHint };
  'too-many-aliases': { limit: number };
  'not-an-object': {};
  missing: {};
  'wrong-type': {};
  'unknown-key': {};
  'unknown-value': {};
  'not-allowed': {};
  'too-small': {};
  'too-large': {};
  'bad-date': {};
  /** `expected`: the era, its first day and its last (empty for the current era). */
  'outside-era': {};
  'bad-yen': {};
  'bad-people': {};
  'to-before-from': {};
  'duplicate-id': {};
  'duplicate-level': {};
  'duplicate-kind': {};
  'more-than-listed': {};
  'no-complexity-criterion': {};
  'no-areas': {};
  'unknown-id': {};
  empty: {};
  'use-batch': {};
  'yaml-tag': { value: string };
  /** A key given twice in one mapping: `value` the key, `path` where (the mapping's path and the key). */
  'duplicate-key': { value: string };
  'too-deep': { limit: number };
  'control-character': {};
  'too-many-records': { limit: number; count: number };
  'more-errors': { count: number };
  'too-large-input': { limit: number; size: number };
  // Files
  unreadable: { reason: FileProblem; detail?: string };
  unwritable: { reason: FileProblem; detail?: string };
  // HR tables
  'missing-column': { value: string; expected: string[] };
  'unknown-column': { value: string; expected: string[] };
  'unknown-table': { value: string; expected: string[] };
  'bad-encoding': { encoding: string };
  'duplicate-candidate': { value: string; expected: string[] };
  'no-candidate-id': {};
  'ragged-row': { cells: number; headerCells: number };
  'incomplete-tables': { value: string };
  'unbalanced-quote': {};
  /** A workbook's cell: an error value (`#N/A`), a formula never calculated, a value under a blank header. */
  'error-cell': { value: string; cell: string };
  'formula-without-value': { value: string; cell: string };
  'value-without-header': { value: string; cell: string };
  'duplicate-sheet': { value: string; expected: string[] };
  'workbook-too-large': { value: string; limit: number };
  /** One id, two names (or departments): `value` here, `other` at `at` (file:row); `expected` the two for the errors file. */
  'conflicting-names': { value: string; other: string; at: string; expected: string[] };
  'conflicting-departments': { value: string; other: string; at: string; expected: string[] };
  'no-candidates': {};
  // Notices: files a batch passes over, each named (not errors)
  'unsupported-file': {};
  'workbook-file': {};
  'bad-workbook': {};
  'input-repeated': {};
  'own-output-skipped': {};
  'mapping-skipped': {};
  'lock-file-skipped': {};
  'hidden-cells': { rows: string; columns: string };
  'hidden-sheet': { value: string; state: string };
  /** Characters XML 1.0 forbids, left out of a results workbook's cells: `value` names the candidate (or file). */
  'xml-characters-removed': { value: string; characters: string; columns: string };
  // The command line
  'unknown-command': { value: string; expected: string[] };
  'unknown-option': { value: string; expected: string[] };
  'missing-argument': { value: string };
  'missing-option': { value: string };
  'option-needs-value': { value: string };
  'too-many-arguments': { limit: number; count: number };
  'bad-choice': { value: string; expected: string[] };
  'bad-as-of': { value: string };
  'bad-target': { value: string; expected: string[] };
  'unknown-specialty': { value: string; expected: string[] };
  'unknown-level': { value: string; specialty: string; expected: string[] };
  'unknown-output-format': { value: string; expected: string[] };
  'file-exists': {};
  'template-name': { value: string };
  'one-candidate-only': { count: number };
  'nothing-to-validate': {};
  'output-is-input': { value: string; expected: string[] };
  'outputs-collide': { value: string; expected: string[] };
}

export type DiagnosticCode = keyof DiagnosticArgs;

/** Codes that carry nothing beyond `value` and `expected` (the validation of documents raises these). */
export type ValueDiagnosticCode = { [K in DiagnosticCode]: keyof DiagnosticArgs[K] extends never ? K : never }[DiagnosticCode];

/**
 * One diagnostic: its code, where, and the arguments of that code. The codes with nothing beyond `value` and
 * `expected` share one member (a code chosen at run time, as zod's issues give them, fits it).
 */
export type Diagnostic = ({ code: ValueDiagnosticCode } & DiagnosticLocation) |
  { [K in ArgumentDiagnosticCode]: { code: K } & DiagnosticLocation & DiagnosticArgs[K] }[ArgumentDiagnosticCode];

type ArgumentDiagnosticCode = Exclude<DiagnosticCode, ValueDiagnosticCode>;

/**
 * Error codes of the yaml package (its `ErrorCode`), plus `json` for JSON Lines, each worded in the message
 * tables. Kept as our own list so a new code in a yaml release is a type error here, not an English message.
 */
export const SYNTAX_REASONS = [
  'ALIAS_PROPS',
  'BAD_ALIAS',
  'BAD_DIRECTIVE',
  'BAD_DQ_ESCAPE',
  'BAD_INDENT',
  'BAD_PROP_ORDER',
  'BAD_SCALAR_START',
  'BLOCK_AS_IMPLICIT_KEY',
  'BLOCK_IN_FLOW',
  'DUPLICATE_KEY',
  'IMPOSSIBLE',
  'KEY_OVER_1024_CHARS',
  'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY',
  'MULTIPLE_ANCHORS',
  'MULTIPLE_DOCS',
  'MULTIPLE_TAGS',
  'NON_STRING_KEY',
  'RESOURCE_EXHAUSTION',
  'TAB_AS_INDENT',
  'TAG_RESOLVE_FAILED',
  'UNEXPECTED_TOKEN',
  'BAD_COLLECTION_TYPE',
  'json',
] as const;

export type SyntaxReason = (typeof SYNTAX_REASONS)[number];

/** What most likely went wrong on the line of a syntax error, where the line shows it. */
export type SyntaxHint = 'space-after-colon' | 'tab-indent' | 'quote';

/**
 * Diagnostics kept for one document: a file with thousands of errors is shown by its first ones (and the count
 * of the rest), which is what a person can act on, in bounded time and memory.
 */
export const MAX_DIAGNOSTICS = 100;

/**
 * The first MAX_DIAGNOSTICS of a list, and a `more-errors` line for the rest: those of the list beyond them, and
 * `beyond` more that were counted but never made into diagnostics.
 */
export function capDiagnostics(diagnostics: Diagnostic[], file: string, beyond = 0): Diagnostic[] {
  const total = diagnostics.length + beyond;
  if (total <= MAX_DIAGNOSTICS) return diagnostics;
  return [...diagnostics.slice(0, MAX_DIAGNOSTICS), { code: 'more-errors', file, path: '', count: total - Math.min(diagnostics.length, MAX_DIAGNOSTICS) }];
}

/** Thrown by the loaders and the command line when an input cannot be used; the CLI prints its diagnostics and exits 2. */
export class InputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line ?? 0}:${d.column ?? 0} ${d.path} ${d.code}`).join('\n'));
    this.name = 'InputError';
    this.diagnostics = diagnostics;
  }
}

/** A diagnostic without its file: the command line's (usage errors) have none. */
export type CommandLineDiagnostic = Diagnostic extends infer D ? (D extends Diagnostic ? Omit<D, 'file'> : never) : never;

/** A usage error: a diagnostic of the command line, for the option or argument at `path`. */
export function usageError(diagnostic: CommandLineDiagnostic): InputError {
  return new InputError([{ ...diagnostic, file: '' }]);
}

/** `['engagements', 2, 'size', 'staff']` → `engagements[2].size.staff`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** A file-system error as a problem people can act on; `missing` says what ENOENT means here (a file or a folder). */
export function fileProblem(error: unknown, missing: 'no-such-file' | 'no-such-folder'): { reason: FileProblem; detail?: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { reason: missing };
    case 'EISDIR':
      return { reason: 'is-a-folder' };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { reason: 'permission-denied' };
    case 'ENOSPC':
    case 'EDQUOT':
      return { reason: 'disk-full' };
    default:
      return { reason: 'other', detail: code ?? String(error) };
  }
}

/** A candidate (or a row or file that could not be joined to one) that was not assessed, and why. */
export interface Rejection {
  candidateId?: string;
  diagnostics: Diagnostic[];
}
