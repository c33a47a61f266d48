import type { Describer } from '../messages/describe.js';

/**
 * What `itss diff` says about its inputs, as data: a code, where, and its arguments. Fatal codes refuse the run
 * (exit 2), `id-collision` leaves one person out of it (exit 1), the warnings change nothing (exit 0).
 */
type DiffProblemCode =
  // The file is not results itss wrote
  | 'unknown-format'
  | 'no-results'
  | 'not-json'
  | 'bad-record'
  | 'csv-header'
  | 'standard-columns'
  | 'errors-file'
  | 'summary-page'
  | 'workbook-sheets'
  | 'bad-cell'
  | 'too-large'
  | 'mixed-as-of'
  | 'mixed-standards'
  // The two files
  | 'same-file'
  | 'same-content'
  // One person
  | 'id-collision'
  // Warnings
  | 'different-standards'
  | 'specialties-left-out'
  | 'reversed-dates';

export interface DiffProblem {
  code: DiffProblemCode;
  /** The file at fault ('' for a problem of the two files together: `old` and `new` name them). */
  file: string;
  /** A line of JSON Lines, a row of a CSV file or a workbook's sheet (the header is row 1). */
  line?: number;
  /** A result of a JSON document, from 1: a pretty-printed file has no line per result. */
  record?: number;
  /**
   * Arguments of the sentence (ids, values as read, headers, files): never words. `expect` names what a cell should
   * hold (`diff.expect.*`), worded with the other arguments.
   */
  params?: Record<string, string | number>;
}

/**
 * A results file that cannot be compared, or two files that are one run: the problems, said in the run's language.
 * (What the readers themselves refuse — a file that cannot be read, a damaged workbook, a ragged row — is an InputError,
 * with the batch's own diagnostics.)
 */
export class ResultsFileError extends Error {
  constructor(readonly problems: DiffProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line ?? p.record ?? 0} ${p.code}`).join('\n'));
    this.name = 'ResultsFileError';
  }
}

/** Where a problem is, as the other diagnostics say it: `file:line`, a JSON document's result by number, or the file. */
function place(p: DiffProblem, d: Describer): string {
  if (p.line !== undefined) return `${p.file}:${p.line}`;
  if (p.record !== undefined) return d.t('diff.place.record', { file: p.file, n: p.record });
  return p.file;
}

/** A problem as one line of stderr, in the run's language. */
export function diffProblemText(p: DiffProblem, d: Describer): string {
  const params = { ...p.params };
  if (params.expect !== undefined) params.expected = d.t(`diff.expect.${params.expect as 'level'}`, params);
  const sentence = d.t(`diff.problem.${p.code}`, params);
  return p.file === '' ? `itss: ${sentence}` : `${place(p, d)}: ${sentence}`;
}
