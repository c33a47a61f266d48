/**
 * The engine's results as exact data (issue 23, item 6: the mutants Stryker found surviving in src/engine): every
 * field of every criterion of a candidate who has a bit of everything, a small tailored standard where a level is
 * met above an unmet one, and the batch record (with and without shared results) against the full result for every
 * level fixture of the built-in standard. Each expected value is worked out from rules.md in the comments.
 */
import { stringify } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Assessment, AssessmentRecord, SpecialtyRecord } from '../src/engine/assessment.js';
import { SharedResults, evaluate, evaluateRecord, isSharedResult, parseAsOf } from '../src/engine/evaluate.js';
import { countsFor } from '../src/engine/prepare.js';
import { bitCount, IdBits, tickCount } from '../src/engine/evaluators/evaluator.js';
import type { EngagementInScope } from '../src/engine/evaluators/evaluationContext.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { loadStandard } from '../src/standard/loadStandard.js';
import { epochDay } from '../src/values/calendarDate.js';
import { assess, lead, madeUpStandard } from './helpers.js';
import { ASSESSMENT_DATE, levelFixtures } from './levelFixtures.js';


describe('a candidate with a bit of everything, on the made-up standard', () => {
  const candidate = {
    name: '山田',
    department: 'ops',
    engagements: [
      // A: 24 months, counts at level 1 only (a junior, failed, without on-call, one level-1 condition, 10 staff).
      lead({ title: 'A', role: 'junior', outcome: 'failed', activities: ['design'], complexity: ['multi-site'], size: { staff: 10 } }),
      // B: 6 months within A, meets level 2's complexity (3 of 4 with global) and its second size option (50 staff, 3 conditions).
      lead({ title: 'B', from: '2020-01', to: '2020-06', size: { staff: 60, budget: '3億円' }, complexity: ['global', 'multi-site', 'multi-vendor'] }),
      // Starts after the assessment date: not counted, warned of.
      lead({ from: '2026-06', to: null }),
    ],
    expertise: [
      { specialty: 'network-ops', areas: ['routing'], depth: 'expert' },
      { specialty: 'network-ops', areas: ['routing', 'security'], depth: 'basic' },
    ],
    knowledgeTransfer: [{ kind: 'book', title: '本' }, { kind: 'talk' }, { kind: 'paper', date: '2027-01' }],
    mentoring: [{ mentee: 'A', from: '2027-01' }, { mentee: 'B' }],
    exams: [{ exam: 'X1' }],
  };
  // Assessed in each test (not once for the suite), so that Stryker's per-test coverage sees which tests run the engine.
  let assessment: Assessment;
  beforeEach(() => {
    assessment = assess(madeUpStandard, candidate);
  });
  const A = { type: 'engagement', index: 0, title: 'A' };
  const B = { type: 'engagement', index: 1, title: 'B' };

  it('names the candidate, the date, the standard and the warnings', () => {
    expect(assessment.candidate).toEqual({ id: 'T1', name: '山田', department: 'ops' });
    expect(Object.keys(assessment.candidate)).toEqual(['id', 'name', 'department']);
    expect(assessment.asOf).toBe('2026-04-01');
    expect(assessment.standard).toEqual({ id: 'made-up' });
    expect(assessment.warnings).toEqual([
      { code: 'future-engagement', path: 'engagements[2]', value: '2026-06-01' },
      { code: 'future-record', path: 'knowledgeTransfer[2].date', value: '2027-01-01' },
      { code: 'future-record', path: 'mentoring[0].from', value: '2027-01-01' },
      { code: 'undated-exam', path: 'exams[0]', value: 'X1' },
    ]);
  });

  it('network-ops: level 1 met (and by the undated exam), level 2 short of the years and the expertise', () => {
    const [networkOps] = assessment.specialties;
    expect(networkOps).toEqual({
      specialty: 'network-ops',
      practised: true,
      level: 1,
      examLevel: 1,
      nonNested: false,
      unmetBelow: [],
      levels: [
        {
          level: 1,
          met: true,
          criteria: [
            // A and B merge into A's 24 months.
            { id: 'responsibility', met: true, required: { months: 12, role: 'junior', success: false, activities: [], experiences: [], atOrAboveLevel: 1 }, actual: { months: 24, engagements: 2, experiences: [] }, gap: null, evidence: [A, B] },
            // B ticks two of level 1's list (multi-site, multi-vendor), A one: B is the closest.
            { id: 'complexity', met: true, required: { conditions: 1, outOf: 3, including: [], success: false }, actual: { conditions: 2, engagement: 1, ticked: ['multi-site', 'multi-vendor'] }, gap: null, evidence: [A, B] },
            { id: 'size', met: true, required: { unspecified: true }, actual: {}, gap: null, evidence: [] },
            // routing at its deepest (expert), security basic: both basic or deeper.
            { id: 'expertise', met: true, required: { depth: 'basic', areas: 'all', outOf: 2 }, actual: { areas: { routing: 'expert', security: 'basic' }, reached: 2 }, gap: null, evidence: [{ type: 'expertise', index: 0 }, { type: 'expertise', index: 1 }] },
          ],
        },
        {
          level: 2,
          met: false,
          criteria: [
            // Only B counts: 6 of 24 months; A fails every condition of level 2's years.
            {
              id: 'responsibility',
              met: false,
              required: { months: 24, role: 'lead', success: true, activities: ['on-call'], experiences: ['design'], atOrAboveLevel: 2 },
              actual: { months: 6, engagements: 1, experiences: ['design'] },
              gap: { months: 18 },
              evidence: [B],
              excluded: [{ index: 0, title: 'A', reasons: ['outcome', 'role', 'activities', 'complexity', 'size'] }],
            },
            { id: 'complexity', met: true, required: { conditions: 2, outOf: 4, including: ['global'], success: true }, actual: { conditions: 3, engagement: 1, ticked: ['multi-site', 'multi-vendor', 'global'] }, gap: null, evidence: [B] },
            {
              id: 'size',
              met: true,
              required: { options: [{ anyOf: { staff: 100, budget: 1000000000 } }, { anyOf: { staff: 50, budget: 500000000 }, complexityAtLeast: 3 }], success: true },
              actual: { engagement: 1, option: 1, staff: 60, budget: 300000000, conditions: 3 },
              gap: null,
              evidence: [B],
            },
            { id: 'expertise', met: false, required: { depth: 'expert', areas: 'all', outOf: 2 }, actual: { areas: { routing: 'expert', security: 'basic' }, reached: 1 }, gap: { depth: 'expert', areas: ['security'], mode: 'all' }, evidence: [{ type: 'expertise', index: 0 }, { type: 'expertise', index: 1 }] },
            // The paper is dated after the assessment date: talk and book, in the scale's order.
            { id: 'knowledge-transfer', met: true, required: { kinds: 2 }, actual: { kinds: 2, present: ['talk', 'book'] }, gap: null, evidence: [{ type: 'knowledgeTransfer', index: 0, title: '本' }, { type: 'knowledgeTransfer', index: 1 }] },
            { id: 'mentoring', met: true, required: { records: 1 }, actual: { records: 1 }, gap: null, evidence: [{ type: 'mentoring', index: 1 }] },
          ],
        },
      ],
      next: { level: 2, gaps: [assessment.specialties[0]!.levels[1]!.criteria[0], assessment.specialties[0]!.levels[1]!.criteria[3]] },
    });
    expect(networkOps!.next!.gaps.map((g) => g.id)).toEqual(['responsibility', 'expertise']);
  });

  it('helpdesk: not practised, every gap measured from nothing', () => {
    const helpdesk = assessment.specialties[1]!;
    expect({ ...helpdesk, levels: undefined, next: helpdesk.next?.level }).toEqual({ specialty: 'helpdesk', practised: false, level: null, examLevel: null, nonNested: false, unmetBelow: [], levels: undefined, next: 1 });
    expect(helpdesk.levels.map((l) => [l.level, l.met])).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(helpdesk.levels[0]!.criteria).toEqual([
      { id: 'responsibility', met: false, required: { months: 6, role: 'junior', success: false, activities: [], experiences: [], atOrAboveLevel: null }, actual: { months: 0, engagements: 0, experiences: [] }, gap: { months: 6 }, evidence: [], excluded: [] },
      { id: 'expertise', met: false, required: { depth: 'basic', areas: 'any', outOf: 2 }, actual: { areas: {}, reached: 0 }, gap: { depth: 'basic', areas: [], mode: 'any' }, evidence: [] },
    ]);
    expect(helpdesk.levels[1]!.criteria).toEqual([
      { id: 'responsibility', met: false, required: { months: 12, role: 'lead', success: true, activities: [], experiences: [], atOrAboveLevel: 2 }, actual: { months: 0, engagements: 0, experiences: [] }, gap: { months: 12 }, evidence: [], excluded: [] },
      { id: 'complexity', met: false, required: { conditions: 2, outOf: 2, including: [], success: false }, actual: { conditions: 0, engagement: null, ticked: [] }, gap: { conditions: 2, including: [] }, evidence: [] },
      { id: 'size', met: false, required: { options: [{ anyOf: { staff: 10 } }], success: false }, actual: { engagement: null }, gap: { option: 0, shortfall: { staff: 10 }, conditions: 0 }, evidence: [] },
      { id: 'expertise', met: false, required: { depth: 'expert', areas: 'any', outOf: 2 }, actual: { areas: {}, reached: 0 }, gap: { depth: 'expert', areas: [], mode: 'any' }, evidence: [] },
      // The mentoring record naming no specialty counts here too.
      { id: 'mentoring', met: false, required: { records: 2 }, actual: { records: 1 }, gap: { records: 1 }, evidence: [{ type: 'mentoring', index: 1 }] },
    ]);
  });

  it('the batch record has the same verdicts and next gaps, alone and with shared results', () => {
    const loaded = loadCandidate(stringify({ id: 'T1', ...candidate }), 'test.yaml', madeUpStandard);
    const alone = evaluateRecord(madeUpStandard, loaded, { asOf: '2026-04-01' });
    expect(alone).toEqual(recordOf(assessment));
    const sharedResults = new SharedResults<SpecialtyRecord>();
    expect(evaluateRecord(madeUpStandard, loaded, { asOf: '2026-04-01', sharedResults })).toEqual(alone);
    // Again: helpdesk (not practised) comes from the shared results this time, and is the same object.
    const again = evaluateRecord(madeUpStandard, loaded, { asOf: '2026-04-01', sharedResults });
    expect(again).toEqual(alone);
    expect(isSharedResult(again.specialties[1]!)).toBe(true);
    expect(isSharedResult(again.specialties[0]!)).toBe(false);
  });
});

/** The batch record of a full result: its specialties without levels. */
function recordOf(assessment: Assessment): AssessmentRecord {
  return { ...assessment, specialties: assessment.specialties.map(({ levels: _levels, ...rest }) => rest) };
}

/**
 * A tailored standard where level 2 asks less than level 1 (one mentoring record against three), so that level 2 can
 * be met above an unmet level 1 (rules.md §6), and level 3 asks an engagement's complexity and size.
 */
const TINY = loadStandard(
  `format: itss-standard/v1
id: tiny
version: '2.0'
title: { ja: 小さな職種, en: Tiny }
scales:
  role:
    - { id: junior, rank: 1, label: { ja: 若手, en: junior } }
    - { id: lead, rank: 2, label: { ja: 主任, en: lead } }
  depth:
    - { id: basic, rank: 1, label: { ja: 基礎, en: basic } }
    - { id: expert, rank: 2, label: { ja: 熟達, en: expert } }
  knowledgeTransfer:
    - { id: talk, label: { ja: 講演, en: talk } }
    - { id: paper, label: { ja: 論文, en: paper } }
  exams:
    - { id: E1, label: { ja: 試験1, en: exam 1 } }
    - { id: E2, label: { ja: 試験2, en: exam 2 } }
sizeFields:
  - { id: staff, unit: people, label: { ja: 要員数, en: staff } }
  - { id: budget, unit: yen, label: { ja: 予算, en: budget } }
specialties:
  - id: ops
    label: { ja: 運用, en: ops }
    areasRequired: any
    complexity:
      - { id: c1, label: { ja: 条件1, en: c1 }, source: 条件1 }
      - { id: c2, label: { ja: 条件2, en: c2 }, source: 条件2 }
      - { id: c3, label: { ja: 条件3, en: c3 }, source: 条件3 }
    areas:
      - { id: a1, label: { ja: 領域1, en: a1 }, source: 領域1 }
      - { id: a2, label: { ja: 領域2, en: a2 }, source: 領域2 }
    levels:
      - level: 1
        page: p.12
        examEquivalence: { exams: [E1], source: 試験1 }
        criteria:
          - { kind: mentoring, atLeast: 3, source: 3名 }
      - level: 2
        examEquivalence: { exams: [E2], source: 試験2 }
        criteria:
          - { kind: mentoring, atLeast: 1, source: 1名 }
      - level: 3
        criteria:
          - { kind: complexity, conditions: [c1, c2, c3], atLeast: 2, source: 2項目 }
          - kind: size
            options:
              - { anyOf: { staff: 100, budget: 1000000 } }
              - { anyOf: { staff: 40 }, complexityAtLeast: 3 }
            source: 規模
`,
  'tiny.yaml',
);

describe('a tailored standard: a level met above an unmet one, the exam level, the closest size', () => {
  const ops = (over: Record<string, unknown>) => ({ specialty: 'ops', role: 'lead', from: '2020-04', to: '2021-03', ...over });
  const tiny = (candidate: Record<string, unknown>) => assess(TINY, candidate);

  it('level 2 met, level 1 not: nonNested, unmetBelow [1], next 3; exam level the highest passed; the page kept', () => {
    const a = tiny({
      mentoring: [{ mentee: 'x' }],
      exams: [
        { exam: 'E2', passed: '2020-01' },
        { exam: 'E1', passed: '2019-01' },
      ],
      engagements: [ops({ title: 'one', complexity: ['c1'], size: { staff: 90 } }), ops({ complexity: ['c1', 'c2'], size: { staff: 30, budget: 500000 } }), ops({ complexity: ['c1', 'c2', 'c3'], size: { staff: 20 }, outcome: 'failed' })],
    });
    expect(a.standard).toEqual({ id: 'tiny', version: '2.0' });
    expect(a.warnings).toEqual([]);
    const [s] = a.specialties;
    expect({ ...s, levels: undefined, next: undefined }).toEqual({ specialty: 'ops', practised: true, level: 2, examLevel: 2, nonNested: true, unmetBelow: [1], levels: undefined, next: undefined });
    expect(s!.levels.map((l) => [l.level, l.met, l.page])).toEqual([
      [1, false, 'p.12'],
      [2, true, undefined],
      [3, false, undefined],
    ]);
    expect('page' in s!.levels[1]!).toBe(false);
    expect(s!.levels[0]!.criteria).toEqual([{ id: 'mentoring', met: false, required: { records: 3 }, actual: { records: 1 }, gap: { records: 2 }, evidence: [{ type: 'mentoring', index: 0 }] }]);
    // Complexity: the third engagement ticks all three (a failed one counts: success is not asked).
    expect(s!.levels[2]!.criteria[0]).toEqual({ id: 'complexity', met: true, required: { conditions: 2, outOf: 3, including: [], success: false }, actual: { conditions: 3, engagement: 2, ticked: ['c1', 'c2', 'c3'] }, gap: null, evidence: [{ type: 'engagement', index: 1 }, { type: 'engagement', index: 2 }] });
    // Size: closeness of each engagement to each option — #0 to option 0 is 90/100 = 0.9; to option 1, 1 × 1/3.
    // #1: option 0 max(30/100, 500000/1000000) = 0.5, option 1 30/40 × 2/3 = 0.5; #2: 0.2, and 20/40 × 1 = 0.5.
    const size = { id: 'size', met: false, required: { options: [{ anyOf: { staff: 100, budget: 1000000 } }, { anyOf: { staff: 40 }, complexityAtLeast: 3 }], success: false }, actual: { engagement: 0, staff: 90, budget: null, conditions: 1 }, gap: { option: 0, shortfall: { staff: 10, budget: 1000000 }, conditions: 0 }, evidence: [] };
    expect(s!.levels[2]!.criteria[1]).toEqual(size);
    expect(s!.next).toEqual({ level: 3, gaps: [size] });
    expect(evaluateRecord(TINY, loadCandidate(stringify({ id: 'T1', mentoring: [{ mentee: 'x' }], exams: [{ exam: 'E2', passed: '2020-01' }, { exam: 'E1', passed: '2019-01' }], engagements: [ops({ title: 'one', complexity: ['c1'], size: { staff: 90 } }), ops({ complexity: ['c1', 'c2'], size: { staff: 30, budget: 500000 } }), ops({ complexity: ['c1', 'c2', 'c3'], size: { staff: 20 }, outcome: 'failed' })] }), 't.yaml', TINY), { asOf: '2026-04-01' })).toEqual(recordOf(a));
  });

  it.each([
    // The closest option where two engagements are as close: the first one found.
    [[ops({ complexity: ['c1', 'c2', 'c3'], size: { staff: 20 } }), ops({ complexity: ['c1'], size: { staff: 50 } })], { engagement: 0, staff: 20, budget: null, conditions: 3 }, { option: 1, shortfall: { staff: 20 }, conditions: 0 }],
    // A bigger figure is no closer than the threshold: option 1 is min(1, 90/40) × 2/3, below option 0's 0.9.
    [[ops({ complexity: ['c1', 'c2'], size: { staff: 90 } })], { engagement: 0, staff: 90, budget: null, conditions: 2 }, { option: 0, shortfall: { staff: 10, budget: 1000000 }, conditions: 0 }],
    // Option 1 the closer: 45/40 → 1 × 2/3 against 45/100.
    [[ops({ complexity: ['c1', 'c2'], size: { staff: 45 } })], { engagement: 0, staff: 45, budget: null, conditions: 2 }, { option: 1, shortfall: { staff: 0 }, conditions: 1 }],
    // A threshold of the budget alone: the better field counts.
    [[ops({ complexity: ['c1', 'c2'], size: { budget: 900000 } })], { engagement: 0, staff: null, budget: 900000, conditions: 2 }, { option: 0, shortfall: { staff: 100, budget: 100000 }, conditions: 0 }],
    // No figures at all: 0 against option 0, and option 1 by complexity alone is 0 too.
    [[ops({ complexity: ['c1', 'c2', 'c3'] })], { engagement: 0, staff: null, budget: null, conditions: 3 }, { option: 0, shortfall: { staff: 100, budget: 1000000 }, conditions: 0 }],
  ])('level 3 size not met: closest %#', (engagements, actual, gap) => {
    const result = tiny({ engagements }).specialties[0]!.levels[2]!.criteria[1]!;
    expect(result).toMatchObject({ met: false, actual, gap, evidence: [] });
  });

  it.each([
    [ops({ size: { staff: 100 } }), { engagement: 0, option: 0, staff: 100, budget: null, conditions: 0 }],
    [ops({ size: { budget: 1000000 } }), { engagement: 0, option: 0, staff: null, budget: 1000000, conditions: 0 }],
    [ops({ size: { staff: 40 }, complexity: ['c1', 'c2', 'c3'] }), { engagement: 0, option: 1, staff: 40, budget: null, conditions: 3 }],
    [ops({ size: { staff: 99, budget: 999999 } }), undefined],
    [ops({ size: { staff: 39 }, complexity: ['c1', 'c2', 'c3'] }), undefined],
    [ops({ size: { staff: 40 }, complexity: ['c1', 'c2'] }), undefined],
  ])('level 3 size of %j', (engagement, actual) => {
    const result = tiny({ engagements: [engagement] }).specialties[0]!.levels[2]!.criteria[1]!;
    expect(result.met).toBe(actual !== undefined);
    if (actual) expect(result).toMatchObject({ actual, gap: null, evidence: [{ type: 'engagement', index: 0 }] });
  });

  it.each([
    [[], null],
    [[{ exam: 'E1' }], 1],
    [[{ exam: 'E1' }, { exam: 'E2' }], 2],
    [[{ exam: 'E2' }, { exam: 'E1' }], 2],
    [[{ exam: 'E2', passed: '2026-04-02' }], null],
    [[{ exam: 'E2', passed: '2026-04-01' }], 2],
  ])('exam level of %j', (exams, examLevel) => {
    expect(tiny({ exams }).specialties[0]!.examLevel).toBe(examLevel);
  });

  it.each([
    [0, null, [], 1],
    [1, 2, [1], 3],
    [3, 2, [], 3],
  ])('with %i mentoring records: level %s, below it unmet %j, next %i', (records, level, unmetBelow, next) => {
    const [s] = tiny({ mentoring: Array.from({ length: records }, (_, i) => ({ mentee: `m${i}` })) }).specialties;
    expect([s!.level, s!.unmetBelow, s!.nonNested, s!.next?.level]).toEqual([level, unmetBelow, unmetBelow.length > 0, next]);
  });

  it('has no next level where the highest is met', () => {
    const met = tiny({ mentoring: [{ mentee: 'x' }], engagements: [ops({ size: { staff: 100 }, complexity: ['c1', 'c2'] })] }).specialties[0]!;
    expect([met.level, met.next, met.unmetBelow]).toEqual([3, null, [1]]);
    const record = evaluateRecord(TINY, loadCandidate(stringify({ id: 'T1', mentoring: [{ mentee: 'x' }], engagements: [ops({ size: { staff: 100 }, complexity: ['c1', 'c2'] })] }), 't.yaml', TINY), { asOf: '2026-04-01' });
    expect(record.specialties[0]).toMatchObject({ level: 3, next: null, unmetBelow: [1], nonNested: true });
  });
});

describe('responsibility in detail (made-up standard, network-ops)', () => {
  const responsibility = (engagements: Record<string, unknown>[], level: number, asOf = '2026-04-01') =>
    assess(madeUpStandard, { engagements }, asOf).specialties[0]!.levels[level - 1]!.criteria[0]!;

  it.each([
    // Level 2 asks 24 months: one day short is 1/30 of a month.
    [[lead({ from: '2019-04-02' })], 2, { months: 719 / 30, engagements: 1 }, { months: 1 / 30 }],
    [[lead({ from: '2019-04-01', to: '2021-03-31' })], 2, { months: 24, engagements: 1 }, null],
    // Overlapping and touching periods merge; a gap between them does not count.
    [[lead({ from: '2019-04', to: '2019-12' }), lead({ from: '2020-01', to: '2020-12' }), lead({ from: '2020-06', to: '2021-03' })], 2, { months: 24, engagements: 3 }, null],
    [[lead({ from: '2019-04', to: '2019-12' }), lead({ from: '2020-02', to: '2021-03' })], 2, { months: 23, engagements: 2 }, { months: 1 }],
    // A period contained in another adds nothing.
    [[lead({ from: '2019-04', to: '2021-02' }), lead({ from: '2019-06', to: '2019-07' })], 2, { months: 23, engagements: 2 }, { months: 1 }],
  ])('%#: %j', (engagements, level, actual, gap) => {
    const result = responsibility(engagements, level);
    expect(result.actual).toMatchObject(actual);
    expect(result.gap).toEqual(gap);
    expect(result.met).toBe(gap === null);
  });

  it('lists the experiences found and those missing, where the years are met', () => {
    const result = responsibility([lead({ activities: ['on-call'] })], 2);
    expect(result).toMatchObject({ met: false, actual: { months: 24, engagements: 1, experiences: [] }, gap: { experiences: ['design'] }, excluded: [] });
    expect(result.gap).not.toHaveProperty('months');
  });

  it('lists both where both fall short, and names the excluded engagements without a title by index', () => {
    const result = responsibility([lead({ activities: ['on-call'], to: '2019-09' }), lead({ role: 'junior', activities: ['on-call'], from: '2022-01', to: '2022-03' })], 2);
    expect(result).toMatchObject({ met: false, actual: { months: 6, engagements: 1, experiences: [] }, gap: { months: 18, experiences: ['design'] } });
    expect(result.excluded).toEqual([{ index: 1, reasons: ['role'] }]);
  });

  it('gives no excluded list where met', () => {
    const result = responsibility([lead(), lead({ role: 'junior', from: '2015-01', to: '2015-02' })], 2);
    expect(result.met).toBe(true);
    expect(result).not.toHaveProperty('excluded');
    expect(result.evidence).toEqual([{ type: 'engagement', index: 0 }]);
  });

  it('counts to the assessment date, the day itself included', () => {
    expect(responsibility([lead({ from: '2024-04-02', to: null })], 2, '2026-04-01').met).toBe(true);
    expect(responsibility([lead({ from: '2024-04-02', to: null })], 2, '2026-03-31').actual).toMatchObject({ months: 24 - 1 / 30 });
    // An engagement starting on the assessment date counts its one day; one starting the day after is in the future.
    expect(responsibility([lead({ from: '2026-04-01', to: null })], 1).actual).toMatchObject({ months: 1 / 30, engagements: 1 });
    expect(responsibility([lead({ from: '2026-04-02', to: null })], 1).actual).toMatchObject({ months: 0, engagements: 0 });
  });

  it('counts an engagement that meets complexity and size only at a level above (以上), per level', () => {
    // Level 1 has no global; ticking global and multi-vendor meets level 2's complexity, and size is unspecified at level 1.
    const result = responsibility([lead({ role: 'junior', complexity: ['global', 'multi-vendor'], size: {} })], 1);
    expect(result).toMatchObject({ met: true, actual: { months: 24, engagements: 1 } });
    // Neither level's complexity: excluded at level 1 for complexity only (size is unspecified there).
    expect(responsibility([lead({ role: 'junior', complexity: ['global'], size: {} })], 1).excluded).toEqual([{ index: 0, reasons: ['complexity'] }]);
  });
});

describe('contributions in detail (made-up standard)', () => {
  it.each([
    // any mode (helpdesk): one area reached is enough; no areas named in the gap.
    [[{ specialty: 'helpdesk', areas: ['tooling'], depth: 'basic' }], 2, { met: false, actual: { areas: { tooling: 'basic' }, reached: 0 }, gap: { depth: 'expert', areas: [], mode: 'any' } }],
    [[{ specialty: 'helpdesk', areas: ['tooling'], depth: 'basic' }], 1, { met: true, actual: { areas: { tooling: 'basic' }, reached: 1 }, gap: null }],
    // The first record reaching an area's deepest depth names it; a shallower later one does not replace it.
    [[{ specialty: 'helpdesk', areas: ['customer-care'], depth: 'expert' }, { specialty: 'helpdesk', areas: ['customer-care', 'tooling'], depth: 'basic' }], 2, { met: true, actual: { areas: { 'customer-care': 'expert', tooling: 'basic' }, reached: 1 }, gap: null }],
  ])('helpdesk expertise %#', (expertise, level, expected) => {
    const result = assess(madeUpStandard, { expertise }).specialties[1]!.levels[level - 1]!.criteria.find((c) => c.id === 'expertise')!;
    expect(result).toMatchObject(expected);
  });

  it('knowledge transfer: the kinds to add in the scale\'s order; records naming other specialties do not count', () => {
    const kt = assess(madeUpStandard, { knowledgeTransfer: [{ kind: 'book' }, { kind: 'talk', specialties: ['helpdesk'] }] }).specialties[0]!.levels[1]!.criteria.find((c) => c.id === 'knowledge-transfer')!;
    expect(kt).toEqual({ id: 'knowledge-transfer', met: false, required: { kinds: 2 }, actual: { kinds: 1, present: ['book'] }, gap: { kinds: 1, add: ['talk', 'paper'] }, evidence: [{ type: 'knowledgeTransfer', index: 0 }] });
    const none = assess(madeUpStandard, {}).specialties[0]!.levels[1]!.criteria.find((c) => c.id === 'knowledge-transfer')!;
    expect(none).toMatchObject({ met: false, actual: { kinds: 0, present: [] }, gap: { kinds: 2, add: ['talk', 'paper', 'book'] } });
  });

  it('a record dated on the assessment date counts; one the day after does not', () => {
    const mentoring = (from: string) => assess(madeUpStandard, { mentoring: [{ mentee: 'A', from }] }).specialties[0]!.levels[1]!.criteria.find((c) => c.id === 'mentoring')!.met;
    expect([mentoring('2026-04-01'), mentoring('2026-04-02')]).toEqual([true, false]);
    const kinds = (date: string) => assess(madeUpStandard, { knowledgeTransfer: [{ kind: 'talk', date }, { kind: 'book' }] }).specialties[0]!.levels[1]!.criteria.find((c) => c.id === 'knowledge-transfer')!.met;
    expect([kinds('2026-04-01'), kinds('2026-04-02')]).toEqual([true, false]);
  });
});

describe('complexity in detail: the closest engagement', () => {
  const complexity = (engagements: Record<string, unknown>[]) => assess(madeUpStandard, { engagements }).specialties[0]!.levels[1]!.criteria.find((c) => c.id === 'complexity')!;
  it.each([
    // Fewest conditions still to add (the required one counts among them).
    [[lead({ complexity: ['multi-site'] }), lead({ complexity: ['multi-site', 'multi-vendor'] })], { conditions: 2, engagement: 1, ticked: ['multi-site', 'multi-vendor'] }, { conditions: 1, including: ['global'] }],
    // As few to add: the one ticking more.
    [[lead({ complexity: ['global'] }), lead({ complexity: ['multi-site', 'multi-vendor'] })], { conditions: 2, engagement: 1, ticked: ['multi-site', 'multi-vendor'] }, { conditions: 1, including: ['global'] }],
    [[lead({ complexity: ['multi-site', 'multi-vendor'] }), lead({ complexity: ['global'] })], { conditions: 2, engagement: 0, ticked: ['multi-site', 'multi-vendor'] }, { conditions: 1, including: ['global'] }],
    // As few and as many: the first.
    [[lead({ complexity: ['multi-vendor'] }), lead({ complexity: ['multi-site'] })], { conditions: 1, engagement: 0, ticked: ['multi-vendor'] }, { conditions: 1, including: ['global'] }],
    // A failed engagement cannot count where success is asked.
    [[lead({ complexity: ['global', 'multi-site'], outcome: 'failed' })], { conditions: 0, engagement: null, ticked: [] }, { conditions: 2, including: ['global'] }],
  ])('%#', (engagements, actual, gap) => {
    const result = complexity(engagements);
    expect(result.met).toBe(false);
    expect(result.actual).toEqual(actual);
    expect(result.gap).toEqual(gap);
  });
});

describe('the batch record agrees with the full result for every level fixture of the built-in standard', () => {
  const standard = builtinStandard();
  const candidates = levelFixtures.flatMap((f) => [f.meets, ...f.alsoMeets.map((m) => m.candidate), ...f.misses.map((m) => m.candidate)]);
  const sharedResults = new SharedResults<SpecialtyRecord>();
  const sharedFull = new SharedResults<Assessment['specialties'][number]>();
  it.each(candidates.map((c, i) => [i, c] as const))('candidate %i', (_i, object) => {
    const candidate = loadCandidate(stringify({ id: 'T1', ...object }), 'fixture.yaml', standard);
    const full = evaluate(standard, candidate, { asOf: ASSESSMENT_DATE });
    const record = evaluateRecord(standard, candidate, { asOf: ASSESSMENT_DATE });
    expect(record).toEqual(recordOf(full));
    expect(evaluateRecord(standard, candidate, { asOf: ASSESSMENT_DATE, sharedResults })).toEqual(record);
    expect(evaluate(standard, candidate, { asOf: ASSESSMENT_DATE, sharedResults: sharedFull })).toEqual(full);
  });
});

describe('engine helpers', () => {
  it.each([
    ['2026-04-01', epochDay(2026, 4, 1)],
    ['2024-02-29', epochDay(2024, 2, 29)],
  ])('parseAsOf(%s)', (text, day) => {
    expect(parseAsOf(text)).toBe(day);
  });

  it.each(['2026-04', '2026-4-1', '2026/04/01', '2023-02-29', ' 2026-04-01', '2026-04-01 ', '20260401'])('parseAsOf(%j) throws', (text) => {
    expect(() => parseAsOf(text)).toThrow(new RangeError(`asOf must be YYYY-MM-DD, got ${text}`));
  });

  it('a result reads the assessment date it was given, each time it changes', () => {
    expect(assess(madeUpStandard, {}, '2025-01-31').asOf).toBe('2025-01-31');
    expect(assess(madeUpStandard, {}, '2026-04-01').asOf).toBe('2026-04-01');
  });

  it.each([
    [null, 'a', true],
    [['a', 'b'], 'b', true],
    [['a'], 'b', false],
    [[], 'a', false],
  ])('countsFor(%j, %s) = %s', (specialties, specialty, counts) => {
    expect(countsFor(specialties, specialty)).toBe(counts);
  });

  it.each([
    [0, 0],
    [1, 1],
    [0b1011, 3],
    [0x3fffffff, 30],
    [-1, 32],
  ])('bitCount(%i) = %i', (bits, count) => {
    expect(bitCount(bits)).toBe(count);
  });

  it('tickCount by bits and by lists agree', () => {
    const bits = new IdBits();
    const engagement = (complexity: string[], complexityMask: number) => ({ complexity, complexityMask }) as unknown as EngagementInScope;
    const list = ['p', 'q', 'r'];
    expect(tickCount(engagement(['p', 'r', 'z'], bits.mask(['p', 'r', 'z'])), list, bits.mask(list))).toBe(2);
    expect(tickCount(engagement(['p', 'r', 'z'], -1), list, bits.mask(list))).toBe(2);
    expect(tickCount(engagement(['p', 'r', 'z'], bits.mask(['p', 'r', 'z'])), list, -1)).toBe(2);
    expect(tickCount(engagement([], 0), list, bits.mask(list))).toBe(0);
  });

  it('IdBits numbers ids in order of first sight, a list once', () => {
    const bits = new IdBits();
    expect(bits.mask([])).toBe(0);
    expect(bits.mask(['a'])).toBe(1);
    expect(bits.mask(['b', 'a'])).toBe(3);
    expect(bits.mask(['c'])).toBe(4);
    const list = ['a', 'c'];
    expect(bits.mask(list)).toBe(5);
    expect(bits.mask(list)).toBe(5);
  });

  it('SharedResults let go of what they hold when the standard or the date changes', () => {
    const sharedResults = new SharedResults<SpecialtyRecord>();
    const candidate = loadCandidate(stringify({ id: 'T1' }), 't.yaml', madeUpStandard);
    evaluateRecord(madeUpStandard, candidate, { asOf: '2026-04-01', sharedResults });
    expect(sharedResults.size).toBe(2);
    evaluateRecord(madeUpStandard, candidate, { asOf: '2026-04-01', sharedResults });
    expect(sharedResults.size).toBe(2);
    evaluateRecord(madeUpStandard, candidate, { asOf: '2026-04-02', sharedResults });
    expect(sharedResults.size).toBe(2);
    expect(sharedResults.criteria.size).toBeGreaterThan(0);
    evaluateRecord(TINY, loadCandidate(stringify({ id: 'T1' }), 't.yaml', TINY), { asOf: '2026-04-02', sharedResults });
    expect(sharedResults.size).toBe(1);
    expect(sharedResults.criteria.size).toBe(1);
  });
});
