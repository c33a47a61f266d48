/**
 * The evaluators at their edges, as exact data (issue 23, item 6: mutants Stryker found surviving in
 * src/engine/evaluators): size thresholds of 0 and 1 against a missing figure, a level with a size criterion and no
 * complexity criterion, 以上 on the highest level (no level above to ask), and the closest option where a threshold is
 * 0. Each expected value is worked out in the comments.
 */
import { describe, expect, it } from 'vitest';
import type { CriterionResult } from '../src/engine/assessment.js';
import { assess, smallStandard } from './helpers.js';

/**
 * Level 1 asks half a year and one person (and no complexity: every engagement fits it); level 2 a year, two of three
 * conditions, and 100 people or, with all three conditions, a size of at least 0 people (met with no figure given: a
 * figure not given is none).
 */
const EDGE = smallStandard('edge', `  - id: edge
    label: { ja: 端, en: edge }
    areasRequired: any
    complexity:
      - { id: x1, label: { ja: x1, en: x1 }, source: x1 }
      - { id: x2, label: { ja: x2, en: x2 }, source: x2 }
      - { id: x3, label: { ja: x3, en: x3 }, source: x3 }
    areas:
      - { id: e1, label: { ja: e1, en: e1 }, source: e1 }
    levels:
      - level: 1
        criteria:
          - { kind: responsibility, role: junior, years: 0.5, source: 半年 }
          - { kind: size, options: [{ anyOf: { staff: 1 } }], source: 1人 }
      - level: 2
        criteria:
          - { kind: responsibility, role: junior, years: 1, source: 1年 }
          - { kind: complexity, conditions: [x1, x2, x3], atLeast: 2, source: 2項目 }
          - kind: size
            options:
              - { anyOf: { staff: 100 } }
              - { anyOf: { staff: 0 }, complexityAtLeast: 3 }
            source: 規模
`, { sizeFields: [['staff', 'people'], ['budget', 'yen']] });

const edge = (over: Record<string, unknown>) => ({ specialty: 'edge', role: 'junior', from: '2024-04-02', to: null, ...over });
const levels = (engagements: Record<string, unknown>[]) => assess(EDGE, { engagements }).specialties[0]!.levels;
const criterion = (engagements: Record<string, unknown>[], level: number, id: string) => levels(engagements)[level - 1]!.criteria.find((c) => c.id === id)! as CriterionResult & { excluded?: unknown };

describe('size thresholds against a missing figure', () => {
  it.each([
    // Level 1 (staff ≥ 1): a missing figure meets no threshold; 0 people is below 1; 1 meets.
    [{}, 1, false],
    [{ staff: 0 }, 1, false],
    [{ staff: 1 }, 1, true],
    [{ budget: '1円' }, 1, false],
    // Level 2 option 0 (staff ≥ 100); two conditions only, so option 1 is out of reach.
    [{ staff: 99 }, 2, false],
    [{ staff: 0 }, 2, false],
    [{ staff: 100 }, 2, true],
  ])('%j at level %i: met %s', (size, level, met) => {
    const result = criterion([edge({ size, complexity: ['x1', 'x2'] })], level, 'size');
    expect(result.met).toBe(met);
    if (met) expect(result).toMatchObject({ gap: null, evidence: [{ type: 'engagement', index: 0 }], actual: { engagement: 0, option: 0 } });
    else expect(result.evidence).toEqual([]);
  });

  it('option 1 (staff ≥ 0, all three conditions): 0 people meets it, and so does no figure (none is 0)', () => {
    expect(criterion([edge({ size: { staff: 0 }, complexity: ['x1', 'x2', 'x3'] })], 2, 'size')).toMatchObject({ met: true,
      actual: { engagement: 0, option: 1, staff: 0, conditions: 3 }, gap: null });
    // No staff figure: at least 0 people is met by none; before, it was refused with a gap of nothing to add
    // ({ option: 1, shortfall: { staff: 0 }, conditions: 0 }).
    expect(criterion([edge({ size: {}, complexity: ['x1', 'x2', 'x3'] })], 2, 'size')).toEqual({ id: 'size', met: true,
      required: { options: [{ anyOf: { staff: 100 } }, { anyOf: { staff: 0 }, complexityAtLeast: 3 }], success: false },
      actual: { engagement: 0, option: 1, staff: null, conditions: 3 }, gap: null, evidence: [{ type: 'engagement', index: 0 }] });
    // Two conditions: option 1 is out of reach by complexity alone, and its gap says so.
    expect(criterion([edge({ size: {}, complexity: ['x1', 'x2'] })], 2, 'size')).toMatchObject({ met: false,
      gap: { option: 1, shortfall: { staff: 0 }, conditions: 1 } });
  });

  it.each([
    // 40 people, two conditions: option 0 is 40/100 = 0.4; option 1 is 1 × 2/3: the closer.
    [40, ['x1', 'x2'], { option: 1, shortfall: { staff: 0 }, conditions: 1 }],
    // One condition: option 1 is 1 × 1/3, below option 0's 0.4.
    [40, ['x1'], { option: 0, shortfall: { staff: 60 }, conditions: 0 }],
    // 70 people: 0.7 against 2/3.
    [70, ['x1', 'x2'], { option: 0, shortfall: { staff: 30 }, conditions: 0 }],
  ])('the closest option where a threshold is 0: %i people, %j', (staff, complexity, gap) => {
    const result = criterion([edge({ size: { staff }, complexity })], 2, 'size');
    expect(result).toMatchObject({ met: false, actual: { engagement: 0, staff, conditions: complexity.length }, gap, evidence: [] });
  });

  it('a level with a size criterion and no complexity criterion: conditions counted against no list', () => {
    expect(criterion([edge({ size: { staff: 3 }, complexity: ['x1', 'x2', 'x3'] })], 1, 'size')).toEqual({ id: 'size', met: true,
      required: { options: [{ anyOf: { staff: 1 } }], success: false }, actual: { engagement: 0, option: 0, staff: 3, conditions: 0 }, gap: null,
      evidence: [{ type: 'engagement', index: 0 }] });
    expect(criterion([edge({ size: { staff: 0 }, complexity: ['x1'] })], 1, 'size')).toEqual({ id: 'size', met: false,
      required: { options: [{ anyOf: { staff: 1 } }], success: false }, actual: { engagement: 0, staff: 0, conditions: 0 },
      gap: { option: 0, shortfall: { staff: 1 }, conditions: 0 }, evidence: [] });
  });
});

describe('以上 on the highest level: no level above to ask', () => {
  it('an engagement short of level 2\'s size does not count there, whatever the next engagement fits', () => {
    // #0 ticks two conditions (level 2's complexity) with 50 people (level 2 asks 100, or 0 with three conditions);
    // #1 has 5 people and no condition: it fits level 1 (no complexity asked, staff ≥ 1) only.
    const engagements = [edge({ complexity: ['x1', 'x2'], size: { staff: 50 } }), edge({ from: '2020-01', to: '2020-12', size: { staff: 5 } })];
    const [one, two] = levels(engagements);
    // Level 1: both count; merged, 12 + 24 months.
    expect(one!.criteria[0]).toMatchObject({ met: true, actual: { months: 36, engagements: 2 } });
    expect(two!.criteria[0]).toEqual({ id: 'responsibility', met: false,
      required: { months: 12, role: 'junior', success: false, activities: [], experiences: [], atOrAboveLevel: 2 },
      actual: { months: 0, engagements: 0, experiences: [] }, gap: { months: 12 }, evidence: [],
      excluded: [{ index: 0, reasons: ['size'] }, { index: 1, reasons: ['complexity', 'size'] }] });
    // In the other order, too.
    const [, swapped] = levels([engagements[1]!, engagements[0]!]);
    expect(swapped!.criteria[0]).toMatchObject({ met: false, actual: { months: 0, engagements: 0 }, excluded: [{ index: 0, reasons: ['complexity', 'size'] }, { index: 1, reasons: ['size'] }] });
  });

  it('an engagement with level 2\'s complexity and size counts at both levels', () => {
    const [one, two] = levels([edge({ complexity: ['x1', 'x2', 'x3'], size: { staff: 0 } })]);
    expect(one!.criteria[0]).toMatchObject({ met: true, actual: { months: 24, engagements: 1 } });
    // Level 1's own size (staff ≥ 1) is not met, but level 2's is: 以上.
    expect(one!.criteria[1]).toMatchObject({ met: false });
    expect(two!.criteria[0]).toMatchObject({ met: true, actual: { months: 24, engagements: 1 } });
  });
});

/** A level's expertise criterion may name its own `areasRequired`, over its specialty's. */
const AREAS = smallStandard('areas', `  - id: all-areas
    label: { ja: 全, en: all }
    areasRequired: all
    complexity: []
    areas:
      - { id: a1, label: { ja: a1, en: a1 }, source: a1 }
      - { id: a2, label: { ja: a2, en: a2 }, source: a2 }
    levels:
      - level: 1
        criteria:
          - { kind: expertise, depth: basic, areasRequired: any, source: いずれか }
      - level: 2
        criteria:
          - { kind: expertise, depth: basic, source: すべて }
  - id: any-area
    label: { ja: 一, en: any }
    areasRequired: any
    complexity: []
    areas:
      - { id: b1, label: { ja: b1, en: b1 }, source: b1 }
      - { id: b2, label: { ja: b2, en: b2 }, source: b2 }
    levels:
      - level: 1
        criteria:
          - { kind: expertise, depth: basic, areasRequired: all, source: すべて }
      - level: 2
        criteria:
          - { kind: expertise, depth: expert, source: いずれか }
`, { depth: [['basic', 1], ['expert', 2]] });

describe('expertise: a level\'s own areasRequired over its specialty\'s', () => {
  it('all-areas specialty, level 1 asking any area: one area is enough there, not at level 2', () => {
    const [s] = assess(AREAS, { expertise: [{ specialty: 'all-areas', areas: ['a1'], depth: 'basic' }] }).specialties;
    expect(s!.levels.map((l) => l.criteria[0])).toEqual([
      { id: 'expertise', met: true, required: { depth: 'basic', areas: 'any', outOf: 2 }, actual: { areas: { a1: 'basic' }, reached: 1 }, gap: null, evidence: [{ type: 'expertise', index: 0 }] },
      { id: 'expertise', met: false, required: { depth: 'basic', areas: 'all', outOf: 2 }, actual: { areas: { a1: 'basic' }, reached: 1 }, gap: { depth: 'basic', areas: ['a2'], mode: 'all' }, evidence: [{ type: 'expertise', index: 0 }] },
    ]);
    expect([s!.level, s!.next?.level]).toEqual([1, 2]);
  });

  it('any-area specialty, level 1 asking all areas: both needed there; level 2 any one at expert', () => {
    const one = assess(AREAS, { expertise: [{ specialty: 'any-area', areas: ['b2'], depth: 'expert' }] }).specialties[1]!;
    expect(one.levels.map((l) => l.criteria[0])).toEqual([
      { id: 'expertise', met: false, required: { depth: 'basic', areas: 'all', outOf: 2 }, actual: { areas: { b2: 'expert' }, reached: 1 }, gap: { depth: 'basic', areas: ['b1'], mode: 'all' }, evidence: [{ type: 'expertise', index: 0 }] },
      { id: 'expertise', met: true, required: { depth: 'expert', areas: 'any', outOf: 2 }, actual: { areas: { b2: 'expert' }, reached: 1 }, gap: null, evidence: [{ type: 'expertise', index: 0 }] },
    ]);
    expect([one.level, one.nonNested, one.unmetBelow]).toEqual([2, true, [1]]);
    const both = assess(AREAS, { expertise: [{ specialty: 'any-area', areas: ['b1', 'b2'], depth: 'basic' }] }).specialties[1]!;
    expect(both.levels.map((l) => [l.met, l.criteria[0]!.gap])).toEqual([[true, null], [false, { depth: 'expert', areas: [], mode: 'any' }]]);
  });

  it('no record: every area short, none named where any one will do', () => {
    const [all, any] = assess(AREAS, {}).specialties;
    expect(all!.levels.map((l) => l.criteria[0]!.gap)).toEqual([{ depth: 'basic', areas: [], mode: 'any' }, { depth: 'basic', areas: ['a1', 'a2'], mode: 'all' }]);
    expect(any!.levels.map((l) => l.criteria[0]!.gap)).toEqual([{ depth: 'basic', areas: ['b1', 'b2'], mode: 'all' }, { depth: 'expert', areas: [], mode: 'any' }]);
    expect(all!.levels[0]!.criteria[0]!.actual).toEqual({ areas: {}, reached: 0 });
  });
});
