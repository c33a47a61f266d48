/**
 * itss — ITSS V3 IT Service Management levels from a candidate's experience. The pipeline, one folder a step:
 * standard/ (loadStandard → Standard), candidate/ (loadCandidate → Candidate), engine/ (evaluate → Assessment),
 * reporters/ (reporters[format](assessments, options) → string; outputFormats: what each command writes in each
 * format), with messages/ wording every sentence.
 * The batch (HR tables, CSV) is `itss/batch`, so that importing this module loads no CSV machinery.
 */
export { loadStandard, type Standard } from './standard/loadStandard.js';
export { builtinStandard, BUILTIN_STANDARD_PATH } from './standard/builtinStandard.js';
export { standardSchema, type Criterion, type CriterionKind, type CriterionOf, type StandardDocument } from './standard/standardSchema.js';
export { STANDARD_FORMAT } from './standard/standardFormat.js';
export { criterionOfKind } from './standard/criterionOfKind.js';
export type { Candidate, Engagement, ExamRecord, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from './candidate/candidate.js';
export { loadCandidate, loadCandidates, type LoadedCandidates } from './candidate/loadCandidate.js';
export { CANDIDATE_FORMAT, candidateSchemaFor } from './candidate/candidateSchema.js';
export { candidateJsonSchema } from './candidate/candidateJsonSchema.js';
export { Evaluation, SharedResults, evaluate, evaluateRecord, type EvaluateOptions, type RecordOptions } from './engine/evaluate.js';
export { evaluators, evaluateCriterion, requiredOf } from './engine/evaluators/evaluators.js';
export type { Evaluator, EngagementEvaluator, EngagementKind } from './engine/evaluators/evaluator.js';
export type {
  Assessment,
  AssessmentRecord,
  AssessmentWarning,
  CriterionResult,
  CriterionResultOf,
  CriterionShapes,
  RequiredOf,
  Evidence,
  Exclusion,
  ExclusionReason,
  LevelResult,
  NextLevel,
  SpecialtyRecord,
  SpecialtyResult,
  WarningCode,
} from './engine/assessment.js';
export { InputError, formatPath, type Diagnostic, type DiagnosticArgs, type DiagnosticCode, type FileProblem, type SyntaxReason } from './input/diagnostic.js';
export { MONTH_UNITS, mergePeriods, periodMonthUnits, parseDate, readDate, type DateProblem } from './values/calendarDate.js';
export { parsePeople, parseYen } from './values/parseQuantity.js';
export { Describer, messageTables, type Lang } from './messages/describe.js';
export { criterionWordings, type CriterionWording } from './messages/criterionWordings.js';
export { reporters, type ReporterFormat } from './reporters/outputFormats.js';
export type { ReportOptions, Style } from './reporters/reportOptions.js';
export { levelsReporter } from './reporters/levelsReporter.js';
// The shape of `itss diff`'s result, as types only: its readers and comparison match ids as `itss batch` joins them
// (src/hr), which `import 'itss'` does not load.
export type { BlockingChange, LevelChange, PersonRef, ResultsDiff, RunInfo } from './diff/diffResults.js';
export { AssessmentSerializer, serializeAssessment } from './reporters/serializeAssessment.js';
