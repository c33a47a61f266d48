/**
 * What the first full run of src/engine left alive (issue 23, item 6), as exact data. Most of it lives in caches kept
 * per criterion or per standard (a criterion's `required`, its compiled numbers, its fits, a standard's plan): a
 * standard loaded once for a test file is compiled by whichever test comes first, so Stryker's per-test coverage
 * gives those lines to that test alone. Here each test loads its own standard, so the test that asserts the values
 * is the one that computes them. Besides: evidence without a title (no `title` key at all), evaluateCriterion and
 * requiredOf, the closest engagement's tie-breaks, experiences found on some engagement, a specialty whose
 * engagements carry ids beyond the bits, and two depths of one rank.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CriterionResult } from '../src/engine/assessment.js';
import { evaluate } from '../src/engine/evaluate.js';
import { engagementEvaluators, evaluateCriterion, requiredOf } from '../src/engine/evaluators/evaluators.js';
import { LevelContexts } from '../src/engine/levelContexts.js';
import { assessmentDate, prepare } from '../src/engine/prepare.js';
import { standardPlan } from '../src/engine/standardPlan.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { criterionOfKind } from '../src/standard/criterionOfKind.js';
import type { CriterionOf } from '../src/standard/standardSchema.js';
import { loadStandard } from '../src/standard/loadStandard.js';
import { assess, lead, smallStandard } from './helpers.js';

const AS_OF = '2026-04-01';
const MADE_UP = readFileSync(new URL('./fixtures/made-up-standard.yaml', import.meta.url), 'utf8');
/** The made-up standard, loaded anew: criteria no evaluation has seen yet. */
const freshMadeUp = () => loadStandard(MADE_UP, 'made-up-standard.yaml');

describe('activities beyond the bits on an engagement, an experience with a bit (this test first in its file)', () => {
  it('the experience is looked for in the lists: not found', () => {
    // e0 is the first activity id this file numbers (the plan reads the criterion's lists first), so it has a bit;
    // the engagement's 31 other activities run past the 30 bits, so the specialty's activities are read as lists.
    const activities = Array.from({ length: 31 }, (_, i) => `z${i}`);
    const standard = smallStandard('exp', `  - id: s
    label: { ja: s, en: s }
    areasRequired: any
    complexity: []
    areas: [{ id: a, label: { ja: a, en: a }, source: a }]
    activities:
${['e0', ...activities].map((id) => `      - { id: ${id}, label: { ja: ${id}, en: ${id} }, source: ${id} }`).join('\n')}
    levels:
      - level: 1
        criteria:
          - { kind: responsibility, role: junior, years: 1, experiences: [e0], engagementsAtOrAbove: false, source: 1年 }
`);
    const engagement = { specialty: 's', role: 'junior', from: '2020-01', to: '2021-12', activities };
    const result = assess(standard, { engagements: [engagement] }).specialties[0]!;
    expect(result.levels[0]!.criteria[0]).toEqual({ id: 'responsibility', met: false,
      required: { months: 12, role: 'junior', success: false, activities: [], experiences: ['e0'], atOrAboveLevel: null },
      actual: { months: 24, engagements: 1, experiences: [] }, gap: { experiences: ['e0'] }, evidence: [{ type: 'engagement', index: 0 }], excluded: [] });
    expect(result.level).toBeNull();
    // With e0 on a second engagement: met.
    const met = assess(standard, { engagements: [engagement, { ...engagement, activities: ['e0'] }] }).specialties[0]!;
    expect(met.levels[0]!.criteria[0]).toMatchObject({ met: true, actual: { months: 24, engagements: 2, experiences: ['e0'] }, gap: null });
  });
});

describe('a standard loaded in the test: its criteria\'s required, numbers, ranks and fits computed here', () => {
  const candidate = {
    engagements: [
      // Junior, failed, one level-1 condition, 10 staff: counts for level 1's years only (size unspecified there).
      lead({ title: 'A', role: 'junior', outcome: 'failed', activities: ['design'], complexity: ['multi-site'], size: { staff: 10 } }),
      // A lead on everything, but 11 months: counts at level 2.
      lead({ from: '2025-05', to: '2026-03' }),
    ],
  };

  it('every criterion\'s required, as data', () => {
    const [networkOps, helpdesk] = assess(freshMadeUp(), candidate).specialties;
    expect(networkOps!.levels.map((l) => l.criteria.map((c) => c.required))).toEqual([
      [
        { months: 12, role: 'junior', success: false, activities: [], experiences: [], atOrAboveLevel: 1 },
        { conditions: 1, outOf: 3, including: [], success: false },
        { unspecified: true },
        { depth: 'basic', areas: 'all', outOf: 2 },
      ],
      [
        { months: 24, role: 'lead', success: true, activities: ['on-call'], experiences: ['design'], atOrAboveLevel: 2 },
        { conditions: 2, outOf: 4, including: ['global'], success: true },
        { options: [{ anyOf: { staff: 100, budget: 1000000000 } }, { anyOf: { staff: 50, budget: 500000000 }, complexityAtLeast: 3 }], success: true },
        { depth: 'expert', areas: 'all', outOf: 2 },
        { kinds: 2 },
        { records: 1 },
      ],
    ]);
    expect(helpdesk!.levels.map((l) => l.criteria.map((c) => c.required))).toEqual([
      [
        { months: 6, role: 'junior', success: false, activities: [], experiences: [], atOrAboveLevel: null },
        { depth: 'basic', areas: 'any', outOf: 2 },
      ],
      [
        { months: 12, role: 'lead', success: true, activities: [], experiences: [], atOrAboveLevel: 2 },
        { conditions: 2, outOf: 2, including: [], success: false },
        { options: [{ anyOf: { staff: 10 } }], success: false },
        { depth: 'expert', areas: 'any', outOf: 2 },
        { records: 2 },
      ],
    ]);
  });

  it('the years: roles ranked, 以上 with an unspecified size, months in thirtieths', () => {
    const [networkOps] = assess(freshMadeUp(), candidate).specialties;
    // Level 1: A's 24 months (2019-04 to 2021-03) and the 11 of the second.
    expect(networkOps!.levels[0]!.criteria[0]).toMatchObject({ met: true, actual: { months: 35, engagements: 2 }, evidence: [
      { type: 'engagement', index: 0, title: 'A' }, { type: 'engagement', index: 1 }] });
    // Level 2: A is excluded for every reason (the junior role ranks below lead), the second counts its 11 months.
    expect(networkOps!.levels[1]!.criteria[0]).toMatchObject({ met: false, actual: { months: 11, engagements: 1 }, gap: { months: 13 },
      excluded: [{ index: 0, title: 'A', reasons: ['outcome', 'role', 'activities', 'complexity', 'size'] }] });
    // Helpdesk asks half a year: 6 months exactly meets it, a day less does not.
    const helpdesk = (to: string) => assess(freshMadeUp(), { engagements: [{ specialty: 'helpdesk', role: 'junior', from: '2025-01-01', to }] }).specialties[1]!.levels[0]!.criteria[0]!;
    expect(helpdesk('2025-06-30')).toMatchObject({ met: true, actual: { months: 6 }, gap: null });
    expect(helpdesk('2025-06-29')).toMatchObject({ met: false, actual: { months: 6 - 1 / 30 }, gap: { months: 1 / 30 } });
  });

  it('a role above the one asked counts; one below does not', () => {
    const standard = freshMadeUp();
    const years = (role: string) => assess(standard, { engagements: [lead({ role })] }).specialties[0]!.levels[1]!.criteria[0]!;
    expect(years('head')).toMatchObject({ met: true, actual: { months: 24 } });
    expect(years('lead')).toMatchObject({ met: true, actual: { months: 24 } });
    expect(years('junior')).toMatchObject({ met: false, excluded: [{ index: 0, reasons: ['role'] }] });
  });

  it('以上 reads each level\'s own complexity and size', () => {
    // Ticks no condition of level 1 (global is level 2's only) and one of level 2 (not the two asked): excluded at
    // level 1 for complexity; at level 2 for complexity too, while its 100 staff meet level 2's size.
    const [networkOps] = assess(freshMadeUp(), { engagements: [lead({ role: 'junior', complexity: ['global'] })] }).specialties;
    expect(networkOps!.levels[0]!.criteria[0]).toMatchObject({ met: false, excluded: [{ index: 0, reasons: ['complexity'] }] });
    expect(networkOps!.levels[1]!.criteria[0]).toMatchObject({ met: false, excluded: [{ index: 0, reasons: ['role', 'complexity'] }] });
    // Two conditions with global: level 2's complexity; 60 staff without a third condition: not level 2's size.
    const sized = assess(freshMadeUp(), { engagements: [lead({ complexity: ['global', 'multi-vendor'], size: { staff: 60 } })] }).specialties[0]!;
    expect(sized.levels[0]!.criteria[0]).toMatchObject({ met: true, actual: { months: 24 } });
    expect(sized.levels[1]!.criteria[0]).toMatchObject({ met: false, excluded: [{ index: 0, reasons: ['size'] }] });
  });

  it('a criterion\'s required is built once and shared by every result; a fit likewise', () => {
    const standard = freshMadeUp();
    const a = assess(standard, {});
    const b = assess(standard, candidate);
    a.specialties.forEach((s, i) => s.levels.forEach((l, j) => l.criteria.forEach((c, k) => expect(c.required).toBe(b.specialties[i]!.levels[j]!.criteria[k]!.required))));
    const level = standard.specialties[0]!.levels[1]!;
    const size = criterionOfKind(level, 'size')!;
    const complexity = criterionOfKind(level, 'complexity')!;
    expect(engagementEvaluators.size.fit(size, level)).toBe(engagementEvaluators.size.fit(size, level));
    expect(engagementEvaluators.complexity.fit(complexity, level)).toBe(engagementEvaluators.complexity.fit(complexity, level));
  });
});

describe('evaluateCriterion and requiredOf', () => {
  it('give what evaluate gives, for every criterion of every level', () => {
    const standard = freshMadeUp();
    const object = { engagements: [lead({ to: '2020-03' }), lead({ specialty: 'helpdesk', complexity: ['bilingual'], activities: [], size: { staff: 12 } })],
      expertise: [{ specialty: 'network-ops', areas: ['routing'], depth: 'expert' }], knowledgeTransfer: [{ kind: 'talk', title: 'T' }], mentoring: [{ mentee: 'm' }] };
    const loaded = loadCandidate(stringify({ id: 'T1', ...object }), 'test.yaml', standard);
    const full = evaluate(standard, loaded, { asOf: AS_OF });
    const plan = standardPlan(standard);
    const prepared = prepare(plan, loaded, assessmentDate(AS_OF));
    let count = 0;
    plan.specialties.forEach((specialtyPlan, s) => {
      const contextOf = new LevelContexts(plan, specialtyPlan).of(prepared);
      specialtyPlan.levels.forEach((levelPlan, l) => {
        const context = contextOf(levelPlan.definition, l);
        levelPlan.definition.criteria.forEach((criterion, c) => {
          const expected = full.specialties[s]!.levels[l]!.criteria[c]!;
          // Twice: the second from the verdict compiled the first time.
          expect(evaluateCriterion(criterion.kind, criterion as CriterionOf<typeof criterion.kind>, context)).toEqual(expected);
          expect(evaluateCriterion(criterion.kind, criterion as CriterionOf<typeof criterion.kind>, context)).toEqual(expected);
          expect(requiredOf(criterion.kind, criterion as CriterionOf<typeof criterion.kind>, { specialty: specialtyPlan.definition, level: levelPlan.definition })).toEqual(expected.required);
          count++;
        });
      });
    });
    expect(count).toBe(17);
    // Some of them met, some not, to tell a verdict from its negation: network-ops level 1's years, complexity and size,
    // level 2's complexity, size and mentoring; helpdesk level 1's years (not 以上) and level 2's size.
    expect(full.specialties.map((s) => s.levels.map((l) => l.criteria.map((c) => c.met)))).toEqual([
      [[true, true, true, false], [false, true, true, false, false, true]],
      [[true, false], [false, false, true, false, false]],
    ]);
  });
});

describe('evidence without a title has no title key', () => {
  it('engagements and knowledge transfer', () => {
    const a = assess(freshMadeUp(), { engagements: [lead(), lead({ title: 'named' })], knowledgeTransfer: [{ kind: 'talk' }, { kind: 'book', title: 'B' }] });
    const level2 = a.specialties[0]!.levels[1]!.criteria;
    expect(level2[0]!.evidence).toStrictEqual([{ type: 'engagement', index: 0 }, { type: 'engagement', index: 1, title: 'named' }]);
    expect(level2[1]!.evidence).toStrictEqual([{ type: 'engagement', index: 0 }, { type: 'engagement', index: 1, title: 'named' }]);
    expect(level2.find((c) => c.id === 'knowledge-transfer')!.evidence).toStrictEqual([{ type: 'knowledgeTransfer', index: 0 }, { type: 'knowledgeTransfer', index: 1, title: 'B' }]);
    expect(level2[0]!.evidence.map((e) => Object.keys(e))).toEqual([['type', 'index'], ['type', 'index', 'title']]);
  });

  it('excluded engagements', () => {
    const r = assess(freshMadeUp(), { engagements: [lead({ role: 'junior' }), lead({ role: 'junior', title: 'J' })] }).specialties[0]!.levels[1]!.criteria[0]!;
    expect((r as CriterionResult & { excluded: unknown }).excluded).toStrictEqual([{ index: 0, reasons: ['role'] }, { index: 1, title: 'J', reasons: ['role'] }]);
  });
});

describe('the closest engagement to a complexity criterion', () => {
  it('one that ticks nothing is still the closest (made-up level 2: 2 conditions, global required)', () => {
    const r = assess(freshMadeUp(), { engagements: [lead({ complexity: [] })] }).specialties[0]!.levels[1]!.criteria[1]!;
    expect(r).toEqual({ id: 'complexity', met: false, required: { conditions: 2, outOf: 4, including: ['global'], success: true },
      actual: { conditions: 0, engagement: 0, ticked: [] }, gap: { conditions: 2, including: ['global'] }, evidence: [] });
  });

  it('fewer to add wins over more ticked', () => {
    const standard = smallStandard('ticks', `  - id: t
    label: { ja: t, en: t }
    areasRequired: any
    complexity:
${['x1', 'x2', 'x3', 'x4'].map((id) => `      - { id: ${id}, label: { ja: ${id}, en: ${id} }, source: ${id} }`).join('\n')}
    areas: [{ id: a, label: { ja: a, en: a }, source: a }]
    levels:
      - level: 1
        criteria:
          - { kind: complexity, conditions: [x1, x2, x3, x4], atLeast: 1, required: [x1, x2], source: x1とx2 }
`);
    const closest = (complexities: string[][]) => assess(standard, { engagements: complexities.map((complexity) => ({ specialty: 't', role: 'junior', from: '2020-01', complexity })) })
      .specialties[0]!.levels[0]!.criteria[0]!;
    // #0 ticks x1 (one required to add); #1 ticks x3 and x4, more, but both required ones to add.
    expect(closest([['x1'], ['x3', 'x4']])).toMatchObject({ met: false, actual: { conditions: 1, engagement: 0, ticked: ['x1'] }, gap: { conditions: 1, including: ['x2'] } });
    expect(closest([['x3', 'x4'], ['x1']])).toMatchObject({ met: false, actual: { conditions: 1, engagement: 1, ticked: ['x1'] }, gap: { conditions: 1, including: ['x2'] } });
    // As many to add: the one ticking more, whichever comes first.
    expect(closest([['x3'], ['x3', 'x4']])).toMatchObject({ actual: { conditions: 2, engagement: 1 }, gap: { conditions: 2, including: ['x1', 'x2'] } });
    expect(closest([['x3', 'x4'], ['x4']])).toMatchObject({ actual: { conditions: 2, engagement: 0 }, gap: { conditions: 2, including: ['x1', 'x2'] } });
    expect(closest([['x1', 'x2']])).toMatchObject({ met: true, actual: { conditions: 2, engagement: 0 }, gap: null, evidence: [{ type: 'engagement', index: 0 }] });
  });
});

describe('experiences: once on any engagement of the specialty', () => {
  it('found on another engagement than the one that counts; the months still short', () => {
    const r = assess(freshMadeUp(), { engagements: [lead({ activities: ['on-call'], to: '2019-09' }),
      lead({ role: 'junior', activities: ['on-call', 'design'], from: '2015-04', to: '2015-06' })] }).specialties[0]!.levels[1]!.criteria[0]!;
    expect(r).toMatchObject({ met: false, actual: { months: 6, engagements: 1, experiences: ['design'] }, gap: { months: 18 } });
    expect(r.gap).not.toHaveProperty('experiences');
  });

  it('met on every engagement or on one: the same', () => {
    const standard = freshMadeUp();
    const on = (second: string[]) => assess(standard, { engagements: [lead({ activities: ['on-call', 'design'] }), lead({ from: '2015-01', to: '2015-02', activities: second })] }).specialties[0]!.levels[1]!.criteria[0]!;
    expect(on(['on-call'])).toMatchObject({ met: true, actual: { months: 26, engagements: 2, experiences: ['design'] }, gap: null });
    expect(on(['on-call', 'design'])).toMatchObject({ met: true, actual: { months: 26, experiences: ['design'] } });
  });
});

describe('two depths of one rank: an area\'s depth is the first record\'s that reaches its deepest rank', () => {
  it('the first record named', () => {
    const standard = smallStandard('depths', `  - id: d
    label: { ja: d, en: d }
    areasRequired: all
    complexity: []
    areas:
      - { id: a1, label: { ja: a1, en: a1 }, source: a1 }
      - { id: a2, label: { ja: a2, en: a2 }, source: a2 }
    levels:
      - level: 1
        criteria:
          - { kind: expertise, depth: foundation, source: 基本 }
`, { depth: [['basic', 1], ['foundation', 1], ['expert', 2]] });
    const expertise = (records: [string[], string][]) => assess(standard, { expertise: records.map(([areas, depth]) => ({ specialty: 'd', areas, depth })) }).specialties[0]!.levels[0]!.criteria[0]!;
    expect(expertise([[['a1', 'a2'], 'basic'], [['a2'], 'foundation']])).toEqual({ id: 'expertise', met: true, required: { depth: 'foundation', areas: 'all', outOf: 2 },
      actual: { areas: { a1: 'basic', a2: 'basic' }, reached: 2 }, gap: null, evidence: [{ type: 'expertise', index: 0 }, { type: 'expertise', index: 1 }] });
    expect(expertise([[['a2'], 'foundation'], [['a1', 'a2'], 'basic']])).toMatchObject({ actual: { areas: { a1: 'basic', a2: 'foundation' }, reached: 2 } });
    expect(expertise([[['a2'], 'foundation'], [['a2'], 'expert']])).toMatchObject({ met: false, actual: { areas: { a2: 'expert' }, reached: 1 }, gap: { depth: 'foundation', areas: ['a1'], mode: 'all' } });
  });
});
