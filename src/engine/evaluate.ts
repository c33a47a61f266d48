import type { Candidate, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from '../candidate/candidate.js';
import { formatPath } from '../input/diagnostic.js';
import type { Standard } from '../standard/loadStandard.js';
import type { Criterion, LevelDefinition, SpecialtyDefinition } from '../standard/standardSchema.js';
import { epochDay, formatEpochDay, parseDate, type EpochDay } from '../values/calendarDate.js';
import { KeyTrie } from '../values/keyTrie.js';
import type { Assessment, AssessmentRecord, CriterionResult, AssessmentWarning, LevelResult, SpecialtyRecord, SpecialtyResult } from './assessment.js';
import type { EngagementInScope, EvaluationContext, Indexed } from './evaluators/evaluationContext.js';
import { bitCount, complexityBits, MASK_NOT_READ } from './evaluators/evaluator.js';
import { criterionDetailKey, evaluateCriterion } from './evaluators/evaluators.js';
import { levelMet, standardPlan, type SpecialtyPlan, type StandardPlan } from './standardPlan.js';

export interface EvaluateOptions {
  /** Assessment date, `YYYY-MM-DD`: the last day that counts. */
  asOf: string;
  /**
   * Results of specialties where the candidate has no engagement and no expertise, shared between candidates
   * with the same contributions (most candidates of a batch, in most specialties). Pass one `new SharedResults()`
   * per standard, date and kind of result; the shared results must be treated as read-only.
   */
  sharedResults?: SharedResults<SpecialtyResult>;
}

/**
 * Results shared between candidates, found by the pieces of what they depend on (the specialty, then the
 * candidate's exams and contributions that count for it): a tree of pieces, so that finding one builds no key.
 * Holds at most ten thousand results (then starts again): memory stays bounded on any input. (The 100k bench batch
 * has 3,700 distinct ones in 220,000 lookups: a cap of a thousand found 189,000 of them, ten thousand 216,000.)
 */
export class SharedResults<R> extends KeyTrie<R> {
  /** What every result held depends on, and so no path names: the standard (its plan) and the date. */
  private plan: unknown;
  private asOf: unknown;
  /**
   * Criterion results shared in the same way, found by the criterion and its evaluator's `detailKey`: most people
   * short of a level are short of it in one of a few hundred ways.
   */
  readonly criteria = new KeyTrie<CriterionResult>(10_000);

  constructor() {
    super(10_000);
  }

  /** Holds results of this standard and date from now on (any others held are let go). */
  scope(plan: unknown, asOf: unknown): void {
    if (plan === this.plan && asOf === this.asOf) return;
    this.clear();
    this.criteria.clear();
    [this.plan, this.asOf] = [plan, asOf];
  }

  override set(path: readonly unknown[], value: R, length = path.length): void {
    super.set(path, value, length);
    if (typeof value === 'object' && value !== null) sharedValues.add(value);
  }
}

const sharedValues = new WeakSet<object>();

/**
 * Is this result one shared between candidates (from a SharedResults)? Writers remember what they made of such
 * results; remembering it of every result would cost more than it saves.
 */
export function isSharedResult(result: object): boolean {
  return sharedValues.has(result);
}

/** As EvaluateOptions, sharing batch records. */
export interface RecordOptions {
  asOf: string;
  sharedResults?: SharedResults<SpecialtyRecord>;
}

/** Parses `YYYY-MM-DD` into a day; throws RangeError otherwise (the CLI validates --as-of before). */
export function parseAsOf(asOf: string): EpochDay {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? parseDate(asOf) : undefined;
  if (!parsed || parsed.day === undefined) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  return epochDay(parsed.year, parsed.month, parsed.day);
}

/**
 * Scores one candidate against a standard: pure, no I/O. Every level of every specialty is evaluated on its own,
 * each criterion with its detail (required, actual, gap, evidence): the result of `itss assess --format json`.
 */
export function evaluate(standard: Standard, candidate: Candidate, options: EvaluateOptions): Assessment {
  const prepared = prepare(standard, candidate, options.asOf);
  options.sharedResults?.scope(prepared.plan, prepared.asOf);
  const specialties = prepared.plan.specialties.map((plan) =>
    shared(prepared, plan.definition, options.sharedResults, (): SpecialtyResult => {
      const specialty = plan.definition;
      const contextOf = levelContexts(prepared, plan);
      const levels = specialty.levels.map((level, i) => levelResult(level, contextOf(level, i)));
      const { unmetBelow, next, ...verdict } = summarize(specialty, levels.map((l) => l.met));
      return { specialty: specialty.id, level: verdict.level, examLevel: examLevel(specialty.levels, prepared.passedExams), levels, nonNested: unmetBelow.length > 0, unmetBelow, next: next === undefined ? null : { level: next.level, gaps: levels[next.index]?.criteria.filter((c) => !c.met) ?? [] } };
    }),
  );
  const head = header(prepared);
  return { candidate: head.candidate, asOf: head.asOf, standard: head.standard, specialties, warnings: prepared.warnings };
}

/**
 * The batch record (cli.md): the same verdicts as `evaluate`, from the same evaluators, without `levels`: every
 * level's verdict alone, and the detail of the next level only (its gaps).
 */
export function evaluateRecord(standard: Standard, candidate: Candidate, options: RecordOptions): AssessmentRecord {
  const prepared = prepare(standard, candidate, options.asOf);
  options.sharedResults?.scope(prepared.plan, prepared.asOf);
  const specialties = prepared.plan.specialties.map((plan) =>
    shared(prepared, plan.definition, options.sharedResults, (): SpecialtyRecord => {
      const specialty = plan.definition;
      const contextOf = levelContexts(prepared, plan);
      // Every level's verdict from the plan, into one reused table.
      const mets = metsTable(plan.levels.length);
      plan.levels.forEach((level, i) => (mets[i] = levelMet(level, contextOf(level.definition, i)) ? 1 : 0));
      const { unmetBelow, next, level } = summarize(specialty, mets);
      // The detail of the next level's unmet criteria only: its gaps.
      const gaps: CriterionResult[] = [];
      if (next !== undefined) {
        const nextContext = contextOf(next.definition, next.index);
        for (const { criterion, verdict } of plan.levels[next.index]!.criteria) if (!verdict(nextContext)) gaps.push(sharedDetail(criterion, nextContext, options.sharedResults));
      }
      return { specialty: specialty.id, level, examLevel: examLevel(specialty.levels, prepared.passedExams), nonNested: unmetBelow.length > 0, unmetBelow, next: next === undefined ? null : { level: next.level, gaps } };
    }),
  );
  const head = header(prepared);
  return { candidate: head.candidate, asOf: head.asOf, standard: head.standard, specialties, warnings: prepared.warnings };
}

/** The path of the criterion result being looked up (one list, reused), and a piece's way into it. */
const detailPath: unknown[] = [];
let detailPathLength = 0;
const addDetailPiece = (piece: unknown) => {
  detailPath[detailPathLength++] = piece;
};

/**
 * A criterion's detail, shared between candidates whose pieces (its evaluator's `detailKey`) are equal, where the
 * caller shares results (read-only) and the kind has such a key; else evaluated.
 */
function sharedDetail(criterion: Criterion, context: EvaluationContext, cache: SharedResults<unknown> | undefined): CriterionResult {
  if (!cache) return evaluateCriterion(criterion.kind, criterion, context);
  detailPathLength = 0;
  addDetailPiece(criterion);
  if (!criterionDetailKey(criterion.kind, criterion, context, addDetailPiece)) return evaluateCriterion(criterion.kind, criterion, context);
  const length = detailPathLength;
  let result = cache.criteria.get(detailPath, length);
  if (result === undefined) {
    result = evaluateCriterion(criterion.kind, criterion, context);
    cache.criteria.set(detailPath, result, length);
    sharedValues.add(result);
  }
  return result;
}

/** What every specialty's evaluation reads: the records in scope on the assessment date, and the warnings. */
interface Prepared {
  standard: Standard;
  plan: StandardPlan;
  candidate: Candidate;
  asOf: EpochDay;
  /** The assessment date as the result gives it. */
  asOfText: string;
  warnings: AssessmentWarning[];
  inScope: EngagementInScope[];
  knowledgeTransfer: Indexed<KnowledgeTransferRecord>[];
  mentoring: Indexed<MentoringRecord>[];
  passedExams: Set<string>;
}

/** The exams of a candidate who lists none: one set for all (Prepared is read-only once made). */
const NO_EXAMS: Set<string> = new Set();

/** The last assessment date read (a batch reads the same one for every candidate). */
let lastAsOf = { text: '', day: 0 as EpochDay, formatted: '' };

function prepare(standard: Standard, candidate: Candidate, asOfText: string): Prepared {
  const plan = standardPlan(standard);
  if (lastAsOf.text !== asOfText) {
    const day = parseAsOf(asOfText);
    lastAsOf = { text: asOfText, day, formatted: formatEpochDay(day) };
  }
  const asOf = lastAsOf.day;
  const warnings: AssessmentWarning[] = [];
  // A record dated after the assessment date does not count, and is named. Loops written out, not chained: this
  // runs for every candidate of a batch.
  const inScope: EngagementInScope[] = [];
  const { engagements } = candidate;
  for (let index = 0; index < engagements.length; index++) {
    const { title, specialty, role, from, to, outcome, complexity, activities, size } = engagements[index]!;
    if (from > asOf) {
      warnings.push({ code: 'future-engagement', path: formatPath(['engagements', index]), value: formatEpochDay(from) });
      continue;
    }
    const end = to === null ? asOf : Math.min(to, asOf);
    inScope.push({ title, specialty, role, from, to, outcome, complexity, activities, size, index, end, period: { from, to: end }, complexityMask: complexityBits.mask(complexity), activityMask: MASK_NOT_READ, roleRank: plan.roleRank(role), slot: -1 });
  }
  const knowledgeTransfer: Indexed<KnowledgeTransferRecord>[] = [];
  for (let index = 0; index < candidate.knowledgeTransfer.length; index++) {
    const record = candidate.knowledgeTransfer[index]!;
    if (record.date !== undefined && record.date > asOf) warnings.push(futureRecord(record.date, ['knowledgeTransfer', index, 'date']));
    else knowledgeTransfer.push({ index, record });
  }
  const mentoring: Indexed<MentoringRecord>[] = [];
  for (let index = 0; index < candidate.mentoring.length; index++) {
    const record = candidate.mentoring[index]!;
    if (record.from !== undefined && record.from > asOf) warnings.push(futureRecord(record.from, ['mentoring', index, 'from']));
    else mentoring.push({ index, record });
  }
  const passedExams = candidate.exams.length === 0 ? NO_EXAMS : new Set<string>();
  for (let index = 0; index < candidate.exams.length; index++) {
    const exam = candidate.exams[index]!;
    if (!exam.listed) warnings.push({ code: 'unlisted-exam', path: formatPath(['exams', index]), value: exam.exam });
    else if (exam.passed !== undefined && exam.passed > asOf) warnings.push(futureRecord(exam.passed, ['exams', index, 'passed']));
    else passedExams.add(exam.exam);
  }
  return { standard, plan, candidate, asOf, asOfText: lastAsOf.formatted, warnings, inScope, knowledgeTransfer, mentoring, passedExams };
}

function futureRecord(day: EpochDay, path: (string | number)[]): AssessmentWarning {
  return { code: 'future-record', path: formatPath(path), value: formatEpochDay(day) };
}

function header(prepared: Prepared): Pick<Assessment, 'candidate' | 'asOf' | 'standard'> {
  const { candidate, standard } = prepared;
  return {
    candidate: candidateHead(candidate),
    asOf: prepared.asOfText,
    standard: standard.version === undefined ? { id: standard.id } : { id: standard.id, version: standard.version },
  };
}

/** The candidate as a result names them: id, then name and department where known (keys in this order). */
function candidateHead(candidate: Candidate): Assessment['candidate'] {
  const head: Assessment['candidate'] = { id: candidate.id };
  if (candidate.name !== undefined) head.name = candidate.name;
  if (candidate.department !== undefined) head.department = candidate.department;
  return head;
}

/** Does a contribution naming these specialties (null: all) count for this one? */
const countsFor = (specialties: string[] | null, specialty: string) => specialties === null || specialties.includes(specialty);

/** Where the mentoring records start in a path to a shared result. */
const MENTORING = Symbol('mentoring');
/** The path being looked up (one list, reused: see `shared`). */
const sharedPath: unknown[] = [];

/**
 * A specialty where the candidate has no engagement and no expertise depends only on the contributions and
 * exams: its result is shared between candidates with the same ones (read-only), else computed.
 */
function shared<R>(prepared: Prepared, specialty: SpecialtyDefinition, cache: SharedResults<R> | undefined, compute: () => R): R {
  if (!cache) return compute();
  const id = specialty.id;
  for (const engagement of prepared.inScope) if (engagement.specialty === id) return compute();
  for (const record of prepared.candidate.expertise) if (record.specialty === id) return compute();
  // The path names everything the result depends on (the evidence names records by index and title), with the
  // values themselves as pieces: finding a result makes no key. This runs for most specialties of a batch.
  // Written in place, its length counted (emptying a list lets go of its storage).
  const path = sharedPath;
  let length = 0;
  path[length++] = id;
  path[length++] = prepared.passedExams.size;
  if (prepared.passedExams.size > 0) for (const exam of [...prepared.passedExams].sort()) path[length++] = exam;
  for (const { index, record } of prepared.knowledgeTransfer) {
    if (!countsFor(record.specialties, id)) continue;
    path[length++] = index;
    path[length++] = record.kind;
    path[length++] = record.title;
  }
  path[length++] = MENTORING;
  for (const { index, record } of prepared.mentoring) if (countsFor(record.specialties, id)) path[length++] = index;
  let result = cache.get(path, length);
  if (result === undefined) {
    result = compute();
    cache.set(path, result, length);
  }
  return result;
}

let fitsScratch = new Uint8Array(256);

/**
 * A zeroed table of engagement fits. One buffer serves every specialty in turn (a specialty is evaluated whole
 * before the next, and no result keeps it): a typed array made per specialty of every candidate cost more.
 */
function fitsTable(size: number): Uint8Array {
  if (size > fitsScratch.length) fitsScratch = new Uint8Array(Math.max(size, fitsScratch.length * 2));
  return fitsScratch.fill(0, 0, size);
}

/**
 * The evaluation context of each specialty: one object per specialty of a plan, with its lists, pointed at each
 * candidate and level in turn. A specialty is evaluated whole before the next, no evaluator keeps a context, and no
 * result holds its lists: a context made per specialty of every candidate was the engine's largest allocation.
 */
const reusedContexts = new WeakMap<SpecialtyPlan, { context: EvaluationContext; fits: Uint8Array; levelOf: (level: LevelDefinition, levelIndex: number) => EvaluationContext }>();

/** The evaluation context of a specialty's levels (`levelIndex` the level's place in `specialty.levels`). */
function levelContexts(prepared: Prepared, plan: SpecialtyPlan): (level: LevelDefinition, levelIndex: number) => EvaluationContext {
  let reused = reusedContexts.get(plan);
  if (!reused) reusedContexts.set(plan, (reused = newContext(prepared.plan, plan)));
  const { context } = reused;
  const id = plan.definition.id;
  // Loops written out, not chained: this runs for every specialty of every candidate of a batch.
  const { engagements, expertise, knowledgeTransfer, mentoring } = context;
  engagements.length = 0;
  for (const engagement of prepared.inScope) {
    if (engagement.specialty !== id) continue;
    engagement.slot = engagements.length;
    engagements.push(engagement);
  }
  expertise.length = 0;
  prepared.candidate.expertise.forEach((record, index) => {
    if (record.specialty === id) expertise.push({ index, record });
  });
  knowledgeTransfer.length = 0;
  for (const entry of prepared.knowledgeTransfer) if (countsFor(entry.record.specialties, id)) knowledgeTransfer.push(entry);
  mentoring.length = 0;
  for (const entry of prepared.mentoring) if (countsFor(entry.record.specialties, id)) mentoring.push(entry);
  context.standard = prepared.standard;
  context.candidate = prepared.candidate;
  context.asOf = prepared.asOf;
  setAreaRanks(context.areaRanks as number[], context.areaDepths as (string | undefined)[], plan.definition, expertise, prepared.plan.depthRank);
  context.knowledgeTransferKinds = distinctKinds(knowledgeTransfer, prepared.plan.knowledgeTransferIndex);
  context.activitiesSeen = MASK_NOT_READ;
  // An engagement's fit to a level's complexity or size is computed once and shared by every criterion that asks
  // (以上 asks it for every level at or above): per (engagement, level, kind), 0 not yet judged, 1 no, 2 yes.
  reused.fits = fitsTable(engagements.length * plan.levels.length * 2);
  return reused.levelOf;
}

function newContext(standardPlan: StandardPlan, plan: SpecialtyPlan): NonNullable<ReturnType<typeof reusedContexts.get>> {
  const levels = plan.levels.length;
  const context: EvaluationContext = {
    standard: standardPlan.standard,
    specialty: plan.definition,
    candidate: undefined as unknown as Candidate, // set for each candidate before use
    asOf: 0 as EpochDay,
    engagements: [],
    expertise: [],
    knowledgeTransfer: [],
    mentoring: [],
    roleRank: standardPlan.roleRank,
    depthRank: standardPlan.depthRank,
    areaRanks: plan.definition.areas.map(() => -Infinity),
    areaDepths: plan.definition.areas.map(() => undefined),
    knowledgeTransferKinds: 0,
    activitiesSeen: MASK_NOT_READ,
    engagementMeets(kind, levelIndex, engagement) {
      const { fits } = reused;
      const slot = (engagement.slot * levels + levelIndex) * 2 + (kind === 'size' ? 1 : 0);
      const level = plan.levels[levelIndex];
      if (fits[slot] === 0 && level) fits[slot] = level.fits[kind](engagement) ? 2 : 1;
      return fits[slot] === 2;
    },
    level: plan.definition.levels[0]!,
    levelIndex: 0,
  };
  const reused = {
    context,
    fits: fitsScratch,
    levelOf: (level: LevelDefinition, levelIndex: number) => {
      context.level = level;
      context.levelIndex = levelIndex;
      return context;
    },
  };
  return reused;
}

/**
 * Each of the specialty's areas' deepest depth reached, as a rank into `ranks` (-Infinity: no record of it) and as
 * the depth of the first record reaching it into `depths`.
 */
function setAreaRanks(ranks: number[], depths: (string | undefined)[], specialty: SpecialtyDefinition, expertise: Indexed<ExpertiseRecord>[], depthRank: (id: string) => number): void {
  ranks.fill(-Infinity);
  depths.fill(undefined);
  const { areas } = specialty;
  for (const { record } of expertise) {
    const rank = depthRank(record.depth);
    for (let i = 0; i < areas.length; i++) {
      if (rank > ranks[i]! && record.areas.includes(areas[i]!.id)) {
        ranks[i] = rank;
        depths[i] = record.depth;
      }
    }
  }
}

/** How many kinds of the standard's scale the records hold. */
function distinctKinds(records: Indexed<KnowledgeTransferRecord>[], indexOf: (kind: string) => number): number {
  if (records.length === 0) return 0;
  // By bits while the scale's places have them (the built-in scale has 7 kinds).
  let seen = 0;
  let beyond: Set<number> | undefined;
  for (const { record } of records) {
    const index = indexOf(record.kind);
    if (index >= 0 && index < 31) seen |= 1 << index;
    else if (index >= 31) (beyond ??= new Set()).add(index);
  }
  return bitCount(seen) + (beyond?.size ?? 0);
}

/** One level's criteria with their detail. */
function levelResult(level: LevelDefinition, context: EvaluationContext): LevelResult {
  const criteria = level.criteria.map((criterion) => evaluateCriterion(criterion.kind, criterion, context));
  const result: LevelResult = { level: level.level, met: criteria.every((c) => c.met), criteria };
  if (level.page !== undefined) result.page = level.page;
  return result;
}

function examLevel(levels: LevelDefinition[], passed: Set<string>): number | null {
  if (passed.size === 0) return null;
  let best: number | null = null;
  for (const level of levels) {
    if (level.examEquivalence?.exams.some((e) => passed.has(e)) && (best === null || level.level > best)) best = level.level;
  }
  return best;
}

let metsScratch = new Uint8Array(16);

/** A table of level verdicts (1 met), one buffer for every specialty in turn (no result keeps it). */
function metsTable(size: number): Uint8Array {
  if (size > metsScratch.length) metsScratch = new Uint8Array(size * 2);
  return metsScratch;
}

/** From each level's verdict (levels lowest first): `level`, the levels below it not met, and the next level (rules.md §6, §7). */
function summarize(specialty: SpecialtyDefinition, mets: ArrayLike<boolean | number>) {
  // Loops written out: this runs for every specialty of every candidate of a batch.
  const { levels } = specialty;
  let top: number | null = null;
  for (let i = 0; i < levels.length; i++) if (mets[i] && (top === null || levels[i]!.level > top)) top = levels[i]!.level;
  const unmetBelow: number[] = [];
  let index = -1;
  for (let i = 0; i < levels.length; i++) {
    const { level } = levels[i]!;
    if (top !== null && level < top && !mets[i]) unmetBelow.push(level);
    if (index === -1 && (top === null || level > top)) index = i;
  }
  const definition = levels[index];
  return { level: top, unmetBelow, next: definition === undefined ? undefined : { index, level: definition.level, definition } };
}
