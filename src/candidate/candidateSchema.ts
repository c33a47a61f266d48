import * as z from 'zod/mini';
import { endDay, isOngoingEnd, readDate, startDay, type EpochDay } from '../values/calendarDate.js';
import type { Candidate, Engagement, ExamRecord, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from './candidate.js';
import type { ValueDiagnosticCode } from '../input/diagnostic.js';
import type { Standard } from '../standard/loadStandard.js';
import { LabelIndex } from '../values/labelIndex.js';
import { parsePeople, parseYen } from '../values/parseQuantity.js';
import type { CustomIssueParams } from '../input/zodDiagnostics.js';
import { BARE_PROTOTYPE, bareObject } from '../values/bareObject.js';

export const CANDIDATE_FORMAT = 'itss-candidate/v1';

const OUTCOME_ALIASES = { 成功: 'success', 失敗: 'failed', 不成功: 'failed' } as const;

/** A transform's context: issues pushed here get the parents' path prefixed by zod. */
type Ctx = { issues: z.core.$ZodRawIssue[] };

function fail(ctx: Ctx, path: PropertyKey[], code: ValueDiagnosticCode, value: unknown, expected: string[] = []): void {
  const params: CustomIssueParams = { code, value, expected };
  // A fresh array each time: zod prefixes the parents' path onto it in place, so a shared one would be prefixed twice.
  ctx.issues.push({ code: 'custom', path: [...path] as (string | number)[], params, message: code, input: value });
}

/** `schema` then `fn` on its output, which may report issues through `ctx`. */
function transformed<S extends z.core.SomeType, T>(schema: S, fn: (value: z.core.output<S>, ctx: Ctx) => T) {
  return z.pipe(schema, z.transform((value: z.core.output<S>, ctx) => fn(value, ctx as unknown as Ctx)));
}

/** The accepted forms of a date, by example (candidate-format.md), listed in the error for a bad one. */
export const DATE_FORMATS = ['2019-04', '2019-04-01', '2019/4/1', '2019.4.1', '2019年4月1日', '20190401', '201904', '2019/4/1 0:00', '令和元年5月1日', 'R1.5.1', 'H31.4'];

/** Label indexes of one standard, built once per standard. */
export interface CandidateVocabulary {
  specialty: LabelIndex;
  role: LabelIndex;
  depth: LabelIndex;
  knowledgeTransfer: LabelIndex;
  exam: LabelIndex;
  outcome: LabelIndex;
  complexity: Map<string, LabelIndex>;
  areas: Map<string, LabelIndex>;
  activities: Map<string, LabelIndex>;
}

export function candidateVocabulary(standard: Standard): CandidateVocabulary {
  const bySpecialty = (pick: (s: Standard['specialties'][number]) => { id: string }[]) =>
    new Map(standard.specialties.map((s) => [s.id, new LabelIndex(pick(s))]));
  return {
    specialty: new LabelIndex(standard.specialties),
    role: new LabelIndex(standard.scales.role),
    depth: new LabelIndex(standard.scales.depth),
    knowledgeTransfer: new LabelIndex(standard.scales.knowledgeTransfer),
    exam: new LabelIndex(standard.scales.exams),
    outcome: new LabelIndex([{ id: 'success' }, { id: 'failed' }], OUTCOME_ALIASES),
    complexity: bySpecialty((s) => s.complexity),
    areas: bySpecialty((s) => s.areas),
    activities: bySpecialty((s) => s.activities),
  };
}

/** What a record's field may hold as written, before it is read: the schema and the direct reading both follow it. */
type FieldKind = 'text' | 'id' | 'date' | 'date-or-null' | 'list' | 'list-or-null' | 'size';
type Fields = Readonly<Record<string, { kind: FieldKind; optional: boolean }>>;
const required = (kind: FieldKind) => ({ kind, optional: false });
const optional = (kind: FieldKind) => ({ kind, optional: true });

/** Each record's fields, in the order the JSON Schema lists them (candidate-format.md). */
const ENGAGEMENT_FIELDS: Fields = {
  title: optional('text'), specialty: required('id'), role: required('id'), from: required('date'), to: optional('date-or-null'),
  outcome: optional('text'), complexity: optional('list'), activities: optional('list'), size: optional('size'),
};
const EXPERTISE_FIELDS: Fields = { specialty: required('id'), areas: required('list'), depth: required('id') };
const KNOWLEDGE_TRANSFER_FIELDS: Fields = { kind: required('id'), specialties: optional('list-or-null'), title: optional('text'), date: optional('date') };
const MENTORING_FIELDS: Fields = { mentee: optional('text'), specialties: optional('list-or-null'), from: optional('date') };
const EXAM_FIELDS: Fields = { exam: required('id'), passed: optional('date') };

type ListInput = (string | number)[] | string;
type DateInput = string | Date | number;
type Size = Record<string, number | string | undefined>;
interface EngagementInput {
  title?: string;
  specialty: string | number;
  role: string | number;
  from: DateInput;
  to?: DateInput | null;
  outcome?: string;
  complexity?: ListInput;
  activities?: ListInput;
  size?: Size;
}
interface ExpertiseInput { specialty: string | number; areas: ListInput; depth: string | number }
interface KnowledgeTransferInput { kind: string | number; specialties?: ListInput | null; title?: string; date?: DateInput }
interface MentoringInput { mentee?: string; specialties?: ListInput | null; from?: DateInput }
interface ExamInput { exam: string | number; passed?: DateInput }
/** A candidate as the schema's last step takes it: its records read, its id as written. */
type CandidateInput = Omit<Candidate, 'id'> & { id: string | number };

/**
 * How one standard reads a candidate's records once their fields have the kinds they may have: ids resolved, dates
 * to days, sizes to people and yen, each problem an issue on `ctx`. The schema runs these as its transforms; the
 * direct reading (candidateReadingFor) runs the same functions.
 */
function recordReaders(standard: Standard) {
  const vocabulary = candidateVocabulary(standard);

  /** Resolves one value in `index`, or records an unknown-value issue listing the valid ids. */
  const resolveOne = (index: LabelIndex, value: string | number, ctx: Ctx, path: PropertyKey[]): string | undefined => {
    const id = index.resolve(String(value));
    if (id === undefined) fail(ctx, path, 'unknown-value', value, index.ids);
    return id;
  };
  const resolveList = (index: LabelIndex, value: (string | number)[] | string, ctx: Ctx, path: PropertyKey[]): string[] => {
    const items = typeof value === 'string' ? index.splitList(value) : value;
    const out: string[] = [];
    items.forEach((item, i) => {
      const id = resolveOne(index, item, ctx, typeof value === 'string' ? path : [...path, i]);
      if (id !== undefined && !out.includes(id)) out.push(id);
    });
    return out;
  };
  const parseDay = (value: unknown, ctx: Ctx, path: PropertyKey[], end: boolean): EpochDay | undefined => {
    const parsed = readDate(value);
    if ('problem' in parsed) {
      if (parsed.problem === 'outside-era') fail(ctx, path, 'outside-era', value, [parsed.era, parsed.from, parsed.to ?? '']);
      else fail(ctx, path, 'bad-date', value, DATE_FORMATS);
      return undefined;
    }
    return end ? endDay(parsed) : startDay(parsed);
  };
  const specialtiesOrAll = (value: (string | number)[] | string | undefined | null, ctx: Ctx): string[] | null =>
    value === undefined || value === null || (Array.isArray(value) && value.length === 0) ? null : resolveList(vocabulary.specialty, value, ctx, ['specialties']);

  return {
    engagement: (raw: EngagementInput, ctx: Ctx): Engagement => {
      const specialty = resolveOne(vocabulary.specialty, raw.specialty, ctx, ['specialty']);
      const role = resolveOne(vocabulary.role, raw.role, ctx, ['role']) ?? '';
      const from = parseDay(raw.from, ctx, ['from'], false);
      // An end in year 9999 (HR systems' "no end") is ongoing, as an empty one.
      const to = raw.to === undefined || raw.to === null || raw.to === '' || isOngoingEnd(raw.to) ? null : parseDay(raw.to, ctx, ['to'], true);
      if (from !== undefined && to !== undefined && to !== null && to < from) fail(ctx, ['to'], 'to-before-from', raw.to, [`>= ${String(raw.from)}`]);
      const outcome = raw.outcome === undefined ? 'success' : resolveOne(vocabulary.outcome, raw.outcome, ctx, ['outcome']);
      // Keyed by the standard's field ids, which a tailored standard names (`constructor` is an id): no prototype
      // may answer for a field the engagement does not give.
      const size = bareObject<number>();
      for (const field of standard.sizeFields) {
        const value = raw.size !== undefined && Object.prototype.hasOwnProperty.call(raw.size, field.id) ? raw.size[field.id] : undefined;
        if (value === undefined || value === '') continue;
        const parsed = field.unit === 'yen' ? parseYen(value) : parsePeople(value);
        if (parsed === undefined) fail(ctx, ['size', field.id], field.unit === 'yen' ? 'bad-yen' : 'bad-people', value);
        else size[field.id] = parsed;
      }
      const engagement: Engagement = {
        specialty: specialty ?? '',
        role,
        from: from ?? 0,
        to: to ?? null,
        outcome: (outcome ?? 'success') as Engagement['outcome'],
        complexity: specialty && raw.complexity !== undefined ? resolveList(vocabulary.complexity.get(specialty)!, raw.complexity, ctx, ['complexity']) : [],
        activities: specialty && raw.activities !== undefined ? resolveList(vocabulary.activities.get(specialty)!, raw.activities, ctx, ['activities']) : [],
        size,
      };
      if (raw.title !== undefined) engagement.title = raw.title;
      return engagement;
    },

    expertise: (raw: ExpertiseInput, ctx: Ctx): ExpertiseRecord => {
      const specialty = resolveOne(vocabulary.specialty, raw.specialty, ctx, ['specialty']);
      const depth = resolveOne(vocabulary.depth, raw.depth, ctx, ['depth']) ?? '';
      const areas = specialty ? resolveList(vocabulary.areas.get(specialty)!, raw.areas, ctx, ['areas']) : [];
      if (specialty && areas.length === 0 && (typeof raw.areas === 'string' ? raw.areas.trim() === '' : raw.areas.length === 0))
        fail(ctx, ['areas'], 'too-small', raw.areas, vocabulary.areas.get(specialty)!.ids);
      return { specialty: specialty ?? '', areas, depth };
    },

    knowledgeTransfer: (raw: KnowledgeTransferInput, ctx: Ctx): KnowledgeTransferRecord => {
      const record: KnowledgeTransferRecord = {
        kind: resolveOne(vocabulary.knowledgeTransfer, raw.kind, ctx, ['kind']) ?? '',
        specialties: specialtiesOrAll(raw.specialties, ctx),
      };
      if (raw.title !== undefined) record.title = raw.title;
      if (raw.date !== undefined) record.date = parseDay(raw.date, ctx, ['date'], false);
      return record;
    },

    mentoring: (raw: MentoringInput, ctx: Ctx): MentoringRecord => {
      const record: MentoringRecord = { specialties: specialtiesOrAll(raw.specialties, ctx) };
      if (raw.mentee !== undefined) record.mentee = raw.mentee;
      if (raw.from !== undefined) record.from = parseDay(raw.from, ctx, ['from'], false);
      return record;
    },

    exam: (raw: ExamInput, ctx: Ctx): ExamRecord => {
      const id = vocabulary.exam.resolve(String(raw.exam));
      const record: ExamRecord = { exam: id ?? String(raw.exam), listed: id !== undefined };
      if (raw.passed !== undefined) record.passed = parseDay(raw.passed, ctx, ['passed'], false);
      return record;
    },

    candidate: (raw: CandidateInput): Candidate => {
      const candidate: Candidate = {
        id: String(raw.id).trim(),
        exams: raw.exams,
        engagements: raw.engagements,
        expertise: raw.expertise,
        knowledgeTransfer: raw.knowledgeTransfer,
        mentoring: raw.mentoring,
      };
      if (raw.name !== undefined) candidate.name = raw.name;
      if (raw.department !== undefined) candidate.department = raw.department;
      return candidate;
    },
  };
}

type RecordReaders = ReturnType<typeof recordReaders>;
const readersByStandard = new WeakMap<Standard, RecordReaders>();
function readersFor(standard: Standard): RecordReaders {
  let readers = readersByStandard.get(standard);
  if (!readers) readersByStandard.set(standard, (readers = recordReaders(standard)));
  return readers;
}

const cache = new WeakMap<Standard, ReturnType<typeof buildCandidateSchema>>();

/** The candidate file's schema for one standard: enumerated values resolve against that standard's lists. */
export function candidateSchemaFor(standard: Standard) {
  let schema = cache.get(standard);
  if (!schema) {
    schema = buildCandidateSchema(standard);
    cache.set(standard, schema);
  }
  return schema;
}

function buildCandidateSchema(standard: Standard) {
  const readers = readersFor(standard);
  const text = z.string();
  const dateInput = z.union([z.string(), z.date(), z.number()]);
  const listInput = z.union([z.array(z.union([z.string(), z.number()])), z.string()]);
  const scalarId = z.union([z.string(), z.number()]);

  // A number or a text; any number, even 1e309 or .nan, so that the quantity parser names it as the wrong
  // quantity it is (z.number() would call it "not a number").
  const quantity = z.custom<number | string>((v) => typeof v === 'number' || typeof v === 'string', { params: { code: 'wrong-type', expected: ['number', 'string'] } });
  const sizeShape: Record<string, z.ZodMiniOptional<typeof quantity>> = {};
  for (const field of standard.sizeFields) sizeShape[field.id] = z.optional(quantity);
  const sizeSchema = z.strictObject(sizeShape);

  const kinds: Record<FieldKind, z.core.SomeType> = {
    text,
    id: scalarId,
    date: dateInput,
    'date-or-null': z.nullable(dateInput),
    list: listInput,
    'list-or-null': z.nullable(listInput),
    size: sizeSchema,
  };
  const record = (fields: Fields) =>
    z.strictObject(Object.fromEntries(Object.entries(fields).map(([name, { kind, optional }]) => [name, optional ? z.optional(kinds[kind]) : kinds[kind]])));
  // The readers take what the schema let through: its output has the kinds the fields declare.
  const reading = <T>(fields: Fields, read: (raw: never, ctx: Ctx) => T) => transformed(record(fields), (raw, ctx) => read(raw as never, ctx));

  const list = <S extends z.core.SomeType>(item: S) => z._default(z.array(item), []);
  return transformed(
    z.strictObject({
      $schema: z.optional(z.string()),
      format: z.optional(z.literal(CANDIDATE_FORMAT)),
      id: scalarId.check(z.refine((v) => String(v).trim() !== '', { params: { code: 'missing', expected: ['a non-empty id'] } })),
      name: z.optional(text),
      department: z.optional(text),
      exams: list(reading(EXAM_FIELDS, readers.exam)),
      engagements: list(reading(ENGAGEMENT_FIELDS, readers.engagement)),
      expertise: list(reading(EXPERTISE_FIELDS, readers.expertise)),
      knowledgeTransfer: list(reading(KNOWLEDGE_TRANSFER_FIELDS, readers.knowledgeTransfer)),
      mentoring: list(reading(MENTORING_FIELDS, readers.mentoring)),
    } satisfies Record<(typeof CANDIDATE_KEY_LIST)[number], z.core.SomeType>),
    (raw) => readers.candidate(raw as CandidateInput),
  );
}

/** A plain object (YAML, JSON and the HR join make no other kind), keys as its own enumerable properties. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null || prototype === BARE_PROTOTYPE;
}

const isId = (value: unknown): value is string | number => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
/** A list cell or a list of ids; every index (every() would pass over a hole, which the schema reads as undefined). */
function isList(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isId(value[i])) return false;
  return true;
}

/** Whether `value` is of `kind` as the schema's types say (a finite number where it asks z.number()). */
function hasKind(kind: FieldKind, value: unknown, standard: Standard): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string';
    case 'id':
    case 'date':
      return isId(value);
    case 'date-or-null':
      return value === null || isId(value);
    case 'list':
      return isList(value);
    case 'list-or-null':
      return value === null || isList(value);
    case 'size':
      return isPlainObject(value) && Object.keys(value).every((key) =>
        standard.sizeFields.some((field) => field.id === key) && (value[key] === undefined || typeof value[key] === 'number' || typeof value[key] === 'string'));
  }
}

/** Whether a record has only the fields it may, each of its kind, the required ones given. */
function fits(fields: Fields, value: unknown, standard: Standard): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (!Object.prototype.hasOwnProperty.call(fields, key)) return false;
  for (const [name, { kind, optional }] of Object.entries(fields)) {
    const field = value[name];
    if (field === undefined ? !optional : !hasKind(kind, field, standard)) return false;
  }
  return true;
}

/** A candidate file's keys: the schema's top level has exactly these (a `satisfies` there makes any other a type error). */
const CANDIDATE_KEY_LIST = ['$schema', 'format', 'id', 'name', 'department', 'exams', 'engagements', 'expertise', 'knowledgeTransfer', 'mentoring'] as const;
const CANDIDATE_KEYS = new Set<string>(CANDIDATE_KEY_LIST);

/**
 * A candidate read straight from a parsed document, without building or running the schema — or undefined as soon
 * as anything is not plainly valid (a field of another kind, an unknown key, a value the readers report), for the
 * schema to judge and word. It takes only what the schema accepts and gives what the schema gives: the same record
 * readers, after the same kinds (tests/candidateReading.test.ts holds the two together). Why: building and running
 * the schema took `itss assess` about 5 ms of its start.
 */
export function readCandidateDirectly(value: unknown, standard: Standard): Candidate | undefined {
  if (!isPlainObject(value)) return undefined;
  for (const key of Object.keys(value)) if (!CANDIDATE_KEYS.has(key)) return undefined;
  const { $schema, format, id, name, department } = value;
  if ($schema !== undefined && typeof $schema !== 'string') return undefined;
  if (format !== undefined && format !== CANDIDATE_FORMAT) return undefined;
  if (!isId(id) || String(id).trim() === '') return undefined;
  if ((name !== undefined && typeof name !== 'string') || (department !== undefined && typeof department !== 'string')) return undefined;
  const readers = readersFor(standard);
  const ctx: Ctx = { issues: [] };
  const records = <T>(list: unknown, fields: Fields, read: (raw: never, ctx: Ctx) => T): T[] | undefined => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) return undefined;
    const out: T[] = [];
    for (const item of list) {
      if (!fits(fields, item, standard)) return undefined;
      out.push(read(item as never, ctx));
      if (ctx.issues.length > 0) return undefined;
    }
    return out;
  };
  const exams = records(value.exams, EXAM_FIELDS, readers.exam);
  const engagements = records(value.engagements, ENGAGEMENT_FIELDS, readers.engagement);
  const expertise = records(value.expertise, EXPERTISE_FIELDS, readers.expertise);
  const knowledgeTransfer = records(value.knowledgeTransfer, KNOWLEDGE_TRANSFER_FIELDS, readers.knowledgeTransfer);
  const mentoring = records(value.mentoring, MENTORING_FIELDS, readers.mentoring);
  if (!exams || !engagements || !expertise || !knowledgeTransfer || !mentoring) return undefined;
  return readers.candidate({ id, name: name, department: department, exams, engagements, expertise, knowledgeTransfer, mentoring });
}
