import type { CriterionResultOf, Evidence, RequiredOf } from '../assessment.js';
import type { CriterionKind, CriterionOf, LevelDefinition, SpecialtyDefinition } from '../../standard/standardSchema.js';
import type { EngagementInScope, EvaluationContext } from './evaluationContext.js';

/** Where a criterion stands: its specialty and level. */
export interface CriterionScope {
  specialty: SpecialtyDefinition;
  level: LevelDefinition;
}

/** One evaluator per criterion kind: what the criterion asks for, and the verdict for one candidate. */
export interface Evaluator<K extends CriterionKind> {
  /** What the criterion asks for, as data (the `required` of its results; `itss levels` prints it too). */
  required(criterion: CriterionOf<K>, scope: CriterionScope): RequiredOf<K>;
  evaluate(criterion: CriterionOf<K>, context: EvaluationContext): CriterionResultOf<K>;
  /** The verdict alone, as `evaluate(…).met` gives it, without building the result (a batch needs most levels' verdicts only). */
  meets(criterion: CriterionOf<K>, context: EvaluationContext): boolean;
  /**
   * How much a verdict costs, relatively: a level's verdict asks the cheapest criteria first, so that an unmet
   * contribution spares the years' arithmetic. (A level is met when all its criteria are: the order changes no
   * verdict.)
   */
  verdictCost: number;
}

/** The kinds one engagement can meet on its own (以上 asks them of each engagement, rules.md §2.1). */
export type EngagementKind = Extract<CriterionKind, 'complexity' | 'size'>;

export interface EngagementEvaluator<K extends EngagementKind> extends Evaluator<K> {
  /** Does this one engagement meet the criterion of `level`? */
  matches(criterion: CriterionOf<K>, engagement: EngagementInScope, level: LevelDefinition): boolean;
}

export function engagementEvidence(engagement: EngagementInScope): Evidence {
  return engagement.title === undefined ? { type: 'engagement', index: engagement.index } : { type: 'engagement', index: engagement.index, title: engagement.title };
}

/** Engagements that may count where the clause says 成功裡に (success: true). */
export function eligible(engagements: EngagementInScope[], success: boolean): EngagementInScope[] {
  return success ? engagements.filter((e) => e.outcome === 'success') : engagements;
}

/** Does any engagement that may count (as `eligible` says) pass `test`? Nothing allocated: verdicts ask this often. */
export function someEligible(engagements: EngagementInScope[], success: boolean, test: (engagement: EngagementInScope) => boolean): boolean {
  for (const engagement of engagements) if ((!success || engagement.outcome === 'success') && test(engagement)) return true;
  return false;
}

/** The conditions of a list that an engagement ticks. */
export function tickedOf(engagement: EngagementInScope, conditions: readonly string[]): string[] {
  return conditions.filter((c) => engagement.complexity.includes(c));
}

/**
 * How many conditions of a list an engagement ticks: the engine asks this of every engagement at every level, so
 * by bits where the ids have them (see idMask), else by the lists.
 */
export function tickCount(engagement: EngagementInScope, conditions: readonly string[]): number {
  const wanted = idMask(conditions);
  if (wanted >= 0 && engagement.complexityMask >= 0) return bitCount(wanted & engagement.complexityMask);
  let count = 0;
  for (const c of conditions) if (engagement.complexity.includes(c)) count++;
  return count;
}

/** Bits of ids, numbered on first sight across every standard (complexity ids: a dozen in the built-in one). */
const bitOfId = new Map<string, number>();
const MAX_BITS = 30;
const masks = new WeakMap<readonly string[], number>();

/** The ids of a list as bits, remembered per list (lists are shared: criteria's, and cells read once); -1 when an id has no bit. */
export function idMask(ids: readonly string[]): number {
  let mask = masks.get(ids);
  if (mask === undefined) {
    mask = 0;
    for (const id of ids) {
      let bit = bitOfId.get(id);
      if (bit === undefined && bitOfId.size < MAX_BITS) bitOfId.set(id, (bit = bitOfId.size));
      if (bit === undefined) {
        mask = -1;
        break;
      }
      mask |= 1 << bit;
    }
    masks.set(ids, mask);
  }
  return mask;
}

function bitCount(bits: number): number {
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
