/**
 * Properties of `itss diff` (cli.md "itss diff OLD NEW"): diff(A, A) says nothing changed, and diff(B, A) mirrors
 * diff(A, B) — every level change reversed, added and removed swapped, newly blocking and no longer blocking swapped —
 * on generated runs (ids that collide after NFKC among them), and on runs of the engine's results for generated
 * candidates a year apart, read as `itss diff` reads a results file.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { diffResults, type ResultsDiff } from '../src/diff/diffResults.js';
import { readRecord } from '../src/diff/readJsonResults.js';
import { RunBuilder, type ResultsRun, type RunSpecialty } from '../src/diff/resultsRun.js';
import { evaluateRecord } from '../src/engine/evaluate.js';
import type { CriterionKind } from '../src/standard/standardSchema.js';
import { AS_OF, candidateArb, standard } from './arbitraries.js';

const KINDS: CriterionKind[] = ['responsibility', 'complexity', 'size', 'expertise', 'knowledge-transfer', 'mentoring'];
const SPECIALTIES = ['operation-management', 'service-desk', 'operation'];

/** Ids from a small pool, so that two runs share people; full-width forms of some, so that NFKC matters. */
const idArb = fc.constantFrom('E1', 'E2', 'E3', 'E4', 'E5', 'Ｅ１', 'Ｅ２', 'E6', 'e1');

const specialtyArb: fc.Arbitrary<RunSpecialty> = fc
  .record({
    level: fc.option(fc.integer({ min: 3, max: 7 }), { nil: null }),
    shown: fc.boolean(),
    gaps: fc.subarray(KINDS, { minLength: 1 }),
  })
  .map(({ level, shown, gaps }) => ({ level, next: shown && (level ?? 2) < 7 ? { level: (level ?? 2) + 1, gaps } : null }));

const personArb = fc.record({
  id: idArb,
  name: fc.option(fc.constantFrom('山田 花子', '佐藤 一郎', 'Jane Doe'), { nil: null }),
  department: fc.option(fc.constantFrom('運用サービス部', 'サポートセンター'), { nil: null }),
  specialties: fc.tuple(...SPECIALTIES.map(() => specialtyArb)),
});

/** A run as a results file gives it: people added one by one, colliding ids found on the way. */
const runArb = (file: string): fc.Arbitrary<ResultsRun> =>
  fc.array(personArb, { maxLength: 8 }).map((people) => {
    const builder = new RunBuilder(file, 'jsonl');
    people.forEach((p, i) => {
      const specialties = new Map(SPECIALTIES.map((s, j) => [s, p.specialties[j]]));
      builder.add({ id: p.id, name: p.name, department: p.department, specialties, line: i + 1 });
    });
    builder.run.specialties = [...SPECIALTIES];
    return builder.run;
  });

/** A diff's findings as sets of comparable strings, names left out (each diff names people as its NEW file does). */
function findings(diff: ResultsDiff, mirrored = false) {
  const sorted = (items: string[]) => [...items].sort();
  return {
    changes: sorted(diff.changes.map((c) => `${c.key} ${c.specialty} ${mirrored ? `${c.to}→${c.from}` : `${c.from}→${c.to}`}`)),
    added: sorted((mirrored ? diff.removed : diff.added).map((p) => p.key)),
    removed: sorted((mirrored ? diff.added : diff.removed).map((p) => p.key)),
    blocking: sorted(diff.blocking.map((b) => `${b.key} ${b.specialty} ${b.level} ${b.criterion} ${mirrored ? (b.change === 'blocked' ? 'unblocked' : 'blocked') : b.change}`)),
  };
}

const nothing = { changes: [], added: [], removed: [], blocking: [] };

describe('itss diff, generated runs', () => {
  it('diff(A, A) finds nothing changed', () => {
    fc.assert(
      fc.property(runArb('a.jsonl'), (a) => {
        expect(findings(diffResults(a, a))).toEqual(nothing);
      }),
    );
  });

  it('diff(B, A) mirrors diff(A, B)', () => {
    fc.assert(
      fc.property(runArb('a.jsonl'), runArb('b.jsonl'), (a, b) => {
        expect(findings(diffResults(b, a), true)).toEqual(findings(diffResults(a, b)));
      }),
    );
  });

  it('accounts for everyone once: matched by NFKC id, or added, or removed; colliding ids in neither', () => {
    fc.assert(
      fc.property(runArb('a.jsonl'), runArb('b.jsonl'), (a, b) => {
        const diff = diffResults(a, b);
        const excluded = new Set([...a.collided, ...b.collided]);
        const [oldKeys, newKeys] = [a, b].map((run) => new Set(run.people.map((p) => p.key).filter((k) => !excluded.has(k))));
        expect(new Set(diff.added.map((p) => p.key))).toEqual(new Set([...newKeys].filter((k) => !oldKeys.has(k))));
        expect(new Set(diff.removed.map((p) => p.key))).toEqual(new Set([...oldKeys].filter((k) => !newKeys.has(k))));
        for (const c of [...diff.changes, ...diff.blocking]) expect(oldKeys.has(c.key) && newKeys.has(c.key)).toBe(true);
        expect(diff.excluded).toHaveLength(a.collisions.length + b.collisions.length);
      }),
    );
  });

  it('says a criterion blocks a level only where both files tell what blocks it', () => {
    fc.assert(
      fc.property(runArb('a.jsonl'), runArb('b.jsonl'), (a, b) => {
        for (const x of diffResults(a, b).blocking) {
          for (const run of [a, b]) {
            const s = run.people.find((p) => p.key === x.key)!.specialties.get(x.specialty)!;
            expect(s.next?.level === x.level || (s.level !== null && s.level >= x.level)).toBe(true);
          }
        }
      }),
    );
  });
});

describe('itss diff, the engine a year apart', () => {
  /** The batch records of candidates at a date, through JSON text, read as a results file's lines are. */
  const runAt = (candidates: ReturnType<typeof loadCandidate>[], asOf: string, file: string): ResultsRun => {
    const builder = new RunBuilder(file, 'jsonl');
    candidates.forEach((candidate, i) => {
      const read = readRecord(JSON.parse(JSON.stringify(evaluateRecord(standard, candidate, { asOf }))));
      if ('path' in read) throw new Error(`not a record: ${read.path}`);
      builder.add({ ...read.person, line: i + 1 });
    });
    return builder.run;
  };

  it('diff(A, A) is empty and diff(B, A) mirrors diff(A, B)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(candidateArb('mixed'), idArb), { minLength: 1, maxLength: 4 }), (drawn) => {
        const candidates = drawn.map(([object, id]) => loadCandidate(stringify({ id, ...object }), 'test.yaml', standard));
        const before = runAt(candidates, '2025-04-01', 'old.jsonl');
        // A year on, the first person has left.
        const after = runAt(candidates.slice(1), AS_OF, 'new.jsonl');
        expect(findings(diffResults(before, before))).toEqual(nothing);
        expect(findings(diffResults(after, before), true)).toEqual(findings(diffResults(before, after)));
      }),
      { numRuns: 40 },
    );
  });
});
