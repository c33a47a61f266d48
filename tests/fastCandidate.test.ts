/**
 * The batch's fast path (src/candidate/fastCandidate.ts) against the candidate schema, the arbiter: on documents
 * of text cells, as HR tables give them, the fast path either declines or gives exactly the schema's candidate;
 * and it declines only where the schema has something to say, or rarely otherwise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastCandidate } from '../src/candidate/fastCandidate.js';
import { candidateFromDocument } from '../src/candidate/loadCandidate.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';

const standard = builtinStandard();
const specialties = standard.specialties;
const labels = (items: { id: string; label?: { ja: string; en: string } }[]) => items.flatMap((i) => [i.id, ...(i.label ? [i.label.ja] : [])]);
/** Cells that are wrong in the ways HR data is: typos, other lists' ids, odd forms, blanks, control characters. */
const junk = fc.constantFrom('', ' ', ';', 'nope', 'leadr', '2023-13', '0000-04', '-5', '1e309', '3.5人', '4.2億円', '7.49999999億円', 'x\u0007', '2019/4/31', '２０１９年４月', 'AP', 'FE');
const pick = (values: string[]) => fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: junk });
const listOf = (values: string[]) => fc.oneof({ weight: 9, arbitrary: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(fc.sample(fc.constantFrom(';', '、', '|', ','), 1)[0]!)) }, { weight: 1, arbitrary: junk });
const month = fc.tuple(fc.integer({ min: 2000, max: 2026 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const date = fc.oneof({ weight: 9, arbitrary: month }, { weight: 1, arbitrary: junk });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const strip = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== ''));

const engagement = fc.integer({ min: 0, max: specialties.length - 1 }).chain((i) => {
  const s = specialties[i]!;
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
      size: optional(fc.record({ staff: optional(pick(['15', '35', '3,500'])), annualContract: optional(pick(['4.2億円', '350000000', '7.5億円'])) }).map(strip)),
    })
    .map(strip);
});
const expertise = fc.integer({ min: 0, max: specialties.length - 1 }).chain((i) => {
  const s = specialties[i]!;
  return fc.record({ specialty: pick(labels([s])), areas: listOf(labels(s.areas)), depth: pick(labels(standard.scales.depth)) }).map(strip);
});
const knowledgeTransfer = fc.record({ kind: pick(labels(standard.scales.knowledgeTransfer)), specialties: optional(listOf(labels(specialties))), title: optional(fc.constant('社内論文')), date: optional(date) }).map(strip);
const mentoring = fc.record({ mentee: optional(fc.constant('佐藤')), specialties: optional(listOf(labels(specialties))), from: optional(date) }).map(strip);
const exam = fc.record({ exam: pick(['AP', '応用情報技術者試験', 'FE']), passed: optional(date) }).map(strip);
const document = fc
  .record({
    id: fc.oneof({ weight: 9, arbitrary: fc.constantFrom('E1001', '001234', 'Ｅ１００２') }, { weight: 1, arbitrary: junk }),
    name: optional(fc.constantFrom('山田 花子', 'Sato', 'x\u0000')),
    engagements: optional(fc.array(engagement, { maxLength: 4 })),
    expertise: optional(fc.array(expertise, { maxLength: 2 })),
    knowledgeTransfer: optional(fc.array(knowledgeTransfer, { maxLength: 2 })),
    mentoring: optional(fc.array(mentoring, { maxLength: 2 })),
    exams: optional(fc.array(exam, { maxLength: 2 })),
  })
  .map(strip);

const located = { locate: () => ({ line: 1, column: 1 }) };

describe('the fast path and the candidate schema', () => {
  it('agree on every document of text cells: the fast path declines, or gives the schema’s candidate', () => {
    let taken = 0;
    let valid = 0;
    fc.assert(
      fc.property(document, (value) => {
        const fast = fastCandidate(value, standard);
        const arbiter = candidateFromDocument({ value, ...located }, 'test.csv', standard);
        if (fast !== undefined) {
          taken++;
          expect(arbiter.diagnostics).toEqual([]);
          expect(fast).toEqual(arbiter.candidate);
        }
        if (arbiter.candidate) valid++;
      }),
      { numRuns: 3000 },
    );
    // It must take most valid documents, or it is no fast path.
    expect(taken / valid).toBeGreaterThan(0.9);
  });
});
