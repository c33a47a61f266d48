import type { Candidate } from '../candidate/candidate.js';
import type { Standard } from '../standard/loadStandard.js';
import type { LevelDefinition, SpecialtyDefinition } from '../standard/standardSchema.js';
import type { Assessment, AssessmentRecord, CriterionResult, LevelResult, SpecialtyRecord, SpecialtyResult } from './assessment.js';
import type { EvaluationContext } from './evaluators/evaluationContext.js';
import { evaluateCriterion } from './evaluators/evaluators.js';
import { levelContexts } from './levelContexts.js';
import { practises, prepare, type Prepared } from './prepare.js';
import { shared, sharedDetail, type SharedResults } from './sharedResults.js';
import { levelMet } from './standardPlan.js';

export { parseAsOf } from './prepare.js';
export { SharedResults, isSharedResult } from './sharedResults.js';

export interface EvaluateOptions {
  /** Assessment date, `YYYY-MM-DD`: the last day that counts. */
  asOf: string;
  /**
   * Results of specialties where the candidate has no engagement and no expertise, shared between candidates
   * with the same contributions (most candidates of a batch, in most specialties). Pass one `new SharedResults()`
   * per kind of result (it lets go of what it holds when the standard or the date changes); the shared results
   * must be treated as read-only.
   */
  sharedResults?: SharedResults<SpecialtyResult>;
}

/** As EvaluateOptions, sharing batch records, and the gaps of their next level where they read the same. */
export interface RecordOptions {
  asOf: string;
  sharedResults?: SharedResults<SpecialtyRecord>;
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
      const { unmetBelow, next, level } = summarize(specialty, levels.map((l) => l.met));
      return { specialty: specialty.id, practised: practises(prepared, specialty.id), level, examLevel: examLevel(specialty.levels, prepared.passedExams), levels, nonNested: unmetBelow.length > 0, unmetBelow, next: next === undefined ? null : { level: next.level, gaps: levels[next.index]?.criteria.filter((c) => !c.met) ?? [] } };
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
      return { specialty: specialty.id, practised: practises(prepared, specialty.id), level, examLevel: examLevel(specialty.levels, prepared.passedExams), nonNested: unmetBelow.length > 0, unmetBelow, next: next === undefined ? null : { level: next.level, gaps } };
    }),
  );
  const head = header(prepared);
  return { candidate: head.candidate, asOf: head.asOf, standard: head.standard, specialties, warnings: prepared.warnings };
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
