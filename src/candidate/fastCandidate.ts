import type { Standard } from '../standard/loadStandard.js';
import { endDay, parseDate, startDay, type EpochDay } from '../values/calendarDate.js';
import type { LabelIndex } from '../values/labelIndex.js';
import { parsePeople, parseYen } from '../values/parseQuantity.js';
import type { Candidate, Engagement, ExamRecord, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from './candidate.js';
import { candidateVocabulary, type CandidateVocabulary } from './candidateSchema.js';

/**
 * The candidate a document of text cells stands for (one assembled from HR table rows), built straight from the
 * cells with the helpers the candidate schema uses — or undefined as soon as anything is not plainly valid,
 * for the schema to judge and word. The schema stays the arbiter: this path only takes documents it would
 * accept, giving exactly what it would give (a differential test holds the two together). It exists because a
 * batch has millions of cells but only a few thousand distinct ones: each is read once, then remembered.
 */
export function fastCandidate(document: unknown, standard: Standard): Candidate | undefined {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return undefined;
  const value = document as Record<string, unknown>;
  const reader = readerFor(standard);
  const id = text(value.id);
  const name = value.name === undefined ? undefined : text(value.name);
  if (id === undefined || id.trim() === '' || (value.name !== undefined && name === undefined)) return undefined;
  for (const key of Object.keys(value)) if (!CANDIDATE_KEYS.has(key)) return undefined;
  const engagements = records(value.engagements, (r) => reader.engagement(r));
  const expertise = records(value.expertise, (r) => reader.expertise(r));
  const knowledgeTransfer = records(value.knowledgeTransfer, (r) => reader.knowledgeTransfer(r));
  const mentoring = records(value.mentoring, (r) => reader.mentoring(r));
  const exams = records(value.exams, (r) => reader.exam(r));
  if (!engagements || !expertise || !knowledgeTransfer || !mentoring || !exams) return undefined;
  const candidate: Candidate = { id: id.trim(), exams, engagements, expertise, knowledgeTransfer, mentoring };
  if (name !== undefined) candidate.name = name;
  if (value.department !== undefined) {
    const department = text(value.department);
    if (department === undefined) return undefined;
    candidate.department = department;
  }
  return candidate;
}

const CANDIDATE_KEYS = new Set(['id', 'name', 'department', 'engagements', 'expertise', 'knowledgeTransfer', 'mentoring', 'exams']);

/** Each record read, or undefined if the list or any record is not plain. */
function records<T>(list: unknown, read: (record: Record<string, unknown>) => T | undefined): T[] | undefined {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return undefined;
  const out: T[] = [];
  for (const item of list) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
    const record = read(item as Record<string, unknown>);
    if (record === undefined) return undefined;
    out.push(record);
  }
  return out;
}

/** Text cells only: a cell of any other type, or with a control character, is the schema's to judge. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
function text(value: unknown): string | undefined {
  return typeof value === 'string' && !CONTROL.test(value) ? value : undefined;
}

const readers = new WeakMap<Standard, RecordReader>();
function readerFor(standard: Standard): RecordReader {
  let reader = readers.get(standard);
  if (!reader) readers.set(standard, (reader = new RecordReader(standard)));
  return reader;
}

/** Reads each record kind of one standard, remembering each distinct date and quantity it has read. */
class RecordReader {
  private readonly vocabulary: CandidateVocabulary;
  private readonly starts = new Map<string, EpochDay | undefined>();
  private readonly ends = new Map<string, EpochDay | undefined>();
  private readonly quantities = new Map<string, number | undefined>();
  private readonly sizeFields: { id: string; unit: 'people' | 'yen' }[];

  constructor(standard: Standard) {
    this.vocabulary = candidateVocabulary(standard);
    this.sizeFields = standard.sizeFields;
  }

  engagement(r: Record<string, unknown>): Engagement | undefined {
    if (!onlyKeys(r, ENGAGEMENT_KEYS)) return undefined;
    const specialty = this.one(this.vocabulary.specialty, r.specialty);
    const role = this.one(this.vocabulary.role, r.role);
    const from = this.day(r.from, this.starts, false);
    if (specialty === undefined || role === undefined || from === undefined) return undefined;
    let to: EpochDay | null = null;
    if (r.to !== undefined) {
      const end = this.day(r.to, this.ends, true);
      if (end === undefined || end < from) return undefined;
      to = end;
    }
    const outcome = r.outcome === undefined ? 'success' : this.one(this.vocabulary.outcome, r.outcome);
    if (outcome !== 'success' && outcome !== 'failed') return undefined;
    const complexity = r.complexity === undefined ? [] : this.list(this.vocabulary.complexity.get(specialty), r.complexity);
    const activities = r.activities === undefined ? [] : this.list(this.vocabulary.activities.get(specialty), r.activities);
    const size = this.size(r.size);
    if (!complexity || !activities || !size) return undefined;
    const engagement: Engagement = { specialty, role, from, to, outcome, complexity, activities, size };
    if (r.title !== undefined) {
      const title = text(r.title);
      if (title === undefined) return undefined;
      engagement.title = title;
    }
    return engagement;
  }

  expertise(r: Record<string, unknown>): ExpertiseRecord | undefined {
    if (!onlyKeys(r, EXPERTISE_KEYS)) return undefined;
    const specialty = this.one(this.vocabulary.specialty, r.specialty);
    const depth = this.one(this.vocabulary.depth, r.depth);
    if (specialty === undefined || depth === undefined || typeof r.areas !== 'string' || r.areas.trim() === '') return undefined;
    const areas = this.list(this.vocabulary.areas.get(specialty), r.areas);
    return areas ? { specialty, areas, depth } : undefined;
  }

  knowledgeTransfer(r: Record<string, unknown>): KnowledgeTransferRecord | undefined {
    if (!onlyKeys(r, KNOWLEDGE_TRANSFER_KEYS)) return undefined;
    const kind = this.one(this.vocabulary.knowledgeTransfer, r.kind);
    const specialties = r.specialties === undefined ? null : this.list(this.vocabulary.specialty, r.specialties);
    if (kind === undefined || specialties === undefined) return undefined;
    const record: KnowledgeTransferRecord = { kind, specialties };
    if (r.title !== undefined) {
      const title = text(r.title);
      if (title === undefined) return undefined;
      record.title = title;
    }
    if (r.date !== undefined) {
      const date = this.day(r.date, this.starts, false);
      if (date === undefined) return undefined;
      record.date = date;
    }
    return record;
  }

  mentoring(r: Record<string, unknown>): MentoringRecord | undefined {
    if (!onlyKeys(r, MENTORING_KEYS)) return undefined;
    const specialties = r.specialties === undefined ? null : this.list(this.vocabulary.specialty, r.specialties);
    if (specialties === undefined) return undefined;
    const record: MentoringRecord = { specialties };
    if (r.mentee !== undefined) {
      const mentee = text(r.mentee);
      if (mentee === undefined) return undefined;
      record.mentee = mentee;
    }
    if (r.from !== undefined) {
      const from = this.day(r.from, this.starts, false);
      if (from === undefined) return undefined;
      record.from = from;
    }
    return record;
  }

  exam(r: Record<string, unknown>): ExamRecord | undefined {
    if (!onlyKeys(r, EXAM_KEYS)) return undefined;
    const exam = text(r.exam);
    if (exam === undefined) return undefined;
    const id = this.vocabulary.exam.resolve(exam);
    const record: ExamRecord = { exam: id ?? exam, listed: id !== undefined };
    if (r.passed !== undefined) {
      const passed = this.day(r.passed, this.starts, false);
      if (passed === undefined) return undefined;
      record.passed = passed;
    }
    return record;
  }

  /** One value of a list of ids (an id, label or the source's wording). */
  private one(index: LabelIndex, value: unknown): string | undefined {
    const t = text(value);
    return t === undefined ? undefined : index.resolve(t);
  }

  /** A list cell's ids, in order, each once; undefined if any item is unknown. */
  private list(index: LabelIndex | undefined, value: unknown): string[] | undefined {
    const t = text(value);
    if (t === undefined || index === undefined) return undefined;
    const ids: string[] = [];
    for (const item of index.splitList(t)) {
      const id = index.resolve(item);
      if (id === undefined) return undefined;
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  private day(value: unknown, memo: Map<string, EpochDay | undefined>, end: boolean): EpochDay | undefined {
    const t = text(value);
    if (t === undefined) return undefined;
    if (memo.has(t)) return memo.get(t);
    const parsed = parseDate(t);
    const day = parsed === undefined ? undefined : end ? endDay(parsed) : startDay(parsed);
    if (memo.size < 100_000) memo.set(t, day);
    return day;
  }

  private size(value: unknown): Record<string, number> | undefined {
    const size: Record<string, number> = {};
    if (value === undefined) return size;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const cells = value as Record<string, unknown>;
    for (const key of Object.keys(cells)) if (!this.sizeFields.some((f) => f.id === key)) return undefined;
    for (const field of this.sizeFields) {
      const cell = cells[field.id];
      if (cell === undefined || cell === '') continue;
      const t = text(cell);
      if (t === undefined) return undefined;
      const key = `${field.unit}:${t}`;
      let amount = this.quantities.get(key);
      if (amount === undefined && !this.quantities.has(key)) {
        amount = field.unit === 'yen' ? parseYen(t) : parsePeople(t);
        if (this.quantities.size < 100_000) this.quantities.set(key, amount);
      }
      if (amount === undefined) return undefined;
      size[field.id] = amount;
    }
    return size;
  }
}

const ENGAGEMENT_KEYS = new Set(['title', 'specialty', 'role', 'from', 'to', 'outcome', 'complexity', 'activities', 'size']);
const EXPERTISE_KEYS = new Set(['specialty', 'areas', 'depth']);
const KNOWLEDGE_TRANSFER_KEYS = new Set(['kind', 'specialties', 'title', 'date']);
const MENTORING_KEYS = new Set(['mentee', 'specialties', 'from']);
const EXAM_KEYS = new Set(['exam', 'passed']);

function onlyKeys(record: Record<string, unknown>, keys: Set<string>): boolean {
  for (const key of Object.keys(record)) if (!keys.has(key)) return false;
  return true;
}
