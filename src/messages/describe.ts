import type { AssessmentWarning, CriterionResult, CriterionResultOf, RequiredOf } from '../engine/assessment.js';
import { levelReachedOn, monthsMetOn } from '../engine/levelReachedOn.js';
import type { Diagnostic } from '../input/diagnostic.js';
import { japaneseLabels } from '../standard/japaneseLabels.js';
import { sizeFieldsRead } from '../standard/criterionOfKind.js';
import type { Criterion, CriterionKind, CriterionOf, SpecialtyDefinition } from '../standard/standardSchema.js';
import { KeyTrie } from '../values/keyTrie.js';
import { criterionWording, type GapKeyPiece } from './criterionWordings.js';
import type { MessageParams } from './messageTable.js';
import { Wording } from './wording.js';

export { messageTables, type Lang } from './wording.js';

/**
 * Shortfalls a describer holds worded at most (then it starts again). A diverse 100k export's results CSV has some
 * 15,000 distinct ones, which a cap of 10,000 worded 19,000 times; a few megabytes of sentences at most.
 */
const SHORTFALLS_HELD = 1 << 15;

/**
 * Gaps' parts of shortfalls a describer holds worded at most. Shortfalls are combinations of fewer parts: a diverse
 * 100k export's 16,300 distinct shortfalls are made of 49,400 parts, of which 9,000 are distinct.
 */
const GAP_PARTS_HELD = 1 << 15;

/**
 * Warnings a describer holds worded at most (then it starts again). A batch's warnings repeat (an exam the standard
 * does not list, at one of a few places): worded once, not for every candidate — half a second of a diverse 100k
 * export's results CSV.
 */
const WARNINGS_HELD = 1 << 12;

/** The gap key piece of a met criterion (it has no gap). */
const MET = Symbol('met');

/** Diagnostic fields that are where it is or how it is shown, not arguments of its sentence. */
const LOCATION_FIELDS = new Set(['code', 'file', 'line', 'column', 'path', 'value', 'expected', 'suggestion', 'hint', 'reason', 'detail', 'header', 'mapColumn', 'sameRows']);

/** Sentences for one language, naming ids by the standard's labels. The only place sentences are made. */
export class Describer extends Wording {
  /** What a criterion asks for, as a sentence (from `required` alone). */
  requirement<K extends CriterionKind>(kind: K, required: RequiredOf<K>, specialty: string): string {
    return criterionWording(kind).requirement(required, this, specialty);
  }

  /** `required`, `actual` and `gap` of a criterion result as sentences. */
  describe(result: CriterionResult, specialty: string): { required: string; actual: string; gap: string | null } {
    return this.describeOf(result.id, result, specialty);
  }

  private describeOf<K extends CriterionKind>(kind: K, result: CriterionResultOf<K>, specialty: string):
    { required: string; actual: string; gap: string | null } {
    const wording = criterionWording(kind);
    return {
      required: wording.requirement(result.required, this, specialty),
      actual: wording.actual(result, this, specialty),
      gap: result.gap === null ? null : wording.gap(result.gap, result, this, specialty),
    };
  }

  /** The gap sentence alone (describe's `gap`), for a shortfall: its required and actual sentences are not worded. */
  private gapOf<K extends CriterionKind>(kind: K, result: CriterionResultOf<K>, specialty: string): string | null {
    return result.gap === null ? null : criterionWording(kind).gap(result.gap, result, this, specialty);
  }

  /**
   * What the gap sentence of an unmet criterion's result reads (besides the criterion's own `required`), as text:
   * results of one criterion with equal keys have equal gap sentences. Null for a met criterion.
   */
  gapKey(result: CriterionResult): string | null {
    if (result.gap === null) return null;
    const pieces: unknown[] = [];
    this.gapKeyOf(result.id, result, (piece) => pieces.push(piece));
    return JSON.stringify(pieces);
  }

  private gapKeyOf<K extends CriterionKind>(kind: K, result: CriterionResultOf<K>, key: GapKeyPiece): void {
    if (result.gap === null) key(MET);
    else criterionWording(kind).gapKey(result.gap, result, key);
  }

  /** Shortfalls already worded, by specialty, level and each gap's key pieces: a batch's people share a few thousand. */
  private readonly shortfalls = new KeyTrie<string>(SHORTFALLS_HELD);
  /** The key of the shortfall being looked up (one list, reused), and a piece's way into it. */
  private readonly shortfallKey: unknown[] = [];
  private shortfallKeyLength = 0;
  private readonly addShortfallPiece: GapKeyPiece = (piece) => {
    this.shortfallKey[this.shortfallKeyLength++] = piece;
  };

  /**
   * What a level lacks, in one line: each unmet criterion's name and gap sentence (`Responsibility: … / Expertise:
   * …`). Worded once per distinct set of gaps (gapKey), so a batch may ask it of every person.
   */
  shortfall(specialty: string, level: number, gaps: readonly CriterionResult[]): string {
    const add = this.addShortfallPiece;
    const starts = this.gapStarts;
    this.shortfallKeyLength = 0;
    add(specialty);
    add(level);
    for (let i = 0; i < gaps.length; i++) {
      const g = gaps[i]!;
      starts[i] = this.shortfallKeyLength;
      add(g.id);
      this.gapKeyOf(g.id, g, add);
    }
    const length = this.shortfallKeyLength;
    starts[gaps.length] = length;
    let text = this.shortfalls.get(this.shortfallKey, length);
    if (text === undefined) {
      text = '';
      for (let i = 0; i < gaps.length; i++) text += `${i === 0 ? '' : ' / '}${this.gapPart(specialty, level, gaps[i]!, starts[i]!, starts[i + 1]!)}`;
      this.shortfalls.set(this.shortfallKey, text, length);
    }
    return text;
  }

  /** Where each gap's pieces begin in the shortfall's key (and, after the last, where the key ends). */
  private readonly gapStarts: number[] = [];
  /** The key of one gap's part: specialty, level, then the gap's pieces of the shortfall's key. */
  private readonly gapPartKey: unknown[] = [];
  /** One gap's part of shortfalls (`Responsibility: …`), by its key (gapPartKey), worded once (see GAP_PARTS_HELD). */
  private readonly gapParts = new KeyTrie<string>(GAP_PARTS_HELD);

  /** One gap's part of a shortfall, its pieces `shortfallKey[start, end)`. */
  private gapPart(specialty: string, level: number, g: CriterionResult, start: number, end: number): string {
    const key = this.gapPartKey;
    key[0] = specialty;
    key[1] = level;
    for (let i = start; i < end; i++) key[2 + i - start] = this.shortfallKey[i];
    const length = 2 + end - start;
    let part = this.gapParts.get(key, length);
    if (part === undefined) this.gapParts.set(key, (part = `${this.criterionName(g.id)}: ${this.gapOf(g.id, g, specialty) ?? ''}`), length);
    return part;
  }

  /**
   * What time alone does for a next level (cli.md metOn): the day it is reached if the engagements that count go on,
   * or the day its months are met with the criteria time does not meet; null where no unmet criterion is met by time.
   */
  timeAlone(level: number, gaps: readonly CriterionResult[]): string | null {
    const reached = levelReachedOn(gaps);
    if (reached !== null) return this.t('next.reachedOn', { level, date: this.day(reached) });
    const months = monthsMetOn(gaps);
    if (months === null) return null;
    const others = gaps.filter((g) => g.metOn === undefined).map((g) => this.criterionName(g.id));
    return this.t('next.monthsMetOn', { date: this.day(months), list: this.join(others) });
  }

  /** Why engagements did not count toward a criterion (responsibility's years), a sentence each. */
  exclusions(result: CriterionResult, specialty: string): string[] {
    return this.exclusionsOf(result.id, result, specialty);
  }

  private exclusionsOf<K extends CriterionKind>(kind: K, result: CriterionResultOf<K>, specialty: string): string[] {
    return criterionWording(kind).exclusions?.(result, this, specialty) ?? [];
  }

  /** The items a criterion chooses from (conditions, areas, kinds), for `itss levels`. */
  listedItems(criterion: Criterion, specialty: SpecialtyDefinition): string | null {
    return this.listedItemsOf(criterion.kind, criterion, specialty);
  }

  private listedItemsOf<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, specialty: SpecialtyDefinition): string | null {
    return criterionWording(kind).listedItems?.(criterion, specialty, this) ?? null;
  }

  warning(warning: AssessmentWarning): string {
    // Every field the sentence reads, in the path.
    const path = this.warningPath;
    path[0] = warning.code;
    path[1] = warning.path;
    path[2] = warning.value;
    path[3] = warning.specialty;
    let text = this.warnings.get(path);
    if (text === undefined) this.warnings.set(path, (text = this.wordWarning(warning)));
    return text;
  }

  /** Warnings worded so far, by their fields (see WARNINGS_HELD), and the path they are looked up by. */
  private readonly warnings = new KeyTrie<string>(WARNINGS_HELD);
  private readonly warningPath: unknown[] = [];

  private wordWarning(warning: AssessmentWarning): string {
    const params = { path: this.recordPlace(warning.path), value: String(warning.value ?? '') };
    if (warning.code !== 'unread-size-field' || warning.specialty === undefined) return this.t(`warning.${warning.code}`, params);
    const specialty = this.specialtyOf(warning.specialty);
    const read = specialty ? sizeFieldsRead(specialty, this.standard.sizeFields) : [];
    return this.t('warning.unread-size-field', { ...params, field: this.label('sizeField', params.value), specialty: this.specialtyName(warning.specialty), read: this.list('sizeField', read, 'or') });
  }

  /** A table a level needs that no candidate has a record of (batch): which, why, and what it does to the levels. */
  missingTable(m: { criterion: CriterionKind; table: string; fromLevel: number; everyLevel: boolean; notMapped: boolean }): string {
    const criterion = this.criterionName(m.criterion);
    const cause = m.notMapped ? this.t('missing-table.not-mapped', { key: m.table }) : '';
    const effect = m.everyLevel ? this.t('missing-table.every-level', { criterion }) : this.t('missing-table.from-level', { criterion, level: m.fromLevel });
    return this.t('missing-table', { table: criterion, cause, effect });
  }

  /**
   * Where a warning points, as the reports number records (`engagements[2]` → 業務経験 #3, `exams[0].passed` → 試験 #1
   * の合格日): the numbers the evidence uses, in words; any other path as it is.
   */
  private recordPlace(path: string): string {
    const m = /^(engagements|exams|knowledgeTransfer|mentoring|expertise)\[(\d+)\](?:\.(date|from|passed))?$/.exec(path);
    if (!m) return path;
    const record = this.t(`warning.record.${m[1] as 'exams'}`, { n: Number(m[2]) + 1 });
    return m[3] === undefined ? record : this.t('warning.record.field', { record, field: this.t(`warning.field.${m[3] as 'date'}`) });
  }

  /** A diagnostic as one line: where, what, and the did-you-mean or hint where there is one. */
  diagnostic(d: Diagnostic): string {
    const where = d.file === '' ? 'itss' : d.line ? this.t('diag.location', { file: d.file, line: d.line, column: d.column ?? 1 }) : d.file;
    const suggestion = d.suggestion === undefined ? '' : this.t('diag.did-you-mean', { suggestion: d.suggestion });
    const hint = d.code === 'syntax' && d.hint !== undefined ? this.t(`syntax.hint.${d.hint}`) : '';
    return `${where}: ${this.diagnosticSentence(d)}${suggestion}${this.diagnosticTail(d)}${hint}`;
  }

  /** The sentence of a diagnostic alone (the errors CSV's message column). */
  diagnosticMessage(d: Diagnostic): string {
    return `${this.diagnosticSentence(d)}${this.diagnosticTail(d)}`;
  }

  /**
   * What follows a diagnostic's sentence: the other rows with the same problem, and what to do with an HR table's
   * unknown value — under a mapping, map it under `values:` of its column; without one, write a listed value.
   */
  private diagnosticTail(d: Diagnostic): string {
    const rows = d.sameRows === undefined ? '' : this.t('diag.rows', { rows: d.sameRows });
    const map = d.code === 'unknown-value' && d.mapColumn !== undefined && typeof d.value === 'string' ? this.t('diag.map-value', { column: d.mapColumn, value: d.value }) : '';
    // An HR table read without a mapping (the input workbook, CSV files in the tool's own names) has only its lists.
    const listed = d.code === 'unknown-value' && d.mapColumn === undefined && d.header !== undefined;
    return `${rows}${map}${listed ? this.t('diag.listed-value', { sheet: this.t('xlsx.sheet.instructions') }) : ''}`;
  }

  private diagnosticSentence(d: Diagnostic): string {
    const raw = typeof d.value === 'string' ? d.value : d.value === undefined ? '' : JSON.stringify(d.value);
    // A whole file can arrive as one bad value (a CSV read as YAML): show its start only.
    const value = raw.length > 80 ? `${raw.slice(0, 77)}…` : raw;
    const labels = this.lang === 'ja' && (d.code === 'unknown-value' || d.code === 'unknown-id') ? japaneseLabels(this.standard) : undefined;
    const labelled = (id: string) => {
      const label = labels?.get(id);
      return label && label !== id ? `${id}（${label}）` : id;
    };
    // An HR table's cell named as its file heads it (`column “役職”`), not by the field's path inside the candidate
    // (`engagements[2].role`): the export is what a person corrects, and its file and row are in the location.
    const path = d.path || this.t('diag.root');
    const shownPath = d.header !== undefined ? this.t('diag.column', { header: d.header }) : path;
    const params: MessageParams = { path: shownPath, value, expected: (d.expected ?? []).map(labelled).join(', ') };
    // The code's own typed arguments (cells, encoding, limit, …) fill the sentence too.
    for (const [key, arg] of Object.entries(d)) if (!LOCATION_FIELDS.has(key) && (typeof arg === 'string' || typeof arg === 'number')) params[key] = arg;
    if (d.code === 'syntax') params.reason = this.t(`syntax.${d.reason}`);
    if (d.code === 'unreadable' || d.code === 'unwritable') params.reason = this.t(`file.${d.reason}`, { detail: d.detail ?? '' });
    return this.t(`diag.${d.code}`, params);
  }
}
