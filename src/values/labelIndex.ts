/**
 * Labels compare after Unicode NFKC and trimming, so full-width letters, digits and brackets match (rules.md §8),
 * and without a katakana word's final long-vowel mark: the standard writes リーダ, メンバ, テクノロジ where HR
 * data usually has リーダー, メンバー, テクノロジー.
 */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase().replace(/(?<=[ァ-ヶ])ー(?![ァ-ヶー])/g, '');
}

/** What separates the items of a list cell: `;`, `|`, a line break, `、`, a comma (half- or full-width). */
const SEPARATORS = ';|\n、,，';
export const LIST_SEPARATORS = new RegExp(`[${SEPARATORS}]`);

export interface Labelled {
  id: string;
  label?: { ja: string; en: string };
  source?: string;
  aliases?: string[];
}

/** Resolves ids, Japanese labels, English labels and the source's full wording to ids, within one list. */
export class LabelIndex {
  readonly ids: string[];
  private keys?: Map<string, string>;

  constructor(
    private readonly items: readonly Labelled[],
    private readonly aliases: Record<string, string> = {},
  ) {
    this.ids = items.map((i) => i.id);
  }

  /**
   * Each normalised label's id, made on first use: a candidate file names values of a few of the standard's lists,
   * and normalising every label of every list cost `itss assess` a millisecond of its start.
   */
  private get byKey(): Map<string, string> {
    if (this.keys === undefined) {
      const keys = new Map<string, string>();
      // Ids first, then labels: a label never shadows another item's id.
      for (const item of this.items) keys.set(normalizeLabel(item.id), item.id);
      for (const item of this.items) {
        for (const label of [item.label?.ja, item.source, item.label?.en, ...(item.aliases ?? [])]) {
          const key = label ? normalizeLabel(label) : undefined;
          if (key !== undefined && !keys.has(key)) keys.set(key, item.id);
        }
      }
      for (const [alias, id] of Object.entries(this.aliases)) keys.set(normalizeLabel(alias), id);
      this.keys = keys;
    }
    return this.keys;
  }

  /** Raw values already resolved: HR data repeats the same few hundred values across thousands of rows. */
  private readonly resolved = new Map<string, string | undefined>();

  resolve(value: string): string | undefined {
    if (this.resolved.has(value)) return this.resolved.get(value);
    const id = this.byKey.get(normalizeLabel(value));
    if (this.resolved.size < 50_000) this.resolved.set(value, id);
    return id;
  }

  /** Known labels that contain a list separator themselves, longest first (built once). */
  private separatorLabels?: string[];

  /**
   * Splits a list cell on `;`, `|`, line breaks, `、` and `，`/`,`, matching known labels that contain those
   * separators whole first (学会、委員会等プロフェッショナルコミュニティ活動).
   */
  private readonly splits = new Map<string, string[]>();

  splitList(cell: string): string[] {
    let parts = this.splits.get(cell);
    if (!parts) {
      parts = this.split(cell);
      if (this.splits.size < 50_000) this.splits.set(cell, parts);
    }
    return parts;
  }

  private split(cell: string): string[] {
    this.separatorLabels ??= [...this.byKey.keys()].filter((k) => LIST_SEPARATORS.test(k)).sort((a, b) => b.length - a.length);
    let rest = cell.normalize('NFKC');
    const whole: string[] = [];
    if (this.separatorLabels.length > 0 && LIST_SEPARATORS.test(rest)) {
      // Keys are lower-cased NFKC; lower-casing keeps the positions of an NFKC string. Lower-cased again only when a
      // key is cut out: once per key and search, it was a tenth of the splitting (6.4 against 5.8 µs a list cell of
      // the diverse export).
      let lower = rest.toLowerCase();
      for (const key of this.separatorLabels) {
        // Every time it appears.
        for (let index = lower.indexOf(key); index >= 0; index = lower.indexOf(key, index + 1)) {
          whole.push(rest.slice(index, index + key.length));
          rest = `${rest.slice(0, index)};${rest.slice(index + key.length)}`;
          lower = rest.toLowerCase();
        }
      }
    }
    const parts = splitOutsideBrackets(rest).map((s) => s.trim()).filter((s) => s.length > 0);
    return [...whole, ...parts];
  }
}

const OPENING = '(（「『【［[';
const CLOSING = ')）」』】］]';

/** The UTF-16 codes of `chars` (each one code unit). */
const codesOf = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));
const OPENING_CODES = codesOf(OPENING);
const CLOSING_CODES = codesOf(CLOSING);
const SEPARATOR_CODES = codesOf(SEPARATORS);

/**
 * Splits a list cell at its separators, but not within brackets: an item such as `国際的な運用管理（文化的、言語的…）`
 * that is not quite a known label stays one item, named whole in the message, rather than three pieces. Read by
 * code: `cell[i]` made a string of every character outside Latin-1 (all of a Japanese cell's): on the diverse 100k
 * export, 30 MB allocated for nothing, and 1% of a batch's instructions (callgrind, one thread, half the export).
 */
function splitOutsideBrackets(cell: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (OPENING_CODES.has(c)) depth++;
    else if (CLOSING_CODES.has(c) && depth > 0) depth--;
    else if (depth === 0 && SEPARATOR_CODES.has(c)) {
      parts.push(cell.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(cell.slice(start));
  return parts;
}
