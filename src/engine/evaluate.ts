import type { Candidate, KnowledgeTransferRecord, MentoringRecord } from '../candidate/candidate.js';
import { formatPath } from '../input/diagnostic.js';
import type { Standard } from '../standard/loadStandard.js';
import type { LevelDefinition, SpecialtyDefinition } from '../standard/standardSchema.js';
import { epochDay, formatEpochDay, parseDate, type EpochDay } from '../values/calendarDate.js';
import type { Assessment, AssessmentRecord, AssessmentWarning, LevelResult, SpecialtyRecord, SpecialtyResult } from './assessment.js';
import type { EngagementInScope, EvaluationContext, Indexed } from './evaluators/evaluationContext.js';
import { criterionMeets, engagementMatches, evaluateCriterion } from './evaluators/evaluators.js';

export interface EvaluateOptions {
  /** Assessment date, `YYYY-MM-DD`: the last day that counts. */
  asOf: string;
  /**
   * Results of specialties where the candidate has no engagement and no expertise, shared between candidates
   * with the same contributions (most candidates of a batch, in most specialties). Pass one Map per standard,
   * date and kind of result; the shared results must be treated as read-only.
   */
  sharedResults?: Map<string, SpecialtyResult>;
}

/** As EvaluateOptions, sharing batch records. */
export interface RecordOptions {
  asOf: string;
  sharedResults?: Map<string, SpecialtyRecord>;
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
  const specialties = standard.specialties.map((specialty) =>
    shared(prepared, specialty, options.sharedResults, (): SpecialtyResult => {
      const contextOf = levelContexts(prepared, specialty);
      const levels = specialty.levels.map((level, i) => levelResult(level, contextOf(level, i)));
      const { unmetBelow, next, ...verdict } = summarize(specialty, levels.map((l) => l.met));
      return { specialty: specialty.id, level: verdict.level, examLevel: examLevel(specialty.levels, prepared.passedExams), levels, nonNested: unmetBelow.length > 0, unmetBelow, next: next === undefined ? null : { level: next.level, gaps: levels[next.index]?.criteria.filter((c) => !c.met) ?? [] } };
    }),
  );
  return { ...header(prepared), specialties, warnings: prepared.warnings };
}

/**
 * The batch record (cli.md): the same verdicts as `evaluate`, from the same evaluators, without `levels`: every
 * level's verdict alone, and the detail of the next level only (its gaps).
 */
export function evaluateRecord(standard: Standard, candidate: Candidate, options: RecordOptions): AssessmentRecord {
  const prepared = prepare(standard, candidate, options.asOf);
  const specialties = standard.specialties.map((specialty) =>
    shared(prepared, specialty, options.sharedResults, (): SpecialtyRecord => {
      const contextOf = levelContexts(prepared, specialty);
      const mets = specialty.levels.map((level, i) => {
        const context = contextOf(level, i);
        return level.criteria.every((criterion) => criterionMeets(criterion.kind, criterion, context));
      });
      const { unmetBelow, next, ...verdict } = summarize(specialty, mets);
      // The detail of the next level's unmet criteria only: its gaps.
      const nextContext = next === undefined ? undefined : contextOf(next.definition, next.index);
      const gaps = next === undefined || nextContext === undefined ? [] : next.definition.criteria.filter((c) => !criterionMeets(c.kind, c, nextContext)).map((c) => evaluateCriterion(c.kind, c, nextContext));
      return { specialty: specialty.id, level: verdict.level, examLevel: examLevel(specialty.levels, prepared.passedExams), nonNested: unmetBelow.length > 0, unmetBelow, next: next === undefined ? null : { level: next.level, gaps } };
    }),
  );
  return { ...header(prepared), specialties, warnings: prepared.warnings };
}

/** What every specialty's evaluation reads: the records in scope on the assessment date, and the warnings. */
interface Prepared {
  standard: Standard;
  candidate: Candidate;
  asOf: EpochDay;
  warnings: AssessmentWarning[];
  inScope: EngagementInScope[];
  knowledgeTransfer: Indexed<KnowledgeTransferRecord>[];
  mentoring: Indexed<MentoringRecord>[];
  passedExams: Set<string>;
  /** The passed exams, sorted and joined: part of the key of shared results. */
  examKey: string;
  roleRanks: Map<string, number>;
  depthRanks: Map<string, number>;
}

function prepare(standard: Standard, candidate: Candidate, asOfText: string): Prepared {
  const asOf = parseAsOf(asOfText);
  const warnings: AssessmentWarning[] = [];
  const future = (path: (string | number)[], day: EpochDay | undefined) => {
    if (day !== undefined && day > asOf) {
      warnings.push({ code: 'future-record', path: formatPath(path), value: formatEpochDay(day) });
      return true;
    }
    return false;
  };
  const inScope: EngagementInScope[] = [];
  candidate.engagements.forEach((engagement, index) => {
    if (engagement.from > asOf) {
      warnings.push({ code: 'future-engagement', path: formatPath(['engagements', index]), value: formatEpochDay(engagement.from) });
      return;
    }
    // Written out, not spread: this runs for every engagement of every candidate of a batch.
    const { title, specialty, role, from, to, outcome, complexity, activities, size } = engagement;
    inScope.push({ title, specialty, role, from, to, outcome, complexity, activities, size, index, end: to === null ? asOf : Math.min(to, asOf) });
  });
  const knowledgeTransfer = candidate.knowledgeTransfer.map((record, index) => ({ index, record })).filter(({ index, record }) => !future(['knowledgeTransfer', index, 'date'], record.date));
  const mentoring = candidate.mentoring.map((record, index) => ({ index, record })).filter(({ index, record }) => !future(['mentoring', index, 'from'], record.from));
  const passedExams = new Set<string>();
  candidate.exams.forEach((exam, index) => {
    if (!exam.listed) warnings.push({ code: 'unlisted-exam', path: formatPath(['exams', index]), value: exam.exam });
    else if (!future(['exams', index, 'passed'], exam.passed)) passedExams.add(exam.exam);
  });
  return {
    standard,
    candidate,
    asOf,
    warnings,
    inScope,
    knowledgeTransfer,
    mentoring,
    passedExams,
    examKey: JSON.stringify([...passedExams].sort()),
    ...ranksOf(standard),
  };
}

const ranks = new WeakMap<Standard, { roleRanks: Map<string, number>; depthRanks: Map<string, number> }>();

/** The ranks of roles and depths, once per standard. */
function ranksOf(standard: Standard) {
  let found = ranks.get(standard);
  if (!found) ranks.set(standard, (found = { roleRanks: new Map(standard.scales.role.map((r) => [r.id, r.rank])), depthRanks: new Map(standard.scales.depth.map((d) => [d.id, d.rank])) }));
  return found;
}

function header(prepared: Prepared): Pick<Assessment, 'candidate' | 'asOf' | 'standard'> {
  const { candidate, standard } = prepared;
  return {
    candidate: { id: candidate.id, ...(candidate.name === undefined ? {} : { name: candidate.name }), ...(candidate.department === undefined ? {} : { department: candidate.department }) },
    asOf: formatEpochDay(prepared.asOf),
    standard: standard.version === undefined ? { id: standard.id } : { id: standard.id, version: standard.version },
  };
}

const countsFor = (specialty: SpecialtyDefinition) => (specialties: string[] | null) => specialties === null || specialties.includes(specialty.id);

/**
 * A specialty where the candidate has no engagement and no expertise depends only on the contributions and
 * exams: its result is shared between candidates with the same ones (read-only), else computed.
 */
function shared<R>(prepared: Prepared, specialty: SpecialtyDefinition, cache: Map<string, R> | undefined, compute: () => R): R {
  if (!cache || prepared.inScope.some((e) => e.specialty === specialty.id) || prepared.candidate.expertise.some((r) => r.specialty === specialty.id)) return compute();
  // The key names everything the result depends on (the evidence names records by index and title); written
  // out, not stringified as a whole: this runs for most specialties of every candidate of a batch.
  const counts = countsFor(specialty);
  let key = `${prepared.standard.id}\u0000${specialty.id}\u0000${prepared.asOf}\u0000`;
  for (const { index, record } of prepared.knowledgeTransfer) if (counts(record.specialties)) key += `k${index}:${record.kind}:${record.title === undefined ? '-' : JSON.stringify(record.title)};`;
  for (const { index, record } of prepared.mentoring) if (counts(record.specialties)) key += `m${index};`;
  key += `\u0000${prepared.examKey}`;
  const found = cache.get(key);
  if (found !== undefined) return found;
  const result = compute();
  if (cache.size >= 1_000) cache.clear(); // bounded memory
  cache.set(key, result);
  return result;
}

/** The evaluation context of each level of a specialty (`levelIndex` its place in `specialty.levels`), sharing one cache of engagement fits. */
function levelContexts(prepared: Prepared, specialty: SpecialtyDefinition): (level: LevelDefinition, levelIndex: number) => EvaluationContext {
  const counts = countsFor(specialty);
  // An engagement's fit to a level's complexity or size is computed once and shared by every responsibility
  // criterion that asks (以上 asks it for every level at or above).
  // Per engagement, per (level, kind): 0 not yet judged, 1 does not fit, 2 fits.
  const fits = new Map<EngagementInScope, Uint8Array>();
  const base: Omit<EvaluationContext, 'level' | 'levelIndex'> = {
    standard: prepared.standard,
    specialty,
    candidate: prepared.candidate,
    asOf: prepared.asOf,
    engagements: prepared.inScope.filter((e) => e.specialty === specialty.id),
    expertise: prepared.candidate.expertise.map((record, index) => ({ index, record })).filter(({ record }) => record.specialty === specialty.id),
    knowledgeTransfer: prepared.knowledgeTransfer.filter(({ record }) => counts(record.specialties)),
    mentoring: prepared.mentoring.filter(({ record }) => counts(record.specialties)),
    roleRank: (id) => prepared.roleRanks.get(id) ?? 0,
    depthRank: (id) => prepared.depthRanks.get(id) ?? 0,
    engagementMeets(kind, levelIndex, engagement) {
      let slots = fits.get(engagement);
      if (!slots) fits.set(engagement, (slots = new Uint8Array(specialty.levels.length * 2)));
      const slot = levelIndex * 2 + (kind === 'size' ? 1 : 0);
      const level = specialty.levels[levelIndex];
      if (slots[slot] === 0 && level) slots[slot] = engagementMatches(kind, level, engagement) ? 2 : 1;
      return slots[slot] === 2;
    },
  };
  // One context per level, made once: written out rather than spread (a spread per level per candidate cost
  // more than the verdicts it serves).
  const made: EvaluationContext[] = [];
  return (level, levelIndex) =>
    (made[levelIndex] ??= {
      standard: base.standard,
      specialty: base.specialty,
      candidate: base.candidate,
      asOf: base.asOf,
      engagements: base.engagements,
      expertise: base.expertise,
      knowledgeTransfer: base.knowledgeTransfer,
      mentoring: base.mentoring,
      roleRank: base.roleRank,
      depthRank: base.depthRank,
      engagementMeets: base.engagementMeets,
      level,
      levelIndex,
    });
}

/** One level's criteria with their detail. */
function levelResult(level: LevelDefinition, context: EvaluationContext): LevelResult {
  const criteria = level.criteria.map((criterion) => evaluateCriterion(criterion.kind, criterion, context));
  const result: LevelResult = { level: level.level, met: criteria.every((c) => c.met), criteria };
  if (level.page !== undefined) result.page = level.page;
  return result;
}

function examLevel(levels: LevelDefinition[], passed: Set<string>): number | null {
  let best: number | null = null;
  for (const level of levels) {
    if (level.examEquivalence?.exams.some((e) => passed.has(e)) && (best === null || level.level > best)) best = level.level;
  }
  return best;
}

/** From each level's verdict (levels lowest first): `level`, the levels below it not met, and the next level (rules.md §6, §7). */
function summarize(specialty: SpecialtyDefinition, mets: boolean[]) {
  let level: number | null = null;
  specialty.levels.forEach((l, i) => {
    if (mets[i] && (level === null || l.level > level)) level = l.level;
  });
  const top = level;
  const unmetBelow = top === null ? [] : specialty.levels.filter((l, i) => l.level < top && !mets[i]).map((l) => l.level);
  const index = specialty.levels.findIndex((l) => top === null || l.level > top);
  const definition = specialty.levels[index];
  return { level: top, unmetBelow, next: definition === undefined ? undefined : { index, level: definition.level, definition } };
}
