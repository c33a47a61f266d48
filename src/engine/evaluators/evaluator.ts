import type { CriterionResult, Evidence } from '../assessment.js';
import type { CriterionKind, CriterionOf } from '../../standard/standardSchema.js';
import type { LevelDefinition, SpecialtyDefinition } from '../../standard/standardSchema.js';
import type { EngagementInScope, EvaluationContext } from './evaluationContext.js';

/** Where a criterion stands: its specialty and level. */
export interface CriterionScope {
  specialty: SpecialtyDefinition;
  level: LevelDefinition;
}

/** One evaluator per criterion kind; `matches` judges a single engagement where the kind allows it. */
export interface Evaluator<K extends CriterionKind> {
  /** What the criterion asks for, as data (the `required` of its results; `itss levels` prints it too). */
  required(criterion: CriterionOf<K>, scope: CriterionScope): Record<string, unknown>;
  evaluate(criterion: CriterionOf<K>, context: EvaluationContext): CriterionResult;
  matches?(criterion: CriterionOf<K>, engagement: EngagementInScope, context: EvaluationContext): boolean;
}

export function engagementEvidence(engagement: EngagementInScope): Evidence {
  return engagement.title === undefined ? { type: 'engagement', index: engagement.index } : { type: 'engagement', index: engagement.index, title: engagement.title };
}

/** Engagements that may count where the clause says 成功裡に (success: true). */
export function eligible(engagements: EngagementInScope[], success: boolean): EngagementInScope[] {
  return success ? engagements.filter((e) => e.outcome === 'success') : engagements;
}

/** The conditions of a list that an engagement ticks. */
export function tickedOf(engagement: EngagementInScope, conditions: readonly string[]): string[] {
  return conditions.filter((c) => engagement.complexity.includes(c));
}

/** How many conditions of a list an engagement ticks (no array built: the engine asks this very often). */
export function tickCount(engagement: EngagementInScope, conditions: readonly string[]): number {
  let count = 0;
  for (const c of conditions) if (engagement.complexity.includes(c)) count++;
  return count;
}

const requiredCache = new WeakMap<object, Record<string, unknown>>();

/** A criterion's `required` is the same for every candidate: built once per criterion and shared (read-only). */
export function requiredFor<K extends CriterionKind>(evaluator: Evaluator<K>, criterion: CriterionOf<K>, scope: CriterionScope): Record<string, unknown> {
  let required = requiredCache.get(criterion);
  if (!required) {
    required = evaluator.required(criterion, scope);
    requiredCache.set(criterion, required);
  }
  return required;
}
