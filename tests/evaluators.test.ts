import { describe, expect, it } from 'vitest';
import { assess, criterionOf, lead, madeUpStandard as standard, specialtyOf } from './helpers.js';
import { holdsAll, IdBits } from '../src/engine/evaluators/evaluator.js';
import { stringify } from 'yaml';
import type { AssessmentRecord, SpecialtyRecord } from '../src/engine/assessment.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { SharedResults, evaluateRecord, isSharedResult } from '../src/engine/evaluate.js';
import { loadStandard } from '../src/standard/loadStandard.js';
import { readFileSync } from 'node:fs';

const verdict = (engagements: Record<string, unknown>[], level: number, id: string, extra: Record<string, unknown> = {}) =>
  criterionOf(assess(standard, { engagements, ...extra }), 'network-ops', level, id);

describe('responsibility', () => {
  it.each([
    ['qualifies with exactly 24 months', [lead()], true, { months: 24, engagements: 1 }, null],
    ['misses by one month', [lead({ to: '2021-02' })], false, { months: 23 }, { months: 1 }],
    ['adds periods with gaps between them', [lead({ to: '2019-09' }), lead({ from: '2020-10', to: '2022-03' })], true, { months: 24 }, null],
    ['counts overlapping periods once', [lead(), lead({ from: '2020-04', to: '2021-03' })], true, { months: 24 }, null],
    ['runs an ongoing engagement until the assessment date', [lead({ from: '2024-04-02', to: null })], true, { months: 24 }, null],
  ])('%s', (_name, engagements, met, actual, gap) => {
    const result = verdict(engagements, 2, 'responsibility');
    expect(result.met).toBe(met);
    expect(result.actual).toMatchObject(actual);
    expect(result.gap).toEqual(gap);
  });

  it.each([
    ['a junior role', { role: 'junior' }, ['role']],
    ['a failed outcome where 成功裡 is required', { outcome: 'failed' }, ['outcome']],
    ['a missing per-engagement activity', { activities: ['design'] }, ['activities']],
    ['complexity below every level at or above', { complexity: ['multi-site'] }, ['complexity']],
    ['size below every level at or above', { size: { staff: 99 } }, ['size']],
  ])('excludes an engagement with %s', (_name, over, reasons) => {
    const result = verdict([lead(over)], 2, 'responsibility');
    expect(result.met).toBe(false);
    expect(result.excluded).toEqual([{ index: 0, reasons }]);
  });

  it('asks experiences once on any engagement, in any role and outcome', () => {
    const withoutDesign = lead({ activities: ['on-call'] });
    expect(verdict([withoutDesign], 2, 'responsibility').gap).toEqual({ experiences: ['design'] });
    const designElsewhere = lead({ role: 'junior', outcome: 'failed', from: '2015-04', to: '2015-06', activities: ['design'] });
    expect(verdict([withoutDesign, designElsewhere], 2, 'responsibility').met).toBe(true);
  });

  it('counts an engagement toward level N when it meets a higher level only (以上)', () => {
    // Level 1's list lacks `global`; ticking global + multi-vendor meets level 2's complexity, so it counts for level 1's years.
    const result = verdict([lead({ role: 'junior', complexity: ['global', 'multi-vendor'], to: '2019-09', size: {} })], 1, 'responsibility');
    expect(result.met).toBe(false);
    expect(result.excluded).toEqual([]);
    expect(result.actual).toMatchObject({ months: 6 });
  });

  it('ignores engagements starting after the assessment date, with a warning', () => {
    const assessment = assess(standard, { engagements: [lead({ from: '2026-05', to: null })] });
    expect(criterionOf(assessment, 'network-ops', 2, 'responsibility').actual).toMatchObject({ months: 0, engagements: 0 });
    expect(assessment.warnings).toEqual([{ code: 'future-engagement', path: 'engagements[0]', value: '2026-05-01' }]);
  });

  it('does not count the part of an engagement after the assessment date', () => {
    const result = criterionOf(assess(standard, { engagements: [lead({ from: '2024-04-02', to: '2030-03' })] }, '2026-03-31'), 'network-ops', 2, 'responsibility');
    expect(result.met).toBe(false);
  });

  it('counts any engagement when engagementsAtOrAbove is false', () => {
    const result = criterionOf(assess(standard, { engagements: [{ specialty: 'helpdesk', role: 'junior', from: '2025-01', to: '2025-06' }] }), 'helpdesk', 1, 'responsibility');
    expect(result.met).toBe(true);
  });
});

describe('complexity', () => {
  it.each([
    ['2 of 4 with the required item', ['global', 'multi-site'], true, null],
    ['3 of 4 without the required item', ['multi-site', 'multi-vendor', 'high-availability'], false, { conditions: 1, including: ['global'] }],
    ['the required item alone', ['global'], false, { conditions: 1, including: [] }],
  ])('level 2: %s', (_name, complexity, met, gap) => {
    const result = verdict([lead({ complexity })], 2, 'complexity');
    expect(result.met).toBe(met);
    expect(result.gap).toEqual(gap);
  });

  it("counts only the level's own list (rules.md §6)", () => {
    expect(verdict([lead({ complexity: ['global'] })], 1, 'complexity').met).toBe(false);
  });

  it('needs a successful engagement where 成功裡 is required', () => {
    expect(verdict([lead({ outcome: 'failed' })], 2, 'complexity').met).toBe(false);
    expect(verdict([lead({ outcome: 'failed' })], 1, 'complexity').met).toBe(true);
  });

  it('needs the conditions on one engagement, not spread over several', () => {
    expect(verdict([lead({ complexity: ['global'] }), lead({ complexity: ['multi-site'] })], 2, 'complexity').met).toBe(false);
  });
});

describe('size', () => {
  it.each([
    ['a threshold reached', { staff: 100 }, ['global', 'multi-site'], true, null],
    ['a larger engagement (lower-bound reading)', { staff: 5000 }, ['global', 'multi-site'], true, null],
    ['the other threshold of the option', { budget: '10億円' }, ['global', 'multi-site'], true, null],
    ['the second option with its complexity', { staff: 50 }, ['global', 'multi-site', 'multi-vendor'], true, null],
    ['the second option short of complexity', { staff: 60 }, ['global', 'multi-site'], false, { option: 1, shortfall: { staff: 0, budget: 500000000 }, conditions: 1 }],
    ['below every threshold', { staff: 40 }, ['global', 'multi-site', 'multi-vendor'], false, { option: 1, shortfall: { staff: 10, budget: 500000000 }, conditions: 0 }],
  ])('level 2: %s', (_name, size, complexity, met, gap) => {
    const result = verdict([lead({ size, complexity })], 2, 'size');
    expect(result.met).toBe(met);
    expect(result.gap).toEqual(gap);
  });

  it('measures the gap from nothing when there is no engagement', () => {
    expect(verdict([], 2, 'size')).toMatchObject({ met: false, actual: { engagement: null }, gap: { option: 0, shortfall: { staff: 100, budget: 1000000000 }, conditions: 0 } });
  });

  it('is met when not specified (特定せず), with no engagement at all', () => {
    expect(verdict([], 1, 'size')).toMatchObject({ met: true, required: { unspecified: true } });
  });
});

describe('expertise', () => {
  it.each([
    ['all areas deep enough', [{ areas: ['routing', 'security'], depth: 'expert' }], true, null],
    ['one area short', [{ areas: ['routing'], depth: 'expert' }, { areas: ['security'], depth: 'basic' }], false, { depth: 'expert', areas: ['security'], mode: 'all' }],
    ['a repeated area at its deepest', [{ areas: ['routing', 'security'], depth: 'basic' }, { areas: ['routing', 'security'], depth: 'expert' }], true, null],
  ])('all mode: %s', (_name, records, met, gap) => {
    const expertise = records.map((r) => ({ specialty: 'network-ops', ...r }));
    const result = criterionOf(assess(standard, { expertise }), 'network-ops', 2, 'expertise');
    expect(result.met).toBe(met);
    expect(result.gap).toEqual(gap);
  });

  it('any mode: one area suffices', () => {
    const result = criterionOf(assess(standard, { expertise: [{ specialty: 'helpdesk', areas: ['tooling'], depth: 'expert' }] }), 'helpdesk', 2, 'expertise');
    expect(result.met).toBe(true);
  });

  it("does not count another specialty's expertise", () => {
    const result = criterionOf(assess(standard, { expertise: [{ specialty: 'helpdesk', areas: ['tooling'], depth: 'expert' }] }), 'network-ops', 1, 'expertise');
    expect(result.met).toBe(false);
  });
});

describe('knowledge-transfer', () => {
  const kt = (records: Record<string, unknown>[]) => criterionOf(assess(standard, { knowledgeTransfer: records }), 'network-ops', 2, 'knowledge-transfer');
  it.each([
    ['two papers are one kind', [{ kind: 'paper' }, { kind: 'paper' }], false, { kinds: 1, present: ['paper'] }],
    ['a paper and a talk are two kinds', [{ kind: 'paper' }, { kind: 'talk' }], true, { kinds: 2, present: ['talk', 'paper'] }],
    ['a record for another specialty does not count', [{ kind: 'paper' }, { kind: 'talk', specialties: ['helpdesk'] }], false, { kinds: 1 }],
    ['a record dated after the assessment date does not count', [{ kind: 'paper' }, { kind: 'talk', date: '2026-05' }], false, { kinds: 1 }],
  ])('%s', (_name, records, met, actual) => {
    const result = kt(records);
    expect(result.met).toBe(met);
    expect(result.actual).toMatchObject(actual);
  });

  it('names the kinds still to add', () => {
    expect(kt([{ kind: 'paper' }]).gap).toEqual({ kinds: 1, add: ['talk', 'book'] });
  });
});

describe('mentoring', () => {
  it.each([
    [[{ mentee: 'A' }], { records: 1 }],
    [[{ mentee: 'A' }, { mentee: 'B', specialties: ['helpdesk'] }], null],
    [[{ mentee: 'A', specialties: ['network-ops'] }, { mentee: 'B' }], { records: 1 }],
    [[{ mentee: 'A' }, { mentee: 'B', from: '2026-05' }], { records: 1 }],
  ])('helpdesk level 2 (2 records) with %j', (records, gap) => {
    const result = criterionOf(assess(standard, { mentoring: records }), 'helpdesk', 2, 'mentoring');
    expect(result.gap).toEqual(gap);
    expect(result.met).toBe(gap === null);
  });
});

describe('levels, exam level and next', () => {
  it('reports the highest met level and the next level with its unmet criteria only', () => {
    const assessment = assess(standard, {
      engagements: [lead({ role: 'junior', complexity: ['multi-site'], size: {} })],
      expertise: [{ specialty: 'network-ops', areas: ['routing', 'security'], depth: 'basic' }],
    });
    const s = specialtyOf(assessment, 'network-ops');
    expect(s.level).toBe(1);
    expect(s.next?.level).toBe(2);
    expect(s.next?.gaps.map((g) => g.id)).toEqual(['responsibility', 'complexity', 'size', 'expertise', 'knowledge-transfer', 'mentoring']);
    expect(s.nonNested).toBe(false);
  });

  it('starts next at the lowest level when no level is met, and lists every specialty', () => {
    const assessment = assess(standard, {});
    expect(assessment.specialties.map((s) => [s.specialty, s.level, s.next?.level])).toEqual([
      ['network-ops', null, 1],
      ['helpdesk', null, 1],
    ]);
  });

  it('reports examLevel apart from level, and warns about unlisted and future exams', () => {
    const assessment = assess(standard, { exams: [{ exam: '架空試験', passed: '2020-04' }, { exam: 'TOEIC' }] });
    expect(specialtyOf(assessment, 'network-ops')).toMatchObject({ level: null, examLevel: 1 });
    expect(specialtyOf(assessment, 'helpdesk').examLevel).toBeNull();
    expect(assessment.warnings).toEqual([{ code: 'unlisted-exam', path: 'exams[1]', value: 'TOEIC' }]);
    const future = assess(standard, { exams: [{ exam: 'X1', passed: '2027-01' }] });
    expect(specialtyOf(future, 'network-ops').examLevel).toBeNull();
    expect(future.warnings.map((w) => w.code)).toEqual(['future-record']);
  });
});

describe('ids as bits (IdBits), and lists where the bits run out', () => {
  // A pool of its own: the engine's pools are shared by every standard of the test run.
  const bits = new IdBits();
  const many = Array.from({ length: 30 }, (_, i) => `id-${i}`);
  const fits = bits.mask(many);
  const beyond = [...many.slice(0, 2), 'one-too-many'];
  it('numbers 30 ids, and gives -1 to a list holding an id beyond them', () => {
    expect(fits).not.toBe(-1);
    expect(bits.mask(['id-0', 'id-29'])).toBe(1 | (1 << 29));
    expect(bits.mask(beyond)).toBe(-1);
  });
  it.each([
    ['bits on both sides', ['id-0', 'id-1', 'id-2'], ['id-0', 'id-2'], true],
    ['bits on both sides, one missing', ['id-0', 'id-1'], ['id-0', 'id-2'], false],
    ['a list without bits holding every wanted id', beyond, ['id-0', 'one-too-many'], true],
    ['a list without bits missing one', beyond, ['id-0', 'id-5'], false],
    ['wanted without bits, held', [...beyond, 'id-7'], beyond, true],
    ['wanted without bits, not held', ['id-0', 'id-1'], beyond, false],
  ])('holdsAll by %s', (_name, list, wanted, expected) => {
    expect(holdsAll(bits.mask(list), list, bits.mask(wanted), wanted)).toBe(expected);
  });
});

describe('results shared between candidates in a batch (SharedResults)', () => {
  // At helpdesk level 1 with one mentoring record for it: level 2 asks for two, and its gap names the record.
  const atLevel1 = (mentoring: Record<string, unknown>[]) =>
    loadCandidate(
      stringify({
        id: 'T1',
        engagements: [{ specialty: 'helpdesk', role: 'junior', from: '2024-01', to: '2025-12', complexity: [], activities: [], size: {} }],
        expertise: [{ specialty: 'helpdesk', areas: ['tooling'], depth: 'basic' }],
        mentoring,
      }),
      'test.yaml',
      standard,
    );
  const mentoringGap = (record: AssessmentRecord) => record.specialties.find((s) => s.specialty === 'helpdesk')?.next?.gaps.find((g) => g.id === 'mentoring');

  // A standard whose first helpdesk level asks for contributions: a specialty without engagements is shared between
  // candidates by their contributions, and its gaps name them.
  const contributionsFirst = loadStandard(
    readFileSync(new URL('./fixtures/made-up-standard.yaml', import.meta.url), 'utf8').replace(
      '          - { kind: responsibility, role: junior, years: 0.5, engagementsAtOrAbove: false, source: 半年以上 }',
      '          - { kind: responsibility, role: junior, years: 0.5, engagementsAtOrAbove: false, source: 半年以上 }\n          - { kind: knowledge-transfer, atLeastKinds: 3, source: 3種類 }\n          - { kind: mentoring, atLeast: 3, source: 3名 }',
    ),
    'contributions-first.yaml',
  );
  it.each([
    ['a mentoring record\'s place', [{ mentoring: [{ mentee: 'A' }] }, { mentoring: [{ mentee: 'X', specialties: ['network-ops'] }, { mentee: 'A' }] }]],
    ['a knowledge transfer\'s title', [{ knowledgeTransfer: [{ kind: 'talk', title: '講演A' }] }, { knowledgeTransfer: [{ kind: 'talk', title: '講演B' }] }]],
    ['a knowledge transfer\'s kind', [{ knowledgeTransfer: [{ kind: 'talk' }] }, { knowledgeTransfer: [{ kind: 'paper' }] }]],
    ['an exam', [{}, { exams: [{ exam: 'X1', passed: '2020-04' }] }]],
  ])('a specialty without engagements is shared only by candidates with the same contributions: %s', (_name, candidates) => {
    const sharedResults = new SharedResults<SpecialtyRecord>();
    for (const object of candidates) {
      const candidate = loadCandidate(stringify({ id: 'T1', ...object }), 'test.yaml', contributionsFirst);
      const helpdesk = (record: AssessmentRecord) => record.specialties.find((s) => s.specialty === 'helpdesk');
      expect(helpdesk(evaluateRecord(contributionsFirst, candidate, { asOf: '2026-04-01', sharedResults }))).toEqual(helpdesk(evaluateRecord(contributionsFirst, candidate, { asOf: '2026-04-01' })));
    }
    expect(sharedResults.size).toBeGreaterThan(0);
  });

  it('names each candidate\'s own records, though the same criterion falls short by as much', () => {
    const sharedResults = new SharedResults<SpecialtyRecord>();
    const [first, second] = [atLevel1([{ mentee: 'A' }]), atLevel1([{ mentee: 'X', specialties: ['network-ops'] }, { mentee: 'A' }])].map((c) => evaluateRecord(standard, c, { asOf: '2026-04-01', sharedResults }));
    expect(mentoringGap(first)?.evidence).toEqual([{ type: 'mentoring', index: 0 }]);
    expect(mentoringGap(second)?.evidence).toEqual([{ type: 'mentoring', index: 1 }]);
    // And the same gap, from the same records, is one result (held from its second candidate on).
    const [third, fourth] = ['B', 'C'].map((mentee) => evaluateRecord(standard, atLevel1([{ mentee }]), { asOf: '2026-04-01', sharedResults }));
    expect(mentoringGap(third)).toEqual(mentoringGap(first));
    expect(mentoringGap(fourth)).toBe(mentoringGap(third));
    expect([first, third].map((r) => isSharedResult(mentoringGap(r)!))).toEqual([false, true]);
  });
});
