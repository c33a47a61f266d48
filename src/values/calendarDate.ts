import { asciiDigit } from './asciiDigit.js';

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

/**
 * Days since 1970-01-01 of a date of the proleptic Gregorian calendar (H. Hinnant's days-from-civil), for months 1–12
 * and any day (a day past the month's last runs on into the next, as Date.UTC's does). Arithmetic, not Date.UTC: a
 * batch reads a date for every distinct cell of every lot, millions at 100k candidates. Years 0–99 are those years,
 * where Date.UTC would read 1900–1999 (no caller passes them: dates are checked against MIN_YEAR first).
 */
export function epochDay(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/** The date of an epoch day. */
export function fromEpochDay(epoch: EpochDay): { year: number; month: number; day: number } {
  const date = civilDate(epoch);
  const year = Math.floor(date / 512);
  const monthDay = date - year * 512;
  return { year, month: monthDay >> 5, day: monthDay & 31 };
}

/**
 * An epoch day's date as one number, `year × 512 + month × 32 + day` (H. Hinnant's civil-from-days): no object made,
 * for thirtyDayIndex, which the engine asks for every criterion of every candidate.
 */
function civilDate(epoch: EpochDay): number {
  const z = epoch + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 = March
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 512 + month * 32 + dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1]!;
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
  /^(\d{4})(\d{2})(\d{2})?$/, // 201904, 20190401 (as HR systems export them)
];

/** Years a date of a career may have (candidate-format.md): `0000-04` is a typo, not the year 1900 or 0. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** The Japanese eras dates are written in: the first year of each is 元年, and each has its first and last day. */
const ERAS = [
  { name: '令和', letter: 'R', firstYear: 2019, from: [2019, 5, 1], to: undefined },
  { name: '平成', letter: 'H', firstYear: 1989, from: [1989, 1, 8], to: [2019, 4, 30] },
  { name: '昭和', letter: 'S', firstYear: 1926, from: [1926, 12, 25], to: [1989, 1, 7] },
] as const;

/** 令和2年4月1日, 令和元年5月, 平成31年4月, R2.4.1, R2/4, H31.4 (after NFKC, so full-width digits and letters too). */
const ERA_DATE = /^(令和|平成|昭和|[RHSrhs])\s*(元|\d{1,2})(?:\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|[./-](\d{1,2})(?:[./-](\d{1,2}))?)$/;

/** Why a text is not a date: not one of the forms, or an era date outside its era (平成32年, 令和元年4月). */
export type DateProblem = { problem: 'not-a-date' } | { problem: 'outside-era'; era: string; from: string; to: string | null };

const NOT_A_DATE: DateProblem = { problem: 'not-a-date' };

/**
 * A date written with a time of midnight, as spreadsheets and databases export a date: Excel's `2019/4/1 0:00`,
 * SQL's `2019-04-01 00:00:00`, ISO's `2019-04-01T00:00:00` (with `.000`, `Z` or `+09:00`). Only midnight is a date;
 * any other time is not one.
 */
const MIDNIGHT = /(?:\s+|(?<=\d)T)0{1,2}:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** The text of a date, NFKC-normalised and trimmed, without a time of midnight. */
function withoutMidnight(raw: string): string {
  return raw.normalize('NFKC').trim().replace(MIDNIGHT, '');
}

/** `2019-04`, `2019-04-01`, … (see readDate), or undefined. */
export function parseDate(value: unknown): ParsedDate | undefined {
  const read = readDate(value);
  return 'problem' in read ? undefined : read;
}

/**
 * A date as people write it (candidate-format.md): ISO (`2019-04`, `2019-04-01`), `2019/4`, `2019/4/1`,
 * `2019.4.1`, `2019年4月1日`, `201904`, `20190401`, a time of midnight (`2019/4/1 0:00`, `2019-04-01T00:00:00`), the Japanese eras (`令和2年4月1日`,
 * `R2.4.1`), full-width digits, or a Date; a month means the whole month. Or why it is not one.
 */
export function readDate(value: unknown): ParsedDate | DateProblem {
  return (typeof value === 'string' ? plainDate(value) : undefined) ?? readWrittenDate(value);
}

/** readDate by its regular expressions, of any form (plainDate reads the plainest at once, to the same result). */
export function readWrittenDate(value: unknown): ParsedDate | DateProblem {
  if (value instanceof Date) {
    const year = value.getUTCFullYear();
    if (Number.isNaN(value.getTime()) || year < MIN_YEAR || year > MAX_YEAR) return NOT_A_DATE;
    return { year, month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  // YAML reads an unquoted 201904 as a number.
  const raw = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof raw !== 'string') return NOT_A_DATE;
  const text = withoutMidnight(raw);
  const era = ERA_DATE.exec(text);
  if (era) return eraDate(era);
  for (const pattern of PATTERNS) {
    const m = pattern.exec(text);
    if (m) return checkedDate(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  }
  return NOT_A_DATE;
}

/**
 * Is this an end date in year 9999 (`9999-12-31`, `9999/12/31`, `9999-12`, a date cell of that year): what HR
 * systems write for a position that has not ended? Such an end means ongoing, like an empty one.
 */
export function isOngoingEnd(value: unknown): boolean {
  if (typeof value === 'string' && plainDate(value) !== undefined) return isOngoingPlainEnd(value);
  return isWrittenOngoingEnd(value);
}

/** isOngoingEnd of a text plainDate reads (a date or a problem), at once: a plain date says its year first. */
export function isOngoingPlainEnd(text: string): boolean {
  return text.startsWith('9999');
}

/** isOngoingEnd by its regular expressions, of any form (isOngoingEnd answers for a plain date at once, the same). */
export function isWrittenOngoingEnd(value: unknown): boolean {
  if (value instanceof Date) return value.getUTCFullYear() === 9999;
  const raw = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof raw !== 'string') return false;
  const text = withoutMidnight(raw);
  return PATTERNS.some((pattern) => pattern.exec(text)?.[1] === '9999');
}

/**
 * readDate of a text in the plainest forms, read at once without regular expressions or NFKC: four ASCII digits of a
 * year, then a month and an optional day of one or two digits each, after the same `-`, `/` or `.` (`2019-04-01`,
 * `2019/4/1`, `2019.4`), or six or eight digits together (`201904`, `20190401`). Nothing before or after. Undefined
 * for any other text (which readWrittenDate reads, these too, to the same result).
 */
export function plainDate(text: string): ParsedDate | DateProblem | undefined {
  const length = text.length;
  if (length < 6 || length > 10) return undefined;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = asciiDigit(text.charCodeAt(i));
    if (d < 0) return undefined;
    year = year * 10 + d;
  }
  const separator = text.charCodeAt(4);
  if (separator !== 45 /* - */ && separator !== 47 /* / */ && separator !== 46 /* . */) {
    // Six or eight digits together.
    if (length !== 6 && length !== 8) return undefined;
    let month = 0;
    let day = 0;
    for (let i = 4; i < length; i++) {
      const d = asciiDigit(text.charCodeAt(i));
      if (d < 0) return undefined;
      if (i < 6) month = month * 10 + d;
      else day = day * 10 + d;
    }
    return checkedDate(year, month, length === 8 ? day : undefined);
  }
  // A month, then a day after the same separator, each of one or two digits.
  let month = 0;
  let day = 0;
  let inDay = false;
  let digits = 0;
  for (let i = 5; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === separator) {
      if (inDay || digits === 0) return undefined;
      inDay = true;
      digits = 0;
      continue;
    }
    const d = asciiDigit(c);
    if (d < 0 || ++digits > 2) return undefined;
    if (inDay) day = day * 10 + d;
    else month = month * 10 + d;
  }
  if (digits === 0) return undefined;
  return checkedDate(year, month, inDay ? day : undefined);
}

function checkedDate(year: number, month: number, day: number | undefined): ParsedDate | DateProblem {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return NOT_A_DATE;
  if (day !== undefined && (day < 1 || day > daysInMonth(year, month))) return NOT_A_DATE;
  return day === undefined ? { year, month } : { year, month, day };
}

function eraDate(m: RegExpExecArray): ParsedDate | DateProblem {
  const era = ERAS.find((e) => e.name === m[1] || e.letter === m[1]?.toUpperCase());
  if (!era) return NOT_A_DATE;
  const year = era.firstYear + (m[2] === '元' ? 0 : Number(m[2]) - 1);
  const date = checkedDate(year, Number(m[3] ?? m[5]), m[4] ?? m[6] ? Number(m[4] ?? m[6]) : undefined);
  if ('problem' in date) return date;
  // Within the era: a day between its first and last; a month that shares a day with it (昭和64年1月).
  const first = epochDay(era.from[0], era.from[1], era.from[2]);
  const last = era.to ? epochDay(era.to[0], era.to[1], era.to[2]) : Number.POSITIVE_INFINITY;
  if (endDay(date) < first || startDay(date) > last) return { problem: 'outside-era', era: era.name, from: formatEpochDay(first), to: era.to ? formatEpochDay(last) : null };
  return date;
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
 * Months are counted in integer units of 1/MONTH_UNITS month, so sums and thresholds compare exactly: rules.md
 * §2.1 measures on a 30-day-month calendar, so a unit is a 30th of a month.
 */
export const MONTH_UNITS = 30;

/**
 * Length of the inclusive period a..b (rules.md §2.1) in 30ths of a month: with e = the day after b,
 * D(e) − D(a), where D(x) = 360 × year + 30 × (month − 1) + min(day, 30). 2024-04-02 .. 2026-04-01 is exactly
 * 24 months. D never decreases from one day to the next, so a longer period is never shorter.
 */
export function periodMonthUnits(a: EpochDay, b: EpochDay): number {
  return thirtyDayIndex(b + 1) - thirtyDayIndex(a);
}

/**
 * D(x) of rules.md §2.1 for an epoch day, by the civil-from-days algorithm (H. Hinnant's, on the proleptic
 * Gregorian calendar): no Date made, since the engine measures periods for every criterion of every candidate.
 */
export function thirtyDayIndex(epoch: EpochDay): number {
  const date = civilDate(epoch);
  const year = Math.floor(date / 512);
  const monthDay = date - year * 512;
  return 360 * year + 30 * ((monthDay >> 5) - 1) + Math.min(monthDay & 31, 30);
}

export interface Period {
  from: EpochDay;
  to: EpochDay;
}

/** Merges overlapping and touching periods (each day counts once). */
export function mergePeriods(periods: readonly Period[]): Period[] {
  const merged: Period[] = [];
  forEachMerged([...periods], (from, to) => merged.push({ from, to }));
  return merged;
}

/** Total length of the merged periods, in month units (no merged list built: the engine asks this very often). */
export function mergedMonthUnits(periods: readonly Period[]): number {
  return mergedMonthUnitsSorting([...periods]);
}

/**
 * mergedMonthUnits of a list it may reorder (the caller's own scratch list): nothing allocated, no callback (the
 * engine asks this for every responsibility criterion of every candidate).
 */
export function mergedMonthUnitsSorting(periods: Period[]): number {
  if (periods.length === 0) return 0;
  const sorted = sortPeriods(periods);
  let { from, to } = sorted[0]!;
  let units = 0;
  for (let i = 1; i < sorted.length; i++) {
    const next = sorted[i]!;
    if (next.from <= to + 1) to = Math.max(to, next.to);
    else {
      units += periodMonthUnits(from, to);
      ({ from, to } = next);
    }
  }
  return units + periodMonthUnits(from, to);
}

const byStart = (x: Period, y: Period) => x.from - y.from || x.to - y.to;

/**
 * Sorts periods in place, earliest first. A candidate has a few periods a specialty: insertion sort, which
 * allocates nothing (Array.prototype.sort made a work list each call, for every criterion of every candidate).
 */
function sortPeriods(periods: Period[]): Period[] {
  if (periods.length > 16) return periods.sort(byStart);
  for (let i = 1; i < periods.length; i++) {
    const period = periods[i]!;
    let j = i - 1;
    while (j >= 0 && byStart(periods[j]!, period) > 0) {
      periods[j + 1] = periods[j]!;
      j--;
    }
    periods[j + 1] = period;
  }
  return periods;
}

/** Calls `merged` with each period of the merge of `periods` (sorted in place), earliest first. */
function forEachMerged(periods: Period[], merged: (from: EpochDay, to: EpochDay) => void): void {
  if (periods.length === 0) return;
  const sorted = sortPeriods(periods);
  let { from, to } = sorted[0]!;
  for (let i = 1; i < sorted.length; i++) {
    const next = sorted[i]!;
    if (next.from <= to + 1) to = Math.max(to, next.to);
    else {
      merged(from, to);
      ({ from, to } = next);
    }
  }
  merged(from, to);
}

/** A period as written: its last day, or null while it goes on. */
interface OpenPeriod {
  from: EpochDay;
  to: EpochDay | null;
}

/**
 * The first day after `asOf` on which periods, each counted up to that day (an open one, or one ending later, goes
 * on), reach `units` month units merged (cli.md `metOn`); undefined when they never do (nothing goes on, or what goes
 * on ends first). Assessed the day before, they fall short: the merged length never decreases from one day to the
 * next (periodMonthUnits), so the first such day is found by halving.
 */
export function dayReaching(periods: readonly OpenPeriod[], asOf: EpochDay, units: number): EpochDay | undefined {
  let open = false;
  let lastEnd = asOf;
  for (const { to } of periods) {
    if (to === null) open = true;
    else lastEnd = Math.max(lastEnd, to);
  }
  const unitsOn = (day: EpochDay) => mergedMonthUnitsSorting(periods.map(({ from, to }) => ({ from, to: to === null ? day : Math.min(to, day) })));
  if (unitsOn(asOf) >= units) return undefined;
  // An open period gains a month at least every 31 days: `units` more months from the assessment date are enough.
  let high = open ? asOf + Math.ceil(units / MONTH_UNITS + 1) * 31 : lastEnd;
  if (high <= asOf || unitsOn(high) < units) return undefined;
  let low = asOf;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (unitsOn(middle) >= units) high = middle;
    else low = middle;
  }
  return high;
}

/** Month units as months, exactly (the JSON's figure: a multiple of 1/30). */
export function unitsToMonths(units: number): number {
  return units / MONTH_UNITS;
}
