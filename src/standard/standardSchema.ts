import * as z from 'zod/mini';
import type { ValueDiagnosticCode } from '../input/diagnostic.js';
import { userRecord } from '../input/userKeyed.js';
import { STANDARD_FORMAT } from './standardFormat.js';

/**
 * The public, versioned shape of a standard file (`itss-standard/v1`): the built-in ITSS V3 ITSM
 * indicators and every company's tailored copy share it. Cross-references (ids used by levels) are
 * checked after this shape by `checkStandardReferences`, so the messages can name the ids that exist.
 */

// zod/mini: the functional build of zod, ~20 KB bundled against ~450 KB for the classic API; the CLI's
// start-up budget (about 2x `node -e 0`) has no room for the difference.
const id = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'an id of letters, digits and hyphens'));
const text = z.string().check(z.minLength(1));
const positiveInt = z.int().check(z.positive());
const ids = z.array(id);
const withDefault = <T extends z.core.SomeType>(schema: T, value: z.core.util.NoUndefined<z.core.output<T>>) => z._default(schema, value);

const localizedTextSchema = z.strictObject({ ja: text, en: text });

/** Other wordings people use for an item (a short label, the source's wording on another page): read as its id. */
const aliases = z.optional(z.array(text));

const listItemSchema = z.strictObject({
  id,
  label: localizedTextSchema,
  source: text,
  aliases,
});

const rankedItemSchema = z.strictObject({
  id,
  rank: positiveInt,
  label: localizedTextSchema,
  source: z.optional(text),
});

const labelledItemSchema = z.strictObject({
  id,
  label: localizedTextSchema,
  source: z.optional(text),
  aliases,
});

const sizeFieldSchema = z.strictObject({
  id,
  unit: z.enum(['people', 'yen']),
  label: localizedTextSchema,
});

/** Size field → threshold. Keyed by the file's text: every key kept (`__proto__` too, to be named as unknown). */
const thresholdsSchema = userRecord(z.number().check(z.gte(0)));

const responsibilitySchema = z.strictObject({
  kind: z.literal('responsibility'),
  role: id,
  years: z.number().check(z.positive()),
  /** 成功裡に: only engagements with outcome `success` count. */
  success: withDefault(z.boolean(), false),
  /** On every engagement that counts toward the years (rules.md §2.1). */
  activities: withDefault(ids, []),
  /** At least once on any engagement of the specialty, any role or outcome (rules.md §2.1). */
  experiences: withDefault(ids, []),
  /** （レベルN以上の複雑性、サイズ相当）: each counted engagement meets the complexity and the size of some level ≥ N. */
  engagementsAtOrAbove: withDefault(z.boolean(), true),
  source: text,
});

const complexitySchema = z.strictObject({
  kind: z.literal('complexity'),
  conditions: z.array(id).check(z.minLength(1)),
  atLeast: positiveInt,
  required: withDefault(ids, []),
  success: withDefault(z.boolean(), false),
  source: text,
});

const sizeOptionSchema = z.strictObject({
  /** Met when any one of these thresholds is reached (lower bounds, rules.md §2.3). */
  anyOf: thresholdsSchema.check(z.refine((t) => Object.keys(t).length > 0, 'at least one threshold')),
  /** The same engagement must also tick this many of the level's complexity conditions. */
  complexityAtLeast: z.optional(positiveInt),
  /** The source's upper bound ("…未満"), kept for traceability only: never evaluated. */
  sourceUpperBound: z.optional(thresholdsSchema),
  source: z.optional(text),
});

const sizeSchema = z
  .strictObject({
    kind: z.literal('size'),
    /** 特定せず: always met. */
    unspecified: withDefault(z.boolean(), false),
    success: withDefault(z.boolean(), false),
    options: withDefault(z.array(sizeOptionSchema), []),
    source: text,
  })
  .check(
    z.refine((c) => c.unspecified !== c.options.length > 0, {
      message: 'a size criterion has either `unspecified: true` or at least one option, not both',
      params: { code: 'not-allowed', expected: ['unspecified: true, or options'] },
    }),
  );

const expertiseSchema = z.strictObject({
  kind: z.literal('expertise'),
  depth: id,
  /** Overrides the specialty's `areasRequired` for this level. */
  areasRequired: z.optional(z.enum(['all', 'any'])),
  source: text,
});

const knowledgeTransferSchema = z.strictObject({
  kind: z.literal('knowledge-transfer'),
  atLeastKinds: positiveInt,
  source: text,
});

const mentoringSchema = z.strictObject({
  kind: z.literal('mentoring'),
  atLeast: withDefault(positiveInt, 1),
  source: text,
});

const criterionSchema = z.discriminatedUnion('kind', [
  responsibilitySchema,
  complexitySchema,
  sizeSchema,
  expertiseSchema,
  knowledgeTransferSchema,
  mentoringSchema,
]);

const levelSchema = z.strictObject({
  level: positiveInt,
  page: z.optional(text),
  /** <注釈>: passing one of these exams is regarded as reaching this level's minimum (reported as examLevel). */
  examEquivalence: z.optional(z.strictObject({ exams: z.array(id).check(z.minLength(1)), source: text })),
  criteria: z.array(criterionSchema).check(z.minLength(1)),
});

const specialtySchema = z.strictObject({
  id,
  label: localizedTextSchema,
  areasRequired: z.enum(['all', 'any']),
  complexity: withDefault(z.array(listItemSchema), []),
  areas: withDefault(z.array(listItemSchema), []),
  activities: withDefault(z.array(listItemSchema), []),
  levels: z.array(levelSchema).check(z.minLength(1)),
});

export const standardSchema = z.strictObject({
  format: z.literal(STANDARD_FORMAT),
  id,
  version: z.optional(z.string()),
  title: localizedTextSchema,
  source: z.optional(text),
  scales: z.strictObject({
    role: z.array(rankedItemSchema).check(z.minLength(1)),
    depth: z.array(rankedItemSchema).check(z.minLength(1)),
    knowledgeTransfer: withDefault(z.array(labelledItemSchema), []),
    exams: withDefault(z.array(labelledItemSchema), []),
  }),
  sizeFields: withDefault(z.array(sizeFieldSchema), []),
  specialties: z.array(specialtySchema).check(z.minLength(1)),
});

export type StandardDocument = z.infer<typeof standardSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type CriterionKind = Criterion['kind'];
/** Each kind's criterion, by kind: indexing it with a generic kind keeps the kind and its criterion together. */
type CriterionMap = { [C in Criterion as C['kind']]: C };
export type CriterionOf<K extends CriterionKind> = CriterionMap[K];

export type SizeOption = z.infer<typeof sizeOptionSchema>;
export type LevelDefinition = z.infer<typeof levelSchema>;
export type SpecialtyDefinition = z.infer<typeof specialtySchema>;

export interface ReferenceIssue {
  path: (string | number)[];
  code: ValueDiagnosticCode;
  value: unknown;
  expected: string[];
}

/** Every id a level uses must be declared once; returns the problems, with the ids that do exist. */
export function checkStandardReferences(doc: StandardDocument): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const ids = (items: { id: string }[]) => items.map((i) => i.id);
  const unique = (items: { id: string }[], path: (string | number)[]) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) issues.push({ path: [...path, i, 'id'], code: 'duplicate-id', value: item.id, expected: [] });
      seen.add(item.id);
    });
  };
  const known = (value: string, allowed: string[], path: (string | number)[]) => {
    if (!allowed.includes(value)) issues.push({ path, code: 'unknown-id', value, expected: allowed });
  };

  unique(doc.scales.role, ['scales', 'role']);
  unique(doc.scales.depth, ['scales', 'depth']);
  unique(doc.scales.knowledgeTransfer, ['scales', 'knowledgeTransfer']);
  unique(doc.scales.exams, ['scales', 'exams']);
  unique(doc.sizeFields, ['sizeFields']);
  unique(doc.specialties, ['specialties']);
  const roles = ids(doc.scales.role);
  const depths = ids(doc.scales.depth);
  const exams = ids(doc.scales.exams);
  const sizeFields = ids(doc.sizeFields);

  doc.specialties.forEach((specialty, s) => {
    const base: (string | number)[] = ['specialties', s];
    unique(specialty.complexity, [...base, 'complexity']);
    unique(specialty.areas, [...base, 'areas']);
    unique(specialty.activities, [...base, 'activities']);
    const conditions = ids(specialty.complexity);
    const activities = ids(specialty.activities);
    const levelsSeen = new Set<number>();
    specialty.levels.forEach((level, l) => {
      const lp = [...base, 'levels', l];
      if (levelsSeen.has(level.level)) issues.push({ path: [...lp, 'level'], code: 'duplicate-level', value: level.level, expected: [] });
      levelsSeen.add(level.level);
      level.examEquivalence?.exams.forEach((e, i) => known(e, exams, [...lp, 'examEquivalence', 'exams', i]));
      const kinds = new Set<string>();
      const complexity = level.criteria.find((c) => c.kind === 'complexity');
      level.criteria.forEach((criterion, c) => {
        const cp = [...lp, 'criteria', c];
        if (kinds.has(criterion.kind)) issues.push({ path: [...cp, 'kind'], code: 'duplicate-kind', value: criterion.kind, expected: [] });
        kinds.add(criterion.kind);
        switch (criterion.kind) {
          case 'responsibility':
            known(criterion.role, roles, [...cp, 'role']);
            criterion.activities.forEach((a, i) => known(a, activities, [...cp, 'activities', i]));
            criterion.experiences.forEach((a, i) => known(a, activities, [...cp, 'experiences', i]));
            break;
          case 'complexity':
            criterion.conditions.forEach((x, i) => known(x, conditions, [...cp, 'conditions', i]));
            criterion.required.forEach((x, i) => known(x, criterion.conditions, [...cp, 'required', i]));
            if (criterion.atLeast > criterion.conditions.length)
              issues.push({ path: [...cp, 'atLeast'], code: 'more-than-listed', value: criterion.atLeast, expected: [String(criterion.conditions.length)] });
            break;
          case 'size':
            criterion.options.forEach((option, o) => {
              const op = [...cp, 'options', o];
              Object.keys(option.anyOf).forEach((f) => known(f, sizeFields, [...op, 'anyOf', f]));
              Object.keys(option.sourceUpperBound ?? {}).forEach((f) => known(f, sizeFields, [...op, 'sourceUpperBound', f]));
              if (option.complexityAtLeast !== undefined && !complexity)
                issues.push({ path: [...op, 'complexityAtLeast'], code: 'no-complexity-criterion', value: option.complexityAtLeast, expected: [] });
            });
            break;
          case 'expertise':
            known(criterion.depth, depths, [...cp, 'depth']);
            if (specialty.areas.length === 0) issues.push({ path: [...base, 'areas'], code: 'no-areas', value: [], expected: [] });
            break;
          case 'knowledge-transfer':
            if (criterion.atLeastKinds > doc.scales.knowledgeTransfer.length)
              issues.push({ path: [...cp, 'atLeastKinds'], code: 'more-than-listed', value: criterion.atLeastKinds, expected: [String(doc.scales.knowledgeTransfer.length)] });
            break;
          case 'mentoring':
            break;
        }
      });
    });
  });
  return issues;
}
