import type { CriterionResultOf } from '../assessment.js';
import type { CriterionOf } from '../../standard/standardSchema.js';
import type { EngagementInScope } from './evaluationContext.js';
import { complexityBits, eligible, engagementEvidence, fitCache, holdsAll, defineEvaluator, requiredCache, someEngagementFits, tickCount, tickedOf, type EngagementEvaluator, type View } from './evaluator.js';

/** Does one engagement tick at least N of the list, and every required item? Its lists read into bits once. */
const fit = fitCache((criterion: CriterionOf<'complexity'>) => {
  const { conditions, atLeast, required } = criterion;
  const [conditionBits, requiredBits] = [complexityBits.mask(conditions), complexityBits.mask(required)];
  return (engagement: EngagementInScope) => tickCount(engagement, conditions, conditionBits) >= atLeast
    && holdsAll(engagement.complexityMask, engagement.complexity, requiredBits, required);
});

/** 複雑性: one engagement ticking at least N of the level's own list, with any required items (rules.md §2.2). */
const complexityRequired = requiredCache((criterion: CriterionOf<'complexity'>) => ({ conditions: criterion.atLeast,
  outOf: criterion.conditions.length, including: criterion.required, success: criterion.success }));

export const complexityEvaluator: EngagementEvaluator<'complexity'> = {
  ...defineEvaluator({
    // The specialty's engagements, each judged whole; its detail is rarely the same twice, so not shared.
    reads: { engagements: true },
    shareDetail: false,
    verdictCost: 4,
    required: complexityRequired,
    compile: (criterion, { levelIndex }) => someEngagementFits('complexity', criterion.success, levelIndex),
    detail,
  }),
  fit,
};

function detail(criterion: CriterionOf<'complexity'>, context: View<{ engagements: true }>, met: boolean): CriterionResultOf<'complexity'> {
  const candidates = eligible(context.engagements, criterion.success);
  const matches = fit(criterion, context.level);
  const matching = candidates.filter(matches);
  const required = complexityRequired(criterion, context);
  // The closest engagement: the fewest conditions still to add (required ones count among them).
  let best: { index: number | null; ticked: string[]; missing: string[]; need: number } = {
    index: null,
    ticked: [],
    missing: criterion.required,
    need: Math.max(criterion.atLeast, criterion.required.length),
  };
  for (const engagement of candidates) {
    const ticked = tickedOf(engagement, criterion.conditions);
    const missing = criterion.required.filter((r) => !engagement.complexity.includes(r));
    const need = Math.max(criterion.atLeast - ticked.length, missing.length);
    if (best.index === null || need < best.need || (need === best.need && ticked.length > best.ticked.length)) {
      best = { index: engagement.index, ticked, missing, need };
    }
  }
  return {
    id: 'complexity',
    met,
    required,
    actual: { conditions: best.ticked.length, engagement: best.index, ticked: best.ticked },
    gap: met ? null : { conditions: best.need, including: best.missing },
    evidence: matching.map(engagementEvidence),
  };
}
