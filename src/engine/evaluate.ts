import type { Candidate } from '../candidate/candidate.js';
import type { Standard } from '../standard/loadStandard.js';
import type { LevelDefinition, SpecialtyDefinition } from '../standard/standardSchema.js';
import type { Assessment, AssessmentRecord, CriterionResult, LevelResult, SpecialtyRecord, SpecialtyResult } from './assessment.js';
import type { EvaluationContext } from './evaluators/evaluationContext.js';
import { criterionDetail } from './evaluators/evaluators.js';
import { LevelContexts } from './levelContexts.js';
import { assessmentDate, practises, prepare, type AssessmentDate, type Prepared } from './prepare.js';
import { shared, sharedDetail, type SharedResults } from './sharedResults.js';
import { levelMet, standardPlan, type LevelPlan, type SpecialtyPlan, type StandardPlan } from './standardPlan.js';

export { parseAsOf } from './prepare.js';
export { SharedResults, isSharedResult } from './sharedResults.js';

export interface EvaluateOptions {
  /** Assessment date, `YYYY-MM-DD`: the last day that counts. */
  asOf: string;
  /**
   * Results of specialties where the candidate has no engagement and no expertise, shared between candidates
   * with the same contributions (most candidates of a batch, in most specialties): each held from the second
   * candidate who needs it on (the first keeps a result of its own). Pass one `new SharedResults()` per kind of
   * result (it lets go of what it holds when the standard or the date changes); the shared results must be treated
   * as read-only.
   */
  sharedResults?: SharedResults<SpecialtyResult>;
}

/** As EvaluateOptions, sharing batch records, and the gaps of their next level where they read the same. */
export interface RecordOptions {
  asOf: string;
  sharedResults?: SharedResults<SpecialtyRecord>;
}

/**
 * An evaluation: one standard and one assessment date, and everything the engine keeps while it scores — the
 * contexts it points at each candidate, its tables of verdicts and fits — so that nothing lives at module level and
 * two evaluations can run side by side. Made per call (`evaluate`) or per batch (one for every candidate). Pure: no
 * I/O, and nothing written onto the candidates.
 */
export class Evaluation {
  readonly plan: StandardPlan;
  private readonly date: AssessmentDate;
  private readonly contexts: LevelContexts[];
  /** Each level's verdict (1 met) of the specialty being recorded: one table, reused (no result keeps it). */
  private mets = new Uint8Array(8);

  /** `asOf`: `YYYY-MM-DD` (RangeError otherwise; the CLI validates --as-of before). */
  constructor(
    readonly standard: Standard,
    asOf: string,
  ) {
    this.plan = standardPlan(standard);
    this.date = assessmentDate(asOf);
    this.contexts = this.plan.specialties.map((plan) => new LevelContexts(this.plan, plan));
  }

  /**
   * Scores one candidate: every level of every specialty evaluated on its own, each criterion with its detail
   * (required, actual, gap, evidence): the result of `itss assess --format json`.
   */
  assess(candidate: Candidate, sharedResults?: SharedResults<SpecialtyResult>): Assessment {
    const prepared = prepare(this.plan, candidate, this.date);
    sharedResults?.scope(this.plan, this.date.day);
    const specialties = this.plan.specialties.map((plan, i) => {
      const specialty = plan.definition;
      const contextOf = this.contexts[i]!.of(prepared);
      return shared(prepared, specialty, this.contexts[i]!.keyContext(), sharedResults, (): SpecialtyResult => {
        const levels = plan.levels.map((level, l) => levelResult(level, contextOf(level.definition, l)));
        const { unmetBelow, next, level } = summarize(specialty, levels.map((l) => l.met));
        const nextLevel = next === undefined ? null : { level: next.level, gaps: levels[next.index]?.criteria.filter((c) => !c.met) ?? [] };
        return { specialty: specialty.id, practised: practises(prepared, specialty.id), level, examLevel: examLevel(specialty.levels, prepared.passedExams),
          levels, nonNested: unmetBelow.length > 0, unmetBelow, next: nextLevel };
      });
    });
    const head = header(this.plan, prepared);
    return { candidate: head.candidate, asOf: head.asOf, standard: head.standard, specialties, warnings: prepared.warnings };
  }

  /**
   * The batch record (cli.md): the same verdicts as `assess`, from the same evaluators, without `levels`: every
   * level's verdict alone, and the detail of the next level only (its gaps).
   */
  record(candidate: Candidate, sharedResults?: SharedResults<SpecialtyRecord>): AssessmentRecord {
    const prepared = prepare(this.plan, candidate, this.date);
    sharedResults?.scope(this.plan, this.date.day);
    const specialties = this.plan.specialties.map((plan, i) => {
      const contextOf = this.contexts[i]!.of(prepared);
      return shared(prepared, plan.definition, this.contexts[i]!.keyContext(), sharedResults,
        (): SpecialtyRecord => this.specialtyRecord(prepared, plan, contextOf, sharedResults));
    });
    const head = header(this.plan, prepared);
    return { candidate: head.candidate, asOf: head.asOf, standard: head.standard, specialties, warnings: prepared.warnings };
  }

  private specialtyRecord(prepared: Prepared, plan: SpecialtyPlan, contextOf: ReturnType<LevelContexts['of']>,
    sharedResults: SharedResults<SpecialtyRecord> | undefined): SpecialtyRecord {
    const specialty = plan.definition;
    // Every level's verdict from the plan, into the evaluation's table.
    if (plan.levels.length > this.mets.length) this.mets = new Uint8Array(plan.levels.length * 2);
    const mets = this.mets;
    plan.levels.forEach((level, i) => (mets[i] = levelMet(level, contextOf(level.definition, i)) ? 1 : 0));
    const { unmetBelow, next, level } = summarize(specialty, mets);
    // The detail of the next level's unmet criteria only: its gaps.
    const gaps: CriterionResult[] = [];
    if (next !== undefined) {
      const nextContext = contextOf(next.definition, next.index);
      for (const { criterion, verdict } of plan.levels[next.index]!.criteria)
        if (!verdict(nextContext)) gaps.push(sharedDetail(criterion, verdict, nextContext, sharedResults));
    }
    const nextLevel = next === undefined ? null : { level: next.level, gaps };
    return { specialty: specialty.id, practised: practises(prepared, specialty.id), level, examLevel: examLevel(specialty.levels, prepared.passedExams),
      nonNested: unmetBelow.length > 0, unmetBelow, next: nextLevel };
  }
}

/** Scores one candidate against a standard (an Evaluation of its own): pure, no I/O. See Evaluation.assess. */
export function evaluate(standard: Standard, candidate: Candidate, options: EvaluateOptions): Assessment {
  return new Evaluation(standard, options.asOf).assess(candidate, options.sharedResults);
}

/** The batch record of one candidate (an Evaluation of its own). See Evaluation.record. */
export function evaluateRecord(standard: Standard, candidate: Candidate, options: RecordOptions): AssessmentRecord {
  return new Evaluation(standard, options.asOf).record(candidate, options.sharedResults);
}

function header(plan: StandardPlan, prepared: Prepared): Pick<Assessment, 'candidate' | 'asOf' | 'standard'> {
  return { candidate: candidateHead(prepared.candidate), asOf: prepared.asOfText, standard: plan.head };
}

/** The candidate as a result names them: id, then name and department where known (keys in this order). */
function candidateHead(candidate: Candidate): Assessment['candidate'] {
  const head: Assessment['candidate'] = { id: candidate.id };
  if (candidate.name !== undefined) head.name = candidate.name;
  if (candidate.department !== undefined) head.department = candidate.department;
  return head;
}

/** One level's criteria with their detail, each `met` from its compiled verdict. */
function levelResult(plan: LevelPlan, context: EvaluationContext): LevelResult {
  const level = plan.definition;
  const criteria = plan.criteria.map(({ criterion, verdict }) => criterionDetail(criterion, verdict, context));
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
