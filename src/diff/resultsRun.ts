import { joinKey } from '../hr/joinHrTables.js';
import type { CriterionKind } from '../standard/standardSchema.js';
import type { DiffProblem } from './diffProblem.js';

/** How a results file was written: the batch record or a result per line, a JSON document, the results CSV or workbook. */
export type ResultsFormat = 'jsonl' | 'json' | 'csv' | 'xlsx';

/** What a diff reads of one specialty of one person. */
export interface RunSpecialty {
  level: number | null;
  /**
   * The next level and the criteria that block it, where the file shows them: a specialty the person practises (the
   * CSV and the workbook leave the others' next level empty, and JSON says `practised`). Null where not shown, or at
   * the top level.
   */
  next: { level: number; gaps: CriterionKind[] } | null;
}

/** One person of a results file. */
export interface RunPerson {
  /** The candidate id as the file writes it. */
  id: string;
  /** The id in the form people are matched in (NFKC, trimmed, as `itss batch` joins its tables). */
  key: string;
  name: string | null;
  department: string | null;
  specialties: Map<string, RunSpecialty>;
  /** Where the file has them: a line or row, or a JSON document's result number. */
  line?: number;
  record?: number;
}

/** One results file, as a diff compares it. */
export interface ResultsRun {
  file: string;
  format: ResultsFormat;
  /** The as-of date and the standard the results record (JSON); null where the file does not (CSV, workbook). */
  asOf: string | null;
  standard: { id: string; version?: string } | null;
  /** The specialties the file holds, in its order. */
  specialties: string[];
  people: RunPerson[];
  /** Keys of people whose ids collide after NFKC: left out of the comparison, with a problem each. */
  collided: Set<string>;
  collisions: DiffProblem[];
}

/** A run's people, added one at a time: ids that collide after NFKC are found as they come. */
export class RunBuilder {
  readonly run: ResultsRun;
  private readonly byKey = new Map<string, RunPerson>();

  constructor(file: string, format: ResultsFormat) {
    this.run = { file, format, asOf: null, standard: null, specialties: [], people: [], collided: new Set(), collisions: [] };
  }

  /** A person as read; the specialties are those the file holds, in its order. */
  add(person: Omit<RunPerson, 'key'>): void {
    const key = joinKey(person.id);
    const added: RunPerson = { ...person, key };
    for (const specialty of person.specialties.keys()) if (!this.run.specialties.includes(specialty)) this.run.specialties.push(specialty);
    const other = this.byKey.get(key);
    if (other) {
      // Two people in one run who compare as one (Ｅ１００１ and E1001, or one id twice): which of them the other run's
      // E1001 is cannot be told, so neither is compared.
      this.run.collided.add(key);
      this.run.collisions.push({
        code: 'id-collision',
        file: this.run.file,
        ...(added.line !== undefined ? { line: added.line } : {}),
        ...(added.record !== undefined ? { record: added.record } : {}),
        params: { value: added.id, key, other: other.id, at: other.line !== undefined ? `${this.run.file}:${other.line}` : `#${other.record ?? 0}` },
      });
      return;
    }
    this.byKey.set(key, added);
    this.run.people.push(added);
  }
}

/** An as-of date as results record it (YYYY-MM-DD, the JSON's `asOf`, a workbook's `itss.asOf`). */
export function isRecordedAsOf(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** A standard as a result records it: `itss-v3-itsm 2011`. */
export function standardText(standard: { id: string; version?: string } | null): string {
  return standard === null ? '' : `${standard.id}${standard.version === undefined ? '' : ` ${standard.version}`}`;
}
