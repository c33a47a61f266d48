import type { CriterionResultOf, RequiredOf } from '../assessment.js';
import type { CriterionKind, CriterionOf, LevelDefinition } from '../../standard/standardSchema.js';
import { criterionOfKind } from '../../standard/standardSchema.js';
import { complexityEvaluator } from './complexityEvaluator.js';
import { expertiseEvaluator, knowledgeTransferEvaluator, mentoringEvaluator } from './contributionEvaluators.js';
import type { EngagementInScope, EvaluationContext } from './evaluationContext.js';
import type { CriterionScope, EngagementEvaluator, EngagementKind, Evaluator } from './evaluator.js';
import { responsibilityEvaluator } from './responsibilityEvaluator.js';
import { sizeEvaluator } from './sizeEvaluator.js';

/** The engine's only dispatch: one evaluator per criterion kind. */
export const evaluators: { [K in CriterionKind]: Evaluator<K> } = {
  responsibility: responsibilityEvaluator,
  complexity: complexityEvaluator,
  size: sizeEvaluator,
  expertise: expertiseEvaluator,
  'knowledge-transfer': knowledgeTransferEvaluator,
  mentoring: mentoringEvaluator,
};

/** The evaluators that also judge one engagement on its own. */
export const engagementEvaluators: { [K in EngagementKind]: EngagementEvaluator<K> } = {
  complexity: complexityEvaluator,
  size: sizeEvaluator,
};

/** A criterion's verdict, by its kind's evaluator. Call as `evaluateCriterion(criterion.kind, criterion, context)`. */
export function evaluateCriterion<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, context: EvaluationContext): CriterionResultOf<K> {
  return evaluators[kind].evaluate(criterion, context);
}

/** A criterion's verdict alone, by its kind's evaluator (the same as `evaluateCriterion(…).met`). */
export function criterionMeets<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, context: EvaluationContext): boolean {
  return evaluators[kind].meets(criterion, context);
}

const verdictOrders = new WeakMap<LevelDefinition, LevelDefinition['criteria']>();

/** A level's verdict: all its criteria met, asked cheapest first (the standard's order is kept for results). */
export function levelMeets(level: LevelDefinition, context: EvaluationContext): boolean {
  let order = verdictOrders.get(level);
  if (!order) verdictOrders.set(level, (order = [...level.criteria].sort((a, b) => evaluators[a.kind].verdictCost - evaluators[b.kind].verdictCost)));
  for (const criterion of order) if (!criterionMeets(criterion.kind, criterion, context)) return false;
  return true;
}

/** What a criterion asks for, as data, by its kind's evaluator. */
export function requiredOf<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, scope: CriterionScope): RequiredOf<K> {
  return evaluators[kind].required(criterion, scope);
}

/** Does one engagement meet the `kind` criterion of `level`? A level without such a criterion asks nothing of it. */
export function engagementMatches<K extends EngagementKind>(kind: K, level: LevelDefinition, engagement: EngagementInScope): boolean {
  const criterion = criterionOfKind(level, kind);
  return criterion === undefined || engagementEvaluators[kind].matches(criterion, engagement, level);
}
