import type { CriterionResultOf, Evidence, RequiredOf } from '../assessment.js';
import type { Standard } from '../../standard/loadStandard.js';
import type { CriterionKind, CriterionOf, LevelDefinition, SpecialtyDefinition } from '../../standard/standardSchema.js';
import { DERIVED_FIELDS, type CandidateField, type EngagementInScope, type EngagementKind, type EvaluationContext, type ScopeField } from './evaluationContext.js';

export type { EngagementKind } from './evaluationContext.js';

/** Where a criterion stands: its specialty and level. */
export interface CriterionScope {
  specialty: SpecialtyDefinition;
  level: LevelDefinition;
}

/** What a criterion is compiled against: its place in the standard, and the standard's scales as ranks. */
export interface CompileScope extends CriterionScope {
  standard: Standard;
  /** Position of `level` in `specialty.levels` (lowest first). */
  levelIndex: number;
  roleRank: (id: string) => number;
  depthRank: (id: string) => number;
}

/** A criterion's verdict for one candidate, compiled once per standard (see StandardPlan). */
export type Verdict = (context: EvaluationContext) => boolean;

type ElementOf<T> = T extends readonly (infer E)[] ? E : never;

/** How an evaluator reads one field of the context: whole (`true`), or, of a list of records, these keys of each. */
type FieldRead<F extends CandidateField> = true | readonly (keyof ElementOf<EvaluationContext[F]> & string)[];

/**
 * What an evaluator reads of the candidate, declared once: the context's fields, and of a list of records the keys.
 * Its verdict and its detail are given a view of the context with these fields alone (View), and the key by which a
 * batch shares its detail between candidates is made of them (fieldKey): the three cannot drift apart.
 */
export type Reads = { readonly [F in CandidateField]?: FieldRead<F> };

/** The context as an evaluator that declares `R` sees it: the criterion's scope, and the candidate's fields it reads. */
export type View<R extends Reads> = Readonly<Pick<EvaluationContext, ScopeField>> & {
  readonly [F in keyof R & CandidateField]: R[F] extends readonly (infer Key extends keyof ElementOf<EvaluationContext[F]>)[]
    ? readonly Pick<ElementOf<EvaluationContext[F]>, Key>[]
    : EvaluationContext[F];
};

/** A declaration's fields in order, each with the keys read of its records (null: the field whole). */
export type FieldList = readonly (readonly [CandidateField, readonly string[] | null])[];

/** An evaluator as it is written: its inputs declared once, and its verdict and detail over them alone. */
export interface EvaluatorDefinition<K extends CriterionKind, R extends Reads> {
  reads: R;
  /**
   * Whether a batch shares the detail of candidates whose reads are equal (see SharedResults): false for kinds whose
   * detail is rarely the same twice (the years, one engagement's size and complexity).
   */
  shareDetail: boolean;
  /**
   * How much a verdict costs, relatively: a level's verdict asks the cheapest criteria first, so that an unmet
   * contribution spares the years' arithmetic. (A level is met when all its criteria are: the order changes no
   * verdict.)
   */
  verdictCost: number;
  /** What the criterion asks for, as data (the `required` of its results; `itss levels` prints it too). */
  required: (criterion: CriterionOf<K>, scope: CriterionScope) => RequiredOf<K>;
  /** The verdict, compiled once per standard, with the criterion's ids, ranks and thresholds read into numbers. */
  compile: (criterion: CriterionOf<K>, scope: CompileScope) => (view: View<R>) => boolean;
  /** The result of a criterion whose compiled verdict is `met`: required, actual, the gap where unmet, the evidence. */
  detail: (criterion: CriterionOf<K>, view: View<R>, met: boolean) => CriterionResultOf<K>;
}

/** One evaluator per criterion kind, as the engine uses it (made by defineEvaluator). */
export interface Evaluator<K extends CriterionKind> {
  readonly reads: Reads;
  /** `reads` as a list, in declaration order. */
  readonly fieldList: FieldList;
  /** The pieces of a detail key: `fieldList`'s values in a context (see fieldKey). */
  readonly detailKey: FieldKey;
  readonly shareDetail: boolean;
  readonly verdictCost: number;
  required(criterion: CriterionOf<K>, scope: CriterionScope): RequiredOf<K>;
  /**
   * The verdict alone, without building the result (a batch needs most levels' verdicts only): compiled once per
   * standard (see StandardPlan).
   */
  compile(criterion: CriterionOf<K>, scope: CompileScope): Verdict;
  /** The result of a criterion whose verdict (from `compile`) is `met`. */
  detail(criterion: CriterionOf<K>, context: EvaluationContext, met: boolean): CriterionResultOf<K>;
  /** The result, with the compiled verdict as its `met`. */
  evaluate(criterion: CriterionOf<K>, context: EvaluationContext): CriterionResultOf<K>;
}

/**
 * An evaluator from its definition: `evaluate` gives the detail the compiled verdict (compiled once per criterion: a
 * criterion belongs to one level of one standard, which is its whole scope).
 */
export function defineEvaluator<K extends CriterionKind, const R extends Reads>(definition: EvaluatorDefinition<K, R>): Evaluator<K> {
  const verdicts = new WeakMap<CriterionOf<K>, Verdict>();
  const fieldList: FieldList = Object.entries(definition.reads)
    .map(([field, read]) => [field as CandidateField, read === true ? null : (read as readonly string[])] as const);
  // A context is a view for every declaration (it holds every field); TypeScript cannot see that for a generic `R`.
  const compile = definition.compile as unknown as Evaluator<K>['compile'];
  const detail = definition.detail as unknown as Evaluator<K>['detail'];
  return {
    reads: definition.reads,
    fieldList,
    detailKey: fieldKey(sourcesOf(fieldList)),
    shareDetail: definition.shareDetail,
    verdictCost: definition.verdictCost,
    required: definition.required,
    compile,
    detail,
    evaluate(criterion, context) {
      let verdict = verdicts.get(criterion);
      if (!verdict) verdicts.set(criterion, (verdict = compile(criterion, context)));
      return detail(criterion, context, verdict(context));
    },
  };
}

/**
 * The fields of lists in one: each field once, with the union of the keys read of its records (a field one reads
 * whole is read whole), in the order first met.
 */
export function unionOf(lists: readonly FieldList[]): FieldList {
  const union = new Map<CandidateField, string[] | null>();
  for (const list of lists) {
    for (const [field, keys] of list) {
      const known = union.get(field);
      if (known === null) continue;
      if (keys === null) union.set(field, null);
      else union.set(field, [...new Set([...(known ?? []), ...keys])]);
    }
  }
  return [...union];
}

/**
 * What a list's fields are worked out from (DERIVED_FIELDS): each field the context works out replaced by its
 * sources, the others as they are (see unionOf). Equal values of these give equal values of the fields: the pieces
 * of a key.
 */
export function sourcesOf(list: FieldList): FieldList {
  const derived: Partial<Record<CandidateField, Readonly<Partial<Record<CandidateField, true | readonly string[]>>>>> = DERIVED_FIELDS;
  return unionOf(list.map(([field, keys]): FieldList => {
    const sources = derived[field];
    if (!sources) return [[field, keys]];
    return Object.entries(sources).map(([source, read]) => [source as CandidateField, read === true ? null : read]);
  }));
}

/** Writes the pieces of a context's fields into `path` from `at` (see fieldKey); returns where they end. */
export type FieldKey = (context: EvaluationContext, path: unknown[], at: number) => number;

/**
 * What writes the pieces of the fields of a list, as the context holds them: each field whole (a list as its
 * length, then its items), or, of a list of records, its length, then the keys read of each record. Candidates
 * whose pieces are equal have equal values of every field read. Made once per list, a function per field: the
 * batch asks it for most specialties of every candidate, and a loop over the list each time cost more. The pieces
 * are written into the caller's path, not handed one by one to a function: a call per piece cost more than the
 * writing.
 */
export function fieldKey(fields: FieldList): FieldKey {
  const parts = fields.map(([field, keys]): FieldKey => {
    if (keys === null) {
      return (context, path, at) => {
        const value: unknown = context[field];
        if (!Array.isArray(value)) {
          path[at] = value;
          return at + 1;
        }
        path[at++] = value.length;
        for (let i = 0; i < value.length; i++) path[at++] = value[i];
        return at;
      };
    }
    return (context, path, at) => {
      const records = context[field] as unknown as readonly Record<string, unknown>[];
      path[at++] = records.length;
      for (let i = 0; i < records.length; i++) for (let k = 0; k < keys.length; k++) path[at++] = records[i]![keys[k]!];
      return at;
    };
  });
  return (context, path, at) => {
    for (let i = 0; i < parts.length; i++) at = parts[i]!(context, path, at);
    return at;
  };
}

/** Does one engagement meet a criterion of its own (compiled once per criterion)? */
export type EngagementFit = (engagement: EngagementInScope) => boolean;

export interface EngagementEvaluator<K extends EngagementKind> extends Evaluator<K> {
  /** Does one engagement meet the criterion of `level`? The same function for a criterion every time it is asked. */
  fit(criterion: CriterionOf<K>, level: LevelDefinition): EngagementFit;
}

/** A fit made once per criterion (a criterion belongs to one level) and kept. */
export function fitCache<C extends object>(make: (criterion: C, level: LevelDefinition) => EngagementFit):
  (criterion: C, level: LevelDefinition) => EngagementFit {
  const fits = new WeakMap<C, EngagementFit>();
  return (criterion, level) => {
    let fit = fits.get(criterion);
    if (!fit) fits.set(criterion, (fit = make(criterion, level)));
    return fit;
  };
}

export function engagementEvidence(engagement: EngagementInScope): Evidence {
  return engagement.title === undefined ? { type: 'engagement', index: engagement.index } : { type: 'engagement', index: engagement.index, title: engagement.title };
}

/** Engagements that may count where the clause says 成功裡に (success: true). */
export function eligible(engagements: EngagementInScope[], success: boolean): EngagementInScope[] {
  return success ? engagements.filter((e) => e.outcome === 'success') : engagements;
}

/**
 * The verdict of a criterion one engagement meets on its own (complexity, size): some engagement that may count
 * fits the level, as the context remembers each engagement's fit (以上 asks the same fits).
 */
export function someEngagementFits(kind: EngagementKind, success: boolean, levelIndex: number):
  (view: Pick<EvaluationContext, 'engagements' | 'engagementMeets'>) => boolean {
  return (context) => {
    for (const engagement of context.engagements) if ((!success || engagement.outcome === 'success') && context.engagementMeets(kind, levelIndex, engagement)) return true;
    return false;
  };
}

/** The conditions of a list that an engagement ticks. */
export function tickedOf(engagement: EngagementInScope, conditions: readonly string[]): string[] {
  return conditions.filter((c) => engagement.complexity.includes(c));
}

/**
 * How many conditions of a list an engagement ticks: the engine asks this of every engagement at every level, so
 * by bits where the ids have them (see IdBits), else by the lists.
 */
export function tickCount(engagement: EngagementInScope, conditions: readonly string[], wanted = complexityBits.mask(conditions)): number {
  if (wanted >= 0 && engagement.complexityMask >= 0) return bitCount(wanted & engagement.complexityMask);
  let count = 0;
  for (const c of conditions) if (engagement.complexity.includes(c)) count++;
  return count;
}

/**
 * Ids as bits, numbered on first sight across every standard (complexity ids: a dozen in the built-in one), so
 * that "ticks N of the list" and "carries all of these" are bit operations. A list holding an id beyond the bits
 * has the mask -1, and is then read as a list.
 */
export class IdBits {
  private readonly bitOfId = new Map<string, number>();
  private readonly masks = new WeakMap<readonly string[], number>();
  private static readonly MAX_BITS = 30;

  /** The ids of a list as bits, remembered per list (lists are shared: criteria's, and cells read once). */
  mask(ids: readonly string[]): number {
    // An empty list (most engagements' activities) without a lookup.
    if (ids.length === 0) return 0;
    let mask = this.masks.get(ids);
    if (mask === undefined) {
      mask = 0;
      for (const id of ids) {
        let bit = this.bitOfId.get(id);
        if (bit === undefined && this.bitOfId.size < IdBits.MAX_BITS) this.bitOfId.set(id, (bit = this.bitOfId.size));
        if (bit === undefined) {
          mask = -1;
          break;
        }
        mask |= 1 << bit;
      }
      this.masks.set(ids, mask);
    }
    return mask;
  }
}

/** Complexity conditions, and activities: each its own bits. */
export const complexityBits = new IdBits();
export const activityBits = new IdBits();

/** Does a list (as `mask`, or `list` where it has none) hold every id of `wanted` (as `wantedMask`, or `wantedList`)? */
export function holdsAll(mask: number, list: readonly string[], wantedMask: number, wantedList: readonly string[]): boolean {
  if (mask >= 0 && wantedMask >= 0) return (mask & wantedMask) === wantedMask;
  for (const id of wantedList) if (!list.includes(id)) return false;
  return true;
}

export function bitCount(bits: number): number {
  let count = 0;
  for (let b = bits; b !== 0; b &= b - 1) count++;
  return count;
}

/**
 * A criterion's `required` is the same for every candidate: built once per criterion and shared (read-only).
 * One cache per evaluator, so each holds its own kind's values.
 */
export function requiredCache<C extends object, R>(compute: (criterion: C, scope: CriterionScope) => R): (criterion: C, scope: CriterionScope) => R {
  const cache = new WeakMap<C, R>();
  return (criterion, scope) => {
    let required = cache.get(criterion);
    if (required === undefined) cache.set(criterion, (required = compute(criterion, scope)));
    return required;
  };
}
