import type { Evidence } from '../assessment.js';
import type { CriterionOf } from '../../standard/standardSchema.js';
import type { EvaluationContext } from './evaluationContext.js';
import { requiredCache, type Evaluator } from './evaluator.js';

/** The deepest depth reached in each area of the specialty (a repeated area counts at its deepest). */
function deepestByArea(context: EvaluationContext): Map<string, { depth: string; rank: number }> {
  const deepest = new Map<string, { depth: string; rank: number }>();
  for (const { record } of context.expertise) {
    const rank = context.depthRank(record.depth);
    for (const area of record.areas) {
      const current = deepest.get(area);
      if (!current || rank > current.rank) deepest.set(area, { depth: record.depth, rank });
    }
  }
  return deepest;
}

/** The specialty's areas at or beyond the required depth, and whether that is enough (all, or any one). */
function expertiseReach(criterion: CriterionOf<'expertise'>, context: EvaluationContext, deepest: Map<string, { rank: number }>) {
  const mode = criterion.areasRequired ?? context.specialty.areasRequired;
  const requiredRank = context.depthRank(criterion.depth);
  const areas = context.specialty.areas.map((a) => a.id);
  const reached = areas.filter((a) => (deepest.get(a)?.rank ?? 0) >= requiredRank);
  return { mode, areas, reached, met: mode === 'all' ? reached.length === areas.length : reached.length > 0 };
}

/** Distinct kinds of knowledge transfer that count, in the standard's order. */
function kindsPresent(context: EvaluationContext): string[] {
  const kinds = new Set(context.knowledgeTransfer.map(({ record }) => record.kind));
  return context.standard.scales.knowledgeTransfer.map((k) => k.id).filter((k) => kinds.has(k));
}

/**
 * 専門性 (rules.md §2.4): the deepest depth per area (a repeated area counts at its deepest); `all` areas or
 * `any` one must reach the required depth.
 */
export const expertiseEvaluator: Evaluator<'expertise'> = {
  verdictCost: 3,

  required: requiredCache((criterion, scope) => ({ depth: criterion.depth, areas: criterion.areasRequired ?? scope.specialty.areasRequired, outOf: scope.specialty.areas.length })),

  compile(criterion, scope) {
    // An area is reached when its deepest record is deep enough (the context holds each area's deepest rank).
    const requiredRank = scope.depthRank(criterion.depth);
    if ((criterion.areasRequired ?? scope.specialty.areasRequired) === 'all') {
      return ({ areaRanks }) => {
        for (const rank of areaRanks) if (rank < requiredRank) return false;
        return true;
      };
    }
    return ({ areaRanks }) => {
      for (const rank of areaRanks) if (rank >= requiredRank) return true;
      return false;
    };
  },

  evaluate(criterion, context) {
    const deepest = deepestByArea(context);
    const { mode, areas, reached, met } = expertiseReach(criterion, context, deepest);
    const short = areas.filter((a) => !reached.includes(a));
    const evidence: Evidence[] = context.expertise.map(({ index }) => ({ type: 'expertise', index }));
    const actual: Record<string, string> = {};
    for (const area of areas) {
      const d = deepest.get(area);
      if (d) actual[area] = d.depth;
    }
    return {
      id: 'expertise',
      met,
      required: this.required(criterion, context),
      actual: { areas: actual, reached: reached.length },
      // Any mode: raising any one area will do, so the gap names none (the message lists the specialty's areas).
      gap: met ? null : { depth: criterion.depth, areas: mode === 'all' ? short : [], mode },
      evidence,
    };
  },
};

/** 技術の継承: distinct kinds of activity that count for the specialty, up to the assessment date. */
export const knowledgeTransferEvaluator: Evaluator<'knowledge-transfer'> = {
  verdictCost: 2,

  required: requiredCache((criterion) => ({ kinds: criterion.atLeastKinds })),

  compile: ({ atLeastKinds }) => (context) => context.knowledgeTransferKinds >= atLeastKinds,

  evaluate(criterion, context) {
    const evidence: Evidence[] = context.knowledgeTransfer.map(({ index, record }) => (record.title === undefined ? { type: 'knowledgeTransfer', index } : { type: 'knowledgeTransfer', index, title: record.title }));
    const ordered = kindsPresent(context);
    const met = ordered.length >= criterion.atLeastKinds;
    return {
      id: 'knowledge-transfer',
      met,
      required: this.required(criterion, context),
      actual: { kinds: ordered.length, present: ordered },
      gap: met ? null : { kinds: criterion.atLeastKinds - ordered.length, add: context.standard.scales.knowledgeTransfer.map((k) => k.id).filter((k) => !ordered.includes(k)) },
      evidence,
    };
  },
};

/** 後進の育成: mentoring records for the specialty (or naming none), up to the assessment date. */
export const mentoringEvaluator: Evaluator<'mentoring'> = {
  verdictCost: 1,

  required: requiredCache((criterion) => ({ records: criterion.atLeast })),

  compile: ({ atLeast }) => (context) => context.mentoring.length >= atLeast,

  evaluate(criterion, context) {
    const records = context.mentoring.length;
    const met = records >= criterion.atLeast;
    return {
      id: 'mentoring',
      met,
      required: this.required(criterion, context),
      actual: { records },
      gap: met ? null : { records: criterion.atLeast - records },
      evidence: context.mentoring.map(({ index }) => ({ type: 'mentoring', index })),
    };
  },
};
