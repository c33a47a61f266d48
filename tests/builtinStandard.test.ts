import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { loadStandard } from '../src/standard/loadStandard.js';
import { criterionOfKind } from '../src/standard/standardSchema.js';

// The seed lives beside the repository (../shared), as on the developers' machines and in CI.
const seedUrl = new URL('../../shared/seeds/itss-v3-itsm-achievement-indicators.txt', import.meta.url);
const seed = existsSync(seedUrl) ? readFileSync(seedUrl, 'utf8') : undefined;
const standard = builtinStandard();

const criterion = criterionOfKind;

/** rules.md §3, row by row: [specialty, level, role, years, success, atLeast of N (required), size options, depth, kinds, mentoring]. */
type Row = [string, number, string, number, boolean, number, number, string[], ([number | null, number | null, number | null] | 'unspecified')[], string, number | null, boolean];
const OM = 'operation-management';
const SM = 'system-management';
const OP = 'operation';
const SD = 'service-desk';
const 億 = 100_000_000;
// size option: [staff, annualContract, complexityAtLeast]; service desk options list one field each.
const rows: Row[] = [
  [OM, 7, 'overall-manager', 3, true, 3, 7, ['international'], [[250, 25 * 億, null], [150, 15 * 億, 5]], 'industry-leader', 5, true],
  [OM, 6, 'customer-manager', 3, true, 2, 7, [], [[150, 15 * 億, null], [75, 7.5 * 億, 4]], 'industry', 4, true],
  [OM, 5, 'manager', 3, true, 2, 5, [], [[75, 7.5 * 億, null], [35, 3.5 * 億, 4]], 'company', 3, true],
  [OM, 4, 'leader', 2, true, 2, 5, [], [[35, 3.5 * 億, null], [15, 1.5 * 億, 4]], 'guides-juniors', 1, true],
  [OM, 3, 'member', 1, false, 2, 5, [], ['unspecified'], 'independent', null, false],
  [SM, 6, 'manager', 3, true, 2, 5, [], [[150, 15 * 億, null], [75, 7.5 * 億, 4]], 'industry', 4, true],
  [SM, 5, 'manager', 3, true, 2, 5, [], [[75, 7.5 * 億, null], [35, 3.5 * 億, 4]], 'company', 3, true],
  [SM, 4, 'leader', 2, true, 2, 5, [], [[35, 3.5 * 億, null], [15, 1.5 * 億, 4]], 'guides-juniors', 1, true],
  [SM, 3, 'member', 1, false, 2, 5, [], ['unspecified'], 'independent', null, false],
  [OP, 4, 'leader', 2, true, 2, 4, [], [[30, 3 * 億, null], [15, 1.5 * 億, 4]], 'guides-juniors', 1, true],
  [OP, 3, 'member', 1, true, 2, 4, [], ['unspecified'], 'independent', null, false],
  [SD, 4, 'leader', 2, true, 2, 5, [], [[20, null, null], [null, 1 * 億, null], [3000, null, null]], 'guides-juniors', 1, true],
  [SD, 3, 'member', 2, true, 2, 5, [], ['unspecified'], 'independent', null, false],
];

describe('the built-in standard (data/itss-v3-itsm.yaml)', () => {
  it('has the four specialties of rules.md §1 in order, and 13 levels', () => {
    expect(standard.specialties.map((s) => s.id)).toEqual([OM, SM, OP, SD]);
    expect(standard.specialties.map((s) => s.label.ja)).toEqual(['運用管理', 'システム管理', 'オペレーション', 'サービスデスク']);
    expect(standard.specialties.flatMap((s) => s.levels)).toHaveLength(13);
  });

  it.each(rows)('%s level %i matches rules.md §3', (specialtyId, levelNumber, role, years, success, atLeast, listed, required, sizes, depth, kinds, mentoring) => {
    const specialty = standard.specialties.find((s) => s.id === specialtyId)!;
    const level = specialty.levels.find((l) => l.level === levelNumber)!;
    const responsibility = criterion(level, 'responsibility')!;
    expect([responsibility.role, responsibility.years, responsibility.success, responsibility.engagementsAtOrAbove]).toEqual([role, years, success, true]);
    const complexity = criterion(level, 'complexity')!;
    expect([complexity.atLeast, complexity.conditions.length, complexity.required]).toEqual([atLeast, listed, required]);
    const size = criterion(level, 'size')!;
    const encoded = size.unspecified
      ? ['unspecified']
      : size.options.map((o) => (specialtyId === SD ? [o.anyOf.peakStaff ?? o.anyOf.usersPerYear ?? null, o.anyOf.annualContract ?? null, o.complexityAtLeast ?? null] : [o.anyOf.staff ?? null, o.anyOf.annualContract ?? null, o.complexityAtLeast ?? null]));
    expect(encoded).toEqual(sizes);
    expect(criterion(level, 'expertise')!.depth).toBe(depth);
    expect(criterion(level, 'knowledge-transfer')?.atLeastKinds ?? null).toBe(kinds);
    expect(criterion(level, 'mentoring') !== undefined).toBe(mentoring);
    expect(level.examEquivalence?.exams ?? []).toEqual(levelNumber === 3 ? ['AP'] : []);
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
