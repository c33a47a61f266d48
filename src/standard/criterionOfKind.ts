import type { CriterionKind, CriterionOf, LevelDefinition, SpecialtyDefinition } from './standardSchema.js';

// What the engine, the messages and the templates read of a standard's definitions, apart from the schema that checks
// a standard file: a run with the built-in standard (precompiled) never builds that schema (a few milliseconds of
// `itss assess`, whose start-up is a goal).

/** The criterion of one kind in a level, if it has one. */
export function criterionOfKind<K extends CriterionKind>(level: LevelDefinition, kind: K): CriterionOf<K> | undefined {
  return level.criteria.find((c): c is CriterionOf<K> => c.kind === kind);
}

/**
 * The size fields a specialty's size criteria read (the thresholds of their options), in the standard's order of
 * size fields: an engagement's figure in any other field says nothing of its size there (サービスデスク reads peak
 * staff, not staff).
 */
export function sizeFieldsRead(specialty: SpecialtyDefinition, sizeFields: readonly { id: string }[]): string[] {
  const read = new Set<string>();
  for (const level of specialty.levels) for (const option of criterionOfKind(level, 'size')?.options ?? []) for (const field of Object.keys(option.anyOf)) read.add(field);
  return sizeFields.map((f) => f.id).filter((id) => read.has(id));
}
