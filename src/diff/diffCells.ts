import type { Describer } from '../messages/describe.js';
import type { Cell } from '../output/xlsxWriter.js';
import type { CriterionKind } from '../standard/standardSchema.js';
import { movement, type PersonRef, type ResultsDiff } from './diffResults.js';

/** What a row of the diff's table says happened. */
type RowKind = 'up' | 'down' | 'blocked' | 'unblocked' | 'added' | 'removed';

/**
 * A row of the diff as a table (the CSV, the workbook's sheet): a level change, a criterion newly blocking or no
 * longer blocking a next level, a person added or removed; cells that do not apply are empty.
 */
interface DiffRow {
  kind: RowKind;
  who: PersonRef;
  specialty: string | null;
  from: number | null;
  to: number | null;
  delta: number | null;
  level: number | null;
  criterion: CriterionKind | null;
}

const NONE = { specialty: null, from: null, to: null, delta: null, level: null, criterion: null };

/** Columns of the diff's table: the change, who, the specialty, the levels and their difference, the criterion and its level. */
export function diffColumns(d: Describer): string[] {
  return [
    d.t('diff.header.kind'),
    d.t('csv.candidate_id'),
    d.t('csv.name'),
    d.t('csv.department'),
    d.t('diff.header.specialty'),
    d.t('diff.header.from'),
    d.t('diff.header.to'),
    d.t('diff.header.delta'),
    d.t('diff.header.next'),
    d.t('diff.header.criterion'),
  ];
}

/** Columns holding levels (coloured in the workbook as the results' are). */
export const LEVEL_COLUMNS = new Set([5, 6, 8]);

/** Every change of a diff as a row, in the diff's order: level changes, blocking criteria, who was added, who left. */
function diffRows(diff: ResultsDiff): DiffRow[] {
  return [
    ...diff.changes.map((c): DiffRow => ({
      ...NONE,
      kind: movement(c) === 1 ? 'up' : 'down',
      who: c,
      specialty: c.specialty,
      from: c.from,
      to: c.to,
      delta: c.from === null || c.to === null ? null : c.to - c.from,
    })),
    ...diff.blocking.filter((b) => b.change === 'blocked').map((b): DiffRow => ({ ...NONE, kind: 'blocked', who: b, specialty: b.specialty, level: b.level, criterion: b.criterion })),
    ...diff.blocking.filter((b) => b.change === 'unblocked').map((b): DiffRow => ({ ...NONE, kind: 'unblocked', who: b, specialty: b.specialty, level: b.level, criterion: b.criterion })),
    ...diff.added.map((p): DiffRow => ({ ...NONE, kind: 'added', who: p })),
    ...diff.removed.map((p): DiffRow => ({ ...NONE, kind: 'removed', who: p })),
  ];
}

/** The rows' cells, worded in the describer's language: numbers stay numbers. */
export function diffCells(diff: ResultsDiff, d: Describer): Cell[][] {
  return diffRows(diff).map((r) => [
    d.t(`diff.kind.${r.kind}`),
    r.who.id,
    r.who.name,
    r.who.department,
    r.specialty === null ? null : d.specialtyName(r.specialty),
    r.from,
    r.to,
    r.delta,
    r.level,
    r.criterion === null ? null : d.criterionName(r.criterion),
  ]);
}
