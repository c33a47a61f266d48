/**
 * The writers only `itss batch` uses, loaded together when a batch writes (outputFormats), not at start-up. One
 * module rather than a lazy import each: three lazy imports split the CLI bundle's start-up code into 16 files
 * instead of 10 and measured 4 MB more resident at every start; this one, 14 files and no more memory than before.
 */
export { csvResultWriter } from './csvResults.js';
export { organisationSummaryWriter } from './organisationSummary.js';
export { XlsxResults } from './xlsxResults.js';
