import { criterionWordings } from '../messages/criterionWordings.js';
import type { CriterionKind } from '../standard/standardSchema.js';
import type { DiffProblem } from './diffProblem.js';
import { standardText, type ResultsFormat, type ResultsRun, type RunPerson, type RunSpecialty } from './resultsRun.js';

/** What a diff says of each of its files. */
export interface RunInfo {
  file: string;
  format: ResultsFormat;
  asOf: string | null;
  standard: { id: string; version?: string } | null;
  people: number;
}

/** A person as the diff names them (the newer file's id, name and department; the older's for who left). */
export interface PersonRef {
  id: string;
  /** The id matched on (NFKC): the order of every list. */
  key: string;
  name: string | null;
  department: string | null;
}

/** A person's level in a specialty, in OLD and in NEW (null: no level). */
export interface LevelChange extends PersonRef {
  specialty: string;
  from: number | null;
  to: number | null;
}

/**
 * A criterion that blocks a level in NEW and did not in OLD (`blocked`: the person lacks it now), or the reverse
 * (`unblocked`). Said only of a level whose blockers both files tell: the next level of the specialty in each (as shown:
 * practised), or a level the person had reached in one of them (nothing blocked it). So a person who rises from 3 to 4
 * is unblocked of what blocked level 4, and not said to be newly blocked by level 5's criteria (OLD never told whether
 * they were met); one who falls back from 4 to 3 is newly blocked by what now blocks level 4.
 */
export interface BlockingChange extends PersonRef {
  specialty: string;
  level: number;
  criterion: CriterionKind;
  change: 'blocked' | 'unblocked';
}

export interface ResultsDiff {
  old: RunInfo;
  new: RunInfo;
  /** The specialties compared: those both files hold, in NEW's order. */
  specialties: string[];
  changes: LevelChange[];
  added: PersonRef[];
  removed: PersonRef[];
  blocking: BlockingChange[];
  /** Said, and the diff made all the same: different standards, specialties in one file only, OLD later than NEW. */
  warnings: DiffProblem[];
  /** People left out of the comparison: ids that collide after NFKC within a file (of either). */
  excluded: DiffProblem[];
}

const KINDS = Object.keys(criterionWordings) as CriterionKind[];

/** Up (a level where there was none, or a higher one), down, or none. */
export function movement(change: Pick<LevelChange, 'from' | 'to'>): 1 | -1 | 0 {
  const rank = (level: number | null) => level ?? -1;
  return Math.sign(rank(change.to) - rank(change.from)) as 1 | -1 | 0;
}

/**
 * The criteria blocking `level` in a file, as far as it tells: those of its next level (where shown), none for a level
 * the person has reached, unknown otherwise (a level above the next, a specialty whose next level is not shown).
 */
function blockingAt(s: RunSpecialty | undefined, level: number): Set<CriterionKind> | undefined {
  if (s?.next?.level === level) return new Set(s.next.gaps);
  if (s?.level !== undefined && s.level !== null && s.level >= level) return new Set();
  return undefined;
}

const info = (run: ResultsRun): RunInfo => ({ file: run.file, format: run.format, asOf: run.asOf, standard: run.standard, people: run.people.length });
const ref = (p: RunPerson): PersonRef => ({ id: p.id, key: p.key, name: p.name, department: p.department });
const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What changed from OLD to NEW, people matched by their ids in NFKC form: per person and specialty (of those both
 * files hold) a level that differs; people only in NEW (added) or only in OLD (removed); and the criteria blocking a
 * level in one file and not in the other (BlockingChange: of a level whose blockers both files tell).
 * Ids that collide within either file are left out of all of it. Symmetric: diff(NEW, OLD) has every level change
 * reversed, added and removed swapped, blocked and unblocked swapped; diff(A, A) has none of them.
 */
export function diffResults(oldRun: ResultsRun, newRun: ResultsRun): ResultsDiff {
  const excludedKeys = new Set([...oldRun.collided, ...newRun.collided]);
  const specialties = newRun.specialties.filter((s) => oldRun.specialties.includes(s));
  const order = new Map(specialties.map((s, i) => [s, i]));
  const olds = new Map(oldRun.people.filter((p) => !excludedKeys.has(p.key)).map((p) => [p.key, p]));
  const diff: ResultsDiff = {
    old: info(oldRun),
    new: info(newRun),
    specialties,
    changes: [],
    added: [],
    removed: [],
    blocking: [],
    warnings: warningsOf(oldRun, newRun, specialties),
    excluded: [...oldRun.collisions, ...newRun.collisions],
  };
  const seen = new Set<string>();
  for (const now of newRun.people) {
    if (excludedKeys.has(now.key)) continue;
    const before = olds.get(now.key);
    if (!before) {
      diff.added.push(ref(now));
      continue;
    }
    seen.add(now.key);
    for (const specialty of specialties) {
      const was = before.specialties.get(specialty);
      const is = now.specialties.get(specialty);
      const from = was?.level ?? null;
      const to = is?.level ?? null;
      if (from !== to) diff.changes.push({ ...ref(now), specialty, from, to });
      for (const level of new Set([was?.next?.level, is?.next?.level])) {
        if (level === undefined) continue;
        const [then, nowBlocking] = [blockingAt(was, level), blockingAt(is, level)];
        // What blocks this level is known in one file only: nothing is said of it.
        if (!then || !nowBlocking) continue;
        for (const [pairs, other, change] of [[nowBlocking, then, 'blocked'], [then, nowBlocking, 'unblocked']] as const) {
          for (const criterion of pairs) if (!other.has(criterion)) diff.blocking.push({ ...ref(now), specialty, level, criterion, change });
        }
      }
    }
  }
  for (const [key, before] of olds) if (!seen.has(key)) diff.removed.push(ref(before));
  type Keyed = { specialty: string; key: string };
  const bySpecialty = (a: Keyed, b: Keyed) => compare(order.get(a.specialty)!, order.get(b.specialty)!) || compare(a.key, b.key);
  diff.changes.sort(bySpecialty);
  diff.blocking.sort((a, b) =>
    bySpecialty(a, b) || compare(a.level, b.level) || compare(KINDS.indexOf(a.criterion), KINDS.indexOf(b.criterion)) || compare(a.change, b.change));
  diff.added.sort((a, b) => compare(a.key, b.key));
  diff.removed.sort((a, b) => compare(a.key, b.key));
  return diff;
}

/** What is said about the two files, the diff being made all the same. */
function warningsOf(oldRun: ResultsRun, newRun: ResultsRun, compared: string[]): DiffProblem[] {
  const warnings: DiffProblem[] = [];
  const files = { old: oldRun.file, new: newRun.file };
  const [a, b] = [oldRun.standard, newRun.standard];
  if (a && b && (a.id !== b.id || a.version !== b.version)) warnings.push({ code: 'different-standards', file: '', params: { ...files, value: standardText(a), other: standardText(b) } });
  const leftOut = [...new Set([...oldRun.specialties, ...newRun.specialties])].filter((s) => !compared.includes(s));
  if (leftOut.length > 0) warnings.push({ code: 'specialties-left-out', file: '', params: { ...files, value: leftOut.join(', ') } });
  if (oldRun.asOf !== null && newRun.asOf !== null && oldRun.asOf > newRun.asOf) warnings.push({ code: 'reversed-dates', file: '', params: { ...files, value: oldRun.asOf, other: newRun.asOf } });
  return warnings;
}
