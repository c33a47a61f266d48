import type { Evidence } from '../assessment.js';
import { requiredCache, type Evaluator } from './evaluator.js';

/**
 * 専門性 (rules.md §2.4): the deepest depth per area (a repeated area counts at its deepest); `all` areas or
 * `any` one must reach the required depth.
 */
export const expertiseEvaluator: Evaluator<'expertise'> = {
  required: requiredCache((criterion, scope) => ({ depth: criterion.depth, areas: criterion.areasRequired ?? scope.specialty.areasRequired, outOf: scope.specialty.areas.length })),

  evaluate(criterion, context) {
    const mode = criterion.areasRequired ?? context.specialty.areasRequired;
    const requiredRank = context.depthRank(criterion.depth);
    const deepest = new Map<string, { depth: string; rank: number }>();
    const evidence: Evidence[] = [];
    for (const { index, record } of context.expertise) {
      evidence.push({ type: 'expertise', index });
      const rank = context.depthRank(record.depth);
      for (const area of record.areas) {
        const current = deepest.get(area);
        if (!current || rank > current.rank) deepest.set(area, { depth: record.depth, rank });
      }
    }
    const areas = context.specialty.areas.map((a) => a.id);
    const reached = areas.filter((a) => (deepest.get(a)?.rank ?? 0) >= requiredRank);
    const short = areas.filter((a) => !reached.includes(a));
    const met = mode === 'all' ? short.length === 0 : reached.length > 0;
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
  required: requiredCache((criterion) => ({ kinds: criterion.atLeastKinds })),

  evaluate(criterion, context) {
    const kinds: string[] = [];
    const evidence: Evidence[] = [];
    for (const { index, record } of context.knowledgeTransfer) {
      if (!kinds.includes(record.kind)) kinds.push(record.kind);
      evidence.push(record.title === undefined ? { type: 'knowledgeTransfer', index } : { type: 'knowledgeTransfer', index, title: record.title });
    }
    const all = context.standard.scales.knowledgeTransfer.map((k) => k.id);
    const ordered = all.filter((k) => kinds.includes(k));
    const met = ordered.length >= criterion.atLeastKinds;
    return {
      id: 'knowledge-transfer',
      met,
      required: this.required(criterion, context),
      actual: { kinds: ordered.length, present: ordered },
      gap: met ? null : { kinds: criterion.atLeastKinds - ordered.length, add: all.filter((k) => !kinds.includes(k)) },
      evidence,
    };
  },
};

/** 後進の育成: mentoring records for the specialty (or naming none), up to the assessment date. */
export const mentoringEvaluator: Evaluator<'mentoring'> = {
  required: requiredCache((criterion) => ({ records: criterion.atLeast })),

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
