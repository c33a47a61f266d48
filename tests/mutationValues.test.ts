/**
 * Exact values of src/values that the other tests leave loose (issue 23, item 6: the mutants Stryker found
 * surviving there): display widths at each range's edges, number ranges, label normalisation and lookup, list
 * cells, and the calendar's smaller functions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charWidth, displayWidth } from '../src/values/displayWidth.js';
import { numberRanges } from '../src/values/numberRanges.js';
import { BARE_PROTOTYPE, bareObject } from '../src/values/bareObject.js';
import { KeyTrie } from '../src/values/keyTrie.js';
import { parsePeople, parseYen } from '../src/values/parseQuantity.js';
import { LabelIndex, LIST_SEPARATORS, normalizeLabel } from '../src/values/labelIndex.js';
import {
  daysInMonth,
  endDay,
  epochDay,
  formatEpochDay,
  fromEpochDay,
  isOngoingEnd,
  MAX_YEAR,
  mergedMonthUnits,
  mergedMonthUnitsSorting,
  mergePeriods,
  MIN_YEAR,
  MONTH_UNITS,
  parseDate,
  periodMonthUnits,
  readDate,
  startDay,
  thirtyDayIndex,
  unitsToMonths,
} from '../src/values/calendarDate.js';

describe('charWidth: two columns for East Asian wide characters, one for the rest', () => {
  // Each range's first and last code point, and the code points just outside it.
  it.each([
    [0x0000, 1],
    [0x0041, 1],
    [0x10ff, 1],
    [0x1100, 2],
    [0x115f, 2],
    [0x1160, 1],
    [0x2e7f, 1],
    [0x2e80, 2],
    [0x3042, 2],
    [0xa4cf, 2],
    [0xa4d0, 1],
    [0xabff, 1],
    [0xac00, 2],
    [0xd7a3, 2],
    [0xd7a4, 1],
    [0xf8ff, 1],
    [0xf900, 2],
    [0xfaff, 2],
    [0xfb00, 1],
    [0xfe2f, 1],
    [0xfe30, 2],
    [0xfe4f, 2],
    [0xfe50, 1],
    [0xfeff, 1],
    [0xff00, 2],
    [0xff60, 2],
    [0xff61, 1],
    [0xffdf, 1],
    [0xffe0, 2],
    [0xffe6, 2],
    [0xffe7, 1],
    [0x1f2ff, 1],
    [0x1f300, 2],
    [0x1faff, 2],
    [0x1fb00, 1],
    [0x1ffff, 1],
    [0x20000, 2],
    [0x3fffd, 2],
    [0x3fffe, 1],
  ])('U+%s is %i wide', (codePoint, width) => {
    expect(charWidth(codePoint)).toBe(width);
  });

  it.each([
    ['', 0],
    ['abc', 3],
    ['あいう', 6],
    ['aあ', 3],
    ['ｱ', 1], // half-width katakana (U+FF71) is narrow
    ['😀x', 3], // one code point of two UTF-16 units, two columns
    ['𠀋', 2], // a CJK character beyond the BMP
  ])('displayWidth(%j) is %i', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('numberRanges', () => {
  it.each([
    [[], '-'],
    [[5], '5'],
    [[5, 8, 9, 10], '5, 8–10'],
    [[3, 1, 2, 2], '1–3'],
    [[10, 9], '9–10'],
    [[1, 3], '1, 3'],
    [[10, 9, 2], '2, 9–10'],
    [[100, 20, 3], '3, 20, 100'],
    [[7, 7, 7], '7'],
    [[1, 2, 4, 5, 7], '1–2, 4–5, 7'],
  ])('%j → %s', (numbers, text) => {
    expect(numberRanges(numbers)).toBe(text);
  });
});

describe('bareObject', () => {
  it('inherits nothing (its prototype is the frozen, empty, prototype-less BARE_PROTOTYPE), and holds exactly the entries given', () => {
    const o = bareObject([
      ['a', 1],
      ['toString', 2],
    ]);
    expect(Object.getPrototypeOf(o)).toBe(BARE_PROTOTYPE);
    expect(Object.getPrototypeOf(BARE_PROTOTYPE)).toBeNull();
    expect(Object.isFrozen(BARE_PROTOTYPE)).toBe(true);
    expect(Reflect.ownKeys(BARE_PROTOTYPE)).toEqual([]);
    expect(Object.entries(o)).toEqual([
      ['a', 1],
      ['toString', 2],
    ]);
    const empty = bareObject();
    expect(Object.getPrototypeOf(empty)).toBe(BARE_PROTOTYPE);
    expect(Object.keys(empty)).toEqual([]);
    expect(empty.constructor).toBeUndefined();
    expect('toString' in empty || '__proto__' in empty || 'hasOwnProperty' in empty).toBe(false);
  });
});

describe('normalizeLabel', () => {
  it.each([
    ['リーダー', 'リーダ'],
    ['メンバー ', 'メンバ'],
    ['テクノロジー', 'テクノロジ'],
    ['リーダーシップ', 'リーダーシップ'], // a long-vowel mark inside a word stays
    ['データー', 'データ'], // only the final one goes
    ['ラーー', 'ラーー'], // the last mark follows a mark, not a katakana letter
    ['ー', 'ー'], // no katakana before it
    ['あー', 'あー'], // hiragana before it
    ['リーダー 研修', 'リーダ 研修'],
    ['  ＡＢＣ  ', 'abc'],
    ['a \t\n  b', 'a b'],
    ['Ａ（Ｂ）', 'a(b)'],
  ])('%j → %j', (text, normalized) => {
    expect(normalizeLabel(text)).toBe(normalized);
  });
});

describe('LabelIndex', () => {
  const index = () =>
    new LabelIndex(
      [
        { id: 'alpha', label: { ja: 'アルファ', en: 'Shared' }, source: 'アルファの原文', aliases: ['α'] },
        { id: 'beta', label: { ja: 'alpha', en: 'Beta Label' }, source: 'Shared' },
        { id: 'gamma', label: { ja: '学会、委員会', en: 'Gamma' } },
        { id: 'delta', label: { ja: '学会、委員会、研究会', en: 'Delta, Long' } },
      ],
      { 'beta label': 'gamma', custom: 'delta' },
    );

  it.each([
    ['alpha', 'alpha'], // an id, never shadowed by another item's label
    ['ALPHA', 'alpha'],
    ['ｂｅｔａ', 'beta'],
    ['アルファ', 'alpha'],
    ['アルファの原文', 'alpha'],
    ['α', 'alpha'],
    ['shared', 'alpha'], // the first item to name a key keeps it
    ['Beta Label', 'gamma'], // the aliases given override labels
    ['custom', 'delta'],
    ['学会、委員会', 'gamma'],
    ['unknown', undefined],
    ['', undefined],
  ])('resolves %j to %j, and again from what it remembers', (value, id) => {
    const labels = index();
    expect(labels.resolve(value)).toBe(id);
    expect(labels.resolve(value)).toBe(id);
  });

  it('names its ids in order', () => {
    expect(index().ids).toEqual(['alpha', 'beta', 'gamma', 'delta']);
  });

  it.each([
    ['a;b|c\nd、e,f，g', ['a', 'b', 'c', 'd', 'e', 'f', 'g']],
    [' a ; ;b ', ['a', 'b']],
    ['', []],
    ['x（a、b）;y', ['x(a、b)', 'y']],
    ['x(a;b)、y', ['x(a;b)', 'y']],
    ['x「a、[b]、c」,y', ['x「a、[b]、c」', 'y']],
    ['a)b;c', ['a)b', 'c']],
    ['a]、b', ['a]', 'b']],
    ['x【a】;y', ['x【a】', 'y']],
    ['学会、委員会;foo', ['学会、委員会', 'foo']],
    ['foo、学会、委員会、研究会', ['学会、委員会、研究会', 'foo']], // the longest known label first
    ['学会、委員会|学会、委員会', ['学会、委員会', '学会、委員会']], // every time it appears
    ['x;delta, long', ['delta, long', 'x']],
    ['DELTA, LONG', ['DELTA, LONG']], // matched lower-cased, kept as written
    ['delta, long;Delta, Long', ['delta, long', 'Delta, Long']], // again, in another case
    ['Delta, Long、学会、委員会;x', ['Delta, Long', '学会、委員会', 'x']], // a later key found where the cut left it
  ])('splits %j into %j', (cell, parts) => {
    const labels = index();
    expect(labels.splitList(cell)).toEqual(parts);
    expect(labels.splitList(cell)).toEqual(parts);
  });

  it('splits any cell as the rule reads, a character at a time (property): at separators outside brackets only', () => {
    // The rule by its definition, on whole characters (code points): an opening bracket goes one deeper, a closing one
    // back up (never above the top), a separator at the top ends an item. Brackets and separators are those of
    // candidate-format.md, full-width and half-width (NFKC turns the full-width ones half-width first).
    const opening = '(（「『【［[';
    const closing = ')）」』】］]';
    const separators = ';|\n、,，';
    const byRule = (cell: string) => {
      const items: string[] = [];
      let depth = 0;
      let item = '';
      for (const c of cell.normalize('NFKC')) {
        if (opening.includes(c)) depth++;
        else if (closing.includes(c) && depth > 0) depth--;
        else if (depth === 0 && separators.includes(c)) {
          items.push(item);
          item = '';
          continue;
        }
        item += c;
      }
      items.push(item);
      return items.map((s) => s.trim()).filter((s) => s.length > 0);
    };
    const plain = new LabelIndex([{ id: 'a' }]);
    const character = fc.constantFrom(...opening, ...closing, ...separators, 'a', 'あ', ' ', '𠮷', '\ud800');
    fc.assert(
      fc.property(fc.array(character, { maxLength: 24 }), (characters) => {
        const cell = characters.join('');
        expect(plain.splitList(cell)).toEqual(byRule(cell));
      }),
      { numRuns: 2000 },
    );
  });

  it('splits on separators alone when no label holds one', () => {
    const plain = new LabelIndex([{ id: 'a' }, { id: 'b' }]);
    expect(plain.splitList('a、b')).toEqual(['a', 'b']);
    expect(plain.splitList('a')).toEqual(['a']);
  });

  it('LIST_SEPARATORS are ; | line feed 、 , and ，', () => {
    expect([';', '|', '\n', '、', ',', '，', ' ', '/', '・'].map((c) => LIST_SEPARATORS.test(c))).toEqual([true, true, true, true, true, true, false, false, false]);
  });
});

describe('calendar dates: exact values', () => {
  it.each([
    [1900, 1, 1, '1900-01-01'],
    [1970, 1, 1, '1970-01-01'],
    [2024, 2, 29, '2024-02-29'],
    [2100, 12, 31, '2100-12-31'],
    [999, 3, 4, '0999-03-04'],
  ])('epochDay(%i, %i, %i) formats as %s and reads back', (year, month, day, text) => {
    const epoch = epochDay(year, month, day);
    expect(formatEpochDay(epoch)).toBe(text);
    expect(fromEpochDay(epoch)).toEqual({ year, month, day });
  });

  it('epochDay counts days from 1970-01-01', () => {
    expect([epochDay(1970, 1, 1), epochDay(1970, 1, 2), epochDay(1969, 12, 31), epochDay(1971, 1, 1)]).toEqual([0, 1, -1, 365]);
  });

  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2024, 1, 31],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('daysInMonth(%i, %i) = %i', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    // D(x) = 360 × year + 30 × (month − 1) + min(day, 30), across the civil-from-days algorithm's eras and leap days.
    [2024, 1, 31, 360 * 2024 + 30],
    [2024, 2, 29, 360 * 2024 + 30 + 29],
    [2024, 3, 1, 360 * 2024 + 60 + 1],
    [2024, 12, 31, 360 * 2024 + 330 + 30],
    [2000, 2, 29, 360 * 2000 + 30 + 29],
    [2000, 3, 1, 360 * 2000 + 60 + 1],
    [1900, 2, 28, 360 * 1900 + 30 + 28],
    [1900, 3, 1, 360 * 1900 + 60 + 1],
    [1970, 1, 1, 360 * 1970 + 1],
    [1600, 3, 1, 360 * 1600 + 60 + 1],
    [1600, 2, 29, 360 * 1600 + 30 + 29],
    [2400, 2, 29, 360 * 2400 + 30 + 29],
    [2100, 2, 28, 360 * 2100 + 30 + 28],
    [2101, 3, 1, 360 * 2101 + 60 + 1],
  ])('thirtyDayIndex of %i-%i-%i is %i', (year, month, day, index) => {
    expect(thirtyDayIndex(epochDay(year, month, day))).toBe(index);
  });

  it('unitsToMonths divides by MONTH_UNITS', () => {
    expect([unitsToMonths(0), unitsToMonths(45), unitsToMonths(720), unitsToMonths(1)]).toEqual([0, 1.5, 24, 1 / 30]);
  });

  const p = (from: number, to: number) => ({ from, to });
  it.each([
    [[], []],
    [[p(10, 20)], [p(10, 20)]],
    [[p(30, 40), p(10, 20)], [p(10, 20), p(30, 40)]],
    [[p(21, 30), p(10, 20)], [p(10, 30)]], // touching: the day after
    [[p(22, 30), p(10, 20)], [p(10, 20), p(22, 30)]], // a day between
    [[p(10, 40), p(15, 20)], [p(10, 40)]], // contained
    [[p(15, 20), p(10, 40)], [p(10, 40)]],
    [[p(10, 20), p(10, 15)], [p(10, 20)]], // same start
    [[p(5, 5), p(3, 3), p(4, 4), p(1, 1)], [p(1, 1), p(3, 5)]],
  ])('mergePeriods(%j) = %j', (periods, merged) => {
    const copy = periods.map((x) => ({ ...x }));
    expect(mergePeriods(periods)).toEqual(merged);
    expect(periods).toEqual(copy); // the list given is not reordered
    expect(mergedMonthUnits(periods)).toBe(merged.reduce((sum, x) => sum + periodMonthUnits(x.from, x.to), 0));
  });

  it('merges more than sixteen periods in any order, as few do', () => {
    // 20 one-day periods two days apart, shuffled, and one spanning the last five.
    const days = Array.from({ length: 20 }, (_, i) => p(epochDay(2020, 1, 1) + 2 * i, epochDay(2020, 1, 1) + 2 * i));
    const shuffled = [...days.filter((_, i) => i % 2 === 1).reverse(), ...days.filter((_, i) => i % 2 === 0), p(days[15]!.from, days[19]!.to)];
    const merged = mergePeriods(shuffled);
    expect(merged).toEqual([...days.slice(0, 15), p(days[15]!.from, days[19]!.to)]);
    expect(mergedMonthUnitsSorting([...shuffled])).toBe(merged.reduce((sum, x) => sum + periodMonthUnits(x.from, x.to), 0));
  });
});

describe('readDate: bounds and forms', () => {
  it.each([
    [new Date(Date.UTC(1900, 0, 1)), { year: 1900, month: 1, day: 1 }],
    [new Date(Date.UTC(2100, 11, 31)), { year: 2100, month: 12, day: 31 }],
    [new Date(Date.UTC(2019, 3, 1, 23, 59)), { year: 2019, month: 4, day: 1 }],
    [20190401, { year: 2019, month: 4, day: 1 }],
    ['  2019-04 ', { year: 2019, month: 4 }],
    ['2019-04-01 00:00', { year: 2019, month: 4, day: 1 }],
    ['2019-04-01\t0:00:00', { year: 2019, month: 4, day: 1 }],
    ['1900-01', { year: 1900, month: 1 }],
    ['2100-12', { year: 2100, month: 12 }],
    ['2019-12-31', { year: 2019, month: 12, day: 31 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2019.4.1', { year: 2019, month: 4, day: 1 }],
    ['2019年 4月', { year: 2019, month: 4 }],
    ['2019年4月 1日', { year: 2019, month: 4, day: 1 }],
    ['h31.4.30', { year: 2019, month: 4, day: 30 }],
    ['R元.5.1', { year: 2019, month: 5, day: 1 }],
    ['令和元年5月1日', { year: 2019, month: 5, day: 1 }],
    ['令和 2 年 4 月', { year: 2020, month: 4 }],
    ['R2-4-1', { year: 2020, month: 4, day: 1 }],
    ['R02.04.01', { year: 2020, month: 4, day: 1 }],
    ['s1.12.25', { year: 1926, month: 12, day: 25 }],
    ['S1.12', { year: 1926, month: 12 }],
    ['平成1年1月', { year: 1989, month: 1 }],
    ['平成元年1月8日', { year: 1989, month: 1, day: 8 }],
    ['令和1年5月', { year: 2019, month: 5 }],
  ])('%j', (value, date) => {
    expect(readDate(value)).toEqual(date);
    expect(parseDate(value)).toEqual(date);
  });

  it.each([
    new Date(NaN),
    new Date(Date.UTC(1899, 11, 31)),
    new Date(Date.UTC(2101, 0, 1)),
    201904.5,
    Number.NaN,
    2 ** 53,
    undefined,
    null,
    {},
    ['2019-04'],
    '1899-12',
    '2019-00',
    '2019-12-32',
    '2019-04-00',
    '2019-4-31',
    '2023-02-29',
    '2019-04-01 0:00:01',
    '2019-04-01 000:00',
    '2019-04-010:00',
    '2019-04-01 1:00',
    '2019-04-01 0:30',
    'x2019-04',
    '2019-04x',
    '2019-04-01-01',
    '2019/04-01',
    'R2.13',
    'R2.4.31',
    'T2.4.1',
    '令和',
  ])('%j is not a date', (value) => {
    expect(readDate(value)).toEqual({ problem: 'not-a-date' });
    expect(parseDate(value)).toBeUndefined();
  });

  it.each([
    ['S1.12.24', '昭和', '1926-12-25', '1989-01-07'],
    ['昭和64年2月', '昭和', '1926-12-25', '1989-01-07'],
    ['昭和64年1月8日', '昭和', '1926-12-25', '1989-01-07'],
    ['平成元年1月7日', '平成', '1989-01-08', '2019-04-30'],
    ['平成31年5月', '平成', '1989-01-08', '2019-04-30'],
    ['令和元年4月30日', '令和', '2019-05-01', null],
    ['R1.4', '令和', '2019-05-01', null],
  ])('%j is outside its era', (value, era, from, to) => {
    expect(readDate(value)).toEqual({ problem: 'outside-era', era, from, to });
    expect(parseDate(value)).toBeUndefined();
  });

  it.each([
    ['平成31年4月30日', { year: 2019, month: 4, day: 30 }],
    ['平成31年4月', { year: 2019, month: 4 }],
    ['昭和64年1月7日', { year: 1989, month: 1, day: 7 }],
    ['令和元年5月', { year: 2019, month: 5 }],
  ])('%j is within its era (a month sharing a day with it counts)', (value, date) => {
    expect(readDate(value)).toEqual(date);
  });

  it('an era date past MAX_YEAR is not a date (令和99年 is 2117)', () => {
    expect(readDate('R99.12.31')).toEqual({ problem: 'not-a-date' });
  });

  it.each([
    [99991231, true],
    [new Date(NaN), false],
    [new Date(Date.UTC(9998, 11, 31)), false],
    ['9999.12.31', true],
    ['9999年12月', true],
    ['  9999-12-31 00:00:00 ', true],
    ['19999-12-31', false],
    [{}, false],
    [undefined, false],
  ])('isOngoingEnd(%j) = %s', (value, ongoing) => {
    expect(isOngoingEnd(value)).toBe(ongoing);
  });

  it('startDay and endDay: a month stands for its first and its last day', () => {
    expect([startDay({ year: 2024, month: 2 }), endDay({ year: 2024, month: 2 })]).toEqual([epochDay(2024, 2, 1), epochDay(2024, 2, 29)]);
    expect([startDay({ year: 2024, month: 2, day: 10 }), endDay({ year: 2024, month: 2, day: 10 })]).toEqual([epochDay(2024, 2, 10), epochDay(2024, 2, 10)]);
    expect([MIN_YEAR, MAX_YEAR, MONTH_UNITS]).toEqual([1900, 2100, 30]);
  });
});

describe('quantities: units in order, exact sums, the bounds', () => {
  it.each([
    ['3千5円', 3005],
    ['1万5', 10005],
    ['1千万2千円', 10_002_000], // 千 again after 万: a new group
    ['2億3千万4千5百円', 230_004_500],
    ['1億1万円', 100_010_000],
    ['5十円', 50],
    ['1千1百1十1円', 1111],
    ['4 億 円', 400_000_000],
    [' 1 200 円 ', 1200],
    ['¥100円', 100],
    ['1,000円', 1000],
    ['1,000,000', 1_000_000],
    ['0.00000001億円', 1],
    ['0.5万円', 5000],
    ['12.5千円', 12_500],
    ['900719925474099', 900_719_925_474_099],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ['9007199254740991円', Number.MAX_SAFE_INTEGER],
    ['0', 0],
    [0, 0],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ])('parseYen(%j) = %d', (input, yen) => {
    expect(parseYen(input)).toBe(yen);
  });

  it.each([
    '9007199254740992',
    '9007199254740992円',
    '90071992547409910円',
    Number.MAX_SAFE_INTEGER + 1,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    '1万1万',
    '1億1億',
    '1百2千',
    '1十2百',
    '億万',
    '1万億',
    '1億2億',
    '円',
    '¥¥100',
    '100¥',
    '1..5億',
    '.5億',
    '5.億',
    '1千.5',
    '1万-5',
    'abc円',
    null,
    undefined,
    true,
    {},
  ])('parseYen(%j) is not an amount', (input) => {
    expect(parseYen(input)).toBeUndefined();
  });

  it.each([
    ['3名', 3],
    ['3人', 3],
    ['1,200名', 1200],
    ['1万人', 10_000],
    ['2千5百人', 2500],
    [' 40 ', 40],
    [0, 0],
    ['9007199254740991人', Number.MAX_SAFE_INTEGER],
  ])('parsePeople(%j) = %d', (input, people) => {
    expect(parsePeople(input)).toBe(people);
  });

  it.each(['3人名', '人', '名', '¥3', '3円', '9007199254740992人', '1.5人', -1, 0.5, null, '3 人 人'])('parsePeople(%j) is not a head count', (input) => {
    expect(parsePeople(input)).toBeUndefined();
  });
});

describe('the last details', () => {
  it('a time is taken off only at the end of the text, after any spaces', () => {
    expect(readDate('2019-04 0:00-01')).toEqual({ problem: 'not-a-date' });
    expect(readDate('2019-04-01  0:00')).toEqual({ year: 2019, month: 4, day: 1 });
    expect(isOngoingEnd('9999-12 0:00-31')).toBe(false);
    expect(isOngoingEnd('9999-12-31  0:00')).toBe(true);
    expect(isOngoingEnd('9999-12-31 0:00')).toBe(true);
  });

  it('a number that is not a safe integer is no date, though its digits would read as one', () => {
    expect(readDate(2019.04)).toEqual({ problem: 'not-a-date' });
    expect(isOngoingEnd(9999.12)).toBe(false);
  });

  it('a month has no day key at all', () => {
    expect(Object.keys(readDate('2019-04'))).toEqual(['year', 'month']);
    expect(Object.keys(readDate('R2.4'))).toEqual(['year', 'month']);
  });

  it('KeyTrie reads the first `length` pieces of a longer list', () => {
    const trie = new KeyTrie<string>(10);
    trie.set(['a', 'b'], 'v');
    expect(trie.get(['a', 'b', 'c'], 2)).toBe('v');
    expect(trie.get(['a', 'b', 'c'])).toBeUndefined();
  });

  it.each([
    ['1234,567円', undefined],
    ['1円2', undefined],
    ['¥1,234,567', 1_234_567],
  ])('parseYen(%j) = %j', (input, yen) => {
    expect(parseYen(input)).toBe(yen);
  });

  it.each([
    ['3人5', undefined],
    ['undefined3', undefined],
    ['3undefined', undefined],
  ])('parsePeople(%j) = %j', (input, people) => {
    expect(parsePeople(input)).toBe(people);
  });
});
