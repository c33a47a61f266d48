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

/** The units parseJapaneseNumber reads (BIG_UNITS, SMALL_UNITS), as numbers, for plainAmount. */
const PLAIN_UNITS: Record<string, { value: number; big: boolean }> = {};
for (const [units, big] of [[BIG_UNITS, true], [SMALL_UNITS, false]] as const) {
  for (const [unit, value] of Object.entries(units)) PLAIN_UNITS[unit] = { value: Number(value), big };
}
/** Above every unit of each kind: what the first unit of a number is compared with (see parseJapaneseNumber). */
const ABOVE_BIG = Number(BIG_UNITS.億!) * 10;
const ABOVE_SMALL = Number(SMALL_UNITS.千!) * 10;

/**
 * `numerator / scale × unit` (both powers of ten, so that one divides the other) when it is a whole number no larger
 * than MAX_SAFE_INTEGER, else -1.
 */
function wholeTimes(numerator: number, scale: number, unit: number): number {
  if (unit >= scale) {
    const product = numerator * (unit / scale);
    return Number.isSafeInteger(product) ? product : -1;
  }
  const divisor = scale / unit;
  return numerator % divisor === 0 ? numerator / divisor : -1;
}

/**
 * The amount of a text in the plain forms HR exports write, read at once without the general reader's normalising,
 * regular expressions and BigInt: ASCII digits, all together (`420000000`) or in groups of three after a first of
 * one to three (`420,000,000`), with decimals (`4.2`), each number followed by a unit or not (`4.2億`, `62,850万`,
 * `11億3千万`, `350百万`), after an optional `prefix` character and before an optional `suffix` one (`¥420,000,000`,
 * `42,000万円`). Exact: a number is read as a whole numerator over a power of ten, and the text is left to
 * parseJapaneseNumber whenever a step would not be a whole number within MAX_SAFE_INTEGER. Undefined for any other
 * text (full-width digits, spaces, a decimal comma, units out of order), which parseJapaneseNumber reads (as it reads
 * these, to the same number); tests hold the two together.
 */
function plainAmount(text: string, prefix: string, suffix: string): number | undefined {
  let start = 0;
  let end = text.length;
  if (end > 0 && prefix.includes(text[0]!)) start = 1;
  if (end > start && suffix.includes(text[end - 1]!)) end--;
  if (end === start) return undefined;
  // As parseJapaneseNumber: the sum of the groups before a big unit, the group since (small units applied), and the
  // number read and not yet multiplied (-1: none) as `pending / scale`.
  let total = 0;
  let group = 0;
  let pending = -1;
  let scale = 1;
  let lastBig = ABOVE_BIG;
  let lastSmall = ABOVE_SMALL;
  for (let i = start; i < end; ) {
    const c = text.charCodeAt(i);
    if (asciiDigit(c) >= 0) {
      if (pending !== -1) return undefined; // two numbers in a row
      let value = 0;
      let digits = 0;
      let grouped = false;
      for (; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code === 44 /* , */) {
          // A comma after one to three digits, then after exactly three each; never first or last.
          if (grouped ? digits !== 3 : digits === 0 || digits > 3) return undefined;
          grouped = true;
          digits = 0;
          continue;
        }
        const digit = asciiDigit(code);
        if (digit < 0) break;
        if (value > (Number.MAX_SAFE_INTEGER - digit) / 10) return undefined;
        value = value * 10 + digit;
        digits++;
      }
      if (grouped && digits !== 3) return undefined;
      scale = 1;
      if (i < end && text.charCodeAt(i) === 46 /* . */) {
        i++;
        let decimals = 0;
        for (; i < end; i++) {
          const digit = asciiDigit(text.charCodeAt(i));
          if (digit < 0) break;
          if (++decimals > 8 || value > (Number.MAX_SAFE_INTEGER - digit) / 10) return undefined;
          value = value * 10 + digit;
          scale *= 10;
        }
        if (decimals === 0) return undefined;
      }
      pending = value;
      continue;
    }
    const unit = PLAIN_UNITS[text[i]!];
    if (unit === undefined) return undefined;
    i++;
    if (unit.big) {
      if ((group === 0 && pending === -1) || unit.value >= lastBig) return undefined; // nothing to multiply, or 万 before 億
      const groupTimes = group * unit.value;
      const pendingTimes = pending === -1 ? 0 : wholeTimes(pending, scale, unit.value);
      if (!Number.isSafeInteger(groupTimes) || pendingTimes < 0) return undefined;
      total += groupTimes + pendingTimes;
      group = 0;
      pending = -1;
      lastBig = unit.value;
      lastSmall = ABOVE_SMALL;
    } else {
      if (pending === -1 || unit.value >= lastSmall) return undefined; // 千 with no number, or 百 before 千
      const pendingTimes = wholeTimes(pending, scale, unit.value);
      if (pendingTimes < 0) return undefined;
      group += pendingTimes;
      pending = -1;
      lastSmall = unit.value;
    }
  }
  const last = pending === -1 ? 0 : wholeTimes(pending, scale, 1);
  if (last < 0) return undefined;
  total += group + last;
  return Number.isSafeInteger(total) ? total : undefined;
}

/** parseYen of a text in the plain forms of plainAmount (`¥420,000,000`, `4.2億円`, `62,850万円`), else undefined. */
export function plainYen(text: string): number | undefined {
  return plainAmount(text, '¥\\', '円');
}

/** parsePeople of a text in the plain forms of plainAmount (`1,200`, `40人`, `40名`, `3千人`), else undefined. */
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
