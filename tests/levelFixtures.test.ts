import { describe, expect, it } from 'vitest';
import type { Assessment, LevelResult } from '../src/engine/assessment.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { assess, criterionOf, specialtyOf } from './helpers.js';
import { ASSESSMENT_DATE, justMeets, levelFixtures, specOf, type Candidate, type CriterionId, type SpecialtyId } from './levelFixtures.js';

const standard = builtinStandard();
const run = (candidate: Candidate): Assessment => assess(standard, candidate, ASSESSMENT_DATE);

function levelOf(assessment: Assessment, specialty: string, level: number): LevelResult {
  const l = specialtyOf(assessment, specialty).levels.find((x) => x.level === level);
  if (!l) throw new Error(`no level ${level} in ${specialty}`);
  return l;
}

const verdicts = (l: LevelResult) => Object.fromEntries(l.criteria.map((c) => [c.id, c.met]));

describe('fixture coverage', () => {
  it('has one fixture per level of the built-in standard, with its criteria', () => {
    const key = (x: readonly unknown[]) => `${String(x[0])} ${String(x[1])}`;
    const byKey = (a: readonly unknown[], b: readonly unknown[]) => key(a).localeCompare(key(b));
    const expected = standard.specialties.flatMap((s) => s.levels.map((l) => [s.id, l.level, l.criteria.map((c) => c.kind)]));
    expect(levelFixtures.map((f) => [f.specialty, f.level, f.criteria]).sort(byKey)).toEqual(expected.sort(byKey));
    expect(levelFixtures).toHaveLength(13);
  });

  it.each(levelFixtures.map((f) => [f.specialty, f.level, f] as const))('%s level %i has a miss for every criterion that can be missed', (specialty, level, f) => {
    const definition = standard.specialties.find((s) => s.id === specialty)!.levels.find((l) => l.level === level)!;
    // 特定せず (size with `unspecified`) is always met: no candidate can miss it.
    const missable = definition.criteria.filter((c) => !(c.kind === 'size' && 'unspecified' in c && c.unspecified)).map((c) => c.kind);
    expect([...new Set(f.misses.map((m) => m.criterion))].sort()).toEqual([...missable].sort());
  });
});

const meetsCases = levelFixtures.map((f) => [f.specialty, f.level, f.meets] as const);

describe('just meets', () => {
  it.each(meetsCases)('%s level %i', (specialty, level, candidate) => {
    const assessment = run(candidate);
    const result = levelOf(assessment, specialty, level);
    expect(verdicts(result)).toEqual(Object.fromEntries(result.criteria.map((c) => [c.id, true])));
    expect(result.met).toBe(true);
    // At the threshold: exactly the months and the number of conditions asked.
    const spec = specOf(specialty, level);
    expect(criterionOf(assessment, specialty, level, 'responsibility').actual).toMatchObject({ months: spec.months });
    expect(criterionOf(assessment, specialty, level, 'complexity').actual).toMatchObject({ conditions: spec.complexity.atLeast });
    // The next level up is not met and every level below is: the fixture sits exactly at its level.
    expect(specialtyOf(assessment, specialty)).toMatchObject({ level, nonNested: false });
  });

  const alsoMeetsCases = levelFixtures.flatMap((f) => f.alsoMeets.map((m) => [f.specialty, f.level, m.why, m.candidate] as const));
  it.each(alsoMeetsCases)('%s level %i: %s', (specialty, level, _why, candidate) => {
    const result = levelOf(run(candidate), specialty, level);
    expect(result.criteria.filter((c) => !c.met).map((c) => c.id)).toEqual([]);
    expect(result.met).toBe(true);
  });
});

const missCases = levelFixtures.flatMap((f) => f.misses.map((m) => [f.specialty, f.level, m.criterion, m.why, m] as const));

describe('just misses', () => {
  it.each(missCases)('%s level %i, %s: %s', (specialty, level, criterion, _why, miss) => {
    const result = levelOf(run(miss.candidate), specialty, level);
    expect(result.met).toBe(false);
    const missed = criterionOf(run(miss.candidate), specialty, level, criterion);
    expect(missed.met).toBe(false);
    expect(missed.gap).not.toBeNull();
    const unmet = new Set<CriterionId>([criterion, ...miss.alsoUnmet]);
    expect(verdicts(result)).toEqual(Object.fromEntries(result.criteria.map((c) => [c.id, !unmet.has(c.id)])));
    for (const id of miss.alsoUnmet) expect(criterionOf(run(miss.candidate), specialty, level, id).gap).not.toBeNull();
  });

  it('has at least one isolated miss (nothing else unmet) for every criterion except where §2.1 makes that impossible', () => {
    // Size misses at levels 4+ always take the years with them (an engagement counts only at a size of level ≥ N);
    // so does complexity, except at 運用管理 3–5 where level 6's list offers conditions the level's own list lacks.
    for (const f of levelFixtures) {
      for (const criterion of new Set(f.misses.map((m) => m.criterion))) {
        const isolated = f.misses.some((m) => m.criterion === criterion && m.alsoUnmet.length === 0);
        const inevitable = criterion === 'size' || (criterion === 'complexity' && !(f.specialty === 'operation-management' && f.level <= 5));
        expect({ f: `${f.specialty} ${f.level}`, criterion, isolated }).toEqual({ f: `${f.specialty} ${f.level}`, criterion, isolated: !inevitable });
      }
    }
  });
});

describe('readings of rules.md', () => {
  it('§6 non-nested: international + world-leading only meets 運用管理 level 6, and still counts toward level 5’s years (以上)', () => {
    const candidate = justMeets('operation-management', 6) as { engagements: { complexity: string[] }[] };
    candidate.engagements[0].complexity = ['international', 'world-leading'];
    const assessment = run(candidate);
    const s = specialtyOf(assessment, 'operation-management');
    expect(s).toMatchObject({ level: 6, nonNested: true });
    expect(s.unmetBelow).toContain(5);
    expect(criterionOf(assessment, 'operation-management', 6, 'complexity').met).toBe(true);
    expect(criterionOf(assessment, 'operation-management', 5, 'complexity').met).toBe(false);
    const years5 = criterionOf(assessment, 'operation-management', 5, 'responsibility');
    expect(years5.met).toBe(true);
    expect(years5.actual).toMatchObject({ months: 36, engagements: 1 });
    expect(years5.excluded ?? []).toEqual([]);
  });

  it('§2.3 lower bound: a 200-person システム管理 engagement meets the size of levels 4, 5 (75人以上150人未満 in the source) and 6', () => {
    const candidate = justMeets('system-management', 5) as { engagements: { size: Record<string, number> }[] };
    candidate.engagements[0].size = { staff: 200 };
    const assessment = run(candidate);
    for (const level of [4, 5, 6]) expect(criterionOf(assessment, 'system-management', level, 'size').met).toBe(true);
    expect(levelOf(assessment, 'system-management', 5).met).toBe(true);
    expect(criterionOf(assessment, 'system-management', 5, 'responsibility').met).toBe(true);
  });

  it.each([
    ['24 months (2024-04 .. 2026-03) meets', '2024-04', true],
    ['23 months (2024-05 .. 2026-03) misses', '2024-05', false],
  ])('§3.4 サービスデスク level 3 asks 2 years (sic): %s', (_name, from, met) => {
    const candidate = justMeets('service-desk', 3) as { engagements: { from: string; to: string }[] };
    candidate.engagements[0].from = from;
    const assessment = run(candidate);
    expect(criterionOf(assessment, 'service-desk', 3, 'responsibility').met).toBe(met);
    expect(specialtyOf(assessment, 'service-desk').level).toBe(met ? 3 : null);
  });

  it.each(['AP', '応用情報技術者試験'])('§4 exam: passing %s gives examLevel 3 in every specialty, never a met level', (exam) => {
    const assessment = run({ exams: [{ exam, passed: '2019-12' }] });
    const specialties: SpecialtyId[] = ['operation-management', 'system-management', 'operation', 'service-desk'];
    expect(assessment.specialties.map((s) => [s.specialty, s.level, s.examLevel])).toEqual(specialties.map((s) => [s, null, 3]));
  });
});
