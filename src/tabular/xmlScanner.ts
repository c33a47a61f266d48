/**
 * What a scanner tells its reader. Tags are passed as the scanner's text and the tag's bounds, so that a reader
 * reads only the attributes it needs (a sheet has millions of cells) with `attribute`.
 */
export interface XmlHandler {
  /** An element opens: its local name (without a namespace prefix), the text holding the tag and its bounds. */
  open(name: string, text: string, start: number, end: number, selfClosing: boolean): void;
  close(name: string): void;
  /** Whether text between tags is wanted now (it is not, between rows and cells). */
  readonly wantsText: boolean;
  /** Text between tags, entities not yet decoded (CDATA passed decoded, with `cdata`); possibly in several pieces. */
  text(raw: string, cdata: boolean): void;
}

/** XML that cannot be read as SpreadsheetML: unclosed markup at the end, or a document type declaration. */
export class XmlError extends Error {}

/**
 * A streaming scanner for the XML of a workbook's parts: fed text in chunks of any size (a tag or an entity may
 * be cut between two), it reports elements and text. It reads what SpreadsheetML uses — elements, attributes,
 * text, CDATA, comments and processing instructions (skipped) — and refuses a DOCTYPE (no workbook has one, and
 * its entities are a known attack).
 */
export class XmlScanner {
  private pending = '';

  constructor(private readonly handler: XmlHandler) {}

  feed(chunk: string): void {
    const text = this.pending === '' ? chunk : this.pending + chunk;
    this.pending = '';
    const handler = this.handler;
    let i = 0;
    const length = text.length;
    while (i < length) {
      const lt = text.indexOf('<', i);
      if (lt === -1) {
        if (handler.wantsText) handler.text(text.slice(i), false);
        return;
      }
      if (lt > i && handler.wantsText) handler.text(text.slice(i, lt), false);
      const next = text.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        const end = this.special(text, lt);
        if (end === -1) {
          this.pending = text.slice(lt);
          return;
        }
        i = end;
        continue;
      }
      if (lt + 1 >= length) {
        this.pending = text.slice(lt);
        return;
      }
      // A closing tag has no attributes: its end is the first `>`.
      const gt = next === 0x2f ? text.indexOf('>', lt) : tagEnd(text, lt);
      if (gt === -1) {
        this.pending = text.slice(lt);
        return;
      }
      if (next === 0x2f /* / */) {
        handler.close(localName(text, lt + 2, gt));
      } else {
        const selfClosing = text.charCodeAt(gt - 1) === 0x2f;
        const name = localName(text, lt + 1, selfClosing ? gt - 1 : gt);
        handler.open(name, text, lt, gt, selfClosing);
        if (selfClosing) handler.close(name);
      }
      i = gt + 1;
    }
  }

  /** The end of the input: markup left open is a damaged part. */
  end(): void {
    if (this.pending.trim() !== '') throw new XmlError('unclosed markup');
  }

  /** A comment, CDATA, a processing instruction or a declaration at `lt`: the index after it, or -1 when cut. */
  private special(text: string, lt: number): number {
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      return end === -1 ? -1 : end + 3;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) return -1;
      if (this.handler.wantsText) this.handler.text(text.slice(lt + 9, end), true);
      return end + 3;
    }
    if (text.charCodeAt(lt + 1) === 0x3f) {
      const end = text.indexOf('?>', lt + 2);
      return end === -1 ? -1 : end + 2;
    }
    if (text.length < lt + 9) return -1;
    throw new XmlError('a DOCTYPE or declaration');
  }
}

/** The `>` closing the tag at `lt`, outside quoted attribute values; -1 when the tag is cut. */
function tagEnd(text: string, lt: number): number {
  const gt = text.indexOf('>', lt);
  if (gt === -1) return -1;
  // Attribute values may hold `>`: the tag ends at a `>` after an even number of quotes. Most tags have
  // double quotes only; the careful walk is for the others.
  // (Every search stays within the tag: a search run on through the rest of the chunk, for each of a sheet's
  // million tags, made reading quadratic.)
  let quotes = 0;
  let apostrophes = 0;
  for (let i = lt + 1; i < gt; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quotes++;
    else if (c === 0x27) apostrophes++;
  }
  if (quotes % 2 === 0 && apostrophes === 0) return gt;
  let quote = 0;
  for (let i = lt + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return -1;
}

/** One-letter names (a sheet's `c`, `v`, `f`, `t`), made once rather than sliced for each of millions of tags. */
const LETTERS = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

/** The element's name from `start` to the first space, `/` or `>`, without its namespace prefix. */
function localName(text: string, start: number, end: number): string {
  const second = text.charCodeAt(start + 1);
  if (start + 1 === end || second === 0x20 || second === 0x3e || second === 0x2f) {
    const c = text.charCodeAt(start);
    if (c < 128) return LETTERS[c]!;
  }
  let stop = start;
  while (stop < end) {
    const c = text.charCodeAt(stop);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e) break;
    stop++;
  }
  let from = start;
  for (let i = start; i < stop; i++) if (text.charCodeAt(i) === 0x3a /* : */) from = i + 1;
  return text.slice(from, stop);
}

/**
 * The value of attribute `name` (with its prefix if it has one: `r:id`) of the tag text[start..end], entities
 * decoded; undefined when the tag has none.
 */
export function attribute(text: string, start: number, end: number, name: string): string | undefined {
  // Searched within the tag only (an unbounded indexOf would run on through the rest of the chunk for every cell
  // without the attribute).
  const first = name.charCodeAt(0);
  const last = end - name.length;
  for (let at = start + 1; at <= last; at++) {
    if (text.charCodeAt(at) !== first || !isSpace(text.charCodeAt(at - 1)) || !text.startsWith(name, at)) continue;
    let after = at + name.length;
    while (text.charCodeAt(after) === 0x20) after++;
    if (text.charCodeAt(after) !== 0x3d /* = */) continue;
    let open = after + 1;
    while (text.charCodeAt(open) === 0x20) open++;
    const quote = text.charCodeAt(open);
    if (quote !== 0x22 && quote !== 0x27) return undefined;
    const close = text.indexOf(quote === 0x22 ? '"' : "'", open + 1);
    if (close === -1 || close > end) return undefined;
    const value = text.slice(open + 1, close);
    return value.includes('&') ? decodeEntities(value) : value;
  }
  return undefined;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five named entities and character references; anything else is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name.charCodeAt(0) !== 0x23) return NAMED[name]!;
    const code = name.charCodeAt(1) === 0x78 ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Excel's escapes of characters in strings (`_x000D_` for a carriage return; `_x005F_` for `_` itself). */
export function decodeExcelEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text;
}

/**
 * Gathers the text of `<t>` elements within a string (`si`, or a cell's `is`), in pieces as the scanner gives
 * them, skipping phonetic runs.
 */
export class TextCollector {
  private pieces = '';
  private inString = false;
  private inT = false;
  private phonetic = false;
  private hasEntities = false;

  get collecting(): boolean {
    return this.inString && this.inT && !this.phonetic;
  }

  start(): void {
    this.pieces = '';
    this.hasEntities = false;
    this.inString = true;
    this.inT = false;
    this.phonetic = false;
  }

  resume(): void {
    this.inT = true;
  }

  suspend(): void {
    this.inT = false;
  }

  pause(selfClosing: boolean): void {
    if (!selfClosing) this.phonetic = true;
  }

  unpause(): void {
    this.phonetic = false;
  }

  add(raw: string, cdata: boolean): void {
    if (!this.collecting) return;
    if (!cdata && raw.includes('&')) this.hasEntities = true;
    // CDATA is already plain text: its ampersands are escaped so that decoding leaves them as they are.
    this.pieces += cdata && raw.includes('&') ? raw.replace(/&/g, '&amp;') : raw;
  }

  finish(): string {
    this.inString = false;
    const text = this.hasEntities || this.pieces.includes('&') ? decodeEntities(this.pieces) : this.pieces;
    return decodeExcelEscapes(text);
  }
}
