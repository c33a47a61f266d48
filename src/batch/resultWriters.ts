import type { AssessmentRecord, SpecialtyRecord } from '../engine/assessment.js';
import { isSharedResult } from '../engine/evaluate.js';
import { organisationSummaryWriter } from './organisationSummary.js';
import type { Diagnostic } from '../input/diagnostic.js';
import { Describer } from '../messages/describe.js';
import type { Standard } from '../standard/loadStandard.js';
import { writeAssessment } from '../reporters/serializeAssessment.js';
import type { MissingTable } from './missingTables.js';
import type { Rejection } from './runBatch.js';

/** Output formats of `itss batch`: each turns results into text piece by piece, so nothing is held in memory. */
export interface ResultWriter {
  begin(): string;
  /** Writes one result's text, in one piece or several (a file encodes each as it comes). */
  result(assessment: AssessmentRecord, first: boolean, write: (text: string) => void): void;
  /** The text after the last result; told what the run found missing (the summary says it). */
  end(run?: RunFindings): string;
}

/** What a batch found about its inputs as a whole, known once every candidate is scored. */
export interface RunFindings {
  missingTables: MissingTable[];
}

/** Output formats of `itss batch`: text formats streamed through a ResultWriter, and the results workbook. */
export type BatchFormat = 'csv' | 'jsonl' | 'json' | 'xlsx' | 'html' | 'md';
export type TextBatchFormat = Exclude<BatchFormat, 'xlsx'>;

const ERRORS_COLUMNS = ['file', 'row', 'column', 'candidate_id', 'path', 'code', 'value', 'expected', 'suggestion', 'message'] as const;

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

/**
 * The results CSV's headers, in the describer's language; the workbook's summary has the same, with the unmet
 * criteria's names where the CSV has the gaps in words.
 */
export function resultsCsvColumns(describer: Describer, lastOfSpecialty: 'csv.gaps' | 'xlsx.unmet' = 'csv.gaps', carried: readonly string[] = []): string[] {
  const header = [describer.t('csv.candidate_id'), describer.t('csv.name'), describer.t('csv.department')];
  for (const s of describer.standard.specialties) {
    const specialty = describer.t('csv.specialty', { id: s.id, label: s.label[describer.lang] });
    // The levels below the level that are not met beside it (rules.md §6: levels are not nested); the number of
    // unmet criteria beside the next level: HR sorts by it to find who is closest.
    header.push(
      describer.t('csv.level', { specialty }),
      describer.t('csv.unmet_below', { specialty }),
      describer.t('csv.exam_level', { specialty }),
      describer.t('csv.next_level', { specialty }),
      describer.t('csv.unmet_count', { specialty }),
      describer.t(lastOfSpecialty, { specialty }),
    );
  }
  // The person master's carried columns last, by their headers: the columns above keep their places.
  header.push(describer.t('csv.warnings'), ...carried);
  return header;
}

/** The errors CSV's headers, in the describer's language. */
export function errorsCsvColumns(describer: Describer): string[] {
  return ERRORS_COLUMNS.map((c) => describer.t(`errors.${c}`));
}

/** The headers of the CSV files itss writes, in every language: such a file found among the inputs is not read. */
export function ownCsvHeaders(standard: Standard): Set<string> {
  const headers = new Set<string>();
  for (const lang of ['ja', 'en'] as const) {
    const describer = new Describer(lang, standard);
    headers.add(resultsCsvColumns(describer).join('\u001f'));
    headers.add(errorsCsvColumns(describer).join('\u001f'));
  }
  return headers;
}

/** Columns a specialty has in the results CSV and the workbook's summary (resultsCsvColumns). */
export const SPECIALTY_COLUMNS = 6;

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
 * One row per candidate: id, name, department, then per specialty its level, the levels below it not met, exam
 * level, next level, that level's number of unmet criteria and its gaps in words (the last three empty for a
 * specialty the person does not practise, unless allSpecialties).
 */
export function csvResultWriter(describer: Describer, options: ResultsOptions = {}): ResultWriter {
  const carried = options.carried ?? [];
  const allSpecialties = options.allSpecialties === true;
  // Each distinct shortfall (worded once by the describer) escaped once: the same string comes back for equal gaps.
  const escaped = new Map<string, string>();
  const gapCell = (specialty: string, next: NonNullable<SpecialtyRecord['next']>) => {
    const text = describer.shortfall(specialty, next.level, next.gaps);
    let cell = escaped.get(text);
    if (cell === undefined) {
      if (escaped.size >= 10_000) escaped.clear(); // bounded memory
      escaped.set(text, (cell = csvCell(text)));
    }
    return cell;
  };
  // A specialty's five cells, as CSV text: a result shared between candidates (evaluate's sharedResults) is made once.
  const madeCells = new WeakMap<SpecialtyRecord, string>();
  const level = (n: number | null) => (n === null ? '' : String(n));
  const makeCells = (s: SpecialtyRecord) => {
    const next = showsNextLevel(s, allSpecialties) ? s.next : null;
    return `${level(s.level)},${csvCell(unmetBelowText(s))},${level(s.examLevel)},${level(next?.level ?? null)},${level(next?.gaps.length ?? null)},${next ? gapCell(s.specialty, next) : ''}`;
  };
  const cellsOf = (s: SpecialtyRecord) => {
    if (!isSharedResult(s)) return makeCells(s);
    let cells = madeCells.get(s);
    if (cells === undefined) madeCells.set(s, (cells = makeCells(s)));
    return cells;
  };
  return {
    // BOM: Japanese Excel opens UTF-8 CSV correctly only with it.
    begin: () => `\uFEFF${csvRow(resultsCsvColumns(describer, 'csv.gaps', carried))}`,
    result: (a, _first, write) => {
      let row = `${csvCell(a.candidate.id)},${csvCell(a.candidate.name)},${csvCell(a.candidate.department)}`;
      for (const s of a.specialties) row += `,${cellsOf(s)}`;
      row += `,${csvCell(a.warnings.map((w) => describer.warning(w)).join(' / ') || null)}`;
      for (const name of carried) row += `,${csvCell(a.candidate.attributes?.[name])}`;
      write(`${row}\r\n`);
    },
    end: () => '',
  };
}

export const jsonlResultWriter: ResultWriter = {
  begin: () => '',
  result: (a, _first, write) => {
    writeAssessment(a, write);
    write('\n');
  },
  end: () => '',
};

export const jsonResultWriter: ResultWriter = {
  begin: () => '[\n',
  result: (a, first, write) => {
    if (!first) write(',\n');
    writeAssessment(a, write);
  },
  end: () => '\n]\n',
};

/** `--errors FILE`: one row per diagnostic of every rejected candidate, row or file; headers in the user's language. */
export function errorsCsvHeader(describer: Describer): string {
  return `\uFEFF${csvRow(errorsCsvColumns(describer))}`;
}

export function errorsCsvRows(rejection: Rejection, describer: Describer): string {
  return rejection.diagnostics
    .map((d: Diagnostic) =>
      csvRow([
        d.file,
        d.line ?? null,
        d.column ?? null,
        rejection.candidateId ?? null,
        d.path,
        d.code,
        d.value === undefined ? null : typeof d.value === 'string' ? d.value : JSON.stringify(d.value),
        (d.expected ?? []).join(' | '),
        d.suggestion ?? null,
        describer.diagnostic(d),
      ]),
    )
    .join('');
}

export function resultWriter(format: TextBatchFormat, describer: Describer, options: ResultsOptions = {}): ResultWriter {
  if (format === 'html' || format === 'md') return organisationSummaryWriter(format, describer, options);
  return format === 'csv' ? csvResultWriter(describer, options) : format === 'json' ? jsonResultWriter : jsonlResultWriter;
}
