import type { AssessmentRecord, SpecialtyRecord } from '../engine/assessment.js';
import type { MissingTable } from '../hr/missingTables.js';

/**
 * A text output of results (outputFormats: `itss batch`'s formats, `itss assess`'s), made per run: told each result
 * as it is made, it writes its text piece by piece (JSON, CSV) or keeps what it needs for the end (a page, a summary).
 */
export interface ResultWriter<R extends AssessmentRecord = AssessmentRecord> {
  begin(): string;
  /** Writes one result's text, in one piece or several (a file encodes each as it comes). */
  result(assessment: R, first: boolean, write: (text: string) => void): void;
  /** The text after the last result; told what the run found missing (the summary says it). */
  end(run?: RunFindings): string;
}

/** What a batch found about its inputs as a whole, known once every candidate is scored. */
interface RunFindings {
  missingTables: MissingTable[];
}

/** Columns a specialty has in the results CSV and the workbook's summary (resultsCsvColumns). */
export const SPECIALTY_COLUMNS = 7;

/** The levels below a specialty's level that are not met, as a cell: `3` or `3, 4`; none, empty. */
export const unmetBelowText = (s: SpecialtyRecord): string | null => (s.unmetBelow.length === 0 ? null : s.unmetBelow.join(', '));

/**
 * Are a specialty's next level and its gaps shown? Only for a specialty the person practises (cli.md), unless every
 * specialty is asked for: a service-desk engineer's next level in system management is noise to HR.
 */
export const showsNextLevel = (s: SpecialtyRecord, allSpecialties: boolean): boolean => allSpecialties || s.practised;

/** What the results' writers are told besides the language: carried columns, and whether to show every specialty. */
export interface ResultsOptions {
  /** The people table's columns the mapping carries into the results, by their headers. */
  carried?: readonly string[];
  /** `--all-specialties`: the next level of specialties the person does not practise too. */
  allSpecialties?: boolean;
}

/**
 * A CSV cell: quoted when needed, and neutralised against formula injection — a cell beginning with
 * = + - @, tab or CR gets a leading apostrophe, so Excel shows it as text instead of evaluating it.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: (string | number | null | undefined)[]): string => `${cells.map(csvCell).join(',')}\r\n`;

