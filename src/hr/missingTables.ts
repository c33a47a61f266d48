import type { Standard } from '../standard/loadStandard.js';
import type { CriterionKind } from '../standard/standardSchema.js';
import type { Mapping } from './loadMapping.js';

/** The records a level may need besides engagements, by the criterion that reads them and the HR table that holds them. */
const RECORD_TABLES = [
  { criterion: 'expertise', table: 'expertise' },
  { criterion: 'knowledge-transfer', table: 'knowledgeTransfer' },
  { criterion: 'mentoring', table: 'mentoring' },
] as const;

type RecordTable = (typeof RECORD_TABLES)[number]['table'];

/** How many of the candidates assessed have at least one record of each table. */
export type RecordCounts = Record<RecordTable, number>;

export const noRecords = (): RecordCounts => ({ expertise: 0, knowledgeTransfer: 0, mentoring: 0 });

/**
 * A table no candidate assessed has a row of, though a level needs it: every person falls short of those levels
 * for want of data, which a run must say (a summary of an export without an expertise table once showed everyone
 * without a level, silently).
 */
export interface MissingTable {
  criterion: Extract<CriterionKind, (typeof RECORD_TABLES)[number]['criterion']>;
  table: RecordTable;
  /** The lowest level of any specialty that needs it. */
  fromLevel: number;
  /** Does every level of every specialty need it (then nobody reaches any level)? */
  everyLevel: boolean;
  /** With a mapping that names no such table: the cause is the mapping, not the export. */
  notMapped: boolean;
}

/** The tables a level of the standard needs that the assessed candidates have no record of. */
export function missingTables(counts: RecordCounts, standard: Standard, mapping: Mapping | undefined): MissingTable[] {
  const missing: MissingTable[] = [];
  for (const { criterion, table } of RECORD_TABLES) {
    if (counts[table] > 0) continue;
    const levels = standard.specialties.flatMap((s) => s.levels);
    const needing = levels.filter((l) => l.criteria.some((c) => c.kind === criterion));
    if (needing.length === 0) continue;
    missing.push({
      criterion,
      table,
      fromLevel: Math.min(...needing.map((l) => l.level)),
      everyLevel: needing.length === levels.length,
      notMapped: mapping !== undefined && mapping.tables[table] === undefined,
    });
  }
  return missing;
}
