import type { CriterionResultOf, Evidence, RequiredOf } from '../assessment.js';
import type { Standard } from '../../standard/loadStandard.js';
import type { CriterionKind, CriterionOf, LevelDefinition, SpecialtyDefinition } from '../../standard/standardSchema.js';
import type { EngagementInScope, EngagementKind, EvaluationContext } from './evaluationContext.js';

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

/** Takes one piece of a detail key. */
export type DetailKeyPiece = (piece: string | number | undefined) => void;

/** A criterion's verdict for one candidate, compiled once per standard (see StandardPlan). */
export type Verdict = (context: EvaluationContext) => boolean;

/** One evaluator per criterion kind: what the criterion asks for, and the verdict for one candidate. */
export interface Evaluator<K extends CriterionKind> {
  /** What the criterion asks for, as data (the `required` of its results; `itss levels` prints it too). */
  required(criterion: CriterionOf<K>, scope: CriterionScope): RequiredOf<K>;
  evaluate(criterion: CriterionOf<K>, context: EvaluationContext): CriterionResultOf<K>;
  /**
   * The verdict alone, as `evaluate(…).met` gives it, without building the result (a batch needs most levels'
   * verdicts only): compiled once per standard, with the criterion's ids, ranks and thresholds read into numbers.
   */
  compile(criterion: CriterionOf<K>, scope: CompileScope): Verdict;
  /**
   * Everything `evaluate` reads of the context besides the criterion, as pieces given to `key`: candidates whose
   * pieces are equal get equal detail, so a batch shares one result between them (see SharedResults). Absent for
   * kinds whose detail is rarely the same twice (the years, one engagement's size).
   */
  detailKey?(criterion: CriterionOf<K>, context: EvaluationContext, key: DetailKeyPiece): void;
  /**
   * How much a verdict costs, relatively: a level's verdict asks the cheapest criteria first, so that an unmet
   * contribution spares the years' arithmetic. (A level is met when all its criteria are: the order changes no
   * verdict.)
   */
  verdictCost: number;
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
export function someEngagementFits(kind: EngagementKind, success: boolean, levelIndex: number): Verdict {
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

/** A context's activities of its specialty not read yet (activitiesSeen): read as bits where a criterion asks. */
export const MASK_NOT_READ = -2;

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
