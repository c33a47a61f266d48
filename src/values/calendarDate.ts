/**
 * Calendar dates as whole days since 1970-01-01 (UTC, no time zone drift), and the exact month arithmetic of
 * rules.md §2.1.
 */
export type EpochDay = number;

export interface ParsedDate {
  year: number;
  month: number;
  /** Absent when only the month was given. */
  day?: number;
}

const MS_PER_DAY = 86_400_000;

export function epochDay(year: number, month: number, day: number): EpochDay {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromEpochDay(day: EpochDay): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatEpochDay(day: EpochDay): string {
  const d = fromEpochDay(day);
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const PATTERNS: RegExp[] = [
  /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/,
  /^(\d{4})\/(\d{1,2})(?:\/(\d{1,2}))?$/,
  /^(\d{4})\.(\d{1,2})(?:\.(\d{1,2}))?$/,
  /^(\d{4})年\s*(\d{1,2})月(?:\s*(\d{1,2})日)?$/,
];

/** Years a date of a career may have (candidate-format.md): `0000-04` is a typo, not the year 1900 or 0. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** `2019-04`, `2019-04-01`, `2019/4`, `2019/4/1`, `2019年4月`, `2019年4月1日` (full-width digits too), or a Date. */
export function parseDate(value: unknown): ParsedDate | undefined {
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    if (Number.isNaN(value.getTime()) || year < MIN_YEAR || year > MAX_YEAR) return undefined;
    return { year, month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFKC').trim();
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = m[3] === undefined ? undefined : Number(m[3]);
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
    if (day !== undefined && (day < 1 || day > daysInMonth(year, month))) return undefined;
    return day === undefined ? { year, month } : { year, month, day };
  }
  return undefined;
}

/** The first day a date stands for (a month means its first day). */
export function startDay(date: ParsedDate): EpochDay {
  return epochDay(date.year, date.month, date.day ?? 1);
}

/** The last day a date stands for (a month means its last day). */
export function endDay(date: ParsedDate): EpochDay {
  return epochDay(date.year, date.month, date.day ?? daysInMonth(date.year, date.month));
}

/**
 * Months are counted in integer units of 1/MONTH_UNITS month, so sums and thresholds compare exactly:
 * 377,580 is the least common multiple of 28, 29, 30 and 31 (every possible "days in e's month").
 */
export const MONTH_UNITS = 377_580;

/**
 * Length of the inclusive period a..b (rules.md §2.1): with e = the day after b, whole months from a to e
 * plus (e.day − a.day) / days in e's month. 2024-04-02 .. 2026-04-01 is exactly 24 months.
 */
export function periodMonthUnits(a: EpochDay, b: EpochDay): number {
  const start = fromEpochDay(a);
  const end = fromEpochDay(b + 1);
  const whole = (end.year - start.year) * 12 + end.month - start.month;
  return whole * MONTH_UNITS + ((end.day - start.day) * MONTH_UNITS) / daysInMonth(end.year, end.month);
}

export interface Period {
  from: EpochDay;
  to: EpochDay;
}

/** Merges overlapping and touching periods (each day counts once). */
export function mergePeriods(periods: readonly Period[]): Period[] {
  const sorted = [...periods].sort((x, y) => x.from - y.from || x.to - y.to);
  const merged: Period[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to + 1) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  return merged;
}

/** Total length of the merged periods, in month units. */
export function mergedMonthUnits(periods: readonly Period[]): number {
  return mergePeriods(periods).reduce((sum, p) => sum + periodMonthUnits(p.from, p.to), 0);
}

/** Month units as months for display, rounded towards the threshold's safe side (down). */
export function unitsToMonths(units: number, round: 'down' | 'up' = 'down'): number {
  const hundredths = (units * 100) / MONTH_UNITS;
  return (round === 'down' ? Math.floor(hundredths + 1e-9) : Math.ceil(hundredths - 1e-9)) / 100;
}
