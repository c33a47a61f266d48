/**
 * The engine around the evaluators as exact data (issue 23, item 6: the mutants Stryker found surviving in
 * src/engine/prepare.ts, levelContexts.ts, sharedResults.ts, standardPlan.ts, evaluate.ts, levelReachedOn.ts and
 * evaluators/evaluator.ts): the warnings and the records in scope, one Evaluation reused for several candidates (its
 * tables of fits and verdicts reset and grown), a specialty of nine levels, scales beyond the bits (more than 31 kinds
 * of knowledge transfer, more than 30 activities and complexity conditions, read as lists), and the results a batch
 * shares between candidates (what their keys hold, when they are let go). Each expected value is worked out in the
 * comments.
 */
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Assessment, AssessmentRecord, CriterionResult, SpecialtyRecord, SpecialtyResult } from '../src/engine/assessment.js';
import { Evaluation, SharedResults, evaluate, evaluateRecord, isSharedResult } from '../src/engine/evaluate.js';
import { levelReachedOn, monthsMetOn } from '../src/engine/levelReachedOn.js';
import { bitCount, fieldKey, holdsAll, IdBits, sourcesOf, type FieldList } from '../src/engine/evaluators/evaluator.js';
import { criterionDetailKey, fieldsReadByAny } from '../src/engine/evaluators/evaluators.js';
import type { EvaluationContext } from '../src/engine/evaluators/evaluationContext.js';
import type { Candidate } from '../src/candidate/candidate.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import type { Standard } from '../src/standard/loadStandard.js';
import { epochDay } from '../src/values/calendarDate.js';
import { assess, lead, madeUpStandard, smallStandard } from './helpers.js';

const AS_OF = '2026-04-01';
const load = (standard: Standard, object: Record<string, unknown>, id = 'T1') => loadCandidate(stringify({ id, ...object }), 'test.yaml', standard);
/** The batch record of a full result: its specialties without levels. */
const recordOf = (assessment: Assessment): AssessmentRecord => ({ ...assessment, specialties: assessment.specialties.map(({ levels: _levels, ...rest }) => rest) });

const scale = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const labelled = (ids: string[]) => ids.map((id) => `      - { id: ${id}, label: { ja: ${id}, en: ${id} }, source: ${id} }`).join('\n');

/**
 * A standard with a specialty of nine levels (one mentoring record more at each), one whose size criterion reads
 * staff only, and one with no size criterion at all; 33 kinds of knowledge transfer (k0 … k32: beyond the 31 a
 * bit table holds), 32 activities and 32 complexity conditions in `wide` (beyond the 30 bits of IdBits).
 */
const KINDS = scale('k', 33);
const ACTIVITIES = scale('act', 32);
const CONDITIONS = scale('cond', 32);
const WIDE = smallStandard('wide', `  - id: nine
    label: { ja: 九, en: nine }
    areasRequired: any
    complexity:
      - { id: n1, label: { ja: n1, en: n1 }, source: n1 }
    areas:
      - { id: a1, label: { ja: a1, en: a1 }, source: a1 }
    levels:
${Array.from({ length: 9 }, (_, i) => `      - level: ${i + 1}
        criteria:
          - { kind: mentoring, atLeast: ${i + 1}, source: m${i + 1} }${i === 8 ? '\n        examEquivalence: { exams: [E9], source: e9 }' : ''}${i === 0 ? '\n        examEquivalence: { exams: [E1], source: e1 }' : ''}`).join('\n')}
  - id: staffed
    label: { ja: 人, en: staffed }
    areasRequired: any
    complexity:
      - { id: s1, label: { ja: s1, en: s1 }, source: s1 }
    areas:
      - { id: b1, label: { ja: b1, en: b1 }, source: b1 }
    levels:
      - level: 1
        criteria:
          - { kind: size, options: [{ anyOf: { staff: 10 } }], source: 10人 }
          - { kind: knowledge-transfer, atLeastKinds: 3, source: 3種類 }
  - id: plain
    label: { ja: 素, en: plain }
    areasRequired: any
    complexity:
      - { id: p1, label: { ja: p1, en: p1 }, source: p1 }
    areas:
      - { id: c1, label: { ja: c1, en: c1 }, source: c1 }
    levels:
      - level: 1
        examEquivalence: { exams: [E2], source: e2 }
        criteria:
          - { kind: expertise, depth: basic, source: 基礎 }
  - id: wide
    label: { ja: 広, en: wide }
    areasRequired: any
    complexity:
${labelled(CONDITIONS)}
    areas:
      - { id: w1, label: { ja: w1, en: w1 }, source: w1 }
    activities:
${labelled(ACTIVITIES)}
    levels:
      - level: 1
        criteria:
          - { kind: responsibility, role: junior, years: 1, activities: [${ACTIVITIES.slice(0, 31).join(', ')}], experiences: [act31], source: 1年 }
          - { kind: complexity, conditions: [${CONDITIONS.slice(0, 31).join(', ')}], atLeast: 2, required: [cond30], source: 2項目 }
          - kind: size
            options:
              - { anyOf: { staff: 5 }, complexityAtLeast: 3 }
            source: 5人
`, { role: [['junior', 1], ['lead', 2]], knowledgeTransfer: KINDS, exams: ['E1', 'E2', 'E9'], sizeFields: [['staff', 'people'], ['budget', 'yen']] });

describe('prepare: the records in scope and the warnings, in the order of the candidate file', () => {
  it('names a size figure a specialty does not read (staffed reads staff only; plain reads none, and is not warned of)', () => {
    const a = assess(WIDE, {
      engagements: [
        { specialty: 'staffed', role: 'lead', from: '2024-01', to: '2024-12', size: { staff: 12, budget: '1億円' } },
        { specialty: 'plain', role: 'lead', from: '2024-01', to: '2024-12', size: { staff: 3, budget: '1万円' } },
        { specialty: 'staffed', role: 'lead', from: '2024-01', to: '2024-12', size: { budget: '2万円' } },
      ],
    });
    expect(a.warnings).toEqual([
      { code: 'unread-size-field', path: 'engagements[0]', value: 'budget', specialty: 'staffed' },
      { code: 'unread-size-field', path: 'engagements[2]', value: 'budget', specialty: 'staffed' },
    ]);
    // The staff figure of the first still counts: staffed's level 1 size is met by it.
    expect(a.specialties[1]!.levels[0]!.criteria[0]).toMatchObject({ id: 'size', met: true, actual: { engagement: 0, option: 0, staff: 12 } });
  });

  it('warns of an exam the standard does not list, one passed after the assessment date and one undated, in order', () => {
    const a = assess(WIDE, { exams: [{ exam: 'ZZ-9' }, { exam: 'E9', passed: '2026-04-02' }, { exam: 'E1' }, { exam: 'E2', passed: '2026-04-01' }] });
    expect(a.warnings).toEqual([
      { code: 'unlisted-exam', path: 'exams[0]', value: 'ZZ-9' },
      { code: 'future-record', path: 'exams[1].passed', value: '2026-04-02' },
      { code: 'undated-exam', path: 'exams[2]', value: 'E1' },
    ]);
    // E9 (level 9 of nine) is passed after the date: not counted; E1 is, and E2 (passed on the date) for plain.
    expect(a.specialties.map((s) => s.examLevel)).toEqual([1, null, 1, null]);
  });

  it('an unlisted exam alone gives no exam level', () => {
    expect(assess(WIDE, { exams: [{ exam: 'E1x' }] }).specialties.map((s) => s.examLevel)).toEqual([null, null, null, null]);
  });

  it('warns of every kind of record dated after the assessment date, engagements first', () => {
    const a = assess(madeUpStandard, {
      exams: [{ exam: 'X1', passed: '2027-01' }],
      mentoring: [{ mentee: 'm', from: '2026-04-02' }, { mentee: 'n', from: '2026-04-01' }],
      knowledgeTransfer: [{ kind: 'talk', date: '2026-05' }],
      engagements: [lead({ from: '2026-04-02', to: null }), lead({ from: '2026-04-01', to: null })],
    });
    expect(a.warnings).toEqual([
      { code: 'future-engagement', path: 'engagements[0]', value: '2026-04-02' },
      { code: 'future-record', path: 'knowledgeTransfer[0].date', value: '2026-05-01' },
      { code: 'future-record', path: 'mentoring[0].from', value: '2026-04-02' },
      { code: 'future-record', path: 'exams[0].passed', value: '2027-01-01' },
    ]);
    const level2 = a.specialties[0]!.levels[1]!.criteria;
    // The engagement starting on the date counts one day; mentoring from the date counts; the talk does not.
    expect(level2[0]).toMatchObject({ actual: { months: 1 / 30, engagements: 1 }, evidence: [{ type: 'engagement', index: 1 }] });
    expect(level2.find((c) => c.id === 'mentoring')).toMatchObject({ met: true, actual: { records: 1 }, evidence: [{ type: 'mentoring', index: 1 }] });
    expect(level2.find((c) => c.id === 'knowledge-transfer')).toMatchObject({ met: false, actual: { kinds: 0, present: [] }, evidence: [] });
    expect(a.specialties[0]!.examLevel).toBeNull();
  });

  it('an engagement ending after the assessment date counts up to it', () => {
    const r = assess(madeUpStandard, { engagements: [lead({ from: '2024-04-02', to: '2030-12' })] }).specialties[0]!.levels[1]!.criteria[0]!;
    expect(r).toMatchObject({ met: true, actual: { months: 24, engagements: 1 } });
    const shorter = assess(madeUpStandard, { engagements: [lead({ from: '2024-04-02', to: '2026-03-30' })] }).specialties[0]!.levels[1]!.criteria[0]!;
    expect(shorter).toMatchObject({ met: false, actual: { months: 24 - 2 / 30 }, gap: { months: 2 / 30 } });
  });

  it('practised: an engagement in scope or an expertise record in the specialty, not a future engagement', () => {
    const practised = (object: Record<string, unknown>) => assess(madeUpStandard, object).specialties.map((s) => s.practised);
    expect(practised({})).toEqual([false, false]);
    expect(practised({ expertise: [{ specialty: 'helpdesk', areas: ['tooling'], depth: 'basic' }] })).toEqual([false, true]);
    expect(practised({ engagements: [lead()] })).toEqual([true, false]);
    expect(practised({ engagements: [lead({ from: '2026-05', to: null })] })).toEqual([false, false]);
    expect(practised({ engagements: [{ ...lead(), specialty: 'helpdesk', complexity: [], activities: [] }] })).toEqual([false, true]);
  });

  it('expertise records of other specialties do not count, and evidence names each record by its index in the file', () => {
    const a = assess(madeUpStandard, {
      expertise: [
        { specialty: 'helpdesk', areas: ['tooling'], depth: 'expert' },
        { specialty: 'network-ops', areas: ['routing', 'security'], depth: 'basic' },
        { specialty: 'helpdesk', areas: ['customer-care'], depth: 'basic' },
      ],
    });
    expect(a.specialties[0]!.levels[0]!.criteria[3]).toEqual({ id: 'expertise', met: true, required: { depth: 'basic', areas: 'all', outOf: 2 },
      actual: { areas: { routing: 'basic', security: 'basic' }, reached: 2 }, gap: null, evidence: [{ type: 'expertise', index: 1 }] });
    expect(a.specialties[1]!.levels[1]!.criteria[3]).toEqual({ id: 'expertise', met: true, required: { depth: 'expert', areas: 'any', outOf: 2 },
      actual: { areas: { tooling: 'expert', 'customer-care': 'basic' }, reached: 1 }, gap: null, evidence: [{ type: 'expertise', index: 0 }, { type: 'expertise', index: 2 }] });
  });
});

describe('a specialty of nine levels (beyond the evaluation\'s table of eight verdicts)', () => {
  it.each([
    [9, 9, null, 9],
    [8, 8, 9, null],
    [1, 1, 2, null],
    [0, null, 1, null],
  ])('with %i mentoring records: level %s, next %s (exam level %s with E9)', (records, level, next, examLevel) => {
    const object = { mentoring: Array.from({ length: records }, (_, i) => ({ mentee: `m${i}` })), exams: records === 9 ? [{ exam: 'E9', passed: '2020-01' }] : [] };
    const full = assess(WIDE, object);
    const [nine] = full.specialties;
    expect([nine!.level, nine!.next?.level ?? null, nine!.examLevel, nine!.unmetBelow, nine!.nonNested]).toEqual([level, next, examLevel, [], false]);
    expect(nine!.levels.map((l) => l.met)).toEqual(Array.from({ length: 9 }, (_, i) => i < records));
    // The record, from the compiled verdicts, agrees: every level's verdict kept past the eighth.
    const evaluation = new Evaluation(WIDE, AS_OF);
    expect(evaluation.record(load(WIDE, object))).toEqual(recordOf(full));
    // And again on the same evaluation, after a candidate who meets every level (no verdict left over).
    evaluation.record(load(WIDE, { mentoring: Array.from({ length: 9 }, (_, i) => ({ mentee: `x${i}` })) }));
    expect(evaluation.record(load(WIDE, object))).toEqual(recordOf(full));
  });

  it('the next level of a record names its unmet criteria only', () => {
    const record = evaluateRecord(WIDE, load(WIDE, { mentoring: [{ mentee: 'a' }, { mentee: 'b' }, { mentee: 'c' }] }), { asOf: AS_OF });
    expect(record.specialties[0]!.next).toEqual({ level: 4, gaps: [{ id: 'mentoring', met: false, required: { records: 4 }, actual: { records: 3 },
      gap: { records: 1 }, evidence: [0, 1, 2].map((index) => ({ type: 'mentoring', index })) }] });
  });
});

describe('one Evaluation for many candidates: each candidate\'s fits and verdicts its own', () => {
  const evaluation = new Evaluation(madeUpStandard, AS_OF);
  // Meets level 2's complexity and size (global + multi-site, 100 staff): its years count at level 2.
  const meets = lead();
  // Ticks no condition of either level and has no size: counts nowhere where 以上 is asked.
  const misses = lead({ complexity: [], size: {} });

  it.each([
    ['meets, then misses', [meets], [misses]],
    ['misses, then meets', [misses], [meets]],
  ])('%s', (_name, first, second) => {
    for (const [engagements, alone] of [[first, assess(madeUpStandard, { engagements: first })], [second, assess(madeUpStandard, { engagements: second })]] as const) {
      const candidate = load(madeUpStandard, { engagements });
      expect(evaluation.assess(candidate)).toEqual(alone);
      expect(evaluation.record(candidate)).toEqual(recordOf(alone));
    }
    // The years of levels 1 and 2: met by the one, not by the other (no expertise: no level is met by either).
    const years = (engagement: Record<string, unknown>) => assess(madeUpStandard, { engagements: [engagement] }).specialties[0]!.levels.map((l) => l.criteria[0]!.met);
    expect(years(meets)).toEqual([true, true]);
    expect(years(misses)).toEqual([false, false]);
  });

  it('forty engagements (a table of fits grown past its 64 places), then one', () => {
    // Forty engagements of one month each, one of which (the last) meets level 2; the rest tick nothing.
    const many = [...Array.from({ length: 39 }, (_, i) => lead({ from: `2001-${String((i % 12) + 1).padStart(2, '0')}`, to: null, complexity: [], size: {} })),
      lead({ from: '2024-04-02', to: null })];
    const evaluation = new Evaluation(madeUpStandard, AS_OF);
    const full = evaluation.assess(load(madeUpStandard, { engagements: many }));
    const level2 = full.specialties[0]!.levels[1]!;
    expect(level2.criteria[1]).toMatchObject({ met: true, evidence: [{ type: 'engagement', index: 39 }] });
    expect(level2.criteria[2]).toMatchObject({ met: true, actual: { engagement: 39, option: 0, staff: 100 }, evidence: [{ type: 'engagement', index: 39 }] });
    expect(level2.criteria[0]).toMatchObject({ met: true, actual: { months: 24, engagements: 1 } });
    expect((level2.criteria[0] as CriterionResult & { excluded?: unknown }).excluded).toBeUndefined();
    expect(evaluation.record(load(madeUpStandard, { engagements: many }))).toEqual(recordOf(full));
    // The 39 that tick nothing, alone: level 1's years (以上: level 1's complexity, at least one condition) exclude them all.
    const none = evaluation.assess(load(madeUpStandard, { engagements: many.slice(0, 39) })).specialties[0]!;
    expect(none.level).toBeNull();
    expect(none.levels[0]!.criteria[0]).toMatchObject({ met: false, actual: { months: 0, engagements: 0 } });
    expect((none.levels[0]!.criteria[0] as { excluded: unknown[] }).excluded).toHaveLength(39);
    // Then one that meets: nothing of the forty is left in the table.
    expect(evaluation.record(load(madeUpStandard, { engagements: [lead()] }))).toEqual(recordOf(assess(madeUpStandard, { engagements: [lead()] })));
    const noComplexity = { engagements: [lead({ complexity: [] })] };
    expect(evaluation.assess(load(madeUpStandard, noComplexity))).toEqual(assess(madeUpStandard, noComplexity));
    expect(evaluation.record(load(madeUpStandard, noComplexity)).specialties[0]!.next!.gaps.map((g) => g.id)).toEqual(['responsibility', 'complexity', 'expertise']);
  });

  it('the same plan for every evaluation of a standard', () => {
    expect(new Evaluation(madeUpStandard, AS_OF).plan).toBe(new Evaluation(madeUpStandard, '2025-01-01').plan);
    expect(new Evaluation(WIDE, AS_OF).plan).not.toBe(new Evaluation(madeUpStandard, AS_OF).plan);
  });
});

describe('scales beyond the bits, read as lists', () => {
  const wide = (object: Record<string, unknown>) => assess(WIDE, object).specialties[3]!;
  const engagement = (over: Record<string, unknown>) => ({ specialty: 'wide', role: 'junior', from: '2024-04-02', to: null, activities: ACTIVITIES.slice(0, 31),
    complexity: ['cond0', 'cond1', 'cond30'], size: { staff: 5 }, ...over });

  it('33 kinds of knowledge transfer: kinds past the 31st count once each', () => {
    const kinds = (list: string[]) => assess(WIDE, { knowledgeTransfer: list.map((kind) => ({ kind })) }).specialties[1]!.levels[0]!.criteria[1]!;
    expect(kinds(['k31', 'k32', 'k31'])).toMatchObject({ met: false, actual: { kinds: 2, present: ['k31', 'k32'] }, gap: { kinds: 1 } });
    expect(kinds(['k30', 'k31', 'k32'])).toMatchObject({ met: true, actual: { kinds: 3, present: ['k30', 'k31', 'k32'] }, gap: null });
    expect(kinds(['k0', 'k32', 'k0'])).toMatchObject({ met: false, actual: { kinds: 2, present: ['k0', 'k32'] } });
    expect(kinds(['k0', 'k31', 'k0'])).toMatchObject({ met: false, actual: { kinds: 2, present: ['k0', 'k31'] } });
    expect(kinds(['k0', 'k1', 'k31'])).toMatchObject({ met: true, actual: { kinds: 3 } });
    expect(kinds(['k29', 'k30', 'k31', 'k32']).met).toBe(true);
    // Their verdicts and the record agree (the record reads the count alone).
    const object = { knowledgeTransfer: ['k31', 'k32', 'k32', 'k30'].map((kind) => ({ kind })) };
    expect(evaluateRecord(WIDE, load(WIDE, object), { asOf: AS_OF }).specialties[1]!.level).toBe(null);
    expect(evaluateRecord(WIDE, load(WIDE, { ...object, engagements: [{ specialty: 'staffed', role: 'lead', from: '2024-01', size: { staff: 10 } }] }), { asOf: AS_OF }).specialties[1]!.level).toBe(1);
  });

  it('31 activities asked of every engagement, and an experience beyond the bits', () => {
    // Every activity but act31 on the first; act31 on a second engagement of another role.
    const met = wide({ engagements: [engagement({}), engagement({ from: '2010-01', to: '2010-01', activities: ['act31'], complexity: [], size: {} })] });
    expect(met.levels[0]!.criteria[0]).toMatchObject({ met: true, actual: { months: 24, engagements: 1, experiences: ['act31'] }, gap: null });
    expect(met.level).toBe(1);
    // Without act31 anywhere: the experience is missing, the months met.
    const noExperience = wide({ engagements: [engagement({})] }).levels[0]!.criteria[0]!;
    expect(noExperience).toMatchObject({ met: false, actual: { months: 24, engagements: 1, experiences: [] }, gap: { experiences: ['act31'] } });
    expect(noExperience.gap).not.toHaveProperty('months');
    // One activity of the 31 missing: that engagement is excluded for its activities.
    const missing = wide({ engagements: [engagement({ activities: [...ACTIVITIES.slice(1, 32)] })] }).levels[0]!.criteria[0]!;
    expect(missing).toMatchObject({ met: false, actual: { months: 0, engagements: 0, experiences: ['act31'] }, gap: { months: 12 }, excluded: [{ index: 0, reasons: ['activities'] }] });
  });

  it('complexity and size over a list of 31 conditions, with a required one', () => {
    const level = (complexity: string[]) => wide({ engagements: [engagement({ complexity, activities: ACTIVITIES })] }).levels[0]!;
    const ok = level(['cond0', 'cond1', 'cond30']);
    expect(ok.criteria[1]).toMatchObject({ met: true, actual: { conditions: 3, engagement: 0, ticked: ['cond0', 'cond1', 'cond30'] }, gap: null });
    expect(ok.criteria[2]).toMatchObject({ met: true, actual: { engagement: 0, option: 0, staff: 5, conditions: 3 } });
    expect(ok.met).toBe(true);
    // Without the required cond30: ticks two, one to add (the required one).
    const noRequired = level(['cond0', 'cond1']);
    expect(noRequired.criteria[1]).toMatchObject({ met: false, actual: { conditions: 2, engagement: 0, ticked: ['cond0', 'cond1'] }, gap: { conditions: 1, including: ['cond30'] } });
    // Size asks 3 conditions of the level's list: cond31 is not on it.
    expect(noRequired.criteria[2]).toMatchObject({ met: false, actual: { engagement: 0, staff: 5, conditions: 2 }, gap: { option: 0, shortfall: { staff: 0 }, conditions: 1 } });
    expect(level(['cond0', 'cond31', 'cond30']).criteria[2]).toMatchObject({ met: false, actual: { conditions: 2 } });
    expect(level(['cond0', 'cond31', 'cond30']).criteria[1]).toMatchObject({ met: true, actual: { conditions: 2, ticked: ['cond0', 'cond30'] }, gap: null });
    expect(level(['cond31', 'cond30']).criteria[1]).toMatchObject({ met: false, actual: { conditions: 1, ticked: ['cond30'] }, gap: { conditions: 1, including: [] } });
    expect(level(['cond5', 'cond30']).criteria[1]).toMatchObject({ met: true, actual: { conditions: 2 } });
    // The years (以上) exclude an engagement short of the complexity.
    expect(level(['cond5', 'cond6']).criteria[0]).toMatchObject({ met: false, excluded: [{ index: 0, reasons: ['complexity', 'size'] }] });
  });

  it('IdBits: thirty ids get bits, the thirty-first makes a list\'s mask -1', () => {
    const bits = new IdBits();
    expect(bits.mask(scale('i', 30))).toBe(0x3fffffff);
    expect(bits.mask(['i29'])).toBe(1 << 29);
    expect(bits.mask(['i30'])).toBe(-1);
    expect(bits.mask(['i0', 'i30', 'i1'])).toBe(-1);
    expect(bits.mask(['i1', 'i0'])).toBe(3);
    const other = new IdBits();
    expect(other.mask(scale('j', 31))).toBe(-1);
    expect(other.mask(['j29'])).toBe(1 << 29);
    expect(other.mask(['j30'])).toBe(-1);
    expect(bitCount(other.mask(scale('j', 30)))).toBe(30);
  });

  it.each([
    [0b0110, ['b', 'c'], 0b0010, ['b'], true],
    [0b0110, ['b', 'c'], 0b0011, ['a', 'b'], false],
    [-1, ['b', 'c'], 0b0010, ['b'], true],
    [-1, ['b', 'c'], 0b0011, ['a', 'b'], false],
    [0b0110, ['b', 'c'], -1, ['c', 'b'], true],
    [0b0110, ['b', 'c'], -1, ['c', 'd'], false],
    [-1, [], -1, [], true],
    [0, [], 0, [], true],
  ])('holdsAll(%i, %j, %i, %j) = %s', (mask, list, wantedMask, wantedList, holds) => {
    expect(holdsAll(mask, list, wantedMask, wantedList)).toBe(holds);
  });
});

describe('the results a batch shares between candidates', () => {
  const record = (standard: Standard, object: Record<string, unknown>, sharedResults: SharedResults<SpecialtyRecord>, asOf = AS_OF) =>
    evaluateRecord(standard, load(standard, object), { asOf, sharedResults });

  it('the first candidate of a result has it alone; from the second on, it is held and shared', () => {
    const sharedResults = new SharedResults<SpecialtyRecord>();
    const [first, second, third] = [1, 2, 3].map(() => record(madeUpStandard, { exams: [{ exam: 'X1' }] }, sharedResults).specialties[0]!);
    expect([isSharedResult(first), isSharedResult(second)]).toEqual([false, true]);
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    expect(second).toEqual(first);
    expect(sharedResults.size).toBe(2);
  });

  it('exams in another order find the same result; other exams or none another', () => {
    const sharedResults = new SharedResults<SpecialtyRecord>();
    record(madeUpStandard, { exams: [{ exam: 'X1' }] }, sharedResults); // the first of this result: then held
    const first = record(madeUpStandard, { exams: [{ exam: 'X1' }, { exam: 'ZZ' }] }, sharedResults);
    // ZZ is not listed: not passed, so the candidate passed X1 alone either way.
    const second = record(madeUpStandard, { exams: [{ exam: 'ZZ' }, { exam: 'X1' }] }, sharedResults);
    expect(second.specialties[0]).toBe(first.specialties[0]);
    expect(first.specialties[0]!.examLevel).toBe(1);
    const none = record(madeUpStandard, {}, sharedResults);
    expect(none.specialties[0]!.examLevel).toBeNull();
    expect(none.specialties[0]).not.toBe(first.specialties[0]);
    expect(sharedResults.size).toBe(4);
  });

  it('two exams, in either order, on a standard whose exams name different levels', () => {
    const sharedResults = new SharedResults<SpecialtyRecord>();
    record(WIDE, { exams: [{ exam: 'E1' }, { exam: 'E9' }] }, sharedResults); // the first of these results: then held
    const a = record(WIDE, { exams: [{ exam: 'E1' }, { exam: 'E9' }] }, sharedResults);
    const b = record(WIDE, { exams: [{ exam: 'E9' }, { exam: 'E1' }] }, sharedResults);
    expect(a.specialties[0]!.examLevel).toBe(9);
    expect(b.specialties.map((s, i) => s === a.specialties[i])).toEqual([true, true, true, true]);
    const c = record(WIDE, { exams: [{ exam: 'E2' }, { exam: 'E1' }] }, sharedResults);
    expect(c.specialties.map((s) => s.examLevel)).toEqual([1, null, 1, null]);
    expect(c.specialties[0]).not.toBe(a.specialties[0]);
  });

  it('candidates whose contributions differ get their own results; equal ones the same', () => {
    const sharedResults = new SharedResults<SpecialtyRecord>();
    const sharedFull = new SharedResults<SpecialtyResult>();
    // Network-ops level 2 (knowledge transfer), from full results.
    const kt = (records: Record<string, unknown>[]) => evaluate(madeUpStandard, load(madeUpStandard, { knowledgeTransfer: records }), { asOf: AS_OF, sharedResults: sharedFull }).specialties[0]!;
    const ktOf = (s: SpecialtyResult) => s.levels[1]!.criteria.find((c) => c.id === 'knowledge-transfer');
    const talk = kt([{ kind: 'talk' }]);
    const paper = kt([{ kind: 'paper' }]);
    expect(ktOf(talk)).toMatchObject({ actual: { kinds: 1, present: ['talk'] }, evidence: [{ type: 'knowledgeTransfer', index: 0 }] });
    expect(ktOf(paper)).toMatchObject({ actual: { kinds: 1, present: ['paper'] } });
    // The second of a result is held, and shared from then on.
    const again = kt([{ kind: 'talk' }]);
    expect(again).toEqual(talk);
    expect(kt([{ kind: 'talk' }])).toBe(again);
    expect(ktOf(kt([{ kind: 'talk' }, { kind: 'paper' }]))).toMatchObject({ met: true, actual: { kinds: 2, present: ['talk', 'paper'] } });
    // A title is evidence: another result.
    const titled = kt([{ kind: 'talk', title: 'T' }]);
    expect(titled).not.toBe(talk);
    expect(ktOf(titled)!.evidence).toEqual([{ type: 'knowledgeTransfer', index: 0, title: 'T' }]);
    // The same kind at another index of the file: another result too.
    const second = kt([{ kind: 'talk', specialties: ['helpdesk'] }, { kind: 'talk' }]);
    expect(ktOf(second)!.evidence).toEqual([{ type: 'knowledgeTransfer', index: 1 }]);
    // Mentoring counted for every specialty, or for another one only.
    const mentoring = (records: Record<string, unknown>[]) => evaluate(madeUpStandard, load(madeUpStandard, { mentoring: records }), { asOf: AS_OF, sharedResults: sharedFull }).specialties;
    const mentored = mentoring([{ mentee: 'a' }]);
    const elsewhere = mentoring([{ mentee: 'a', specialties: ['helpdesk'] }]);
    expect(mentored[0]!.levels[1]!.criteria.find((c) => c.id === 'mentoring')).toMatchObject({ met: true, actual: { records: 1 } });
    expect(elsewhere[0]!.levels[1]!.criteria.find((c) => c.id === 'mentoring')).toMatchObject({ met: false, actual: { records: 0 } });
    expect(elsewhere[1]).toEqual(mentored[1]);
    expect(mentoring([{ mentee: 'b' }])[1]).toBe(elsewhere[1]);
    expect(elsewhere[1]!.levels[1]!.criteria.find((c) => c.id === 'mentoring')).toMatchObject({ met: false, actual: { records: 1 }, evidence: [{ type: 'mentoring', index: 0 }] });
    // Expertise is practice: never shared.
    const expert = record(madeUpStandard, { expertise: [{ specialty: 'helpdesk', areas: ['tooling'], depth: 'basic' }] }, sharedResults).specialties[1]!;
    expect(isSharedResult(expert)).toBe(false);
    expect(expert.level).toBeNull();
  });

  it('shares the gaps of practised specialties where the kind allows it (contributions), not the years', () => {
    const sharedResults = new SharedResults<SpecialtyRecord>();
    record(madeUpStandard, { engagements: [lead({ to: '2019-11' })] }, sharedResults); // the first of the expertise gap: then held
    const one = record(madeUpStandard, { engagements: [lead({ to: '2019-12' })] }, sharedResults).specialties[0]!;
    const two = record(madeUpStandard, { engagements: [lead({ to: '2020-01' })] }, sharedResults).specialties[0]!;
    expect(isSharedResult(one)).toBe(false);
    // Level 1: 9 of 12 months, and no expertise.
    expect(one.next!.gaps.map((g) => [g.id, isSharedResult(g)])).toEqual([['responsibility', false], ['expertise', true]]);
    expect(two.next!.gaps.slice(1)).toEqual(one.next!.gaps.slice(1));
    two.next!.gaps.slice(1).forEach((g, i) => expect(g).toBe(one.next!.gaps[i + 1]));
    expect(two.next!.gaps[0]).not.toBe(one.next!.gaps[0]);
    expect(two.next!.gaps[0]).toMatchObject({ actual: { months: 10 } });
    expect(one.next!.gaps[0]).toMatchObject({ actual: { months: 9 } });
    // Without shared results nothing is marked.
    const alone = evaluateRecord(madeUpStandard, load(madeUpStandard, { engagements: [lead({ to: '2019-12' })] }), { asOf: AS_OF });
    expect(alone.specialties[0]!.next!.gaps.map((g) => isSharedResult(g))).toEqual([false, false]);
    expect(alone.specialties.map((s) => isSharedResult(s))).toEqual([false, false]);
    expect(alone).toEqual(record(madeUpStandard, { engagements: [lead({ to: '2019-12' })] }, sharedResults));
  });

  it('full results are shared as well, and marked', () => {
    const sharedResults = new SharedResults<SpecialtyResult>();
    evaluate(madeUpStandard, load(madeUpStandard, { mentoring: [{ mentee: 'w' }] }), { asOf: AS_OF, sharedResults }); // the first: then held
    const a = evaluate(madeUpStandard, load(madeUpStandard, { mentoring: [{ mentee: 'x' }] }), { asOf: AS_OF, sharedResults });
    const b = evaluate(madeUpStandard, load(madeUpStandard, { mentoring: [{ mentee: 'y' }] }, 'T2'), { asOf: AS_OF, sharedResults });
    expect(b.specialties[0]).toBe(a.specialties[0]);
    expect(b.candidate).toEqual({ id: 'T2' });
    expect(isSharedResult(a.specialties[1]!)).toBe(true);
    expect(Object.keys(a.specialties[1]!)).not.toContain('shared result');
    expect(JSON.parse(JSON.stringify(a.specialties[1]))).toEqual(a.specialties[1]);
  });

  it('a new date lets go of every result held, a new standard too; the same standard and date keep them', () => {
    const sharedResults = new SharedResults<SpecialtyRecord>();
    record(madeUpStandard, { mentoring: [{ mentee: 'x' }] }, sharedResults); // the first: then held
    const a = record(madeUpStandard, { mentoring: [{ mentee: 'x' }] }, sharedResults);
    record(madeUpStandard, { mentoring: [{ mentee: 'x' }, { mentee: 'y' }] }, sharedResults);
    expect(sharedResults.size).toBe(4);
    const criteria = sharedResults.criteria.size;
    expect(criteria).toBeGreaterThan(0);
    expect(record(madeUpStandard, { mentoring: [{ mentee: 'x' }] }, sharedResults).specialties[0]).toBe(a.specialties[0]);
    // Another date: two held, the first candidate's again, as a new result.
    const later = record(madeUpStandard, { mentoring: [{ mentee: 'x' }] }, sharedResults, '2026-04-02');
    expect(sharedResults.size).toBe(2);
    expect(later.specialties[0]).not.toBe(a.specialties[0]);
    expect(later.specialties[0]).toEqual(a.specialties[0]);
    // Back to the first date with the second candidate: let go again.
    record(madeUpStandard, { mentoring: [{ mentee: 'x' }, { mentee: 'y' }] }, sharedResults);
    expect(sharedResults.size).toBe(2);
    // Another standard on the same date.
    record(WIDE, {}, sharedResults);
    expect(sharedResults.size).toBe(4);
    // Its shared gaps: nine's mentoring, staffed's knowledge transfer, plain's expertise (the others' are not shared).
    expect(sharedResults.criteria.size).toBe(3);
  });

  it('holds any value, marking objects only', () => {
    const results = new SharedResults<unknown>();
    const object = { a: 1 };
    results.set(['x'], object);
    results.set(['y'], 5);
    results.set(['z'], null);
    results.set(['w', 'v'], 'text', 1);
    expect([results.get(['x']), results.get(['y']), results.get(['z']), results.get(['w'])]).toEqual([object, 5, null, 'text']);
    expect(isSharedResult(object)).toBe(true);
    expect(isSharedResult({ a: 1 })).toBe(false);
    expect(Object.keys(object)).toEqual(['a']);
  });
});

describe('what the keys of shared results are made of', () => {
  it('fieldKey: a value whole, a list by its length and items, a list of records by the keys read of each', () => {
    const context = {
      knowledgeTransferKinds: 2,
      activitiesSeen: -1,
      mentoring: [{ index: 3, specialties: null }, { index: 5, specialties: ['x'] }],
      knowledgeTransfer: [{ index: 0, kind: 'talk', title: 'T' }],
      areaRanks: [2, -Infinity],
    } as unknown as EvaluationContext;
    // Written into a path after what is there already (`at` 2), up to the end returned.
    const pieces: unknown[] = ['before', 'before'];
    const fields: FieldList = [['knowledgeTransferKinds', null], ['mentoring', ['index']], ['areaRanks', null], ['knowledgeTransfer', ['kind', 'title']], ['activitiesSeen', null]];
    expect(fieldKey(fields)(context, pieces, 2)).toBe(13);
    expect(pieces).toEqual(['before', 'before', 2, 2, 3, 5, 2, 2, -Infinity, 1, 'talk', 'T', -1]);
  });

  it('fieldsReadByAny: every field any evaluator reads, with the union of the keys read of its records', () => {
    expect(Object.fromEntries(fieldsReadByAny)).toEqual({
      engagements: null,
      activitiesSeen: null,
      areaRanks: null,
      areaDepths: null,
      expertise: ['index'],
      knowledgeTransferKinds: null,
      knowledgeTransfer: ['index', 'kind', 'title'],
      mentoring: ['index'],
    });
    expect(fieldsReadByAny).toHaveLength(8);
  });

  it('sourcesOf: each field the context works out replaced by what it is worked out from, the others as they are', () => {
    expect(sourcesOf([['areaRanks', null], ['areaDepths', null], ['expertise', ['index']]])).toEqual([['expertise', ['areas', 'depth', 'index']]]);
    expect(sourcesOf([['knowledgeTransferKinds', null], ['knowledgeTransfer', ['index', 'kind', 'title']]])).toEqual([['knowledgeTransfer', ['kind', 'index', 'title']]]);
    expect(sourcesOf([['mentoring', ['index']], ['activitiesSeen', null], ['engagements', null]])).toEqual([['mentoring', ['index']], ['engagements', null]]);
    // A list read whole stays whole.
    expect(sourcesOf([['expertise', null], ['areaRanks', null]])).toEqual([['expertise', null]]);
    // The key of a specialty's shared results: every source once.
    expect(Object.fromEntries(sourcesOf(fieldsReadByAny))).toEqual({ engagements: null, expertise: ['areas', 'depth', 'index'], knowledgeTransfer: ['kind', 'index', 'title'], mentoring: ['index'] });
  });

  it('criterionDetailKey: the pieces of a kind whose detail is shared, none of the others', () => {
    const areas = ['a1'];
    const context = { mentoring: [{ index: 4 }], knowledgeTransferKinds: 1, knowledgeTransfer: [{ index: 0, kind: 'talk' }], areaRanks: [1], areaDepths: ['basic'],
      expertise: [{ index: 2, areas, depth: 'basic' }] } as unknown as EvaluationContext;
    // Written after a piece already there (`at` 1), as sharedDetail writes them after the criterion.
    const key = (kind: Parameters<typeof criterionDetailKey>[0]) => {
      const pieces: unknown[] = ['criterion'];
      const end = criterionDetailKey(kind, context, pieces, 1);
      return [end, pieces.slice(1)];
    };
    expect(key('mentoring')).toEqual([3, [1, 4]]);
    // What the fields the context works out are worked out from, not their values (DERIVED_FIELDS): the kinds from
    // each record's kind, an area's rank and depth from each record's areas and depth.
    expect(key('knowledge-transfer')).toEqual([5, [1, 'talk', 0, undefined]]);
    expect(key('expertise')).toEqual([5, [1, areas, 'basic', 2]]);
    expect(key('responsibility')).toEqual([-1, []]);
    expect(key('complexity')).toEqual([-1, []]);
    expect(key('size')).toEqual([-1, []]);
  });
});

describe('levelReachedOn and monthsMetOn', () => {
  const gap = (metOn?: string) => ({ id: 'mentoring', met: false, required: { records: 1 }, actual: { records: 0 }, gap: { records: 1 }, evidence: [], ...(metOn ? { metOn } : {}) }) as CriterionResult;
  it.each([
    [[], null, null],
    [[gap('2027-01-01')], '2027-01-01', '2027-01-01'],
    [[gap('2027-01-01'), gap('2026-05-01')], '2027-01-01', '2027-01-01'],
    [[gap('2026-05-01'), gap('2027-01-01')], '2027-01-01', '2027-01-01'],
    [[gap('2026-05-01'), gap()], null, '2026-05-01'],
    [[gap(), gap('2026-05-01')], null, '2026-05-01'],
    [[gap()], null, null],
  ])('%j: %s, %s', (gaps, reached, months) => {
    expect(levelReachedOn(gaps)).toBe(reached);
    expect(monthsMetOn(gaps)).toBe(months);
  });

  it('a result\'s metOn: the day the months are met if the counted engagements go on', () => {
    // 2025-04-02 to now is 12 months; level 2 asks 24: met 12 months later, on 2027-04-01.
    const r = assess(madeUpStandard, { engagements: [lead({ from: '2025-04-02', to: null })] }).specialties[0]!;
    expect(r.levels[1]!.criteria[0]).toMatchObject({ met: false, gap: { months: 12 }, metOn: '2027-04-01' });
    expect(levelReachedOn(r.next!.gaps)).toBeNull();
    // An engagement that ended: no day.
    expect(assess(madeUpStandard, { engagements: [lead({ from: '2025-04-02', to: '2026-03-31' })] }).specialties[0]!.levels[1]!.criteria[0]).not.toHaveProperty('metOn');
    // The experiences missing: no day either.
    expect(assess(madeUpStandard, { engagements: [lead({ from: '2025-04-02', to: null, activities: ['on-call'] })] }).specialties[0]!.levels[1]!.criteria[0]).not.toHaveProperty('metOn');
  });
});

describe('a candidate built in code (the engine reads what the loader makes)', () => {
  const day = (text: string) => epochDay(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
  const candidate = (over: Partial<Candidate>): Candidate => ({ id: 'C', exams: [], engagements: [], expertise: [], knowledgeTransfer: [], mentoring: [], ...over });

  it('a kind of knowledge transfer not on the scale counts for nothing', () => {
    const a = evaluate(madeUpStandard, candidate({ knowledgeTransfer: [{ kind: 'poster', specialties: null }, { kind: 'talk', specialties: null }] }), { asOf: AS_OF });
    expect(a.specialties[0]!.levels[1]!.criteria.find((c) => c.id === 'knowledge-transfer')).toMatchObject({ met: false, actual: { kinds: 1, present: ['talk'] } });
    const twice = evaluate(madeUpStandard, candidate({ knowledgeTransfer: [{ kind: 'poster', specialties: null }, { kind: 'paper', specialties: null }] }), { asOf: AS_OF });
    expect(twice.specialties[0]!.levels[1]!.criteria.find((c) => c.id === 'knowledge-transfer')).toMatchObject({ met: false, actual: { kinds: 1, present: ['paper'] } });
  });

  it('an engagement of a specialty the standard does not have is in no specialty\'s results', () => {
    const engagement = { specialty: 'nowhere', role: 'lead', from: day('2019-04-01'), to: null, outcome: 'success' as const, complexity: [], activities: [], size: { staff: 1 } };
    const a = evaluate(madeUpStandard, candidate({ engagements: [engagement, { ...lead(), ...engagement, specialty: 'network-ops', complexity: ['global', 'multi-site'], activities: ['on-call', 'design'], size: { staff: 100 } }] }), { asOf: AS_OF });
    expect(a.warnings).toEqual([]);
    expect(a.specialties[0]!.levels[1]!.criteria[0]).toMatchObject({ met: true, evidence: [{ type: 'engagement', index: 1 }] });
    expect(a.specialties.map((s) => s.practised)).toEqual([true, false]);
  });
});
