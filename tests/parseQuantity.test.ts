import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePeople, parseYen, plainPeople, plainYen } from '../src/values/parseQuantity.js';

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

  it.each([-1, 1.5, '1.5円', 'abc', '4億円円', '万', '', '4.2.1億', '1万2億円', '5百千円', '千万円', '7.499999999億円', '-5万円', '¥', '1e9', '5千5千円', '1,5億円', '1，5億円', '1,2,3,4円', ',500円', '1,0000万円', '12,34円', '350,00千円'])('rejects %j', (input) => {
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

  it.each([-3, 2.5, '2.5', 'many', '¥40', '3千.5人', '1,5人', '1,23人'])('rejects %j', (input) => {
    expect(parsePeople(input)).toBeUndefined();
  });
});

describe('plainYen and plainPeople: the plain forms read at once, to exactly what parseYen and parsePeople read', () => {
  it.each([
    ['420000000', 420000000],
    ['420,000,000', 420000000],
    ['¥420,000,000', 420000000],
    ['\\420,000,000', 420000000],
    ['420,000,000円', 420000000],
    ['¥1,000円', 1000],
    ['0,001', 1],
    ['999999999999999', 999999999999999],
    // With units and decimals, as HR exports write contract amounts.
    ['4.2億円', 420_000_000],
    ['62,850万円', 628_500_000],
    ['11億3千万円', 1_130_000_000],
    ['4億2000万円', 420_000_000],
    ['350百万円', 350_000_000],
    ['350,000千円', 350_000_000],
    ['1億2345万6789円', 123_456_789],
    ['7.49999999億円', 749_999_999],
    ['0.69億円', 69_000_000],
    ['5.0円', 5],
    ['¥3千5百万円', 35_000_000],
  ])('yen %s', (text, expected) => {
    expect(plainYen(text)).toBe(expected);
    expect(parseYen(text)).toBe(expected);
  });

  it.each(['', '円', '¥', '¥¥1', '1,00', '1000,000', ',100', '100,', '1,,000', '1.5', '１００', ' 100', '9999999999999999', '100人',
    '４億円', '4 億円', '1,5億円', '0千万円', '1万2億円', '5百千円', '4.2.1億', '7.499999999億円', '1.00005万0.5円', '1.2,345億円'])(
    'leaves yen %s to parseYen', (text) => expect(plainYen(text)).toBeUndefined());

  it.each([['40人', 40], ['40名', 40], ['1,200', 1200]])('people %s', (text, expected) => {
    expect(plainPeople(text)).toBe(expected);
    expect(parsePeople(text)).toBe(expected);
  });

  it('agree with the general readers on every text they take: generated amounts and their mutations', () => {
    const runs = Number(process.env.PLAIN_AMOUNT_RUNS ?? 20_000);
    let taken = 0;
    let takenWithUnits = 0;
    const amount = fc.oneof(
      fc.tuple(fc.constantFrom('', '¥', '\\', '人'), fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 0n, max: 10n ** 17n })), fc.boolean(), fc.constantFrom('', '円', '人', '名', '万円'))
        .map(([prefix, n, commas, suffix]) => `${prefix}${commas ? n.toLocaleString('en') : String(n)}${suffix}`),
      fc.string({ unit: fc.constantFrom('0', '1', '9', ',', '¥', '\\', '円', '人', '名', '.', ' '), maxLength: 20 }),
      // With units, in order and not, and decimals: what HR exports write (4.2億円, 62,850万円, 11億3千万円) and its mutations.
      fc.string({ unit: fc.constantFrom('0', '1', '5', '9', ',', '.', '億', '万', '千', '百', '十', '円', '¥', '人'), maxLength: 14 }),
      fc.tuple(fc.nat(99_999), fc.nat(9_999), fc.nat(9), fc.constantFrom('億', '万', '千', '百', '十'), fc.constantFrom('', '万', '千万', '百万', '億'), fc.constantFrom('', '円', '人'))
        .map(([a, b, c, first, second, suffix]) => `${a.toLocaleString('en')}${c > 4 ? `.${b}` : ''}${first}${c % 2 === 0 ? String(b) : ''}${second}${suffix}`),
    );
    fc.assert(fc.property(amount, (text) => {
      const yen = plainYen(text);
      const people = plainPeople(text);
      if (yen !== undefined) expect(yen).toBe(parseYen(text));
      if (people !== undefined) expect(people).toBe(parsePeople(text));
      if (yen !== undefined || people !== undefined) taken++;
      if (yen !== undefined && /[億万千百十]/.test(text)) takenWithUnits++;
    }), { numRuns: runs });
    // Enough of the texts were plain ones for the comparison to mean something, with units too.
    expect(taken).toBeGreaterThan(runs / 10);
    expect(takenWithUnits).toBeGreaterThan(runs / 20);
  });
});
