/**
 * `itss/batch`: many candidates at once — HR tables (CSV) joined on candidate_id, candidate files, JSON Lines —
 * each ending assessed or rejected, in order of first appearance. A subpath of its own, so that `import 'itss'`
 * does not load the CSV parser.
 */
export { expandInputs, type ExpandedInputs } from './expandInputs.js';
export { runBatch, type BatchEvents, type BatchOptions, type BatchSummary, type Rejection } from './runBatch.js';
export { runBatchJob, type BatchJob, type BatchIO } from './batchJob.js';
export { NotSortedAsAssumed } from '../hr/sortedJoin.js';
export { loadMapping, MAPPING_FORMAT, type Mapping } from '../hr/loadMapping.js';
export { hrTables, TABLE_NAMES, type TableDefinition, type TableName } from '../hr/hrTables.js';
export { csvCell } from '../reporters/resultWriter.js';
export type { BatchFormat } from '../reporters/outputFormats.js';
