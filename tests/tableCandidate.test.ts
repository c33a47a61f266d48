/**
 * The batch's fast path (src/hr/tableCandidate.ts) against the candidate schema, the arbiter: on HR tables of
 * generated cells, the fast path either declines or gives exactly the candidate the schema makes of the same
 * rows' document; and it declines only where the schema has something to say, or rarely otherwise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindHrTable, type BoundTable } from '../src/hr/bindHrTable.js';
import { hrTables, type TableName } from '../src/hr/hrTables.js';
import { joinHrTables } from '../src/hr/joinHrTables.js';
import type { CsvTable } from '../src/tabular/readCsv.js';
import { RowStore } from '../src/tabular/rowStore.js';
import { candidateFromDocument } from '../src/candidate/loadCandidate.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';

const standard = builtinStandard();
const specialties = standard.specialties;
const labels = (items: { id: string; label?: { ja: string; en: string } }[]) => items.flatMap((i) => [i.id, ...(i.label ? [i.label.ja] : [])]);
/** Cells that are wrong in the ways HR data is: typos, other lists' ids, odd forms, blanks, control characters. */
const junk = fc.constantFrom('', ' ', ';', 'nope', 'leadr', '2023-13', '0000-04', '-5', '1e309', '3.5人', '4.2億円', '7.49999999億円', 'x\u0007', '2019/4/31', '２０１９年４月', 'AP', 'FE');
const pick = (values: string[]) => fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: junk });
const listOf = (values: string[]) => fc.oneof({ weight: 9, arbitrary: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(fc.sample(fc.constantFrom(';', '、', '|', ','), 1)[0])) }, { weight: 1, arbitrary: junk });
const month = fc.tuple(fc.integer({ min: 2000, max: 2026 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const date = fc.oneof({ weight: 9, arbitrary: month }, { weight: 1, arbitrary: junk });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const strip = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== ''));

const engagement = fc.integer({ min: 0, max: specialties.length - 1 }).chain((i) => {
  const s = specialties[i];
  return fc
    .record({
      title: optional(fc.constantFrom('基盤運用', 'ヘルプデスク')),
      specialty: pick(labels([s])),
      role: pick(labels(standard.scales.role)),
      from: date,
      to: optional(date),
      outcome: optional(pick(['success', 'failed', '成功', '失敗'])),
      complexity: optional(listOf(labels(s.complexity))),
      activities: optional(listOf(labels(s.activities))),
      size: optional(fc.record({ staff: optional(pick(['15', '35', '3,500'])), annualContract: optional(pick(['4.2億円', '350000000', '7.5億円', '3億5千万円'])) }).map(strip)),
    })
    .map(strip);
});
const expertise = fc.integer({ min: 0, max: specialties.length - 1 }).chain((i) => {
  const s = specialties[i];
  return fc.record({ specialty: pick(labels([s])), areas: listOf(labels(s.areas)), depth: pick(labels(standard.scales.depth)) }).map(strip);
});
const knowledgeTransfer = fc.record({ kind: pick(labels(standard.scales.knowledgeTransfer)), specialties: optional(listOf(labels(specialties))), title: optional(fc.constant('社内論文')), date: optional(date) }).map(strip);
const mentoring = fc.record({ mentee: optional(fc.constant('佐藤')), specialties: optional(listOf(labels(specialties))), from: optional(date) }).map(strip);
const exam = fc.record({ exam: pick(['AP', '応用情報技術者試験', 'FE']), passed: optional(date) }).map(strip);
const document = fc
  .record({
    id: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('E1001', '001234', 'Ｅ１００２') }, { weight: 1, arbitrary: junk }),
    name: optional(fc.constantFrom('山田 花子', 'Sato', 'x\u0000')),
    // The name as other rows write it: the same (or with a full-width space), another, or not at all.
    otherName: optional(fc.constantFrom('山田 花子', '山田　花子', 'Sato', '佐藤')),
    department: optional(fc.constantFrom('運用部', '', 'x\u0001')),
    engagements: optional(fc.array(engagement, { maxLength: 4 })),
    expertise: optional(fc.array(expertise, { maxLength: 2 })),
    knowledgeTransfer: optional(fc.array(knowledgeTransfer, { maxLength: 2 })),
    mentoring: optional(fc.array(mentoring, { maxLength: 2 })),
    exams: optional(fc.array(exam, { maxLength: 2 })),
  })
  .map(strip);

const definitions = hrTables(standard);
const LISTS: [string, TableName][] = [
  ['engagements', 'engagements'],
  ['expertise', 'expertise'],
  ['knowledgeTransfer', 'knowledgeTransfer'],
  ['mentoring', 'mentoring'],
  ['exams', 'exams'],
];

/** A generated candidate written out as HR tables (a person master when it has a department), bound to their columns. */
function tablesOf(value: Record<string, unknown>): BoundTable[] {
  const tables: BoundTable[] = [];
  const add = (name: TableName, records: Record<string, unknown>[]) => {
    const definition = definitions.find((d) => d.name === name)!;
    const header = definition.columns.map((c) => c.name);
    const csv: CsvTable = { file: `${name}.csv`, encoding: 'utf-8', header, rows: new RowStore(), rowNumbers: [], badRows: [] };
    records.forEach((record, i) => {
      csv.rows.push(definition.columns.map((c) => String((c.field.startsWith('size.') ? (record.size as Record<string, unknown> | undefined)?.[c.field.slice(5)] : record[c.field]) ?? '')));
      csv.rowNumbers.push(i + 2);
    });
    const { table, diagnostics } = bindHrTable(csv, definition, undefined);
    expect(diagnostics).toEqual([]);
    tables.push(table!);
  };
  const id = value.id ?? '';
  if (value.department !== undefined) add('people', [{ candidate_id: id, candidate_name: value.name, department: value.department }]);
  for (const [list, table] of LISTS) {
    const records = (value[list] as Record<string, unknown>[] | undefined) ?? [];
    // The name on the first row of each table, and as the other rows write it.
    if (records.length > 0) add(table, records.map((r, i) => ({ ...r, candidate_id: id,
      candidate_name: i === 0 && value.department === undefined ? value.name : value.otherName })));
  }
  return tables;
}

describe('the fast path and the candidate schema', () => {
  it('agree on every candidate of HR table rows: the fast path declines, or gives the schema’s candidate', () => {
    let taken = 0;
    let valid = 0;
    fc.assert(
      fc.property(document, (value) => {
        for (const unit of joinHrTables(tablesOf(value), standard).units) {
          const fast = unit.candidate!();
          const document = unit.document();
          const arbiter = document.conflicts ? { candidate: undefined, diagnostics: document.conflicts } : candidateFromDocument(document, unit.file, standard);
          if (fast !== undefined) {
            taken++;
            expect(arbiter.diagnostics).toEqual([]);
            expect(fast).toEqual(arbiter.candidate);
          }
          if (arbiter.candidate) valid++;
        }
      }),
      { numRuns: 3000 },
    );
    // It must take most valid candidates, or it is no fast path.
    expect(taken / valid).toBeGreaterThan(0.9);
    // 3,000 generated exports: about 12 s on one slow core, so a bound of its own.
  }, 180_000);
});
