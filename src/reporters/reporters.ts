import type { Assessment } from '../engine/assessment.js';
import { jsonReporter, jsonlReporter } from './jsonReporter.js';
import type { ReportOptions } from './reportOptions.js';
import { tableReporter } from './tableReporter.js';

export type ReporterFormat = 'table' | 'json' | 'jsonl';

/** Reporters only arrange data: every sentence comes from the message tables. */
export const reporters: Record<ReporterFormat, (assessments: Assessment[], options: ReportOptions) => string> = {
  table: tableReporter,
  json: jsonReporter,
  jsonl: jsonlReporter,
};
