/**
 * Each evaluator declares once what it reads of the candidate (its `reads`, issue 23 item 2): its verdict and its
 * detail are given only those fields (and of a list of records only the keys declared), the key by which a batch
 * shares its detail is made of them, and `evaluate().met` is the compiled verdict. Checked here by running every
 * verdict and detail on a guarded context that throws on any read of the candidate it does not declare.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../src/candidate/candidate.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { DERIVED_FIELDS, SCOPE_FIELDS, type EvaluationContext } from '../src/engine/evaluators/evaluationContext.js';
import type { Reads } from '../src/engine/evaluators/evaluator.js';
import { evaluators, fieldsReadByAny, keyOfFieldsReadByAny } from '../src/engine/evaluators/evaluators.js';
import { LevelContexts, WORK_OUT } from '../src/engine/levelContexts.js';
import { assessmentDate, prepare } from '../src/engine/prepare.js';
import { standardPlan } from '../src/engine/standardPlan.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { AS_OF, candidateArb } from './arbitraries.js';
import { madeUpStandard } from './helpers.js';
import { levelFixtures } from './levelFixtures.js';

const standard = builtinStandard();
const ARRAY_INTERNALS = new Set<PropertyKey>(['length', 'constructor', Symbol.iterator, Symbol.isConcatSpreadable]);

class UndeclaredRead extends Error {}

/** A record of a list whose reader may read only `keys` of it. */
function guardedRecord(record: object, keys: readonly string[], where: string): object {
  return new Proxy(record, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !keys.includes(key)) throw new UndeclaredRead(`${where}: reads .${key}, declares ${keys.join(', ')}`);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** The context as an evaluator declaring `reads` may see it: any read of another candidate field throws. */
function guarded(context: EvaluationContext, reads: Reads, kind: string): EvaluationContext {
  const scope = new Set<PropertyKey>(SCOPE_FIELDS);
  return new Proxy(context, {
    get(target, field, receiver) {
      const value = Reflect.get(target, field, receiver) as unknown;
      if (scope.has(field)) return value;
      const read = typeof field === 'string' ? (reads as Record<string, true | readonly string[] | undefined>)[field] : undefined;
      if (read === undefined) throw new UndeclaredRead(`${kind} reads ${String(field)}, which it does not declare`);
      if (read === true || !Array.isArray(value)) return value;
      const records = value.map((record: object) => guardedRecord(record, read, `${kind}.${String(field)}`));
      return new Proxy(records, {
        get(list, key, listReceiver) {
          if (typeof key === 'string' && !/^\d+$/.test(key) && !ARRAY_INTERNALS.has(key) && typeof Reflect.get(Array.prototype, key) !== 'function') {
            throw new UndeclaredRead(`${kind}.${String(field)}.${key}`);
          }
          return Reflect.get(list, key, listReceiver) as unknown;
        },
      });
    },
  });
}

/**
 * What one field a context works out is worked out from (DERIVED_FIELDS): its sources, as a declaration, and the
 * fields worked out (written into, and read only as the lists they fill: a derivation reading their earlier values
 * would give other values, which the check sees).
 */
const DERIVED = Object.keys(DERIVED_FIELDS) as (keyof typeof DERIVED_FIELDS)[];
const workedOutFrom = (field: keyof typeof DERIVED_FIELDS): Reads =>
  ({ ...Object.fromEntries(DERIVED.map((f) => [f, true])), ...DERIVED_FIELDS[field] });

/** Each field a context works out, worked out again on a copy that lets it read its own sources alone: the same value. */
function checkWorkedOut(context: EvaluationContext, plan: ReturnType<typeof standardPlan>): void {
  for (const field of DERIVED) {
    const copy: EvaluationContext = { ...context, areaRanks: context.areaRanks.map(() => Number.NaN), areaDepths: context.areaDepths.map(() => 'stale'),
      knowledgeTransferKinds: -1, activitiesSeen: -2 };
    WORK_OUT[field](guarded(copy, workedOutFrom(field), `WORK_OUT.${field}`), plan);
    expect(copy[field], field).toEqual(context[field]);
  }
}

/**
 * The key of a specialty's shared result, made from the context `of` leaves before any level's context is asked for
 * (its worked-out fields not made yet: keyContext): it reads none of them, and equals the key of the worked-out context.
 */
function checkKeyContext(contexts: LevelContexts, prepared: ReturnType<typeof prepare>, specialtyPlan: ReturnType<typeof standardPlan>['specialties'][number]): void {
  const contextOf = contexts.of(prepared);
  const notWorkedOut = new Proxy(contexts.keyContext(), {
    get(target, field, receiver) {
      if (typeof field === 'string' && field in DERIVED_FIELDS) throw new UndeclaredRead(`the key reads ${field}, which is not worked out yet`);
      return Reflect.get(target, field, receiver) as unknown;
    },
  });
  const before: unknown[] = [];
  const length = keyOfFieldsReadByAny(notWorkedOut, before, 0);
  const after: unknown[] = [];
  expect(keyOfFieldsReadByAny(contextOf(specialtyPlan.levels[0].definition, 0), after, 0)).toBe(length);
  expect(before.slice(0, length)).toEqual(after.slice(0, length));
}

/** Runs every criterion of every level of every specialty of a candidate on guarded contexts; returns how many. */
function checkCandidate(candidate: Candidate, standardUsed = standard, asOf = AS_OF): number {
  const plan = standardPlan(standardUsed);
  const prepared = prepare(plan, candidate, assessmentDate(asOf));
  let checked = 0;
  for (const specialtyPlan of plan.specialties) {
    const contexts = new LevelContexts(plan, specialtyPlan);
    checkKeyContext(contexts, prepared, specialtyPlan);
    const contextOf = contexts.of(prepared);
    checkWorkedOut(contextOf(specialtyPlan.levels[0].definition, 0), plan);
    specialtyPlan.levels.forEach((levelPlan, l) => {
      const context = contextOf(levelPlan.definition, l);
      for (const { criterion, verdict } of levelPlan.criteria) {
        const evaluator = evaluators[criterion.kind];
        const view = guarded(context, evaluator.reads, criterion.kind);
        const compiled = evaluator.compile(criterion as never, context);
        const met = compiled(view);
        // The plan's verdict, the evaluator's compiled verdict on the guarded view, and evaluate().met agree.
        expect(met).toBe(verdict(context));
        const detail = evaluator.detail(criterion as never, view, met);
        expect(detail).toEqual(evaluator.evaluate(criterion as never, context));
        expect(detail.met).toBe(met);
        expect(detail.gap === null).toBe(met);
        checked++;
      }
    });
  }
  return checked;
}

describe('what each evaluator reads of the candidate, declared once', () => {
  it('the verdicts and details of every level fixture read only what their kind declares', () => {
    let checked = 0;
    levelFixtures.forEach((fixture, i) => {
      for (const document of [fixture.meets, ...fixture.alsoMeets.map((m) => m.candidate), ...fixture.misses.map((m) => m.candidate)]) {
        checked += checkCandidate(loadCandidate(JSON.stringify({ format: 'itss-candidate/v1', id: `F${i}`, ...(document as object) }), 'f.json', standard));
      }
    });
    checked += checkCandidate(loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'yamada.yaml', standard));
    expect(checked).toBeGreaterThan(1000);
  });

  it('on generated candidates, too (any dates, every kind of record)', () => {
    fc.assert(fc.property(candidateArb('mixed'), (object) => {
      checkCandidate(loadCandidate(stringify({ id: 'T1', ...object }), 'test.yaml', standard));
    }), { numRuns: 150 });
  });

  it('a tailored standard (made up) too', () => {
    const candidate = loadCandidate(readFileSync('tests/fixtures/made-up-candidate.yaml', 'utf8'), 'c.yaml', madeUpStandard);
    expect(checkCandidate(candidate, madeUpStandard, '2026-04-01')).toBeGreaterThan(0);
  });

  it('the guard itself finds an undeclared read (else the tests above would prove nothing)', () => {
    const candidate = loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'yamada.yaml', standard);
    const plan = standardPlan(standard);
    const specialtyPlan = plan.specialties[0];
    const context = new LevelContexts(plan, specialtyPlan).of(prepare(plan, candidate, assessmentDate(AS_OF)))(specialtyPlan.levels[2].definition, 2);
    expect(() => guarded(context, { mentoring: ['index'] }, 'test').knowledgeTransfer).toThrow(UndeclaredRead);
    expect(() => guarded(context, { knowledgeTransfer: ['index'] }, 'test').knowledgeTransfer.map((r) => r.kind)).toThrow(UndeclaredRead);
    expect(() => guarded(context, { engagements: true }, 'test').candidate).toThrow(UndeclaredRead);
    expect(guarded(context, {}, 'test').level).toBe(context.level);
  });

  it('the guard finds a derivation that reads more of a record than its sources (else the check of them proves nothing)', () => {
    const candidate = loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'yamada.yaml', standard);
    const plan = standardPlan(standard);
    const specialtyPlan = plan.specialties.find((s) => candidate.expertise.some((e) => e.specialty === s.definition.id))!;
    const context = new LevelContexts(plan, specialtyPlan).of(prepare(plan, candidate, assessmentDate(AS_OF)))(specialtyPlan.levels[0].definition, 0);
    expect(context.expertise.length).toBeGreaterThan(0);
    checkWorkedOut(context, plan);
    // An area's rank is worked out from expertise's areas and depth, not its index; the kinds from the kind alone.
    expect(() => guarded(context, workedOutFrom('areaRanks'), 'test').expertise.map((r) => r.index)).toThrow(UndeclaredRead);
    expect(() => guarded(context, workedOutFrom('knowledgeTransferKinds'), 'test').knowledgeTransfer.map((r) => r.title)).toThrow(UndeclaredRead);
    expect(() => guarded(context, workedOutFrom('knowledgeTransferKinds'), 'test').expertise).toThrow(UndeclaredRead);
  });

  it('a specialty\'s shared results are keyed by every field any evaluator reads, each with the keys any reads', () => {
    const byField = Object.fromEntries(fieldsReadByAny.map(([field, keys]) => [field, keys]));
    for (const evaluator of Object.values(evaluators)) {
      for (const [field, keys] of evaluator.fieldList) {
        expect(field in byField).toBe(true);
        if (keys === null) expect(byField[field]).toBeNull();
        else if (byField[field] !== null) expect(byField[field]).toEqual(expect.arrayContaining([...keys]));
      }
    }
    expect(fieldsReadByAny.length).toBe(new Set(Object.values(evaluators).flatMap((e) => e.fieldList.map(([f]) => f))).size);
  });
});
