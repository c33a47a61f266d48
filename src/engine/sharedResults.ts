import type { Criterion, SpecialtyDefinition } from '../standard/standardSchema.js';
import { KeyTrie } from '../values/keyTrie.js';
import type { CriterionResult } from './assessment.js';
import type { EvaluationContext } from './evaluators/evaluationContext.js';
import type { Verdict } from './evaluators/evaluator.js';
import { criterionDetail, criterionDetailKey, keyOfFieldsReadByAny } from './evaluators/evaluators.js';
import { practises, type Prepared } from './prepare.js';

/**
 * What a path holds once one candidate's result was found there: the result itself is held from the second
 * candidate who needs it on. Most paths of a diverse export are one candidate's (a diverse 100k batch held 71,300
 * results, 68,500 of which were written once): each result held, and the text its writers then keep of it, lived on
 * into the collector's old generation, for nothing; a result that is shared is made once more than before.
 */
const SEEN_ONCE: unique symbol = Symbol('seen once');

/**
 * Results shared between candidates, found by the pieces of what they depend on (the specialty, then the
 * candidate's exams and contributions that count for it): a tree of pieces, so that finding one builds no key.
 * Holds at most ten thousand paths, each a result or the mark of its first candidate (SEEN_ONCE), then starts
 * again: memory stays bounded on any input. (The 100k bench batch has 3,700 distinct results in 220,000 lookups: a
 * cap of a thousand found 189,000 of them, ten thousand 216,000.)
 */
export class SharedResults<R> extends KeyTrie<R | typeof SEEN_ONCE> {
  /** What every result held depends on, and so no path names: the standard (its plan) and the date. */
  private plan: unknown;
  private asOf: unknown;
  /**
   * Criterion results shared in the same way, found by the criterion and its evaluator's `detailKey`: most people
   * short of a level are short of it in one of a few hundred ways (the 100k bench batch: 358).
   */
  readonly criteria = new KeyTrie<CriterionResult | typeof SEEN_ONCE>(10_000);
  /**
   * The path being looked up, written in place, its length counted by the writer (emptying a list lets go of its
   * storage); and the path of a criterion result, likewise.
   */
  readonly path: unknown[] = [];
  readonly detailPath: unknown[] = [];

  constructor() {
    super(10_000);
  }

  /** Holds results of this standard and date from now on (any others held are let go). */
  scope(plan: unknown, asOf: unknown): void {
    if (plan === this.plan && asOf === this.asOf) return;
    this.clear();
    this.criteria.clear();
    [this.plan, this.asOf] = [plan, asOf];
  }

  override set(path: readonly unknown[], value: R | typeof SEEN_ONCE, length = path.length): void {
    super.set(path, value, length);
    if (typeof value === 'object' && value !== null) markShared(value);
  }
}

/** The mark a shared result carries: not enumerable, so JSON and spreads never see it. */
const SHARED: unique symbol = Symbol('shared result');

function markShared(result: object): void {
  if (!(SHARED in result)) Object.defineProperty(result, SHARED, { value: true });
}

/**
 * Is this result one shared between candidates (from a SharedResults)? Writers remember what they made of such
 * results; remembering it of every result would cost more than it saves. The result carries the mark itself: no
 * table of them is kept anywhere.
 */
export function isSharedResult(result: object): boolean {
  return SHARED in result;
}

/**
 * A criterion's detail, shared between candidates whose pieces (its evaluator's `detailKey`) are equal, where the
 * caller shares results (read-only) and the kind has such a key; else evaluated.
 */
export function sharedDetail(criterion: Criterion, verdict: Verdict, context: EvaluationContext, cache: SharedResults<unknown> | undefined): CriterionResult {
  if (!cache) return criterionDetail(criterion, verdict, context);
  cache.detailPath[0] = criterion;
  const length = criterionDetailKey(criterion.kind, context, cache.detailPath, 1);
  if (length === -1) return criterionDetail(criterion, verdict, context);
  const found = cache.criteria.get(cache.detailPath, length);
  if (found !== undefined && found !== SEEN_ONCE) return found;
  const result = criterionDetail(criterion, verdict, context);
  if (found === undefined) cache.criteria.set(cache.detailPath, SEEN_ONCE, length);
  else {
    cache.criteria.set(cache.detailPath, result, length);
    markShared(result);
  }
  return result;
}

/**
 * A specialty's result, shared between candidates (read-only) where they do not practise it (no engagement and no
 * expertise in it: see `practises`) and have the same exams and the same values of what every field the evaluators
 * read is worked out from (keyOfFieldsReadByAny: their contributions that count for it), else computed. `context`:
 * the specialty's context for this candidate, at any level (what the evaluators read of the candidate is the same at
 * every level).
 */
export function shared<R>(prepared: Prepared, specialty: SpecialtyDefinition, context: EvaluationContext, cache: SharedResults<R> | undefined,
  compute: () => R): R {
  if (!cache) return compute();
  const id = specialty.id;
  if (practises(prepared, id)) return compute();
  // The path names everything the result depends on, with the values themselves as pieces: finding a result makes
  // no key. This runs for most specialties of a batch. Written in place, its length counted (emptying a list lets go
  // of its storage).
  const { path } = cache;
  let at = 0;
  path[at++] = id;
  path[at++] = prepared.passedExams.size;
  if (prepared.passedExams.size > 0) for (const exam of [...prepared.passedExams].sort()) path[at++] = exam;
  const length = keyOfFieldsReadByAny(context, path, at);
  const found = cache.get(path, length);
  if (found !== undefined && found !== SEEN_ONCE) return found;
  const result = compute();
  cache.set(path, found === undefined ? SEEN_ONCE : result, length);
  return result;
}
