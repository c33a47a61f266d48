import type { Assessment } from '../engine/assessment.js';
import type { ReportOptions } from './reportOptions.js';

/** The result object of cli.md, as is: ids and numbers, no sentences. One object, or an array for several inputs. */
export function jsonReporter(assessments: Assessment[], options: ReportOptions): string {
  const value = assessments.length === 1 && !options.array ? assessments[0] : assessments;
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One assessment per line. */
export function jsonlReporter(assessments: Assessment[]): string {
  return assessments.map((a) => `${JSON.stringify(a)}\n`).join('');
}
