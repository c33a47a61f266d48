import type { Describer } from '../messages/describe.js';
import { printable } from '../messages/messageTable.js';
import { diffProblemText } from './diffProblem.js';
import { movement, type BlockingChange, type LevelChange, type PersonRef, type ResultsDiff, type RunInfo } from './diffResults.js';
import { standardText } from './resultsRun.js';

/** A person as the human formats name them: id, then name. */
export interface PersonLine {
  id: string;
  name: string;
  department: string;
}

export interface ChangeLine extends PersonLine {
  from: number | null;
  to: number | null;
  /** 1 up, -1 down. */
  direction: 1 | -1;
  /** `+1`, `−2`; empty where a level appears or goes (no number to subtract). */
  delta: string;
}

/** A person's criteria that block (or stopped blocking) one next level of a specialty. */
export interface BlockingLine extends PersonLine {
  level: number;
  criteria: string[];
}

/** Lines of one specialty, by department (in order of their names, no department last). */
export interface SpecialtyGroup<L> {
  specialty: string;
  name: string;
  departments: { department: string; lines: L[] }[];
}

/**
 * A diff arranged for people to read, in one language: the two files, the counts, what was said about them, then the
 * level changes, the criteria newly blocking and no longer blocking (each by specialty and department), who was added
 * and who left, and per specialty and per department how many went up and down. The terminal report, Markdown and
 * HTML lay this out; every word comes from the message tables.
 */
export interface DiffView {
  title: string;
  files: { label: string; file: string; details: string }[];
  summary: string;
  /** Nothing at all changed, and the sentence saying so. */
  empty: boolean;
  none: string;
  /** What is compared (levels, not exam levels; blocking criteria of practised specialties). */
  note: string;
  sections: Record<'changes' | 'blocked' | 'unblocked' | 'added' | 'removed' | 'departments', string>;
  /** Warnings and the people left out (ids colliding after NFKC), as stderr says them. */
  notices: string[];
  changes: SpecialtyGroup<ChangeLine>[];
  blocked: SpecialtyGroup<BlockingLine>[];
  unblocked: SpecialtyGroup<BlockingLine>[];
  added: PersonLine[];
  removed: PersonLine[];
  /** Per specialty compared: people up and down. */
  movements: { name: string; up: number; down: number }[];
  /** Per department with a change: per specialty compared, up and down. */
  departments: { department: string; movements: { up: number; down: number }[] }[];
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `+1`, `−2` (a minus sign, as tables print it); nothing where one side has no level. */
function deltaText(change: Pick<LevelChange, 'from' | 'to'>): string {
  if (change.from === null || change.to === null) return '';
  const delta = change.to - change.from;
  return delta > 0 ? `+${delta}` : `−${-delta}`;
}

/** How a file is described: its as-of date and standard, or that it records neither, and how many people. */
function fileDetails(run: RunInfo, d: Describer): string {
  const asOf = run.asOf === null ? d.t('diff.asOf.unknown', { format: run.format.toUpperCase() }) : d.t('diff.asOf', { asOf: run.asOf });
  // A CSV's or a workbook's columns were read as those of the standard in use: said so.
  const inUse = standardText({ id: d.standard.id, ...(d.standard.version ? { version: d.standard.version } : {}) });
  const standard = run.standard === null ? d.t('diff.standard.unknown', { standard: inUse }) : d.t('diff.standard', { standard: standardText(run.standard) });
  return [asOf, standard, d.t('diff.people', { n: run.people })].join(d.table.listSeparator);
}

export function diffView(diff: ResultsDiff, d: Describer): DiffView {
  const noDepartment = d.t('diff.department.none');
  // What the files say (ids, names, departments, paths) with its control characters escaped: a name cannot move a
  // terminal's cursor, in any format.
  const departmentName = (department: string | null) => (department === null ? noDepartment : printable(department));
  const person = (p: PersonRef): PersonLine => ({ id: printable(p.id), name: printable(p.name ?? ''), department: departmentName(p.department) });
  const byDepartment = (a: PersonRef, b: PersonRef) =>
    (a.department === null ? 1 : 0) - (b.department === null ? 1 : 0) || compare(a.department ?? '', b.department ?? '');
  /** Lines grouped by specialty (in the diff's order), then department; each list already in the diff's order. */
  const group = <T extends PersonRef & { specialty: string }, L>(items: readonly T[], line: (items: T[]) => L[]): SpecialtyGroup<L>[] =>
    diff.specialties.flatMap((specialty) => {
      const byDepartmentOf = new Map<string | null, T[]>();
      for (const i of items.filter((i) => i.specialty === specialty).sort(byDepartment)) {
        const list = byDepartmentOf.get(i.department);
        if (list) list.push(i);
        else byDepartmentOf.set(i.department, [i]);
      }
      if (byDepartmentOf.size === 0) return [];
      const departments = [...byDepartmentOf].map(([department, mine]) => ({ department: departmentName(department), lines: line(mine) }));
      return [{ specialty, name: d.specialtyName(specialty), departments }];
    });
  const changeLines = (changes: LevelChange[]): ChangeLine[] =>
    changes.map((c) => ({ ...person(c), from: c.from, to: c.to, direction: movement(c) === 1 ? 1 : -1, delta: deltaText(c) }));
  /** A person's criteria for one next level on one line, in the diff's order (the standard's order of criteria). */
  const blockingLines = (items: BlockingChange[]): BlockingLine[] => {
    const lines = new Map<string, BlockingLine>();
    for (const b of items) {
      const key = `${b.key}\u0000${b.level}`;
      const line = lines.get(key);
      if (line) line.criteria.push(d.criterionName(b.criterion));
      else lines.set(key, { ...person(b), level: b.level, criteria: [d.criterionName(b.criterion)] });
    }
    return [...lines.values()];
  };
  const up = diff.changes.filter((c) => movement(c) === 1).length;
  const blocked = diff.blocking.filter((b) => b.change === 'blocked');
  const unblocked = diff.blocking.filter((b) => b.change === 'unblocked');
  // Per department (in order of their names, none last), per specialty compared: up and down.
  const byDepartmentMovements = new Map<string | null, { up: number; down: number }[]>();
  for (const c of [...diff.changes].sort(byDepartment)) {
    let movements = byDepartmentMovements.get(c.department);
    if (!movements) byDepartmentMovements.set(c.department, (movements = diff.specialties.map(() => ({ up: 0, down: 0 }))));
    const m = movements[diff.specialties.indexOf(c.specialty)]!;
    if (movement(c) === 1) m.up++;
    else m.down++;
  }
  const departments = [...byDepartmentMovements].map(([department, movements]) => ({ department: departmentName(department), movements }));
  return {
    title: d.t('diff.title'),
    files: [
      { label: d.t('diff.old'), file: printable(diff.old.file), details: fileDetails(diff.old, d) },
      { label: d.t('diff.new'), file: printable(diff.new.file), details: fileDetails(diff.new, d) },
    ],
    summary: d.t('diff.summary', {
      changes: diff.changes.length,
      up,
      down: diff.changes.length - up,
      added: diff.added.length,
      removed: diff.removed.length,
      blocked: blocked.length,
      unblocked: unblocked.length,
    }),
    empty: diff.changes.length + diff.added.length + diff.removed.length + diff.blocking.length === 0,
    none: d.t('diff.none'),
    note: d.t('diff.levelsOnly'),
    sections: {
      changes: d.t('diff.section.changes'),
      blocked: d.t('diff.section.blocked'),
      unblocked: d.t('diff.section.unblocked'),
      added: d.t('diff.section.added'),
      removed: d.t('diff.section.removed'),
      departments: d.t('diff.section.departments'),
    },
    notices: [...diff.warnings, ...diff.excluded].map((p) => diffProblemText(p, d)),
    changes: group(diff.changes, changeLines),
    blocked: group(blocked, blockingLines),
    unblocked: group(unblocked, blockingLines),
    added: diff.added.map(person),
    removed: diff.removed.map(person),
    movements: diff.specialties.map((s) => {
      const mine = diff.changes.filter((c) => c.specialty === s);
      const ups = mine.filter((c) => movement(c) === 1).length;
      return { name: d.specialtyName(s), up: ups, down: mine.length - ups };
    }),
    departments,
  };
}
