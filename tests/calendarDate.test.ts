import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thirtiethsOf } from './arbitraries.js';
import { MONTH_UNITS, daysInMonth, endDay, epochDay, formatEpochDay, fromEpochDay, isOngoingEnd, isWrittenOngoingEnd, mergePeriods, mergedMonthUnits, parseDate, periodMonthUnits, plainDate, readDate, readWrittenDate, startDay } from '../src/values/calendarDate.js';

const day = (text: string, end = false) => {
  const parsed = parseDate(text)!;
  return end ? endDay(parsed) : startDay(parsed);
};
const months = (from: string, to: string) => periodMonthUnits(day(from), day(to, true)) / MONTH_UNITS;

describe('periodMonthUnits (rules.md §2.1: a 30-day-month calendar)', () => {
  it.each([
    // The rule's own examples.
    ['2019-04', '2022-03', 36],
    ['2024-04-02', '2026-04-01', 24],
    ['2023-02-15', '2024-02-14', 12],
    // Whole calendar months and anniversaries keep their lengths.
    ['2024-04-01', '2024-04-30', 1],
    ['2023-02', '2023-02', 1],
    ['2024-02-01', '2024-02-29', 1],
    ['2024-01-15', '2024-02-14', 1],
    ['2024-01-31', '2025-01-30', 12],
    ['2024-02-29', '2025-02-28', 362 / 30],
    // The 29th–31st of a month: a 31st weighs nothing, February's last day makes up its month.
    ['2024-01-01', '2024-01-01', 1 / 30],
    ['2024-01-30', '2024-01-30', 0],
    ['2024-01-31', '2024-01-31', 1 / 30],
    ['2024-01-30', '2024-01-31', 1 / 30],
    ['2023-01-31', '2023-01-31', 1 / 30],
    ['2023-02-28', '2023-02-28', 3 / 30],
    ['2024-02-28', '2024-02-28', 1 / 30],
    ['2024-02-29', '2024-02-29', 2 / 30],
    ['2023-02-27', '2023-03-01', 5 / 30],
    ['2024-02-27', '2024-03-01', 5 / 30],
    ['2024-01-29', '2024-02-29', 32 / 30],
    ['2024-01-31', '2024-02-29', 31 / 30],
    ['2023-01-31', '2023-02-28', 31 / 30],
    ['2024-12-31', '2025-01-30', 30 / 30],
    // The counterexamples of the earlier formula: one day more is never less.
    ['2024-02-01', '2025-01-31', 12],
    ['2024-01-31', '2025-01-31', 361 / 30],
  ])('%s .. %s is %s months', (from, to, expected) => {
    expect(periodMonthUnits(day(from), day(to, true))).toBe(Math.round(expected * 30));
    expect(months(from, to)).toBe(Math.round(expected * 30) / 30);
  });

  it('is exact at the threshold: 2024-04-02 .. 2026-04-01 is exactly 24 × MONTH_UNITS', () => {
    expect(MONTH_UNITS).toBe(30);
    expect(periodMonthUnits(epochDay(2024, 4, 2), epochDay(2026, 4, 1))).toBe(24 * MONTH_UNITS);
    expect(periodMonthUnits(epochDay(2024, 4, 2), epochDay(2026, 3, 31))).toBeLessThan(24 * MONTH_UNITS);
  });

  const anyDay = fc.integer({ min: epochDay(1900, 1, 1), max: epochDay(2100, 12, 30) });

  it('equals the rule written with Date, for any two dates of 1900–2100', () => {
    fc.assert(
      fc.property(anyDay, anyDay, (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        expect(periodMonthUnits(a, b)).toBe(thirtiethsOf(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('never shrinks: a period that starts earlier or ends later is never shorter, and a day never weighs less than 0', () => {
    fc.assert(
      fc.property(anyDay, anyDay, fc.nat(40), fc.nat(40), (x, y, earlier, later) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const length = periodMonthUnits(a, b);
        expect(length).toBeGreaterThanOrEqual(0);
        expect(periodMonthUnits(a - earlier, b + later)).toBeGreaterThanOrEqual(length);
      }),
      { numRuns: 2000 },
    );
  });

  it('adds up: a period split at any day measures the sum of its parts', () => {
    fc.assert(
      fc.property(anyDay, fc.nat(2000), fc.nat(2000), (a, first, second) => {
        const split = a + first;
        expect(periodMonthUnits(a, split) + periodMonthUnits(split + 1, split + 1 + second)).toBe(periodMonthUnits(a, split + 1 + second));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('epochDay, fromEpochDay, daysInMonth: arithmetic, held to Date', () => {
  const MS_PER_DAY = 86_400_000;
  const aDate = fc.record({ year: fc.integer({ min: 1900, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 40 }) });

  it('give what Date gives, for any date of 1900–2100 (a day past the month running on into the next)', () => {
    fc.assert(
      fc.property(aDate, ({ year, month, day }) => {
        const epoch = epochDay(year, month, day);
        expect(epoch).toBe(Date.UTC(year, month - 1, day) / MS_PER_DAY);
        const date = new Date(epoch * MS_PER_DAY);
        expect(fromEpochDay(epoch)).toEqual({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [1900, 2, 28], [2000, 2, 29], [2024, 2, 29], [2100, 2, 28], [2025, 2, 28], [2026, 4, 30], [2026, 12, 31],
  ])('%i-%i has %i days (leap years of the Gregorian rule)', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it('round-trips and keeps day 0 at 1970-01-01', () => {
    expect(epochDay(1970, 1, 1)).toBe(0);
    expect(formatEpochDay(epochDay(2019, 5, 1))).toBe('2019-05-01');
    expect(formatEpochDay(epochDay(1969, 12, 31))).toBe('1969-12-31');
    expect(epochDay(2024, 3, 1) - epochDay(2024, 2, 28)).toBe(2);
  });
});

describe('mergePeriods', () => {
  it('joins overlapping and touching periods and counts overlaps once', () => {
    const merged = mergePeriods([
      { from: day('2020-01'), to: day('2020-06', true) },
      { from: day('2020-04'), to: day('2020-12', true) },
      { from: day('2021-01'), to: day('2021-03', true) }, // touches the previous one
      { from: day('2022-01'), to: day('2022-01', true) }, // a gap before it
    ]);
    expect(merged).toHaveLength(2);
    expect(mergedMonthUnits(merged)).toBe(16 * MONTH_UNITS);
  });

  it('adds up periods with gaps between them (継続 is not "without interruption")', () => {
    const units = mergedMonthUnits([
      { from: day('2019-04'), to: day('2019-09', true) },
      { from: day('2021-04'), to: day('2021-09', true) },
    ]);
    expect(units).toBe(12 * MONTH_UNITS);
  });
});

describe('parseDate', () => {
  it.each([
    ['2019-04', { year: 2019, month: 4 }],
    ['2019-04-01', { year: 2019, month: 4, day: 1 }],
    ['2019/4', { year: 2019, month: 4 }],
    ['2019/4/1', { year: 2019, month: 4, day: 1 }],
    ['2019年4月', { year: 2019, month: 4 }],
    ['2019年4月1日', { year: 2019, month: 4, day: 1 }],
    ['２０１９年４月', { year: 2019, month: 4 }],
  ])('%s', (text, expected) => {
    expect(parseDate(text)).toEqual(expected);
  });

  it.each(['2019-13', '2019-02-30', 'April 2019', '2019', ''])('rejects %j', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});

describe('readDate: the forms of candidate-format.md', () => {
  it.each([
    ['2019-04', { year: 2019, month: 4 }],
    ['2019/4/1', { year: 2019, month: 4, day: 1 }],
    ['2019.4', { year: 2019, month: 4 }],
    ['201904', { year: 2019, month: 4 }],
    ['20190401', { year: 2019, month: 4, day: 1 }],
    [201904, { year: 2019, month: 4 }],
    ['2015/4/1 0:00', { year: 2015, month: 4, day: 1 }],
    ['2015/4/1 00:00:00', { year: 2015, month: 4, day: 1 }],
    ['令和2年4月1日', { year: 2020, month: 4, day: 1 }],
    ['令和元年5月', { year: 2019, month: 5 }],
    ['平成31年4月', { year: 2019, month: 4 }],
    ['昭和64年1月', { year: 1989, month: 1 }],
    ['R2.4.1', { year: 2020, month: 4, day: 1 }],
    ['R2/4', { year: 2020, month: 4 }],
    ['H31.4', { year: 2019, month: 4 }],
    ['Ｒ５．４', { year: 2023, month: 4 }],
    ['S64.1.7', { year: 1989, month: 1, day: 7 }],
    ['平成元年1月8日', { year: 1989, month: 1, day: 8 }],
  ])('%j', (input, expected) => {
    expect(readDate(input)).toEqual(expected);
  });

  it.each([
    ['平成32年4月', '平成', '1989-01-08', '2019-04-30'],
    ['令和元年4月', '令和', '2019-05-01', null],
    ['H31.5.1', '平成', '1989-01-08', '2019-04-30'],
    ['昭和64年1月8日', '昭和', '1926-12-25', '1989-01-07'],
  ])('%j is outside its era', (input, era, from, to) => {
    expect(readDate(input)).toEqual({ problem: 'outside-era', era, from, to });
  });

  it.each(['2015/4/1 9:30', '201913', '2019041', '0000-04', '2101-01', 'R2', '令和2年', 'X2.4.1', '2019-02-30'])('%j is not a date', (input) => {
    expect(readDate(input)).toEqual({ problem: 'not-a-date' });
  });
});

describe('isOngoingEnd: year 9999, what HR systems write for a position that has not ended', () => {
  it.each(['9999-12-31', '9999/12/31', '9999-12', '９９９９年１２月３１日', '99991231', '9999/12/31 0:00', new Date(Date.UTC(9999, 11, 31))])('%s is ongoing', (value) => {
    expect(isOngoingEnd(value)).toBe(true);
  });

  it.each(['2099-12-31', '9998-12-31', '', 'ongoing', 9999, null])('%j is not', (value) => {
    expect(isOngoingEnd(value)).toBe(false);
  });
});

describe('plainDate: the plain forms read at once, to exactly what the regular expressions read (readWrittenDate)', () => {
  it.each([
    ['2019-04-01', { year: 2019, month: 4, day: 1 }],
    ['2019/4/1', { year: 2019, month: 4, day: 1 }],
    ['2019.4', { year: 2019, month: 4 }],
    ['201904', { year: 2019, month: 4 }],
    ['20190401', { year: 2019, month: 4, day: 1 }],
    ['2019-02-30', { problem: 'not-a-date' }],
    ['1899-12-31', { problem: 'not-a-date' }],
    ['2019-13', { problem: 'not-a-date' }],
  ])('%s', (text, expected) => {
    expect(plainDate(text)).toEqual(expected);
    expect(readWrittenDate(text)).toEqual(expected);
    expect(readDate(text)).toEqual(expected);
  });

  it.each(['2019-4/1', '2019--4', '2019-4-', '2019-123', '2019-1-2-3', '219-04-01', '2019年4月1日', ' 2019-04-01', '2019-04-01 0:00', '２０１９-04-01', 'R2.4.1', '2019041', '1234567890'])(
    'leaves %s to readDate', (text) => expect(plainDate(text)).toBeUndefined());

  it('agrees with readWrittenDate on every text it takes: generated dates in every separator, and their mutations', () => {
    const runs = Number(process.env.PLAIN_DATE_RUNS ?? 20_000);
    let taken = 0;
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
    const dateText = fc.oneof(
      fc.tuple(digits(3, 5), fc.constantFrom('-', '/', '.', ''), digits(0, 3), fc.constantFrom('-', '/', '.', ''), digits(0, 3))
        .map(([y, s1, m, s2, d]) => `${y}${s1}${m}${s2}${d}`),
      // Years of the standard's range, and 9999 (HR systems' "no end") beside one that is not.
      fc.tuple(fc.oneof(fc.integer({ min: 1890, max: 2110 }), fc.constantFrom(9999, 9998)), fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }), fc.boolean())
        .map(([y, m, d, pad]) => `${y}${pad ? String(m).padStart(2, '0') : ''}${pad ? String(d).padStart(2, '0') : ''}`),
      fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '-', '/', '.', ' ', 'x'), maxLength: 11 }),
    );
    fc.assert(fc.property(dateText, (text) => {
      const plain = plainDate(text);
      if (plain === undefined) return;
      taken++;
      expect(plain).toEqual(readWrittenDate(text));
      // isOngoingEnd answers for a plain date at once: as its regular expressions do.
      expect(isOngoingEnd(text)).toBe(isWrittenOngoingEnd(text));
    }), { numRuns: runs });
    // Enough of the texts were plain ones for the comparison to mean something.
    expect(taken).toBeGreaterThan(runs / 10);
  });
});
