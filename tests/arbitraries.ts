/**
 * fast-check generators of candidates in the candidate-file shape (ids, not labels; dates `YYYY-MM` or
 * `YYYY-MM-DD`), for the engine's property tests. Every id is drawn from the built-in standard itself, so
 * every generated candidate is valid; every date lies between 2000-01-01 and the assessment date.
 *
 * Two modes:
 * - `mixed`: month- and day-precise dates, one-day engagements, periods that end on any day;
 * - `month`: month-precise dates only (`from: YYYY-MM` is the first day, `to: YYYY-MM` the last), where a
 *   period's length is a whole number of calendar months (+1/30 for the assessment day of an ongoing one).
 *
 * Candidates are either random or built on the boundary fixtures of tests/levelFixtures.ts (exactly at a
 * level's thresholds; also with the main engagement moved to another period of exactly the level's months, and
 * 運用管理 6–7 met with conditions off the lower levels' lists, non-nested) with random additions, so that
 * verdicts at the thresholds are exercised. Dates, lengths and sizes lean towards month ends and thresholds.
 */
import fc from 'fast-check';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import type { LevelDefinition, SpecialtyDefinition } from '../src/standard/standardSchema.js';
import { ASSESSMENT_DATE, LEVEL_SPECS, justMeets, levelFixtures, type EngagementInput, type LevelSpec } from './levelFixtures.js';

export const standard = builtinStandard();
export const AS_OF = ASSESSMENT_DATE;

export type Mode = 'month' | 'mixed';

// ─────────────────────────────────────────────────────────── shapes (candidate-format.md)

/** An engagement as the level fixtures write it, any specialty and title optional (sizes may be strings: `７．５億円`). */
export type EngagementObject = Omit<EngagementInput, 'title' | 'specialty'> & { title?: string; specialty: string };

interface ExpertiseObject {
  specialty: string;
  areas: string[];
  depth: string;
}

interface KnowledgeTransferObject {
  kind: string;
  specialties?: string[];
  title?: string;
  date?: string;
}

interface MentoringObject {
  mentee?: string;
  specialties?: string[];
  from?: string;
}

interface ExamObject {
  exam: string;
  passed?: string;
}

export interface CandidateObject {
  name?: string;
  engagements: EngagementObject[];
  expertise: ExpertiseObject[];
  knowledgeTransfer: KnowledgeTransferObject[];
  mentoring: MentoringObject[];
  exams?: ExamObject[];
}

// ─────────────────────────────────────────────────────────── calendar (independent of src/values)

const MS_PER_DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Days since 1970-01-01 (UTC). */
const dayNumber = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / MS_PER_DAY;
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
function ymdOf(n: number): { y: number; m: number; d: number } {
  const date = new Date(n * MS_PER_DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}
/** `YYYY-MM-DD` of a day number. */
export function isoDay(n: number): string {
  const { y, m, d } = ymdOf(n);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Month index: 0 is 2000-01. */
/**
 * rules.md §2.1's length of the inclusive period a .. b in 30ths of a month, written from the rule's own words
 * with Date (the engine's D is arithmetic on epoch days): D(e) − D(a), e the day after b.
 */
export function thirtiethsOf(a: number, b: number): number {
  const D = (n: number) => {
    const { y, m, d } = ymdOf(n);
    return 360 * y + 30 * (m - 1) + Math.min(d, 30);
  };
  return D(b + 1) - D(a);
}

const monthIndex = (y: number, m: number): number => (y - 2000) * 12 + (m - 1);
const yearOf = (mi: number): number => 2000 + Math.floor(mi / 12);
const monthOf = (mi: number): number => (mi % 12) + 1;
/** `YYYY-MM` of a month index. */
export const isoMonth = (mi: number): string => `${yearOf(mi)}-${pad(monthOf(mi))}`;

const [ASY, ASM, ASD] = AS_OF.split('-').map(Number) as [number, number, number];
export const AS_OF_DAY = dayNumber(ASY, ASM, ASD);
export const AS_OF_MONTH = monthIndex(ASY, ASM);
const FIRST_DAY = dayNumber(2000, 1, 1);

/** The first day a `YYYY-MM` / `YYYY-MM-DD` date stands for. */
export function startOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number | undefined];
  return dayNumber(y, m, d ?? 1);
}
/** The last day a `YYYY-MM` / `YYYY-MM-DD` date stands for. */
export function endOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number | undefined];
  return dayNumber(y, m, d ?? daysIn(y, m));
}
export const isMonthPrecise = (date: string): boolean => /^\d{4}-\d{2}$/.test(date);
export const monthIndexOf = (date: string): number => {
  const { y, m } = ymdOf(startOf(date));
  return monthIndex(y, m);
};

// ─────────────────────────────────────────────────────────── the standard's vocabulary

const specialties: SpecialtyDefinition[] = standard.specialties;
export const specialtyIds = specialties.map((s) => s.id);
export const roles = [...standard.scales.role].sort((a, b) => a.rank - b.rank).map((r) => r.id);
const depths = [...standard.scales.depth].sort((a, b) => a.rank - b.rank).map((d) => d.id);
const kinds = standard.scales.knowledgeTransfer.map((k) => k.id);
const sizeFields = standard.sizeFields;
export const specialtyById = (id: string): SpecialtyDefinition => {
  const s = specialties.find((x) => x.id === id);
  if (!s) throw new Error(`no specialty ${id}`);
  return s;
};

/** Every size threshold of the standard, per field: generated sizes sit on, just below and around them. */
const thresholds = new Map<string, number[]>();
for (const s of specialties) {
  for (const l of s.levels) {
    for (const c of l.criteria) {
      if (c.kind !== 'size') continue;
      for (const o of c.options) for (const [field, t] of Object.entries(o.anyOf)) thresholds.set(field, [...(thresholds.get(field) ?? []), t]);
    }
  }
}
const thresholdsOf = (field: string): number[] => [...new Set(thresholds.get(field) ?? [])].sort((a, b) => a - b);

function sizeValueArb(field: string): fc.Arbitrary<number> {
  const unit = sizeFields.find((f) => f.id === field)?.unit;
  const ts = thresholdsOf(field);
  const near = ts.length > 0 ? [fc.constantFrom(...ts, ...ts.map((t) => Math.max(0, t - 1)))] : [];
  const max = unit === 'yen' ? 3_000_000_000 : 400;
  return fc.oneof(...near, fc.integer({ min: 0, max }));
}

const sizeArb: fc.Arbitrary<Record<string, number>> = fc.record(Object.fromEntries(sizeFields.map((f) => [f.id, sizeValueArb(f.id)])),
  { requiredKeys: [] }) as fc.Arbitrary<Record<string, number>>;

// ─────────────────────────────────────────────────────────── periods

/** Lengths in months, biased to the responsibility thresholds (12, 24, 36) and their neighbours. */
const lengthArb = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(0, 1, 11, 12, 13, 23, 24, 25, 35, 36, 37) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 60 }) });

/** Days of the month, biased to the ends of months, where months of different lengths meet. */
const dayArb = fc.oneof(fc.constantFrom(1, 2, 28, 29, 30, 31), fc.integer({ min: 1, max: 31 }));

interface PeriodObject {
  from: string;
  to?: string;
}

function periodArb(mode: Mode): fc.Arbitrary<PeriodObject> {
  return fc
    .record({
      fromMonth: fc.integer({ min: 0, max: AS_OF_MONTH }),
      length: lengthArb,
      fromDay: fc.option(dayArb, { nil: undefined, freq: 2 }),
      toKind: fc.constantFrom('ongoing', 'month', 'day', 'day'),
      toDay: dayArb,
    })
    .map(({ fromMonth, length, fromDay, toKind, toDay }): PeriodObject => {
      if (mode === 'month') {
        const from = isoMonth(fromMonth);
        const toMonth = Math.min(fromMonth + Math.max(1, length) - 1, AS_OF_MONTH - 1);
        return toKind === 'ongoing' || toMonth < fromMonth ? { from } : { from, to: isoMonth(toMonth) };
      }
      const fy = yearOf(fromMonth);
      const fm = monthOf(fromMonth);
      let fromN = dayNumber(fy, fm, fromDay === undefined ? 1 : Math.min(fromDay, daysIn(fy, fm)));
      if (fromN > AS_OF_DAY) fromN = AS_OF_DAY;
      const from = fromDay === undefined && fromN !== AS_OF_DAY ? isoMonth(fromMonth) : isoDay(fromN);
      if (toKind === 'ongoing') return { from };
      if (toKind === 'month') {
        const toMonth = Math.min(fromMonth + Math.max(1, length) - 1, AS_OF_MONTH - 1);
        return toMonth < fromMonth ? { from } : { from, to: isoMonth(toMonth) };
      }
      // Day-precise: about `length` months, ending on any day (a one-day engagement when length is 0).
      const em = fromMonth + length;
      const ey = yearOf(em);
      const emm = monthOf(em);
      const toN = Math.max(fromN, Math.min(AS_OF_DAY, dayNumber(ey, emm, Math.min(toDay, daysIn(ey, emm))) - 1));
      return { from, to: isoDay(toN) };
    });
}

export type PeriodForm = 'day' | 'month' | 'ongoing';

export interface ExactPeriod extends PeriodObject {
  /** First and last day (inclusive) as day numbers. */
  a: number;
  b: number;
  form: PeriodForm;
}

/**
 * A period of exactly `months` calendar months anywhere from 2000 to the assessment date: a .. e − 1, where e is
 * a with `months` added on the same day of the month (rules.md §2.1: whole months from a to e, e.day − a.day = 0).
 * `day`: day-precise `from` and `to`; `month`: `YYYY-MM` .. `YYYY-MM`; `ongoing`: no `to`, ending on the assessment date.
 */
export function exactPeriodArb(months: number, forms: PeriodForm[]): fc.Arbitrary<ExactPeriod> {
  return fc.record({ startMonth: fc.nat(), day: dayArb, form: fc.constantFrom(...forms) }).map(({ startMonth, day, form }): ExactPeriod => {
    if (form === 'ongoing') {
      const e = ymdOf(AS_OF_DAY + 1);
      const mi = monthIndex(e.y, e.m) - months;
      const a = dayNumber(yearOf(mi), monthOf(mi), e.d);
      return { from: isoDay(a), a, b: AS_OF_DAY, form };
    }
    // e at the latest on the day after the assessment date.
    const mi = startMonth % (AS_OF_MONTH - months + 1);
    const [ay, am, ey, em] = [yearOf(mi), monthOf(mi), yearOf(mi + months), monthOf(mi + months)];
    let d = form === 'month' ? 1 : Math.min(day, daysIn(ay, am), daysIn(ey, em));
    if (dayNumber(ey, em, d) > AS_OF_DAY + 1) d = 1;
    const a = dayNumber(ay, am, d);
    const b = dayNumber(ey, em, d) - 1;
    return form === 'month' ? { from: isoMonth(mi), to: isoMonth(mi + months - 1), a, b, form } : { from: isoDay(a), to: isoDay(b), a, b, form };
  });
}

/** Day-precise or month-precise dates for records (knowledge transfer, mentoring, exams), not after the assessment date. */
function recordDateArb(mode: Mode): fc.Arbitrary<string> {
  const month = fc.integer({ min: 0, max: AS_OF_MONTH }).map(isoMonth);
  if (mode === 'month') return month;
  return fc.oneof(month, fc.integer({ min: FIRST_DAY, max: AS_OF_DAY }).map(isoDay));
}

// ─────────────────────────────────────────────────────────── records

const withoutUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function engagementArb(mode: Mode, specialty?: SpecialtyDefinition): fc.Arbitrary<EngagementObject> {
  const specialtyArb = specialty ? fc.constant(specialty) : fc.constantFrom(...specialties);
  return specialtyArb.chain((s) =>
    fc
      .record({
        title: fc.option(fc.constantFrom('基盤運用', '監視', 'サービスデスク'), { nil: undefined }),
        role: fc.constantFrom(...roles),
        period: periodArb(mode),
        outcome: fc.constantFrom(undefined, undefined, 'success' as const, 'failed' as const),
        complexity: fc.subarray(s.complexity.map((c) => c.id)),
        activities: fc.subarray(s.activities.map((a) => a.id)),
        size: sizeArb,
      })
      .map(({ title, role, period, outcome, complexity, activities, size }) =>
        withoutUndefined<EngagementObject>({ title, specialty: s.id, role, from: period.from, to: period.to, outcome, complexity, activities, size }),
      ),
  );
}

function expertiseArb(specialty?: SpecialtyDefinition): fc.Arbitrary<ExpertiseObject> {
  const specialtyArb = specialty ? fc.constant(specialty) : fc.constantFrom(...specialties);
  return specialtyArb.chain((s) =>
    fc.record({
      specialty: fc.constant(s.id),
      areas: fc.subarray(s.areas.map((a) => a.id), { minLength: 1 }),
      depth: fc.constantFrom(...depths),
    }),
  );
}

function knowledgeTransferArb(mode: Mode): fc.Arbitrary<KnowledgeTransferObject> {
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      specialties: fc.option(fc.subarray(specialtyIds, { minLength: 1 }), { nil: undefined }),
      title: fc.option(fc.constantFrom('社内技報', '講演'), { nil: undefined }),
      date: fc.option(recordDateArb(mode), { nil: undefined }),
    })
    .map((r) => withoutUndefined(r));
}

function mentoringArb(mode: Mode): fc.Arbitrary<MentoringObject> {
  return fc
    .record({
      mentee: fc.option(fc.constant('後輩'), { nil: undefined }),
      specialties: fc.option(fc.subarray(specialtyIds, { minLength: 1 }), { nil: undefined }),
      from: fc.option(recordDateArb(mode), { nil: undefined }),
    })
    .map((r) => withoutUndefined(r));
}

function examArb(mode: Mode): fc.Arbitrary<ExamObject> {
  // FE is not listed by the standard: a warning, never an error (rules.md §4).
  return fc.record({ exam: fc.constantFrom('AP', 'FE'), passed: fc.option(recordDateArb(mode), { nil: undefined }) }).map((r) => withoutUndefined(r));
}

// ─────────────────────────────────────────────────────────── candidates

function randomCandidateArb(mode: Mode): fc.Arbitrary<CandidateObject> {
  return fc.record({
    engagements: fc.array(engagementArb(mode), { maxLength: 6 }),
    expertise: fc.array(expertiseArb(), { maxLength: 4 }),
    knowledgeTransfer: fc.array(knowledgeTransferArb(mode), { maxLength: 5 }),
    mentoring: fc.array(mentoringArb(mode), { maxLength: 2 }),
    exams: fc.array(examArb(mode), { maxLength: 2 }),
  });
}

const allMonthPrecise = (c: CandidateObject) => c.engagements.every((e) => isMonthPrecise(e.from) && (e.to === undefined || isMonthPrecise(e.to)));

/**
 * Just-meets fixtures ticking the conditions that some lower level of the specialty does not list (運用管理 6–7:
 * `international`, `world-leading`): the level is met and lower ones are not (non-nested, rules.md §6).
 */
function nonNestedFixtures(): CandidateObject[] {
  return LEVEL_SPECS.flatMap((spec) => {
    const lower = LEVEL_SPECS.filter((l) => l.specialty === spec.specialty && l.level < spec.level);
    const offLower = spec.complexity.list.filter((c) => lower.some((l) => !l.complexity.list.includes(c)));
    if (offLower.length === 0) return [];
    const ticked = [...new Set([...spec.complexity.required, ...offLower])];
    for (const c of spec.complexity.list) if (ticked.length < spec.complexity.atLeast && !ticked.includes(c)) ticked.push(c);
    const candidate = justMeets(spec.specialty, spec.level) as unknown as CandidateObject;
    candidate.engagements[0].complexity = ticked;
    return [candidate];
  });
}

/** The level fixtures (just meets, also meets, misses, non-nested): candidates at the thresholds. */
const fixturePool = (mode: Mode): CandidateObject[] => {
  const all = [
    ...LEVEL_SPECS.map((spec) => justMeets(spec.specialty, spec.level)),
    ...nonNestedFixtures(),
    ...levelFixtures.flatMap((f) => [...f.alsoMeets.map((m) => m.candidate), ...f.misses.map((m) => m.candidate)]),
  ] as unknown as CandidateObject[];
  return mode === 'month' ? all.filter(allMonthPrecise) : all;
};

/** A just-meets fixture whose main engagement is moved to another period of exactly the level's months. */
/** The level's just-meets fixture with its main engagement moved to another period (`to` undefined: ongoing). */
export function fixtureWithPeriod(spec: LevelSpec, from: string, to: string | undefined): CandidateObject {
  const c = justMeets(spec.specialty, spec.level) as unknown as CandidateObject;
  const main = c.engagements[0];
  main.from = from;
  if (to === undefined) delete main.to;
  else main.to = to;
  return c;
}

function movedFixtureArb(mode: Mode): fc.Arbitrary<CandidateObject> {
  return fc.constantFrom(...LEVEL_SPECS).chain((spec) =>
    exactPeriodArb(spec.months, mode === 'month' ? ['month'] : ['day', 'day', 'month', 'ongoing']).map(({ from, to }) => fixtureWithPeriod(spec, from, to)),
  );
}

function fixtureCandidateArb(mode: Mode): fc.Arbitrary<CandidateObject> {
  const pool = fixturePool(mode);
  return fc
    .record({
      base: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pool) }, { weight: 4, arbitrary: movedFixtureArb(mode) },
        { weight: 1, arbitrary: fc.constantFrom(...nonNestedFixtures()) }),
      engagements: fc.array(engagementArb(mode), { maxLength: 3 }),
      expertise: fc.array(expertiseArb(), { maxLength: 1 }),
      knowledgeTransfer: fc.array(knowledgeTransferArb(mode), { maxLength: 2 }),
      mentoring: fc.array(mentoringArb(mode), { maxLength: 1 }),
    })
    .map(({ base, engagements, expertise, knowledgeTransfer, mentoring }) => {
      const c = structuredClone(base);
      c.engagements = [...c.engagements, ...engagements];
      c.expertise = [...c.expertise, ...expertise];
      c.knowledgeTransfer = [...c.knowledgeTransfer, ...knowledgeTransfer];
      c.mentoring = [...c.mentoring, ...mentoring];
      return c;
    });
}

/** A valid candidate: random, or a level fixture with random additions. */
export function candidateArb(mode: Mode): fc.Arbitrary<CandidateObject> {
  return fc.oneof(randomCandidateArb(mode), fixtureCandidateArb(mode));
}

// ─────────────────────────────────────────────────────────── one engagement meeting a level's complexity and size

/** Levels above their specialty's lowest: "a higher level" (rules.md §2.1 以上). */
export const higherLevels: { specialty: SpecialtyDefinition; level: LevelDefinition }[] = specialties.flatMap((s) => {
  const lowest = Math.min(...s.levels.map((l) => l.level));
  return s.levels.filter((l) => l.level > lowest).map((level) => ({ specialty: s, level }));
});

/** An engagement of the level's specialty that meets that level's complexity and size on its own. */
export function engagementMeetingArb(mode: Mode, specialty: SpecialtyDefinition, level: LevelDefinition): fc.Arbitrary<EngagementObject> {
  const complexity = level.criteria.find((c) => c.kind === 'complexity');
  const size = level.criteria.find((c) => c.kind === 'size');
  if (!complexity || complexity.kind !== 'complexity' || !size || size.kind !== 'size') throw new Error('a level without complexity or size');
  const options = size.unspecified ? [undefined] : size.options;
  const optionalConditions = complexity.conditions.filter((c) => !complexity.required.includes(c));
  const fewest = Math.max(0, complexity.atLeast - complexity.required.length);
  return fc
    .record({
      base: engagementArb(mode, specialty),
      option: fc.constantFrom(...options),
      fieldPick: fc.nat(),
      extra: fc.nat(200),
      // Often just the conditions asked: under 運用管理 6–7 they may then be off the lower levels' lists (§6).
      optional: fc.oneof(
        fc.shuffledSubarray(optionalConditions, { minLength: fewest, maxLength: fewest }),
        fc.shuffledSubarray(optionalConditions, { minLength: fewest }),
      ),
      others: fc.oneof(fc.constant([]), fc.subarray(specialty.complexity.map((c) => c.id))),
      outcome: fc.constantFrom(undefined, 'success' as const, 'failed' as const),
    })
    .map(({ base, option, fieldPick, extra, optional, others, outcome }) => {
      const e = structuredClone(base);
      let ticked = [...complexity.required, ...optional];
      if (option?.complexityAtLeast !== undefined && ticked.length < option.complexityAtLeast) {
        const more = complexity.conditions.filter((c) => !ticked.includes(c));
        ticked = [...ticked, ...more.slice(0, option.complexityAtLeast - ticked.length)];
      }
      e.complexity = [...new Set([...ticked, ...others])];
      if (option) {
        const fields = Object.entries(option.anyOf);
        const [field, threshold] = fields[fieldPick % fields.length];
        e.size = { ...e.size, [field]: threshold + (extra % 2 === 0 ? 0 : extra) };
      }
      if (outcome === undefined) delete e.outcome;
      else e.outcome = outcome;
      return e;
    });
}

// ─────────────────────────────────────────────────────────── strengthenings (one fact made stronger)

export type Strengthening =
  | { kind: 'role'; index: number; role: string }
  | { kind: 'from'; index: number; from: string }
  | { kind: 'to'; index: number; to: string | null }
  | { kind: 'size'; index: number; field: string; value: number }
  | { kind: 'complexity'; index: number; condition: string }
  | { kind: 'activity'; index: number; activity: string }
  | { kind: 'outcome'; index: number }
  | { kind: 'depth'; index: number; depth: string }
  | { kind: 'area'; index: number; area: string }
  | { kind: 'expertise'; record: ExpertiseObject }
  | { kind: 'knowledgeTransfer'; record: KnowledgeTransferObject }
  | { kind: 'mentoring'; record: MentoringObject };

/** A shift in days: often a day or two (the boundaries), up to about three years. */
const shiftArb = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 1000 }));

const above = <T>(list: T[], current: T): T[] => list.slice(list.indexOf(current) + 1);

/** The strengthenings applicable to one engagement. */
function engagementStrengthenings(mode: Mode, e: EngagementObject, index: number): fc.Arbitrary<Strengthening>[] {
  const out: fc.Arbitrary<Strengthening>[] = [];
  const s = specialtyById(e.specialty);
  const higherRoles = above(roles, e.role);
  if (higherRoles.length > 0) out.push(fc.constantFrom(...higherRoles).map((role) => ({ kind: 'role' as const, index, role })));

  // An earlier `from` (never before 2000-01-01).
  const fromN = startOf(e.from);
  const fromMonth = monthIndexOf(e.from);
  const earlierMonth = isMonthPrecise(e.from) || ymdOf(fromN).d === 1 ? fromMonth - 1 : fromMonth;
  const earlier: fc.Arbitrary<string>[] = [];
  if (earlierMonth >= 0) earlier.push(fc.integer({ min: Math.max(0, earlierMonth - 40), max: earlierMonth }).map(isoMonth));
  if (mode === 'mixed' && fromN > FIRST_DAY) earlier.push(shiftArb.map((d) => isoDay(Math.max(FIRST_DAY, fromN - d))));
  if (earlier.length > 0) out.push(fc.oneof(...earlier).map((from) => ({ kind: 'from' as const, index, from })));

  // A later `to` (never after the assessment date), or ongoing.
  if (e.to !== undefined) {
    const toN = endOf(e.to);
    const toMonth = monthIndexOf(e.to);
    const later: fc.Arbitrary<string | null>[] = [fc.constant(null)];
    const laterMonth = isMonthPrecise(e.to) || toN === endOf(isoMonth(toMonth)) ? toMonth + 1 : toMonth;
    if (laterMonth <= AS_OF_MONTH - 1) later.push(fc.integer({ min: laterMonth, max: Math.min(AS_OF_MONTH - 1, laterMonth + 40) }).map(isoMonth));
    if (mode === 'mixed' && toN < AS_OF_DAY) later.push(shiftArb.map((d) => isoDay(Math.min(AS_OF_DAY, toN + d))));
    out.push(fc.oneof(...later).map((to) => ({ kind: 'to' as const, index, to })));
  }

  // More people or more yen in one size field (fields written as strings, such as the fixtures' `７．５億円`, are left alone).
  const numericFields = sizeFields.map((f) => f.id).filter((f) => typeof e.size[f] !== 'string');
  if (numericFields.length > 0) out.push(
    fc.constantFrom(...numericFields).chain((field) => {
      const old = e.size[field] as number | undefined;
      const base = old ?? 0;
      const unit = sizeFields.find((f) => f.id === field)?.unit;
      const bigger = thresholdsOf(field).filter((t) => t > base);
      const step = fc.integer({ min: 1, max: unit === 'yen' ? 2_000_000_000 : 300 }).map((d) => (old === undefined ? d - 1 : old + d));
      return (bigger.length > 0 ? fc.oneof(fc.constantFrom(...bigger), step) : step).map((value) => ({ kind: 'size' as const, index, field, value }));
    }),
  );

  const unticked = s.complexity.map((c) => c.id).filter((c) => !e.complexity.includes(c));
  if (unticked.length > 0) out.push(fc.constantFrom(...unticked).map((condition) => ({ kind: 'complexity' as const, index, condition })));
  const missing = s.activities.map((a) => a.id).filter((a) => !e.activities.includes(a));
  if (missing.length > 0) out.push(fc.constantFrom(...missing).map((activity) => ({ kind: 'activity' as const, index, activity })));
  if (e.outcome === 'failed') out.push(fc.constant({ kind: 'outcome' as const, index }));
  return out;
}

/** One strengthening of one fact of the candidate. */
export function strengtheningArb(mode: Mode, c: CandidateObject): fc.Arbitrary<Strengthening> {
  // A new expertise record, half the time in a specialty the candidate already has records for.
  const held = [...new Set(c.expertise.map((r) => r.specialty))].map(specialtyById);
  const newExpertise = held.length > 0 ? fc.oneof(expertiseArb(), fc.constantFrom(...held).chain((s) => expertiseArb(s))) : expertiseArb();
  const options: fc.Arbitrary<Strengthening>[] = [
    newExpertise.map((record) => ({ kind: 'expertise' as const, record })),
    knowledgeTransferArb(mode).map((record) => ({ kind: 'knowledgeTransfer' as const, record })),
    mentoringArb(mode).map((record) => ({ kind: 'mentoring' as const, record })),
  ];
  c.expertise.forEach((r, index) => {
    const deeper = above(depths, r.depth);
    if (deeper.length > 0) options.push(fc.constantFrom(...deeper).map((depth) => ({ kind: 'depth' as const, index, depth })));
    const areas = specialtyById(r.specialty).areas.map((a) => a.id).filter((a) => !r.areas.includes(a));
    if (areas.length > 0) options.push(fc.constantFrom(...areas).map((area) => ({ kind: 'area' as const, index, area })));
  });
  const perEngagement = c.engagements.map((e, i) => engagementStrengthenings(mode, e, i)).filter((x) => x.length > 0);
  const records = fc.oneof(...options);
  if (perEngagement.length === 0) return records;
  // A fact of an engagement three times out of four: they decide most criteria. The first engagement half the
  // time: a level fixture's main engagement, at the thresholds.
  const engagement = fc.oneof(fc.constant(perEngagement[0]), fc.constantFrom(...perEngagement)).chain((list) => fc.oneof(...list));
  return fc.oneof({ weight: 1, arbitrary: records }, { weight: 3, arbitrary: engagement });
}

export function applyStrengthening(c: CandidateObject, s: Strengthening): CandidateObject {
  const out = structuredClone(c);
  switch (s.kind) {
    case 'role':
      out.engagements[s.index].role = s.role;
      break;
    case 'from':
      out.engagements[s.index].from = s.from;
      break;
    case 'to':
      if (s.to === null) delete out.engagements[s.index].to;
      else out.engagements[s.index].to = s.to;
      break;
    case 'size':
      out.engagements[s.index].size = { ...out.engagements[s.index].size, [s.field]: s.value };
      break;
    case 'complexity':
      out.engagements[s.index].complexity = [...out.engagements[s.index].complexity, s.condition];
      break;
    case 'activity':
      out.engagements[s.index].activities = [...out.engagements[s.index].activities, s.activity];
      break;
    case 'outcome':
      out.engagements[s.index].outcome = 'success';
      break;
    case 'depth':
      out.expertise[s.index].depth = s.depth;
      break;
    case 'area':
      out.expertise[s.index].areas = [...out.expertise[s.index].areas, s.area];
      break;
    case 'expertise':
      out.expertise = [...out.expertise, s.record];
      break;
    case 'knowledgeTransfer':
      out.knowledgeTransfer = [...out.knowledgeTransfer, s.record];
      break;
    case 'mentoring':
      out.mentoring = [...out.mentoring, s.record];
      break;
  }
  return out;
}
