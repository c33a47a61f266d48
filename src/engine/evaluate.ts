import type { Assessment, AssessmentWarning, LevelResult, SpecialtyResult } from './assessment.js';
import { epochDay, formatEpochDay, parseDate, type EpochDay } from '../values/calendarDate.js';
import type { Candidate } from '../candidate/candidate.js';
import { formatPath } from '../input/diagnostic.js';
import type { EngagementInScope, EvaluationContext } from './evaluators/evaluationContext.js';
import { engagementMatches, evaluateCriterion } from './evaluators/evaluators.js';
import type { Standard } from '../standard/loadStandard.js';
import type { LevelDefinition, SpecialtyDefinition } from '../standard/standardSchema.js';

export interface EvaluateOptions {
  /** Assessment date, `YYYY-MM-DD`: the last day that counts. */
  asOf: string;
  /**
   * Results of specialties where the candidate has no engagement and no expertise, shared between candidates
   * with the same contributions (most candidates of a batch, in most specialties). Pass one Map per standard
   * and date; the shared results must be treated as read-only.
   */
  sharedResults?: Map<string, SpecialtyResult>;
}

/** Parses `YYYY-MM-DD` into a day; throws RangeError otherwise (the CLI validates --as-of before). */
export function parseAsOf(asOf: string): EpochDay {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? parseDate(asOf) : undefined;
  if (!parsed || parsed.day === undefined) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  return epochDay(parsed.year, parsed.month, parsed.day);
}

/** Scores one candidate against a standard: pure, no I/O. Every level of every specialty is evaluated on its own. */
export function evaluate(standard: Standard, candidate: Candidate, options: EvaluateOptions): Assessment {
  const asOf = parseAsOf(options.asOf);
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
    inScope.push({ ...engagement, index, end: engagement.to === null ? asOf : Math.min(engagement.to, asOf) });
  });
  const knowledgeTransfer = candidate.knowledgeTransfer.map((record, index) => ({ index, record })).filter(({ index, record }) => !future(['knowledgeTransfer', index, 'date'], record.date));
  const mentoring = candidate.mentoring.map((record, index) => ({ index, record })).filter(({ index, record }) => !future(['mentoring', index, 'from'], record.from));
  const passedExams = new Set<string>();
  candidate.exams.forEach((exam, index) => {
    if (!exam.listed) warnings.push({ code: 'unlisted-exam', path: formatPath(['exams', index]), value: exam.exam });
    else if (!future(['exams', index, 'passed'], exam.passed)) passedExams.add(exam.exam);
  });

  const roleRanks = new Map(standard.scales.role.map((r) => [r.id, r.rank]));
  const depthRanks = new Map(standard.scales.depth.map((d) => [d.id, d.rank]));

  const specialties = standard.specialties.map((specialty): SpecialtyResult => {
    const counts = (specialties: string[] | null) => specialties === null || specialties.includes(specialty.id);
    // Without engagements or expertise, a specialty's result depends only on these records: share it.
    let sharedKey: string | undefined;
    if (options.sharedResults && !inScope.some((e) => e.specialty === specialty.id) && !candidate.expertise.some((r) => r.specialty === specialty.id)) {
      const kt = knowledgeTransfer.filter(({ record }) => counts(record.specialties)).map(({ index, record }) => [index, record.kind, record.title ?? null]);
      const mentored = mentoring.filter(({ record }) => counts(record.specialties)).map(({ index }) => index);
      sharedKey = JSON.stringify([standard.id, specialty.id, asOf, kt, mentored, [...passedExams].sort()]);
      const shared = options.sharedResults.get(sharedKey);
      if (shared) return shared;
    }
    // An engagement's fit to a level's complexity or size is computed once and shared by every responsibility
    // criterion that asks (以上 asks it for every level at or above).
    // Per engagement, per (level, kind): 0 not yet judged, 1 does not fit, 2 fits.
    const fits = new Map<EngagementInScope, Uint8Array>();
    const base: Omit<EvaluationContext, 'level' | 'levelIndex'> = {
      standard,
      specialty,
      candidate,
      asOf,
      engagements: inScope.filter((e) => e.specialty === specialty.id),
      expertise: candidate.expertise.map((record, index) => ({ index, record })).filter(({ record }) => record.specialty === specialty.id),
      knowledgeTransfer: knowledgeTransfer.filter(({ record }) => counts(record.specialties)),
      mentoring: mentoring.filter(({ record }) => counts(record.specialties)),
      roleRank: (id) => roleRanks.get(id) ?? 0,
      depthRank: (id) => depthRanks.get(id) ?? 0,
      engagementMeets(kind, levelIndex, engagement) {
        let slots = fits.get(engagement);
        if (!slots) fits.set(engagement, (slots = new Uint8Array(specialty.levels.length * 2)));
        const slot = levelIndex * 2 + (kind === 'size' ? 1 : 0);
        const level = specialty.levels[levelIndex];
        if (slots[slot] === 0 && level) slots[slot] = engagementMatches(kind, level, engagement) ? 2 : 1;
        return slots[slot] === 2;
      },
    };
    const levels = specialty.levels.map((level, levelIndex): LevelResult => {
      const context: EvaluationContext = { ...base, level, levelIndex };
      const criteria = level.criteria.map((criterion) => evaluateCriterion(criterion.kind, criterion, context));
      const result: LevelResult = { level: level.level, met: criteria.every((c) => c.met), criteria };
      if (level.page !== undefined) result.page = level.page;
      return result;
    });
    const result = summarize(specialty, levels, examLevel(specialty.levels, passedExams));
    if (sharedKey !== undefined && options.sharedResults) {
      if (options.sharedResults.size >= 1_000) options.sharedResults.clear(); // bounded memory
      options.sharedResults.set(sharedKey, result);
    }
    return result;
  });

  const assessment: Assessment = {
    candidate: candidate.name === undefined ? { id: candidate.id } : { id: candidate.id, name: candidate.name },
    asOf: formatEpochDay(asOf),
    standard: standard.version === undefined ? { id: standard.id } : { id: standard.id, version: standard.version },
    specialties,
    warnings,
  };
  return assessment;
}

function examLevel(levels: LevelDefinition[], passed: Set<string>): number | null {
  let best: number | null = null;
  for (const level of levels) {
    if (level.examEquivalence?.exams.some((e) => passed.has(e)) && (best === null || level.level > best)) best = level.level;
  }
  return best;
}

/** level, nonNested and next (rules.md §6, §7). */
function summarize(specialty: SpecialtyDefinition, levels: LevelResult[], exam: number | null): SpecialtyResult {
  const metLevels = levels.filter((l) => l.met).map((l) => l.level);
  const level = metLevels.length > 0 ? Math.max(...metLevels) : null;
  const unmetBelow = level === null ? [] : levels.filter((l) => l.level < level && !l.met).map((l) => l.level);
  const nextLevel = levels.find((l) => level === null || l.level > level);
  return {
    specialty: specialty.id,
    level,
    examLevel: exam,
    levels,
    nonNested: unmetBelow.length > 0,
    unmetBelow,
    next: nextLevel ? { level: nextLevel.level, gaps: nextLevel.criteria.filter((c) => !c.met) } : null,
  };
}
