import type { Evidence } from '../assessment.js';
import type { EvaluationContext } from './evaluationContext.js';
import { requiredCache, type Evaluator } from './evaluator.js';

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

  required: requiredCache((criterion, scope) => ({ depth: criterion.depth, areas: criterion.areasRequired ?? scope.specialty.areasRequired,
    outOf: scope.specialty.areas.length })),

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

  detailKey(_criterion, context, key) {
    for (const depth of context.areaDepths) key(depth);
    key(context.expertise.length);
    for (const { index } of context.expertise) key(index);
  },

  evaluate(criterion, context) {
    // From each area's deepest record, as the context holds them (the verdict reads the same).
    const mode = criterion.areasRequired ?? context.specialty.areasRequired;
    const requiredRank = context.depthRank(criterion.depth);
    const { areas } = context.specialty;
    const actual: Record<string, string> = {};
    const short: string[] = [];
    let reached = 0;
    for (let i = 0; i < areas.length; i++) {
      const depth = context.areaDepths[i];
      if (depth !== undefined) actual[areas[i]!.id] = depth;
      if (context.areaRanks[i]! >= requiredRank) reached++;
      else short.push(areas[i]!.id);
    }
    const met = mode === 'all' ? reached === areas.length : reached > 0;
    const evidence: Evidence[] = context.expertise.map(({ index }) => ({ type: 'expertise', index }));
    return {
      id: 'expertise',
      met,
      required: this.required(criterion, context),
      actual: { areas: actual, reached },
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

  detailKey(_criterion, context, key) {
    key(context.knowledgeTransfer.length);
    for (const { index, record } of context.knowledgeTransfer) {
      key(index);
      key(record.kind);
      key(record.title);
    }
  },

  evaluate(criterion, context) {
    const evidence: Evidence[] = context.knowledgeTransfer.map(({ index, record }) => (record.title === undefined ? { type: 'knowledgeTransfer', index } : { type: 'knowledgeTransfer', index, title: record.title }));
    const ordered = kindsPresent(context);
    const met = ordered.length >= criterion.atLeastKinds;
    return {
      id: 'knowledge-transfer',
      met,
      required: this.required(criterion, context),
      actual: { kinds: ordered.length, present: ordered },
      gap: met ? null : { kinds: criterion.atLeastKinds - ordered.length,
        add: context.standard.scales.knowledgeTransfer.map((k) => k.id).filter((k) => !ordered.includes(k)) },
      evidence,
    };
  },
};

/** 後進の育成: mentoring records for the specialty (or naming none), up to the assessment date. */
export const mentoringEvaluator: Evaluator<'mentoring'> = {
  verdictCost: 1,

  required: requiredCache((criterion) => ({ records: criterion.atLeast })),

  compile: ({ atLeast }) => (context) => context.mentoring.length >= atLeast,

  detailKey(_criterion, context, key) {
    key(context.mentoring.length);
    for (const { index } of context.mentoring) key(index);
  },

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
