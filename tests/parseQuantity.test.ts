import { describe, expect, it } from 'vitest';
import { parsePeople, parseYen } from '../src/values/parseQuantity.js';

describe('parseYen', () => {
  it.each([
    [420000000, 420000000],
    ['420000000', 420000000],
    ['4.2億円', 420000000],
    ['4.2億', 420000000],
    ['4億2000万円', 420000000],
    ['42,000万円', 420000000],
    ['７．５億円', 750000000],
    ['１，５００万円', 15000000],
    ['3億', 300000000],
    ['1,234円', 1234],
    // candidate-format.md: 千/百/十 before 万 or 億 and as units of their own, yen signs, eight decimals of 億
    ['5千万円', 50_000_000],
    ['3億5千万円', 350_000_000],
    ['350百万円', 350_000_000],
    ['350,000千円', 350_000_000],
    ['¥350,000,000', 350_000_000],
    ['￥350,000,000', 350_000_000],
    ['\\350,000,000', 350_000_000],
    ['1億2345万6789円', 123_456_789],
    ['3千5百万円', 35_000_000],
    ['7.49999999億円', 749_999_999],
    ['0億円', 0],
    ['0.0億円', 0],
    ['1.5千万円', 15_000_000],
    ['３億５千万円', 350_000_000],
  ])('%j → %d yen', (input, expected) => {
    expect(parseYen(input)).toBe(expected);
  });

  it.each([-1, 1.5, '1.5円', 'abc', '4億円円', '万', '', '4.2.1億', '1万2億円', '5百千円', '千万円', '7.499999999億円', '-5万円', '¥', '1e9', '5千5千円'])('rejects %j', (input) => {
    expect(parseYen(input)).toBeUndefined();
  });
});

describe('parsePeople', () => {
  it.each([
    [40, 40],
    ['3,500', 3500],
    ['３千人', 3000],
    ['40人', 40],
    ['１２名', 12],
  ])('%j → %d', (input, expected) => {
    expect(parsePeople(input)).toBe(expected);
  });

  it.each([-3, 2.5, '2.5', 'many', '¥40', '3千.5人'])('rejects %j', (input) => {
    expect(parsePeople(input)).toBeUndefined();
  });
});
