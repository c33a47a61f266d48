/**
 * Exact values of src/values that the other tests leave loose (issue 23, item 6: the mutants Stryker found
 * surviving there): display widths at each range's edges, number ranges, label normalisation and lookup, list
 * cells, and the calendar's smaller functions.
 */
import { describe, expect, it } from 'vitest';
import { charWidth, displayWidth } from '../src/values/displayWidth.js';
import { numberRanges } from '../src/values/numberRanges.js';
import { nullPrototype } from '../src/values/nullPrototype.js';
import { LabelIndex, LIST_SEPARATORS, normalizeLabel } from '../src/values/labelIndex.js';

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

describe('nullPrototype', () => {
  it('has no prototype, and holds exactly the entries given', () => {
    const o = nullPrototype([
      ['a', 1],
      ['toString', 2],
    ]);
    expect(Object.getPrototypeOf(o)).toBeNull();
    expect(Object.entries(o)).toEqual([
      ['a', 1],
      ['toString', 2],
    ]);
    const empty = nullPrototype();
    expect(Object.getPrototypeOf(empty)).toBeNull();
    expect(Object.keys(empty)).toEqual([]);
    expect(empty.constructor).toBeUndefined();
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
  ])('splits %j into %j', (cell, parts) => {
    const labels = index();
    expect(labels.splitList(cell)).toEqual(parts);
    expect(labels.splitList(cell)).toEqual(parts);
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
