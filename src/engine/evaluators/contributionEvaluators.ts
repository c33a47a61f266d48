import type { Evidence } from '../assessment.js';
import type { Standard } from '../../standard/loadStandard.js';
import type { CriterionOf } from '../../standard/standardSchema.js';
import { defineEvaluator, requiredCache, type CriterionScope, type Evaluator } from './evaluator.js';

/** Distinct kinds of knowledge transfer that count, in the standard's order. */
function kindsPresent(standard: Standard, records: readonly { kind: string }[]): string[] {
  const kinds = new Set(records.map((record) => record.kind));
  return standard.scales.knowledgeTransfer.map((k) => k.id).filter((k) => kinds.has(k));
}

const expertiseRequired = requiredCache((criterion: CriterionOf<'expertise'>, scope: CriterionScope) => ({ depth: criterion.depth,
  areas: criterion.areasRequired ?? scope.specialty.areasRequired, outOf: scope.specialty.areas.length }));

/**
 * 専門性 (rules.md §2.4): the deepest depth per area (a repeated area counts at its deepest); `all` areas or
 * `any` one must reach the required depth.
 */
export const expertiseEvaluator: Evaluator<'expertise'> = defineEvaluator({
  // The verdict reads each area's deepest rank; the detail its depth, and the records' indexes as evidence.
  reads: { areaRanks: true, areaDepths: true, expertise: ['index'] },
  shareDetail: true,
  verdictCost: 3,

  required: expertiseRequired,

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

  detail(criterion, context, met) {
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
    const evidence: Evidence[] = context.expertise.map(({ index }) => ({ type: 'expertise', index }));
    return {
      id: 'expertise',
      met,
      required: expertiseRequired(criterion, context),
      actual: { areas: actual, reached },
      // Any mode: raising any one area will do, so the gap names none (the message lists the specialty's areas).
      gap: met ? null : { depth: criterion.depth, areas: mode === 'all' ? short : [], mode },
      evidence,
    };
  },
});

/** 技術の継承: distinct kinds of activity that count for the specialty, up to the assessment date. */
const knowledgeTransferRequired = requiredCache((criterion: CriterionOf<'knowledge-transfer'>) => ({ kinds: criterion.atLeastKinds }));

export const knowledgeTransferEvaluator: Evaluator<'knowledge-transfer'> = defineEvaluator({
  // The verdict reads how many kinds count; the detail which, and each record's index and title as evidence.
  reads: { knowledgeTransferKinds: true, knowledgeTransfer: ['index', 'kind', 'title'] },
  shareDetail: true,
  verdictCost: 2,

  required: knowledgeTransferRequired,

  compile: ({ atLeastKinds }) => (context) => context.knowledgeTransferKinds >= atLeastKinds,

  detail(criterion, context, met) {
    const evidence: Evidence[] = context.knowledgeTransfer.map(({ index, title }) => (title === undefined ? { type: 'knowledgeTransfer', index } : { type: 'knowledgeTransfer', index, title }));
    const ordered = kindsPresent(context.standard, context.knowledgeTransfer);
    return {
      id: 'knowledge-transfer',
      met,
      required: knowledgeTransferRequired(criterion, context),
      actual: { kinds: ordered.length, present: ordered },
      gap: met ? null : { kinds: criterion.atLeastKinds - ordered.length,
        add: context.standard.scales.knowledgeTransfer.map((k) => k.id).filter((k) => !ordered.includes(k)) },
      evidence,
    };
  },
});

/** 後進の育成: mentoring records for the specialty (or naming none), up to the assessment date. */
const mentoringRequired = requiredCache((criterion: CriterionOf<'mentoring'>) => ({ records: criterion.atLeast }));

export const mentoringEvaluator: Evaluator<'mentoring'> = defineEvaluator({
  // How many records count, and their indexes as evidence.
  reads: { mentoring: ['index'] },
  shareDetail: true,
  verdictCost: 1,

  required: mentoringRequired,

  compile: ({ atLeast }) => (context) => context.mentoring.length >= atLeast,

  detail(criterion, context, met) {
    const records = context.mentoring.length;
    return {
      id: 'mentoring',
      met,
      required: mentoringRequired(criterion, context),
      actual: { records },
      gap: met ? null : { records: criterion.atLeast - records },
      evidence: context.mentoring.map(({ index }) => ({ type: 'mentoring', index })),
    };
  },
});
