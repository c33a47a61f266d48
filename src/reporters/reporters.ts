import type { Assessment } from '../engine/assessment.js';
import { jsonReporter, jsonlReporter } from './jsonReporter.js';
import type { ReportOptions } from './reportOptions.js';
import { htmlPage, markdownPage, nextLevels } from './reportPage.js';
import { tableReporter } from './tableReporter.js';

export type ReporterFormat = 'table' | 'json' | 'jsonl' | 'md' | 'html';

/**
 * Reporters only arrange data: every sentence comes from the message tables. Pages: the levels, then each next level
 * of the specialties shown (those practised, unless `allSpecialties`). JSON lists every specialty, with `practised`.
 */
export const reporters: Record<ReporterFormat, (assessments: Assessment[], options: ReportOptions) => string> = {
  table: tableReporter,
  json: jsonReporter,
  jsonl: jsonlReporter,
  md: (assessments, options) => markdownPage(assessments, (a) => nextLevels(a, options), 'assessment', options),
  html: (assessments, options) => htmlPage(assessments, (a) => nextLevels(a, options), 'assessment', options),
};
