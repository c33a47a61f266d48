/**
 * The engine keeps its state in an Evaluation (issue 23): two evaluations run interleaved give what each gives
 * alone, and evaluating writes nothing onto the candidate.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../src/candidate/candidate.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { Evaluation, SharedResults, evaluate, evaluateRecord } from '../src/engine/evaluate.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { levelFixtures } from './levelFixtures.js';

const standard = builtinStandard();
const load = (document: unknown, name: string) => loadCandidate(JSON.stringify({ format: 'itss-candidate/v1', id: name, ...(document as object) }), `${name}.json`, standard);
const candidates: Candidate[] = [
  loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'yamada.yaml', standard),
  ...levelFixtures.slice(0, 12).map((f, i) => load(f.meets, `F${i}`)),
];

/** Every object and array of a value frozen: a write anywhere throws (modules run in strict mode). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

describe('Evaluation', () => {
  it('two evaluations of different dates, interleaved candidate by candidate, give what each gives alone', () => {
    const [early, late] = [new Evaluation(standard, '2019-04-01'), new Evaluation(standard, '2026-04-01')];
    const [earlySharing, lateSharing] = [new SharedResults<ReturnType<Evaluation['record']>['specialties'][number]>(), new SharedResults<ReturnType<Evaluation['record']>['specialties'][number]>()];
    for (const candidate of candidates) {
      const [a, b] = [early.record(candidate, earlySharing), late.record(candidate, lateSharing)];
      const [c, d] = [early.assess(candidate), late.assess(candidate)];
      expect(a).toEqual(evaluateRecord(standard, candidate, { asOf: '2019-04-01' }));
      expect(b).toEqual(evaluateRecord(standard, candidate, { asOf: '2026-04-01' }));
      expect(c).toEqual(evaluate(standard, candidate, { asOf: '2019-04-01' }));
      expect(d).toEqual(evaluate(standard, candidate, { asOf: '2026-04-01' }));
    }
    // The dates differ in what they give (else the interleaving above proves nothing).
    expect(candidates.map((c) => early.record(c).specialties.map((s) => s.level)))
      .not.toEqual(candidates.map((c) => late.record(c).specialties.map((s) => s.level)));
  });

  it('writes nothing onto the candidate (every part of it frozen)', () => {
    for (const candidate of candidates) {
      const frozen = deepFreeze(structuredClone(candidate));
      expect(() => evaluate(standard, frozen, { asOf: '2026-04-01' })).not.toThrow();
      expect(evaluate(standard, frozen, { asOf: '2026-04-01' })).toEqual(evaluate(standard, candidate, { asOf: '2026-04-01' }));
      expect(() => evaluateRecord(standard, frozen, { asOf: '2026-04-01', sharedResults: new SharedResults() })).not.toThrow();
    }
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => new Evaluation(standard, '2026/04/01')).toThrow(RangeError);
  });
});
