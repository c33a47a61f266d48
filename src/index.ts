/**
 * itss — ITSS V3 IT Service Management levels from a candidate's experience.
 * Pipeline: loadStandard → Standard, loadCandidate → Candidate, evaluate(standard, candidate, {asOf}) → Assessment,
 * reporters[format](assessments, options) → string.
 */
export type { Assessment, AssessmentWarning, CriterionResult, Evidence, Exclusion, ExclusionReason, LevelResult, NextLevel, SpecialtyResult, WarningCode } from './engine/assessment.js';
export { builtinStandard, BUILTIN_STANDARD_PATH } from './standard/builtinStandard.js';
export { MONTH_UNITS, mergePeriods, periodMonthUnits, parseDate } from './values/calendarDate.js';
export type { Candidate, Engagement, ExamRecord, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from './candidate/candidate.js';
export { CANDIDATE_FORMAT, candidateSchemaFor } from './candidate/candidateSchema.js';
export { candidateJsonSchema } from './candidate/candidateJsonSchema.js';
export { InputError, formatPath, type Diagnostic, type DiagnosticCode } from './input/diagnostic.js';
export { evaluate, type EvaluateOptions } from './engine/evaluate.js';
export { evaluators } from './engine/evaluators/evaluators.js';
export type { Evaluator } from './engine/evaluators/evaluator.js';
export { loadCandidate, loadCandidates, type LoadedCandidates } from './candidate/loadCandidate.js';
export { loadStandard, type Standard } from './standard/loadStandard.js';
export { Describer, messageTables, type Lang } from './messages/describe.js';
export { parsePeople, parseYen } from './values/parseQuantity.js';
export { reporters, type ReporterFormat } from './reporters/reporters.js';
export type { ReportOptions, Style } from './reporters/reportOptions.js';
export { levelsReporter } from './reporters/levelsReporter.js';
export { STANDARD_FORMAT, standardSchema, type Criterion, type CriterionKind, type StandardDocument } from './standard/standardSchema.js';
export { runBatch, expandInputs, type BatchEvents, type BatchOptions, type BatchSummary, type Rejection } from './batch/runBatch.js';
export { runBatchJob, type BatchJob, type BatchIO } from './batch/batchJob.js';
export { loadMapping, MAPPING_FORMAT, type Mapping } from './batch/loadMapping.js';
export { csvCell, type BatchFormat } from './batch/resultWriters.js';
export { serializeAssessment } from './reporters/serializeAssessment.js';
