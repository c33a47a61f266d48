import type { CriterionResultOf, RequiredOf, SizeActual } from '../assessment.js';
import { criterionOfKind } from '../../standard/criterionOfKind.js';
import type { CriterionOf, LevelDefinition, SizeOption } from '../../standard/standardSchema.js';
import type { EngagementInScope } from './evaluationContext.js';
import { defineEvaluator, eligible, engagementEvidence, fitCache, requiredCache, someEngagementFits, tickCount, type EngagementEvaluator, type View } from './evaluator.js';

/** The level's complexity list, which "上記複雑性の条件のK項目以上" refers to. */
function levelConditions(level: LevelDefinition): string[] {
  return criterionOfKind(level, 'complexity')?.conditions ?? [];
}

const thresholdLists = new WeakMap<SizeOption, [string, number][]>();

/** An option's thresholds as a list, made once per option (the engine reads them for every engagement). */
function thresholdsOf(option: SizeOption): [string, number][] {
  let list = thresholdLists.get(option);
  if (!list) thresholdLists.set(option, (list = Object.entries(option.anyOf)));
  return list;
}

/** How close one engagement comes to one option: 1 when met; below 1 by the better field and the complexity. */
function closeness(option: SizeOption, engagement: EngagementInScope, conditions: string[]): number {
  const fieldRatio = Math.max(0, ...thresholdsOf(option).map(([field, threshold]) => (threshold === 0 ? 1 : (engagement.size[field] ?? 0) / threshold)));
  const complexityRatio = option.complexityAtLeast === undefined ? 1 : tickCount(engagement, conditions) / option.complexityAtLeast;
  return Math.min(1, fieldRatio) * Math.min(1, complexityRatio);
}

/**
 * A figure the engagement does not give is none (0 people, 0 yen), as closeness and the gap's shortfall read it: a
 * tailored threshold of 0 is met by any engagement, and a gap never asks for nothing.
 */
function optionMet(option: SizeOption, engagement: EngagementInScope, conditions: string[]): boolean {
  // Loops rather than `some`, here and in `fit`: these run for every engagement at every level of its specialty, and a
  // closure made per call (capturing the engagement) was 140 MB of the diverse 100k batch's allocation.
  let fieldMet = false;
  for (const [field, threshold] of thresholdsOf(option)) {
    if ((engagement.size[field] ?? 0) >= threshold) {
      fieldMet = true;
      break;
    }
  }
  return fieldMet && (option.complexityAtLeast === undefined || tickCount(engagement, conditions) >= option.complexityAtLeast);
}

function sizeFigures(engagement: EngagementInScope, fields: Iterable<string>): SizeActual {
  const out: SizeActual = {};
  for (const field of fields) out[field] = engagement.size[field] ?? null;
  return out;
}

/**
 * サイズ: one engagement matching one of the level's options; every threshold is a lower bound (rules.md §2.3).
 * 特定せず (`unspecified`) is always met.
 */
const fit = fitCache((criterion: CriterionOf<'size'>, level: LevelDefinition) => {
  if (criterion.unspecified) return () => true;
  const conditions = levelConditions(level);
  return (engagement: EngagementInScope) => {
    for (const option of criterion.options) if (optionMet(option, engagement, conditions)) return true;
    return false;
  };
});

const sizeRequired = requiredCache((criterion: CriterionOf<'size'>): RequiredOf<'size'> =>
  criterion.unspecified
    ? { unspecified: true }
    : {
        options: criterion.options.map((o) => (o.complexityAtLeast === undefined ? { anyOf: o.anyOf }
          : { anyOf: o.anyOf, complexityAtLeast: o.complexityAtLeast })),
        success: criterion.success,
      },
);

export const sizeEvaluator: EngagementEvaluator<'size'> = {
  ...defineEvaluator({
    // The specialty's engagements, each judged whole; its detail (one engagement's figures) is rarely the same twice.
    reads: { engagements: true },
    shareDetail: false,
    verdictCost: 5,
    required: sizeRequired,
    compile: (criterion, { levelIndex }) => (criterion.unspecified ? () => true : someEngagementFits('size', criterion.success, levelIndex)),
    detail,
  }),
  fit,
};

function detail(criterion: CriterionOf<'size'>, context: View<{ engagements: true }>, met: boolean): CriterionResultOf<'size'> {
  const required = sizeRequired(criterion, context);
  if (criterion.unspecified) return { id: 'size', met, required, actual: {}, gap: null, evidence: [] };
  const conditions = levelConditions(context.level);
  const candidates = eligible(context.engagements, criterion.success);
  const fields = new Set(criterion.options.flatMap((o) => Object.keys(o.anyOf)));
  const matching = candidates.filter(fit(criterion, context.level));
  const [first] = matching;
  if (first) {
    const option = criterion.options.findIndex((o) => optionMet(o, first, conditions));
    return {
      id: 'size',
      met,
      required,
      actual: { engagement: first.index, option, ...sizeFigures(first, fields), conditions: tickCount(first, conditions) },
      gap: null,
      evidence: matching.map(engagementEvidence),
    };
  }
  let best: { engagement: EngagementInScope; option: number; score: number } | undefined;
  for (const engagement of candidates) {
    criterion.options.forEach((option, o) => {
      const score = closeness(option, engagement, conditions);
      if (!best || score > best.score) best = { engagement, option: o, score };
    });
  }
  // The gap is measured from the closest engagement, or from nothing when there is none.
  const optionIndex = best?.option ?? 0;
  const option = criterion.options[optionIndex];
  const shortfall: Record<string, number> = {};
  for (const [field, threshold] of Object.entries(option?.anyOf ?? {})) shortfall[field] = Math.max(0, threshold - (best?.engagement.size[field] ?? 0));
  const ticked = best ? tickCount(best.engagement, conditions) : 0;
  return {
    id: 'size',
    met,
    required,
    actual: best ? { engagement: best.engagement.index, ...sizeFigures(best.engagement, fields), conditions: ticked } : { engagement: null },
    gap: { option: optionIndex, shortfall, conditions: Math.max(0, (option?.complexityAtLeast ?? 0) - ticked) },
    evidence: [],
  };
}
