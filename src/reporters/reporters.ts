import type { Assessment } from '../engine/assessment.js';
import { jsonReporter, jsonlReporter } from './jsonReporter.js';
import type { ReportOptions } from './reportOptions.js';
import { htmlPage, markdownPage, nextLevels } from './reportPage.js';
import { tableReporter } from './tableReporter.js';

export type ReporterFormat = 'table' | 'json' | 'jsonl' | 'md' | 'html';

/** Reporters only arrange data: every sentence comes from the message tables. Pages: the levels, then each next level. */
export const reporters: Record<ReporterFormat, (assessments: Assessment[], options: ReportOptions) => string> = {
  table: tableReporter,
  json: jsonReporter,
  jsonl: jsonlReporter,
  md: (assessments, options) => markdownPage(assessments, nextLevels, true, options),
  html: (assessments, options) => htmlPage(assessments, nextLevels, true, options),
};
