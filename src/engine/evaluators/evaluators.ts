import type { CriterionResult, CriterionResultOf, RequiredOf } from '../assessment.js';
import type { Criterion, CriterionKind, CriterionOf } from '../../standard/standardSchema.js';
import { complexityEvaluator } from './complexityEvaluator.js';
import { expertiseEvaluator, knowledgeTransferEvaluator, mentoringEvaluator } from './contributionEvaluators.js';
import type { EvaluationContext } from './evaluationContext.js';
import { fieldKey, sourcesOf, unionOf, type CriterionScope, type EngagementEvaluator, type EngagementKind, type Evaluator, type FieldKey, type FieldList, type Verdict } from './evaluator.js';
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

/** A criterion's result, by its kind's evaluator. Call as `evaluateCriterion(criterion.kind, criterion, context)`. */
export function evaluateCriterion<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, context: EvaluationContext): CriterionResultOf<K> {
  return evaluators[kind].evaluate(criterion, context);
}

/** A criterion's result with `met` from its compiled verdict (the plan's: see StandardPlan). */
export function criterionDetail(criterion: Criterion, verdict: Verdict, context: EvaluationContext): CriterionResult {
  return detailOf(criterion.kind, criterion, verdict(context), context);
}

function detailOf<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, met: boolean, context: EvaluationContext): CriterionResultOf<K> {
  return evaluators[kind].detail(criterion, context, met);
}

/**
 * Writes into `path` from `at` the pieces of what a criterion's evaluator reads of the candidate (its Reads), and
 * returns where they end: candidates whose pieces are equal get equal detail. -1, writing nothing, for a kind whose
 * detail is not shared.
 */
export function criterionDetailKey(kind: CriterionKind, context: EvaluationContext, path: unknown[], at: number): number {
  const evaluator = evaluators[kind];
  return evaluator.shareDetail ? evaluator.detailKey(context, path, at) : -1;
}

/**
 * Every field any evaluator reads of the candidate, each with the union of the keys read of its records (a field
 * one reads whole is read whole): what a specialty's levels depend on besides the standard and the date.
 */
export const fieldsReadByAny: FieldList = unionOf(Object.values(evaluators).map((e) => e.fieldList));

/**
 * The pieces of what `fieldsReadByAny` is worked out from (sourcesOf) in a context (see fieldKey): the key of a
 * specialty's result shared between candidates.
 */
export const keyOfFieldsReadByAny: FieldKey = fieldKey(sourcesOf(fieldsReadByAny));

/** What a criterion asks for, as data, by its kind's evaluator. */
export function requiredOf<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, scope: CriterionScope): RequiredOf<K> {
  return evaluators[kind].required(criterion, scope);
}
