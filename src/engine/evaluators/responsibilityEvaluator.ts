import type { CriterionResultOf, CriterionShapes, Exclusion, ExclusionReason } from '../assessment.js';
import { dayReaching, formatEpochDay, MONTH_UNITS, mergedMonthUnitsSorting, unitsToMonths } from '../../values/calendarDate.js';
import type { CriterionOf } from '../../standard/standardSchema.js';
import type { EngagementInScope } from './evaluationContext.js';
import { emptyList } from '../emptyList.js';
import { activityBits, defineEvaluator, engagementEvidence, holdsAll, requiredCache, type CriterionScope, type Evaluator, type View } from './evaluator.js';

/** A responsibility criterion with its role, activities and years read into numbers once. */
interface Compiled {
  criterion: CriterionOf<'responsibility'>;
  role: number;
  activities: number;
  units: number;
}

const compiledCriteria = new WeakMap<CriterionOf<'responsibility'>, Compiled>();

function compiled(criterion: CriterionOf<'responsibility'>, roleRank: (id: string) => number): Compiled {
  let found = compiledCriteria.get(criterion);
  if (!found) {
    found = { criterion, role: roleRank(criterion.role), activities: activityBits.mask(criterion.activities),
      units: Math.round(criterion.years * 12 * MONTH_UNITS) };
    compiledCriteria.set(criterion, found);
  }
  return found;
}

/** What the years read of the candidate: the specialty's engagements, and which activities they carry between them. */
const READS = { engagements: true, activitiesSeen: true } as const;
type ResponsibilityView = View<typeof READS>;

type ExclusionRule = [ExclusionReason, (compiled: Compiled, context: ResponsibilityView, engagement: EngagementInScope) => boolean];

/** Each reason an engagement may not count toward the criterion's years, and whether it applies. */
const EXCLUSIONS: ExclusionRule[] = [
  ['outcome', ({ criterion }, _, engagement) => criterion.success && engagement.outcome !== 'success'],
  ['role', ({ role }, _, engagement) => engagement.roleRank < role],
  ['activities', ({ criterion, activities }, _, engagement) => criterion.activities.length > 0 && !holdsAll(engagement.activityMask, engagement.activities, activities, criterion.activities)],
  ['complexity', ({ criterion }, context, engagement) => criterion.engagementsAtOrAbove && !meetsAtOrAbove('complexity', context, engagement)],
  ['size', ({ criterion }, context, engagement) => criterion.engagementsAtOrAbove && !meetsAtOrAbove('size', context, engagement)],
];

/** Why one engagement does not count toward the criterion's years (none: it counts). */
function exclusionReasons(compiled: Compiled, context: ResponsibilityView, engagement: EngagementInScope): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  for (const [reason, applies] of EXCLUSIONS) if (applies(compiled, context, engagement)) reasons.push(reason);
  return reasons;
}

/** Does the engagement count (the verdict's question: no list of reasons built)? */
function counts(compiled: Compiled, context: ResponsibilityView, engagement: EngagementInScope): boolean {
  for (const [, applies] of EXCLUSIONS) if (applies(compiled, context, engagement)) return false;
  return true;
}

/** 以上: does the engagement meet the complexity (or size) of some level at or above this one (levels lowest first)? */
function meetsAtOrAbove(kind: 'complexity' | 'size', context: ResponsibilityView, engagement: EngagementInScope): boolean {
  for (let i = context.levelIndex; i < context.specialty.levels.length; i++) if (context.engagementMeets(kind, i, engagement)) return true;
  return false;
}


const NONE: readonly string[] = Object.freeze([]);

/** The clause's experiences not yet on any engagement of the specialty (NONE, shared, when it names none). */
function missingExperiences(criterion: CriterionOf<'responsibility'>, context: ResponsibilityView): readonly string[] {
  if (criterion.experiences.length === 0) return NONE;
  return criterion.experiences.filter((x) => !context.engagements.some((e) => e.activities.includes(x)));
}

/** Are all the clause's experiences on some engagement of the specialty? By bits where the ids have them. */
function hasExperiences(criterion: CriterionOf<'responsibility'>, experienceBits: number, context: ResponsibilityView): boolean {
  if (criterion.experiences.length === 0) return true;
  const seen = context.activitiesSeen;
  return seen >= 0 && experienceBits >= 0 ? (seen & experienceBits) === experienceBits : missingExperiences(criterion, context).length === 0;
}

const responsibilityRequired = requiredCache((criterion: CriterionOf<'responsibility'>, scope: CriterionScope) => ({
  months: criterion.years * 12,
  role: criterion.role,
  success: criterion.success,
  activities: criterion.activities,
  experiences: criterion.experiences,
  atOrAboveLevel: criterion.engagementsAtOrAbove ? scope.level.level : null,
}));

/**
 * 責任性 (rules.md §2.1): months in a role at least as senior as required, on engagements that each meet the
 * complexity and the size of some level ≥ this one, carrying the clause's activities, successful where
 * required; qualifying periods merged and measured in calendar months. `experiences` must appear at least
 * once on any engagement of the specialty.
 */
export const responsibilityEvaluator: Evaluator<'responsibility'> = defineEvaluator({
  reads: READS,
  // Months in 30ths are rarely the same twice: not shared.
  shareDetail: false,
  verdictCost: 6,

  required: responsibilityRequired,

  compile(criterion, scope) {
    const numbers = compiled(criterion, scope.roleRank);
    const experienceBits = activityBits.mask(criterion.experiences);
    return (context) => {
      if (!hasExperiences(criterion, experienceBits, context)) return false;
      const periods = context.periods;
      emptyList(periods);
      for (const engagement of context.engagements) if (counts(numbers, context, engagement)) periods.push(engagement.period);
      return mergedMonthUnitsSorting(periods) >= numbers.units;
    };
  },

  detail(criterion, context, met) {
    const numbers = compiled(criterion, context.roleRank);
    const counted: EngagementInScope[] = [];
    const excluded: Exclusion[] = [];
    for (const engagement of context.engagements) {
      const reasons = exclusionReasons(numbers, context, engagement);
      if (reasons.length === 0) counted.push(engagement);
      else excluded.push(engagement.title === undefined ? { index: engagement.index, reasons } : { index: engagement.index, title: engagement.title, reasons });
    }
    const periods = context.periods;
    emptyList(periods);
    for (const engagement of counted) periods.push(engagement.period);
    const units = mergedMonthUnitsSorting(periods);
    const required = numbers.units;
    const missing = missingExperiences(criterion, context);
    const monthsMet = units >= required;

    const gap: CriterionShapes['responsibility']['gap'] = {};
    if (!monthsMet) gap.months = unitsToMonths(required - units);
    if (missing.length > 0) gap.experiences = [...missing];
    const result: CriterionResultOf<'responsibility'> = {
      id: 'responsibility',
      met,
      required: responsibilityRequired(criterion, context),
      actual: { months: unitsToMonths(units), engagements: counted.length,
        experiences: missing.length === 0 ? [...criterion.experiences] : criterion.experiences.filter((x) => !missing.includes(x)) },
      gap: met ? null : gap,
      evidence: counted.map(engagementEvidence),
    };
    // Why the other engagements did not count: asked only where the years fall short.
    if (!met) result.excluded = excluded;
    // Where the months alone fall short, the day they are met if the engagements that count and go on (no end, or an
    // end after the assessment date) go on as written (cli.md metOn): assessed that day, the criterion is met.
    if (!monthsMet && missing.length === 0) {
      const on = dayReaching(counted, context.asOf, required);
      if (on !== undefined) result.metOn = formatEpochDay(on);
    }
    return result;
  },
});
