/**
 * What the incremental runs of src/engine still left alive that no test had the data for (issue 23, item 6): keys
 * that must be absent, not `undefined` (toEqual cannot tell them apart), a level named by two exams of which one is
 * passed, two kinds of knowledge transfer whose places on a long scale are 32 apart, and a clause naming two
 * experiences of which one is found.
 */
import { describe, expect, it } from 'vitest';
import { assess, madeUpStandard, smallStandard } from './helpers.js';


const KINDS = Array.from({ length: 33 }, (_, i) => `k${i}`);
const STANDARD = smallStandard('strict', `  - id: s
    label: { ja: s, en: s }
    areasRequired: any
    complexity: []
    areas: [{ id: a, label: { ja: a, en: a }, source: a }]
    activities:
      - { id: ex1, label: { ja: ex1, en: ex1 }, source: ex1 }
      - { id: ex2, label: { ja: ex2, en: ex2 }, source: ex2 }
    levels:
      - level: 1
        examEquivalence: { exams: [E1, E2], source: E1かE2 }
        criteria:
          - { kind: knowledge-transfer, atLeastKinds: 3, source: 3種類 }
      - level: 2
        criteria:
          - { kind: responsibility, role: junior, years: 1, experiences: [ex1, ex2], engagementsAtOrAbove: false, source: 1年 }
`, { knowledgeTransfer: KINDS, exams: ['E1', 'E2'] });

describe('keys absent, not undefined', () => {
  it('a standard without a version, a candidate without a name or a department', () => {
    const a = assess(STANDARD, { id: 'C1' });
    expect(a.standard).toStrictEqual({ id: 'strict' });
    expect(a.candidate).toStrictEqual({ id: 'C1' });
    expect(Object.keys(assess(STANDARD, { id: 'C2', department: 'ops' }).candidate)).toEqual(['id', 'department']);
    expect(Object.keys(assess(STANDARD, { id: 'C3', name: 'N' }).candidate)).toEqual(['id', 'name']);
  });

  it('an area without a record is not in the expertise\'s actual areas', () => {
    const a = assess(madeUpStandard, { id: 'C', expertise: [{ specialty: 'network-ops', areas: ['security'], depth: 'expert' }] });
    expect(a.specialties[0]!.levels[0]!.criteria[3]!.actual).toStrictEqual({ areas: { security: 'expert' }, reached: 1 });
  });
});

describe('a level named by two exams', () => {
  it.each([
    [[{ exam: 'E1' }], 1],
    [[{ exam: 'E2' }], 1],
    [[{ exam: 'E1' }, { exam: 'E2' }], 1],
    [[], null],
  ])('%j: exam level %s', (exams, examLevel) => {
    expect(assess(STANDARD, { id: 'C', exams }).specialties[0]!.examLevel).toBe(examLevel);
  });
});

describe('kinds of knowledge transfer 32 places apart on the scale', () => {
  it.each([
    [['k0', 'k32', 'k1'], true],
    [['k0', 'k32'], false],
    [['k1', 'k31', 'k32'], true],
    [['k0', 'k1', 'k2'], true],
  ])('%j: three kinds met %s', (kinds, met) => {
    const result = assess(STANDARD, { id: 'C', knowledgeTransfer: kinds.map((kind) => ({ kind })) }).specialties[0]!;
    expect(result.levels[0]!.met).toBe(met);
    expect(result.levels[0]!.criteria[0]!.actual).toEqual({ kinds: kinds.length, present: [...kinds].sort((x, y) => KINDS.indexOf(x) - KINDS.indexOf(y)) });
  });
});

describe('a clause naming two experiences', () => {
  it('one found: the found one in actual, the other in the gap', () => {
    const r = assess(STANDARD, { id: 'C', engagements: [{ specialty: 's', role: 'junior', from: '2024-01', to: '2025-12', activities: ['ex1'] }] }).specialties[0]!.levels[1]!.criteria[0]!;
    expect(r).toMatchObject({ met: false, actual: { months: 24, engagements: 1, experiences: ['ex1'] }, gap: { experiences: ['ex2'] } });
    const both = assess(STANDARD, { id: 'C', engagements: [{ specialty: 's', role: 'junior', from: '2024-01', to: '2025-12', activities: ['ex2', 'ex1'] }] }).specialties[0]!.levels[1]!.criteria[0]!;
    expect(both).toMatchObject({ met: true, actual: { experiences: ['ex1', 'ex2'] }, gap: null });
  });
});
