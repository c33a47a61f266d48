import { asciiDigit } from './asciiDigit.js';

/**
 * Money and head counts as people write them in Japanese HR data (candidate-format.md): `4.2億円`,
 * `4億2000万円`, `42,000万円`, `７．５億円`, `5千万円`, `3億5千万円`, `350百万円`, `350,000千円`, `¥350,000,000`
 * (and `\350,000,000`, as Shift_JIS writes the yen sign), `3,500`, `3千人`. Exact decimal arithmetic (BigInt),
 * so `4.2億` is exactly 420000000 and `7.49999999億円` is 749999999. Returns undefined when the text is not
 * such a quantity (units out of order, a fraction of a yen or of a person, a negative number).
 */
const BIG_UNITS: Record<string, bigint> = { 億: 100_000_000n, 万: 10_000n };
const SMALL_UNITS: Record<string, bigint> = { 千: 1_000n, 百: 100n, 十: 10n };

/** Scaled by 10^8 so that up to eight decimals stay exact before a unit multiplies them: 億 to one yen. */
const SCALE = 100_000_000n;

/**
 * A Japanese numeral of digits and units: groups below 万 (`5千`, `3千5百`, `350百`) each multiplied by the big
 * unit after them (億, then 万, in that order), and a last group without one.
 */
function parseJapaneseNumber(raw: string, suffix: RegExp, prefix?: RegExp): bigint | undefined {
  if (/^\d{1,15}$/.test(raw)) return BigInt(raw); // the common case, a plain number
  let text = raw.normalize('NFKC').replace(/\s/g, '');
  // Commas separate thousands, in groups of three: `1,5億円` (a decimal comma) and `1,2,3,4円` are not amounts,
  // and reading them without their commas would make 15億円 and 1,234 yen of them.
  for (const digits of text.matchAll(/[\d,]+/g)) if (digits[0].includes(',') && !/^\d{1,3}(?:,\d{3})+$/.test(digits[0])) return undefined;
  text = text.replace(/,/g, '');
  if (prefix) text = text.replace(prefix, '');
  text = text.replace(suffix, '');
  if (text === '') return undefined;
  const tokens = text.match(/\d+(?:\.\d+)?|[億万千百十]|./g) ?? [];
  let total = 0n;
  let group = 0n;
  let pending: bigint | undefined;
  let lastBig = BIG_UNITS.億! * 10n;
  let lastSmall = SMALL_UNITS.千! * 10n;
  for (const token of tokens) {
    const big = BIG_UNITS[token];
    const small = SMALL_UNITS[token];
    if (big !== undefined) {
      const value = group + (pending ?? 0n);
      if ((group === 0n && pending === undefined) || big >= lastBig) return undefined; // nothing to multiply, or 万 before 億
      total += value * big;
      [group, pending, lastBig, lastSmall] = [0n, undefined, big, SMALL_UNITS.千! * 10n];
    } else if (small !== undefined) {
      if (pending === undefined || small >= lastSmall) return undefined; // 千 with no number, or 百 before 千
      group += pending * small;
      [pending, lastSmall] = [undefined, small];
    } else if (/^\d/.test(token) && pending === undefined) {
      const [whole = '0', fraction = ''] = token.split('.');
      if (fraction.length > 8) return undefined;
      pending = BigInt(whole) * SCALE + BigInt((fraction + '00000000').slice(0, 8));
    } else return undefined; // two numbers in a row, or a character that is not part of a quantity
  }
  total += group + (pending ?? 0n);
  if (total % SCALE !== 0n) return undefined; // a fraction of a yen or of a person
  return total / SCALE;
}

/**
 * The amount of a text in the plainest forms, read at once without the general reader's regular expressions and
 * BigInt: ASCII digits, either all together (`420000000`) or in groups of three after a first of one to three
 * (`420,000,000`), at most 15 of them, after an optional `prefix` character and before an optional `suffix` one
 * (`¥420,000,000`, `420,000,000円`). Undefined for any other text, which parseJapaneseNumber reads (as it reads these,
 * to the same number).
 */
function plainAmount(text: string, prefix: string, suffix: string): number | undefined {
  let start = 0;
  let end = text.length;
  if (end > 0 && prefix.includes(text[0]!)) start = 1;
  if (end > start && suffix.includes(text[end - 1]!)) end--;
  if (end === start) return undefined;
  let value = 0;
  let digits = 0;
  let group = 0;
  let grouped = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      // A comma after one to three digits, then after exactly three each; never first or last.
      if (grouped ? group !== 3 : group === 0 || group > 3) return undefined;
      grouped = true;
      group = 0;
      continue;
    }
    const digit = asciiDigit(c);
    if (digit < 0) return undefined;
    value = value * 10 + digit;
    digits++;
    group++;
  }
  if ((grouped && group !== 3) || digits > 15) return undefined;
  return value;
}

/** parseYen of a text in the plain forms of plainAmount (`¥420,000,000`, `420,000,000円`), else undefined. */
export function plainYen(text: string): number | undefined {
  return plainAmount(text, '¥\\', '円');
}

/** parsePeople of a text in the plain forms of plainAmount (`1,200`, `40人`, `40名`), else undefined. */
export function plainPeople(text: string): number | undefined {
  return plainAmount(text, '', '人名');
}

export function parseYen(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const yen = parseJapaneseNumber(value, /円$/, /^[¥\\]/);
  return yen !== undefined && yen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(yen) : undefined;
}

export function parsePeople(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const people = parseJapaneseNumber(value, /(人|名)$/);
  return people !== undefined && people <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(people) : undefined;
}
