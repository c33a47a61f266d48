import type { CriterionResult } from './assessment.js';

/**
 * The day a level is reached by time alone (cli.md `metOn`): where every unmet criterion of it is met on a day of
 * its own if the engagements that count go on, the last of those days (`YYYY-MM-DD`); null where some unmet criterion
 * is not met by time (or none is unmet). Nothing met stops being met as time passes, so on that day every criterion is.
 */
export function levelReachedOn(gaps: readonly CriterionResult[]): string | null {
  let last: string | null = null;
  for (const gap of gaps) {
    if (gap.metOn === undefined) return null;
    if (last === null || gap.metOn > last) last = gap.metOn;
  }
  return last;
}

/** The last day on which an unmet criterion is met by time, among those that are (null: none is). */
export function monthsMetOn(gaps: readonly CriterionResult[]): string | null {
  let last: string | null = null;
  for (const gap of gaps) if (gap.metOn !== undefined && (last === null || gap.metOn > last)) last = gap.metOn;
  return last;
}
