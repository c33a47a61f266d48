import type { SpecialtyRecord } from '../engine/assessment.js';
import { isSharedResult } from '../engine/evaluate.js';
import { levelReachedOn } from '../engine/levelReachedOn.js';
import type { Diagnostic, Rejection } from '../input/diagnostic.js';
import { Describer } from '../messages/describe.js';
import type { Standard } from '../standard/loadStandard.js';
import { csvCell, csvRow, showsNextLevel, unmetBelowText, type ResultWriter, type ResultsOptions } from './resultWriter.js';

const ERRORS_COLUMNS = ['file', 'row', 'column', 'candidate_id', 'path', 'code', 'value', 'expected', 'suggestion', 'message'] as const;

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
      // Last, so that the columns before keep the places they had.
      describer.t('csv.reached_on', { specialty }),
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

/**
 * One row per candidate: id, name, department, then per specialty its level, the levels below it not met, exam
 * level, next level, that level's number of unmet criteria, its gaps in words and the day it is reached by time alone
 * where it is (the last four empty for a specialty the person does not practise, unless allSpecialties).
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
    return `${level(s.level)},${csvCell(unmetBelowText(s))},${level(s.examLevel)},${level(next?.level ?? null)},${level(next?.gaps.length ?? null)},${next ? gapCell(s.specialty, next) : ''},${next ? (levelReachedOn(next.gaps) ?? '') : ''}`;
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

