import type { CriterionOf } from '../../standard/standardSchema.js';
import type { EngagementInScope } from './evaluationContext.js';
import { complexityBits, eligible, engagementEvidence, fitCache, holdsAll, requiredCache, someEngagementFits, tickCount, tickedOf, type EngagementEvaluator } from './evaluator.js';

/** Does one engagement tick at least N of the list, and every required item? Its lists read into bits once. */
const fit = fitCache((criterion: CriterionOf<'complexity'>) => {
  const { conditions, atLeast, required } = criterion;
  const [conditionBits, requiredBits] = [complexityBits.mask(conditions), complexityBits.mask(required)];
  return (engagement: EngagementInScope) => tickCount(engagement, conditions, conditionBits) >= atLeast
    && holdsAll(engagement.complexityMask, engagement.complexity, requiredBits, required);
});

/** 複雑性: one engagement ticking at least N of the level's own list, with any required items (rules.md §2.2). */
export const complexityEvaluator: EngagementEvaluator<'complexity'> = {
  verdictCost: 4,

  required: requiredCache((criterion) => ({ conditions: criterion.atLeast, outOf: criterion.conditions.length,
    including: criterion.required, success: criterion.success })),

  fit,

  compile: (criterion, { levelIndex }) => someEngagementFits('complexity', criterion.success, levelIndex),

  evaluate(criterion, context) {
    const candidates = eligible(context.engagements, criterion.success);
    const matches = fit(criterion, context.level);
    const matching = candidates.filter(matches);
    const required = this.required(criterion, context);
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
    const met = matching.length > 0;
    return {
      id: 'complexity',
      met,
      required,
      actual: { conditions: best.ticked.length, engagement: best.index, ticked: best.ticked },
      gap: met ? null : { conditions: best.need, including: best.missing },
      evidence: matching.map(engagementEvidence),
    };
  },
};
