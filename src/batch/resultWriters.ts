import type { AssessmentRecord, SpecialtyRecord } from '../engine/assessment.js';
import { isSharedResult } from '../engine/evaluate.js';
import { organisationSummaryWriter } from './organisationSummary.js';
import type { Diagnostic } from '../input/diagnostic.js';
import { Describer } from '../messages/describe.js';
import type { Standard } from '../standard/loadStandard.js';
import { writeAssessment } from '../reporters/serializeAssessment.js';
import type { Rejection } from './runBatch.js';

/** Output formats of `itss batch`: each turns results into text piece by piece, so nothing is held in memory. */
export interface ResultWriter {
  begin(): string;
  /** Writes one result's text, in one piece or several (a file encodes each as it comes). */
  result(assessment: AssessmentRecord, first: boolean, write: (text: string) => void): void;
  end(): string;
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
    // The number of unmet criteria beside the next level: HR sorts by it to find who is closest.
    header.push(describer.t('csv.level', { specialty }), describer.t('csv.exam_level', { specialty }), describer.t('csv.next_level', { specialty }), describer.t('csv.unmet_count', { specialty }), describer.t(lastOfSpecialty, { specialty }));
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

/** One row per candidate: id, name, then per specialty its level, exam level, next level and that level's gaps. */
export function csvResultWriter(describer: Describer, carried: readonly string[] = []): ResultWriter {
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
  const makeCells = (s: SpecialtyRecord) => `${level(s.level)},${level(s.examLevel)},${level(s.next?.level ?? null)},${level(s.next?.gaps.length ?? null)},${s.next ? gapCell(s.specialty, s.next) : ''}`;
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

export function resultWriter(format: TextBatchFormat, describer: Describer, carried: readonly string[] = []): ResultWriter {
  if (format === 'html' || format === 'md') return organisationSummaryWriter(format, describer);
  return format === 'csv' ? csvResultWriter(describer, carried) : format === 'json' ? jsonResultWriter : jsonlResultWriter;
}
