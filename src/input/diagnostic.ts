/**
 * A problem found in an input file, as data: the message tables (src/messages) turn it into a sentence.
 * `line` and `column` are 1-based; `path` is the location inside the document (`engagements[2].size.staff`).
 */
export interface Diagnostic {
  code: DiagnosticCode;
  file: string;
  line?: number;
  column?: number;
  path: string;
  value?: unknown;
  /** What was expected: allowed ids or keys, a type name, a bound. */
  expected?: string[];
}

export type DiagnosticCode =
  | 'syntax'
  | 'too-many-aliases'
  | 'not-an-object'
  | 'missing'
  | 'wrong-type'
  | 'unknown-key'
  | 'unknown-value'
  | 'not-allowed'
  | 'too-small'
  | 'too-large'
  | 'bad-date'
  | 'bad-yen'
  | 'bad-people'
  | 'to-before-from'
  | 'duplicate-id'
  | 'duplicate-level'
  | 'duplicate-kind'
  | 'more-than-listed'
  | 'no-complexity-criterion'
  | 'no-areas'
  | 'unknown-id'
  | 'unreadable'
  | 'missing-column'
  | 'unknown-column'
  | 'unknown-table'
  | 'bad-encoding'
  | 'duplicate-candidate'
  | 'no-candidate-id'
  | 'ragged-row'
  | 'incomplete-tables'
  | 'unwritable'
  | 'use-batch'
  | 'empty';

/** Thrown by the loaders when an input cannot be used; the CLI prints its diagnostics and exits 2. */
export class InputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line ?? 0}:${d.column ?? 0} ${d.path} ${d.code}`).join('\n'));
    this.name = 'InputError';
    this.diagnostics = diagnostics;
  }
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

/** A file-system error as the reason shown to people: ENOENT means `missing` (a file or a folder, by the caller). */
export function fileErrorReason(error: unknown, missing: string): string {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return code === 'ENOENT' ? missing : code === 'EISDIR' ? 'is a folder' : code;
}
