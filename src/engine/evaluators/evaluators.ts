import type { CriterionKind } from '../../standard/standardSchema.js';
import { expertiseEvaluator, knowledgeTransferEvaluator, mentoringEvaluator } from './contributionEvaluators.js';
import { complexityEvaluator } from './complexityEvaluator.js';
import type { Evaluator } from './evaluator.js';
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
