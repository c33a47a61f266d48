import type { Candidate } from '../candidate/candidate.js';
import type { Assessment, AssessmentRecord, SpecialtyRecord, SpecialtyResult } from '../engine/assessment.js';
import { Evaluation, SharedResults } from '../engine/evaluate.js';
import type { Diagnostic, Rejection } from '../input/diagnostic.js';
import { noRecords, type RecordCounts } from '../hr/missingTables.js';
import type { ReadProgress } from './readInputs.js';
import { batchItems, isStep, type BatchInputOptions } from './batchItems.js';

export type { Rejection } from '../input/diagnostic.js';

export interface BatchOptions extends BatchInputOptions {
  asOf: string;
  /** The full result of every candidate (every level's criteria), as `itss assess --format json`, instead of the batch record. */
  detail?: boolean;
}

export interface BatchEvents<A extends AssessmentRecord = AssessmentRecord> {
  /** A candidate's batch record, or with `detail` the full result (an Assessment). */
  assessed(assessment: A): void;
  rejected(rejection: Rejection): void;
  /** A file passed over (not supported, given twice, written by itss): named, never skipped silently. */
  notice?(notice: Diagnostic): void;
  /** Reading the inputs: bytes read of their total (see ReadProgress). */
  reading?: ReadProgress;
  /** Scoring: candidates done of all; told with 0 done before the first, then after each. */
  progress?(done: number, total: number): void;
  /** HR tables' candidates: before the first of each part of the join's order (see CandidateUnit's group). */
  group?(group: number): void;
}

export interface BatchSummary {
  assessed: number;
  rejected: number;
  /** How many of the candidates assessed have records of the tables a level may need (see missingTables). */
  records: RecordCounts;
}

/**
 * Scores every candidate of the inputs, in order of first appearance: inputs in command-line order, the HR
 * tables' candidates where the first table stands (batchItems reads and joins them). Every candidate ends in
 * `assessed` or `rejected`. Results share the parts that read the same for many candidates (a specialty, a gap; see
 * SharedResults): read-only.
 */
export async function runBatch(inputs: string[], options: BatchOptions & { detail: true }, events: BatchEvents<Assessment>): Promise<BatchSummary>;
export async function runBatch(inputs: string[], options: BatchOptions, events: BatchEvents): Promise<BatchSummary>;
export async function runBatch(inputs: string[], options: BatchOptions, events: BatchEvents): Promise<BatchSummary> {
  const summary: BatchSummary = { assessed: 0, rejected: 0, records: noRecords() };
  const sharedResults = new SharedResults<SpecialtyResult>();
  const sharedRecords = new SharedResults<SpecialtyRecord>();
  // One evaluation for every candidate: the contexts and tables it keeps are made once.
  const evaluation = new Evaluation(options.standard, options.asOf);
  const assess = options.detail ? (candidate: Candidate) => evaluation.assess(candidate, sharedResults)
    : (candidate: Candidate) => evaluation.record(candidate, sharedRecords);
  let total = 0;
  let done = 0;
  const wants = { ...(events.reading ? { reading: events.reading } : {}), count: events.progress !== undefined, groups: events.group !== undefined };
  for await (const items of batchItems(inputs, options, wants)) {
    for (const item of items) {
      switch (item.kind) {
        case 'notice':
          events.notice?.(item.notice);
          break;
        case 'total':
          total = item.total;
          if (total > 0) events.progress?.(0, total);
          break;
        case 'rejected':
          summary.rejected++;
          events.rejected(item.rejection);
          break;
        case 'candidate': {
          const { candidate } = item;
          const assessment = assess(candidate);
          if (item.attributes) assessment.candidate.attributes = item.attributes;
          if (item.warnings.length > 0) assessment.warnings.push(...item.warnings);
          summary.assessed++;
          if (candidate.expertise.length > 0) summary.records.expertise++;
          if (candidate.knowledgeTransfer.length > 0) summary.records.knowledgeTransfer++;
          if (candidate.mentoring.length > 0) summary.records.mentoring++;
          events.assessed(assessment);
          break;
        }
        case 'group':
          events.group?.(item.group);
          break;
        case 'step':
          break;
      }
      if (isStep(item)) events.progress?.(++done, total);
    }
  }
  return summary;
}
