import * as z from 'zod/mini';
import { endDay, isOngoingEnd, readDate, startDay, type EpochDay } from '../values/calendarDate.js';
import type { Candidate, Engagement, ExamRecord, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from './candidate.js';
import type { ValueDiagnosticCode } from '../input/diagnostic.js';
import type { Standard } from '../standard/loadStandard.js';
import { LabelIndex } from '../values/labelIndex.js';
import { parsePeople, parseYen } from '../values/parseQuantity.js';
import type { CustomIssueParams } from '../input/zodDiagnostics.js';
import { nullPrototype } from '../values/nullPrototype.js';

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
  const vocabulary = candidateVocabulary(standard);
  const text = z.string();
  const dateInput = z.union([z.string(), z.date(), z.number()]);
  const listInput = z.union([z.array(z.union([z.string(), z.number()])), z.string()]);
  const scalarId = z.union([z.string(), z.number()]);
  const optional = z.optional;

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

  // A number or a text; any number, even 1e309 or .nan, so that the quantity parser names it as the wrong
  // quantity it is (z.number() would call it "not a number").
  const quantity = z.custom<number | string>((v) => typeof v === 'number' || typeof v === 'string', { params: { code: 'wrong-type', expected: ['number', 'string'] } });
  const sizeShape: Record<string, z.ZodMiniOptional<typeof quantity>> = {};
  for (const field of standard.sizeFields) sizeShape[field.id] = optional(quantity);
  const sizeSchema = z.strictObject(sizeShape);

  const engagementSchema = transformed(
    z.strictObject({
      title: optional(text),
      specialty: scalarId,
      role: scalarId,
      from: dateInput,
      to: optional(z.nullable(dateInput)),
      outcome: optional(text),
      complexity: optional(listInput),
      activities: optional(listInput),
      size: optional(sizeSchema),
    }),
    (raw, ctx): Engagement => {
      const specialty = resolveOne(vocabulary.specialty, raw.specialty, ctx, ['specialty']);
      const role = resolveOne(vocabulary.role, raw.role, ctx, ['role']) ?? '';
      const from = parseDay(raw.from, ctx, ['from'], false);
      // An end in year 9999 (HR systems' "no end") is ongoing, as an empty one.
      const to = raw.to === undefined || raw.to === null || raw.to === '' || isOngoingEnd(raw.to) ? null : parseDay(raw.to, ctx, ['to'], true);
      if (from !== undefined && to !== undefined && to !== null && to < from) fail(ctx, ['to'], 'to-before-from', raw.to, [`>= ${String(raw.from)}`]);
      const outcome = raw.outcome === undefined ? 'success' : resolveOne(vocabulary.outcome, raw.outcome, ctx, ['outcome']);
      // Keyed by the standard's field ids, which a tailored standard names (`constructor` is an id): no prototype
      // may answer for a field the engagement does not give.
      const size = nullPrototype<number>();
      for (const field of standard.sizeFields) {
        const value = raw.size !== undefined && Object.prototype.hasOwnProperty.call(raw.size, field.id)
          ? (raw.size as Record<string, unknown>)[field.id] : undefined;
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
  );

  const specialtiesOrAll = (value: (string | number)[] | string | undefined | null, ctx: Ctx): string[] | null =>
    value === undefined || value === null || (Array.isArray(value) && value.length === 0) ? null : resolveList(vocabulary.specialty, value, ctx, ['specialties']);

  const expertiseSchema = transformed(
    z.strictObject({ specialty: scalarId, areas: listInput, depth: scalarId }),
    (raw, ctx): ExpertiseRecord => {
      const specialty = resolveOne(vocabulary.specialty, raw.specialty, ctx, ['specialty']);
      const depth = resolveOne(vocabulary.depth, raw.depth, ctx, ['depth']) ?? '';
      const areas = specialty ? resolveList(vocabulary.areas.get(specialty)!, raw.areas, ctx, ['areas']) : [];
      if (specialty && areas.length === 0 && (typeof raw.areas === 'string' ? raw.areas.trim() === '' : raw.areas.length === 0))
        fail(ctx, ['areas'], 'too-small', raw.areas, vocabulary.areas.get(specialty)!.ids);
      return { specialty: specialty ?? '', areas, depth };
    },
  );

  const knowledgeTransferSchema = transformed(
    z.strictObject({ kind: scalarId, specialties: optional(z.nullable(listInput)), title: optional(text), date: optional(dateInput) }),
    (raw, ctx): KnowledgeTransferRecord => {
      const record: KnowledgeTransferRecord = {
        kind: resolveOne(vocabulary.knowledgeTransfer, raw.kind, ctx, ['kind']) ?? '',
        specialties: specialtiesOrAll(raw.specialties, ctx),
      };
      if (raw.title !== undefined) record.title = raw.title;
      if (raw.date !== undefined) record.date = parseDay(raw.date, ctx, ['date'], false);
      return record;
    },
  );

  const mentoringSchema = transformed(
    z.strictObject({ mentee: optional(text), specialties: optional(z.nullable(listInput)), from: optional(dateInput) }),
    (raw, ctx): MentoringRecord => {
      const record: MentoringRecord = { specialties: specialtiesOrAll(raw.specialties, ctx) };
      if (raw.mentee !== undefined) record.mentee = raw.mentee;
      if (raw.from !== undefined) record.from = parseDay(raw.from, ctx, ['from'], false);
      return record;
    },
  );

  const examSchema = transformed(
    z.strictObject({ exam: scalarId, passed: optional(dateInput) }),
    (raw, ctx): ExamRecord => {
      const id = vocabulary.exam.resolve(String(raw.exam));
      const record: ExamRecord = { exam: id ?? String(raw.exam), listed: id !== undefined };
      if (raw.passed !== undefined) record.passed = parseDay(raw.passed, ctx, ['passed'], false);
      return record;
    },
  );

  const list = <S extends z.core.SomeType>(item: S) => z._default(z.array(item), []);
  return transformed(
    z.strictObject({
      $schema: optional(z.string()),
      format: optional(z.literal(CANDIDATE_FORMAT)),
      id: scalarId.check(z.refine((v) => String(v).trim() !== '', { params: { code: 'missing', expected: ['a non-empty id'] } })),
      name: optional(text),
      department: optional(text),
      exams: list(examSchema),
      engagements: list(engagementSchema),
      expertise: list(expertiseSchema),
      knowledgeTransfer: list(knowledgeTransferSchema),
      mentoring: list(mentoringSchema),
    }),
    (raw): Candidate => {
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
  );
}
