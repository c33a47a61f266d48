/**
 * Money and head counts as people write them in Japanese HR data: `4.2億円`, `4億2000万円`, `42,000万円`,
 * `７．５億円`, `3,500`, `3千人`. Exact decimal arithmetic (BigInt), so `4.2億` is exactly 420000000.
 * Returns undefined when the text is not such a quantity.
 */
const UNITS: Record<string, bigint> = { 億: 100_000_000n, 万: 10_000n, 千: 1_000n };

function parseJapaneseNumber(raw: string, suffix: RegExp): bigint | undefined {
  if (/^\d{1,15}$/.test(raw)) return BigInt(raw); // the common case, a plain number
  const text = raw.normalize('NFKC').replace(/[,\s]/g, '').replace(suffix, '');
  if (text === '') return undefined;
  // Scaled by 10^8 so that up to eight decimals stay exact before the unit multiplies them: 億 with eight
  // decimals is one yen (7.49999999億円).
  const SCALE = 100_000_000n;
  let total = 0n;
  let rest = text;
  const part = /^(\d+(?:\.\d+)?)(億|万|千)?/;
  let sawUnitless = false;
  while (rest.length > 0) {
    const m = part.exec(rest);
    if (!m || sawUnitless) return undefined;
    const [whole = '0', fraction = ''] = m[1]!.split('.');
    if (fraction.length > 8) return undefined;
    const scaled = BigInt(whole) * SCALE + BigInt((fraction + '00000000').slice(0, 8));
    const unit = m[2] ? UNITS[m[2]]! : 1n;
    if (!m[2]) sawUnitless = true;
    total += scaled * unit;
    rest = rest.slice(m[0].length);
  }
  if (total % SCALE !== 0n) return undefined; // fractions of a yen or of a person
  return total / SCALE;
}

export function parseYen(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const yen = parseJapaneseNumber(value, /円$/);
  return yen !== undefined && yen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(yen) : undefined;
}

export function parsePeople(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const people = parseJapaneseNumber(value, /(人|名)$/);
  return people !== undefined && people <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(people) : undefined;
}
