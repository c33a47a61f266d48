import type { CriterionResultOf, RequiredOf } from '../assessment.js';
import type { CriterionKind, CriterionOf } from '../../standard/standardSchema.js';
import { complexityEvaluator } from './complexityEvaluator.js';
import { expertiseEvaluator, knowledgeTransferEvaluator, mentoringEvaluator } from './contributionEvaluators.js';
import type { EvaluationContext } from './evaluationContext.js';
import type { CriterionScope, DetailKeyPiece, EngagementEvaluator, EngagementKind, Evaluator } from './evaluator.js';
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

/** Gives a criterion's detail key to `key` (see Evaluator.detailKey); false, giving nothing, for a kind that has none. */
export function criterionDetailKey<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, context: EvaluationContext, key: DetailKeyPiece): boolean {
  const evaluator: Evaluator<K> = evaluators[kind];
  if (!evaluator.detailKey) return false;
  evaluator.detailKey(criterion, context, key);
  return true;
}

/** What a criterion asks for, as data, by its kind's evaluator. */
export function requiredOf<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, scope: CriterionScope): RequiredOf<K> {
  return evaluators[kind].required(criterion, scope);
}
