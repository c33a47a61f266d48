import type { CriterionShapes, Exclusion, ExclusionReason } from '../assessment.js';
import { MONTH_UNITS, mergedMonthUnits, unitsToMonths } from '../../values/calendarDate.js';
import type { EngagementInScope } from './evaluationContext.js';
import { engagementEvidence, requiredCache, type Evaluator } from './evaluator.js';

/**
 * 責任性 (rules.md §2.1): months in a role at least as senior as required, on engagements that each meet the
 * complexity and the size of some level ≥ this one, carrying the clause's activities, successful where
 * required; qualifying periods merged and measured in calendar months. `experiences` must appear at least
 * once on any engagement of the specialty.
 */
export const responsibilityEvaluator: Evaluator<'responsibility'> = {
  required: requiredCache((criterion, scope) => ({
    months: criterion.years * 12,
    role: criterion.role,
    success: criterion.success,
    activities: criterion.activities,
    experiences: criterion.experiences,
    atOrAboveLevel: criterion.engagementsAtOrAbove ? scope.level.level : null,
  })),

  evaluate(criterion, context) {
    const requiredRank = context.roleRank(criterion.role);
    const levelCount = context.specialty.levels.length;
    // 以上: some level at or above this one (levels are sorted lowest first) whose complexity / size it meets.
    const meetsAtOrAbove = (kind: 'complexity' | 'size', engagement: EngagementInScope) => {
      for (let i = context.levelIndex; i < levelCount; i++) if (context.engagementMeets(kind, i, engagement)) return true;
      return false;
    };
    const counted: EngagementInScope[] = [];
    const excluded: Exclusion[] = [];
    for (const engagement of context.engagements) {
      const reasons: ExclusionReason[] = [];
      if (criterion.success && engagement.outcome !== 'success') reasons.push('outcome');
      if (context.roleRank(engagement.role) < requiredRank) reasons.push('role');
      if (!criterion.activities.every((a) => engagement.activities.includes(a))) reasons.push('activities');
      if (criterion.engagementsAtOrAbove) {
        if (!meetsAtOrAbove('complexity', engagement)) reasons.push('complexity');
        if (!meetsAtOrAbove('size', engagement)) reasons.push('size');
      }
      if (reasons.length === 0) counted.push(engagement);
      else excluded.push(engagement.title === undefined ? { index: engagement.index, reasons } : { index: engagement.index, title: engagement.title, reasons });
    }
    const units = mergedMonthUnits(counted.map((e) => ({ from: e.from, to: e.end })));
    const requiredUnits = Math.round(criterion.years * 12 * MONTH_UNITS);
    const done = new Set(context.engagements.flatMap((e) => e.activities));
    const missingExperiences = criterion.experiences.filter((x) => !done.has(x));
    const monthsMet = units >= requiredUnits;
    const met = monthsMet && missingExperiences.length === 0;

    const gap: CriterionShapes['responsibility']['gap'] = {};
    if (!monthsMet) gap.months = unitsToMonths(requiredUnits - units, 'up');
    if (missingExperiences.length > 0) gap.experiences = missingExperiences;
    return {
      id: 'responsibility',
      met,
      required: this.required(criterion, context),
      actual: { months: unitsToMonths(units), engagements: counted.length, experiences: criterion.experiences.filter((x) => done.has(x)) },
      gap: met ? null : gap,
      evidence: counted.map(engagementEvidence),
      // Why the other engagements did not count: asked only where the years fall short.
      ...(met ? {} : { excluded }),
    };
  },
};
