import type { Candidate, KnowledgeTransferRecord, MentoringRecord } from '../candidate/candidate.js';
import { formatPath } from '../input/diagnostic.js';
import type { Standard } from '../standard/loadStandard.js';
import { epochDay, formatEpochDay, parseDate, type EpochDay } from '../values/calendarDate.js';
import type { AssessmentWarning } from './assessment.js';
import type { EngagementInScope, EveryKey, Indexed } from './evaluators/evaluationContext.js';
import { activityBits, complexityBits } from './evaluators/evaluator.js';
import type { StandardPlan } from './standardPlan.js';

/** Parses `YYYY-MM-DD` into a day; throws RangeError otherwise (the CLI validates --as-of before). */
export function parseAsOf(asOf: string): EpochDay {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? parseDate(asOf) : undefined;
  if (!parsed || parsed.day === undefined) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  return epochDay(parsed.year, parsed.month, parsed.day);
}

/** What every specialty's evaluation reads: the records in scope on the assessment date, and the warnings. */
export interface Prepared {
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

/** The assessment date of an evaluation: the day, and the day as results give it (`YYYY-MM-DD`). */
export interface AssessmentDate {
  day: EpochDay;
  text: string;
}

/** Reads `YYYY-MM-DD` as an assessment date (RangeError otherwise), once per evaluation. */
export function assessmentDate(asOf: string): AssessmentDate {
  const day = parseAsOf(asOf);
  return { day, text: formatEpochDay(day) };
}

/**
 * A candidate's records read against the assessment date (what is later does not count, and is warned of), once.
 * Everything evaluation reads of an engagement is worked out here (its bits, its place among its specialty's
 * engagements): evaluating writes nothing onto what this returns.
 */
export function prepare(plan: StandardPlan, candidate: Candidate, date: AssessmentDate): Prepared {
  const { standard } = plan;
  const asOf = date.day;
  const warnings: AssessmentWarning[] = [];
  // A record dated after the assessment date does not count, and is named. Loops written out, not chained: this
  // runs for every candidate of a batch.
  const inScope: EngagementInScope[] = [];
  // Per specialty (by its place in the plan), the engagements in scope so far: each engagement's slot.
  const slots = new Array<number>(plan.specialties.length).fill(0);
  const { engagements } = candidate;
  for (let index = 0; index < engagements.length; index++) {
    const { title, specialty, role, from, to, outcome, complexity, activities, size } = engagements[index]!;
    if (from > asOf) {
      warnings.push({ code: 'future-engagement', path: formatPath(['engagements', index]), value: formatEpochDay(from) });
      continue;
    }
    // A figure in a size field the specialty's size criteria do not read counts for nothing there: said, not ignored.
    const specialtyIndex = plan.specialtyIndex(specialty);
    const read = plan.specialties[specialtyIndex]?.sizeFieldsRead;
    if (read && read.size > 0) {
      for (const field in size) if (!read.has(field)) warnings.push({ code: 'unread-size-field', path: formatPath(['engagements', index]), value: field, specialty });
    }
    const end = to === null ? asOf : Math.min(to, asOf);
    inScope.push({ title, specialty, role, from, to, outcome, complexity, activities, size, index, end, period: { from, to: end },
      complexityMask: complexityBits.mask(complexity), activityMask: activityBits.mask(activities), roleRank: plan.roleRank(role),
      slot: specialtyIndex < 0 ? -1 : slots[specialtyIndex]!++ });
  }
  const knowledgeTransfer: Indexed<KnowledgeTransferRecord>[] = [];
  for (let index = 0; index < candidate.knowledgeTransfer.length; index++) {
    const record = candidate.knowledgeTransfer[index]!;
    if (record.date !== undefined && record.date > asOf) warnings.push(futureRecord(record.date, ['knowledgeTransfer', index, 'date']));
    else knowledgeTransfer.push({ kind: record.kind, specialties: record.specialties, title: record.title, date: record.date, index } satisfies
      EveryKey<Indexed<KnowledgeTransferRecord>>);
  }
  const mentoring: Indexed<MentoringRecord>[] = [];
  for (let index = 0; index < candidate.mentoring.length; index++) {
    const record = candidate.mentoring[index]!;
    if (record.from !== undefined && record.from > asOf) warnings.push(futureRecord(record.from, ['mentoring', index, 'from']));
    else mentoring.push({ mentee: record.mentee, specialties: record.specialties, from: record.from, index } satisfies EveryKey<Indexed<MentoringRecord>>);
  }
  const passedExams = candidate.exams.length === 0 ? NO_EXAMS : new Set<string>();
  for (let index = 0; index < candidate.exams.length; index++) {
    const exam = candidate.exams[index]!;
    if (!exam.listed) warnings.push({ code: 'unlisted-exam', path: formatPath(['exams', index]), value: exam.exam });
    else if (exam.passed !== undefined && exam.passed > asOf) warnings.push(futureRecord(exam.passed, ['exams', index, 'passed']));
    else {
      // Counted, since the standard asks only for the pass; but named, so that whoever reads it can check the date.
      if (exam.passed === undefined) warnings.push({ code: 'undated-exam', path: formatPath(['exams', index]), value: exam.exam });
      passedExams.add(exam.exam);
    }
  }
  return { standard, plan, candidate, asOf, asOfText: date.text, warnings, inScope, knowledgeTransfer, mentoring, passedExams };
}

function futureRecord(day: EpochDay, path: (string | number)[]): AssessmentWarning {
  return { code: 'future-record', path: formatPath(path), value: formatEpochDay(day) };
}

/** Does a contribution naming these specialties (null: all) count for this one? */
export const countsFor = (specialties: string[] | null, specialty: string) => specialties === null || specialties.includes(specialty);

/**
 * Does the candidate practise this specialty (cli.md "Practised specialties")? An engagement in it on the assessment
 * date, or an expertise record in it. Human reports show only such specialties unless asked for all.
 */
export function practises(prepared: Prepared, specialty: string): boolean {
  for (const engagement of prepared.inScope) if (engagement.specialty === specialty) return true;
  for (const record of prepared.candidate.expertise) if (record.specialty === specialty) return true;
  return false;
}
