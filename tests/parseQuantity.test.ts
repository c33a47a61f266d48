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
  ])('%j → %d yen', (input, expected) => {
    expect(parseYen(input)).toBe(expected);
  });

  it.each([-1, 1.5, '1.5円', 'abc', '4億円円', '万', '', '4.2.1億'])('rejects %j', (input) => {
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

  it.each([-3, 2.5, '2.5', 'many'])('rejects %j', (input) => {
    expect(parsePeople(input)).toBeUndefined();
  });
});
