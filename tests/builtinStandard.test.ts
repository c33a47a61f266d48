import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { loadStandard } from '../src/standard/loadStandard.js';
import { criterionOfKind } from '../src/standard/criterionOfKind.js';
import { parsePeople, parseYen } from '../src/values/parseQuantity.js';
import { LEVEL_SPECS, type LevelSpec } from './levelFixtures.js';

// The seed lives beside the repository (../shared), as on the developers' machines and in CI.
const seedUrl = new URL('../../shared/seeds/itss-v3-itsm-achievement-indicators.txt', import.meta.url);
const seed = existsSync(seedUrl) ? readFileSync(seedUrl, 'utf8') : undefined;
const standard = builtinStandard();

const criterion = criterionOfKind;

const OM = 'operation-management';
const SM = 'system-management';

/** The size options a level spec states, as thresholds by field (yen written the way candidates write it). */
function sizeThresholds(spec: LevelSpec) {
  if (!spec.size) return 'unspecified';
  const plain: Record<string, number> = { [spec.size.field]: spec.size.threshold };
  for (const alternative of spec.size.alternatives) plain[alternative.field] = (alternative.field === 'annualContract' ? parseYen(alternative.value) : parsePeople(alternative.value)) ?? Number.NaN;
  const second = spec.size.second ? [{ anyOf: { [spec.size.second.field]: spec.size.second.threshold, annualContract: spec.size.second.contract },
    complexityAtLeast: spec.size.second.complexityAtLeast }] : [];
  return { plain, second };
}

describe('the built-in standard (data/itss-v3-itsm.yaml)', () => {
  it('has the four specialties of rules.md §1 in order, and 13 levels', () => {
    expect(standard.specialties.map((s) => s.id)).toEqual([OM, SM, 'operation', 'service-desk']);
    expect(standard.specialties.map((s) => s.label.ja)).toEqual(['運用管理', 'システム管理', 'オペレーション', 'サービスデスク']);
    expect(standard.specialties.flatMap((s) => s.levels)).toHaveLength(13);
  });

  // rules.md §3 is written out once, in the level fixtures' LEVEL_SPECS; the data must say the same.
  it.each(LEVEL_SPECS.map((spec) => [spec.specialty, spec.level, spec] as const))('%s level %i matches rules.md §3', (specialtyId, levelNumber, spec) => {
    const specialty = standard.specialties.find((s) => s.id === specialtyId)!;
    const level = specialty.levels.find((l) => l.level === levelNumber)!;
    const responsibility = criterion(level, 'responsibility')!;
    expect([responsibility.role, responsibility.years * 12, responsibility.success, responsibility.engagementsAtOrAbove])
      .toEqual([spec.role, spec.months, spec.success, true]);
    expect([responsibility.activities, responsibility.experiences]).toEqual([spec.activities, spec.experiences]);
    const complexity = criterion(level, 'complexity')!;
    expect([complexity.atLeast, [...complexity.conditions].sort(), complexity.required])
      .toEqual([spec.complexity.atLeast, [...spec.complexity.list].sort(), spec.complexity.required]);
    const size = criterion(level, 'size')!;
    const expected = sizeThresholds(spec);
    if (expected === 'unspecified') expect([size.unspecified, size.options]).toEqual([true, []]);
    else {
      // Options without complexity conditions are alternatives: their thresholds together, by field.
      const plain = Object.assign({}, ...size.options.filter((o) => o.complexityAtLeast === undefined).map((o) => o.anyOf));
      expect(plain).toEqual(expected.plain);
      expect(size.options.filter((o) => o.complexityAtLeast !== undefined).map((o) => ({ anyOf: o.anyOf, complexityAtLeast: o.complexityAtLeast })))
        .toEqual(expected.second);
    }
    const expertise = criterion(level, 'expertise')!;
    expect([expertise.depth, expertise.areasRequired ?? specialty.areasRequired, specialty.areas.map((a) => a.id)])
      .toEqual([spec.depth, spec.areasRequired, spec.areas]);
    expect(criterion(level, 'knowledge-transfer')?.atLeastKinds ?? 0).toBe(spec.kinds);
    expect(criterion(level, 'mentoring') !== undefined).toBe(spec.mentoring);
    expect(level.examEquivalence?.exams ?? []).toEqual(levelNumber === 3 ? ['AP'] : []);
  });

  it('has a level spec for every level of the data', () => {
    expect(standard.specialties.flatMap((s) => s.levels.map((l) => `${s.id}/${l.level}`)).sort()).toEqual(LEVEL_SPECS.map((s) => `${s.specialty}/${s.level}`).sort());
  });

  it('lists 運用管理 levels 3–5 without international and world-leading (rules.md §6)', () => {
    const om = standard.specialties.find((s) => s.id === OM)!;
    for (const level of om.levels) {
      const conditions = criterion(level, 'complexity')!.conditions;
      expect(conditions.includes('international')).toBe(level.level >= 6);
    }
  });

  it('requires all areas for 運用管理 and any one elsewhere (rules.md §2.4)', () => {
    expect(standard.specialties.map((s) => s.areasRequired)).toEqual(['all', 'any', 'any', 'any']);
  });

  it('requires システム管理 experiences and maintenance activities at levels 4–6 only', () => {
    const sm = standard.specialties.find((s) => s.id === SM)!;
    for (const level of sm.levels) {
      const r = criterion(level, 'responsibility')!;
      expect(r.experiences.length > 0).toBe(level.level >= 4);
      expect(r.activities.length > 0).toBe(level.level >= 4);
    }
  });

  it.skipIf(seed === undefined)('quotes the source verbatim: every criterion source appears in the seed text (ignoring line breaks)', () => {
    const flat = seed!.replace(/\s+/g, '');
    const missing: string[] = [];
    for (const s of standard.specialties) {
      for (const item of [...s.complexity, ...s.areas]) if (!flat.includes(item.source.replace(/\s+/g, ''))) missing.push(`${s.id}/${item.id}: ${item.source}`);
      for (const level of s.levels) {
        for (const c of level.criteria) {
          const src = c.source.replace(/\s+/g, '');
          if (src !== '特定せず' && !flat.includes(src)) missing.push(`${s.id} L${level.level} ${c.kind}: ${c.source}`);
          if (c.kind === 'size') for (const o of c.options) if (o.source && !flat.includes(o.source.replace(/\s+/g, ''))) missing.push(`${s.id} L${level.level} size option: ${o.source}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('every standard file in data/ validates', () => {
  const dir = new URL('../data/', import.meta.url);
  it.each(readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)))('%s', (file) => {
    const loaded = loadStandard(readFileSync(new URL(file, dir), 'utf8'), file);
    expect(loaded.format).toBe('itss-standard/v1');
  });
});
