/**
 * How a number cell reads under its number format, as Excel shows it: a day (`2019-04-01`), a month (`2019-04`,
 * when the format shows no day: `yyyy"年"m"月"`), or a number (padded with zeros when the format asks: `000000`).
 */
export type CellReading = { kind: 'day' } | { kind: 'month' } | { kind: 'number' } | { kind: 'padded'; digits: number };

const DAY: CellReading = { kind: 'day' };
const MONTH: CellReading = { kind: 'month' };
const NUMBER: CellReading = { kind: 'number' };

/**
 * Built-in formats that a workbook names by id only, with no format code: 14–17 and 22 everywhere (14 is the
 * locale's short date), and the ids ja-JP Excel writes for its own date formats (27–31, 34–36, 50–58:
 * `[$-411]ge.m.d`, `[$-411]ggge"年"m"月"d"日"`, `yyyy"年"m"月"d"日"`, `yyyy"年"m"月"`, `m"月"d"日"`). Ids 18–21,
 * 32, 33 and 45–47 are times of day (`h"時"mm"分"`), not dates; every other id is a number.
 */
const BUILTIN_DATES: ReadonlyMap<number, CellReading> = new Map<number, CellReading>([
  ...[14, 15, 16, 22, 27, 28, 29, 30, 31, 35, 36, 50, 51, 53, 54, 56, 57, 58].map((id) => [id, DAY] as const),
  ...[17, 34, 52, 55].map((id) => [id, MONTH] as const),
]);

/** The reading of a cell whose style names format `id`, with `code` when the workbook defines it. */
export function cellReading(id: number, code: string | undefined): CellReading {
  if (code !== undefined) return readingOfCode(code);
  return BUILTIN_DATES.get(id) ?? NUMBER;
}

/**
 * A format code's reading. Only the first section counts (positive numbers and dates); quoted text, escaped
 * characters, `[...]` (locales such as `[$-411]` and `[$-ja-JP-x-gannen]`, colours, conditions, elapsed `[h]`),
 * `General`, `AM/PM` and a scientific exponent (`E+`) are not date codes. A date code is `y`, `d`, `g` (era) or
 * `e` (era year), or an `m` without `h` or `s` (then a month, not a minute).
 */
export function readingOfCode(code: string): CellReading {
  const section = firstSection(code);
  const bare = section
    .replace(/"[^"]*"?|\\.|[_*].|\[[^\]]*\]?/g, '')
    .toLowerCase()
    .replace(/general|am\/pm|a\/p|e[+-]/g, '');
  if (/^0+$/.test(bare) && bare.length > 1) return { kind: 'padded', digits: bare.length };
  const day = bare.includes('d');
  const year = /[yge]/.test(bare);
  const month = bare.includes('m') && !/[hs]/.test(bare);
  if (day) return DAY;
  if (year) return month ? MONTH : DAY;
  return month ? MONTH : NUMBER;
}

/** The code up to its first `;` outside quotes and brackets. */
function firstSection(code: string): string {
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '\\' && !quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '[') bracket = true;
    else if (!quoted && c === ']') bracket = false;
    else if (!quoted && !bracket && c === ';') return code.slice(0, i);
  }
  return code;
}

const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * A serial date as text: `YYYY-MM-DD` (or `YYYY-MM` for a month reading) in the 1900 date system (serial 1 is
 * 1900-01-01; 60 is Lotus's 1900-02-29, which did not exist, so it reads as that impossible date and is refused
 * as one) or the 1904 one (serial 0 is 1904-01-01). A time of day is dropped: the day is the cell's. A serial
 * outside the calendar reads as its number, refused where a date is wanted.
 */
export function serialDateText(serial: number, date1904: boolean, reading: 'day' | 'month'): string {
  const days = Math.floor(serial + 1e-9);
  if (!Number.isFinite(days) || days < 0 || days > 2_958_465) return numberText(serial);
  let text: string;
  if (date1904) text = isoDay(EPOCH_1904 + days * MS_PER_DAY);
  else if (days === 60) text = '1900-02-29';
  else if (days === 0) text = '1900-01-00';
  else text = isoDay(EPOCH_1900 + (days > 60 ? days - 1 : days) * MS_PER_DAY);
  return reading === 'month' ? text.slice(0, 7) : text;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A number as Excel shows it in General: at most 15 significant digits (a stored 420000000.00000006 is
 * 420000000), without an exponent up to 1e21.
 */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

/**
 * numberText of a cell's stored text (`<v>`): a whole number of up to 15 digits as written (the common case,
 * with no conversion), anything else through numberText.
 */
export function storedNumberText(raw: string, value: number): string {
  const length = raw.length;
  if (length > 0 && length <= 15 && (raw.charCodeAt(0) !== 0x30 || length === 1)) {
    let whole = true;
    for (let i = 0; i < length; i++) {
      const c = raw.charCodeAt(i);
      if (c < 0x30 || c > 0x39) {
        whole = false;
        break;
      }
    }
    if (whole) return raw;
  }
  return numberText(value);
}

/** A whole number padded with zeros to `digits` (format `000000`: 1234 shows as 001234). */
export function paddedText(value: number, digits: number): string {
  const text = numberText(value);
  return Number.isInteger(value) && value >= 0 ? text.padStart(digits, '0') : text;
}
