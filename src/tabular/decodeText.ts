/**
 * Text encodings of HR exports: UTF-8 (with or without BOM), Shift_JIS as Japanese Excel writes it (CP932; the
 * WHATWG `shift_jis` decoder is CP932), and UTF-16 with its BOM ("Unicode text" from Excel). Node's own
 * TextDecoder does all of them, so no iconv dependency.
 */
import { isAscii, isUtf8 } from 'node:buffer';

export type TextEncodingName = 'utf-8' | 'shift_jis' | 'utf-16le' | 'utf-16be';

const ALIASES: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'shift_jis': 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  ms932: 'shift_jis',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

export function encodingName(option: string): TextEncodingName | undefined {
  return ALIASES[option.toLowerCase()];
}

export const ENCODING_NAMES = Object.keys(ALIASES);

/** The encoding a byte-order mark names, if the text starts with one. */
export function encodingOfBom(head: Uint8Array): TextEncodingName | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * The encoding of a file from its first bytes: its BOM; else UTF-8 when they decode as UTF-8 (an incomplete tail
 * is fine), else Shift_JIS. `certain` is false when the sample is plain ASCII, which any of them would read: a
 * later byte may still prove the file Shift_JIS.
 */
export function detectEncoding(sample: Uint8Array): { encoding: TextEncodingName; certain: boolean } {
  const bom = encodingOfBom(sample);
  if (bom) return { encoding: bom, certain: true };
  if (sample.every((b) => b < 0x80)) return { encoding: 'utf-8', certain: false };
  const valid = (encoding: TextEncodingName) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (valid('utf-8')) return { encoding: 'utf-8', certain: true };
  // A UTF-8 file with a line or two from elsewhere (a name pasted in Shift_JIS): its other lines read as UTF-8,
  // while Shift_JIS text almost never does. Counted by lines, a long pasted name weighs as much as a short one.
  const lines = utf8Lines(sample);
  if (lines.valid > lines.invalid) return { encoding: 'utf-8', certain: true };
  // UTF-8 with a damaged byte or two, not Shift_JIS: Shift_JIS text read as UTF-8 breaks at almost every Japanese
  // character, while a UTF-8 file cut once reads whole elsewhere (and Shift_JIS would read it as mojibake).
  const asUtf8 = new TextDecoder('utf-8').decode(sample, { stream: true });
  const broken = asUtf8.split('\uFFFD').length - 1;
  const japanese = (asUtf8.match(/[\u3000-\u9fff\uff00-\uffef]/g) ?? []).length;
  if (broken <= 2 && japanese >= 4 * broken) return { encoding: 'utf-8', certain: true };
  if (valid('shift_jis')) return { encoding: 'shift_jis', certain: true };
  // Neither: a file of one with a damaged byte. The one that reads more of it is the file's, so that the error
  // names the damaged line, not the first line of a wrong guess.
  const damage = (encoding: TextEncodingName) => new TextDecoder(encoding).decode(sample, { stream: true }).split('\uFFFD').length;
  return { encoding: damage('utf-8') <= damage('shift_jis') ? 'utf-8' : 'shift_jis', certain: true };
}

/** Lines of a sample holding non-ASCII bytes: how many read as UTF-8 Japanese text, and how many do not read as UTF-8. */
function utf8Lines(sample: Uint8Array): { valid: number; invalid: number } {
  const counts = { valid: 0, invalid: 0 };
  const bytes = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
  forEachLine(bytes, 'utf-8', (start, end) => {
    const line = bytes.subarray(start, end);
    if (isAscii(line)) return;
    // The sample's last line may end mid-character: that tail is not held against it.
    const text = end === bytes.length ? tryDecode(line, 'utf-8', true) : isUtf8(line) ? line.toString('utf8') : undefined;
    if (text === undefined) counts.invalid++;
    else if (JAPANESE.test(text)) counts.valid++;
  });
  return counts;
}

const JAPANESE = /[\u3000-\u9fff\uff00-\uffef]/;

function tryDecode(bytes: Uint8Array, encoding: TextEncodingName, stream: boolean): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes, { stream });
  } catch {
    return undefined;
  }
}

/** Bytes per code unit: line breaks are single bytes in UTF-8 and Shift_JIS (never part of another character there), two in UTF-16. */
function unitOf(encoding: TextEncodingName): 1 | 2 {
  return encoding === 'utf-16le' || encoding === 'utf-16be' ? 2 : 1;
}

/** The code unit at `i` (a byte, or UTF-16's two). */
function unitAt(bytes: Uint8Array, i: number, encoding: TextEncodingName): number {
  if (encoding === 'utf-16le') return bytes[i]! | (bytes[i + 1]! << 8);
  if (encoding === 'utf-16be') return (bytes[i]! << 8) | bytes[i + 1]!;
  return bytes[i]!;
}

/**
 * Calls `line(start, end, next)` for each line of `bytes`: [start, end) without its break, `next` where the following
 * line starts. A line ends at LF, CR or CRLF (Unix, classic Mac and Excel for Mac, Windows), mixed as they come.
 */
export function forEachLine(bytes: Buffer, encoding: TextEncodingName, line: (start: number, end: number, next: number) => void): void {
  const unit = unitOf(encoding);
  const length = bytes.length - (bytes.length % unit);
  if (unit === 1) {
    // indexOf finds each break byte fast; each kind is looked for again only once passed.
    let lf = bytes.indexOf(10);
    let cr = bytes.indexOf(13);
    for (let start = 0; start < length; ) {
      if (lf !== -1 && lf < start) lf = bytes.indexOf(10, start);
      if (cr !== -1 && cr < start) cr = bytes.indexOf(13, start);
      const end = lf === -1 ? (cr === -1 ? length : cr) : cr === -1 ? lf : Math.min(lf, cr);
      const next = end === length ? end : bytes[end] === 13 && bytes[end + 1] === 10 ? end + 2 : end + 1;
      line(start, end, next);
      start = next;
    }
    return;
  }
  let start = 0;
  for (let i = 0; i < length; i += unit) {
    const u = unitAt(bytes, i, encoding);
    if (u !== 10 && u !== 13) continue;
    const next = u === 13 && i + unit < length && unitAt(bytes, i + unit, encoding) === 10 ? i + 2 * unit : i + unit;
    line(start, i, next);
    start = next;
    i = next - unit;
  }
  // The last line, without a break (an odd byte at the end of UTF-16 belongs to it).
  if (start < bytes.length) line(start, bytes.length, bytes.length);
}

/**
 * Where `bytes` can be cut after whole lines: just after the last line break, or -1 when there is none. A CR at
 * the very end may be the first half of a CRLF whose LF has not been read: the line before it is the last whole one.
 */
export function lastLineCut(bytes: Uint8Array, encoding: TextEncodingName): number {
  const unit = unitOf(encoding);
  const length = bytes.length - (bytes.length % unit);
  /** The last break before `end`, or -1. */
  const breakBefore = (end: number): number => {
    if (unit === 1) return end <= 0 ? -1 : Math.max(bytes.lastIndexOf(10, end - 1), bytes.lastIndexOf(13, end - 1));
    for (let i = end - unit; i >= 0; i -= unit) {
      const u = unitAt(bytes, i, encoding);
      if (u === 10 || u === 13) return i;
    }
    return -1;
  };
  let last = breakBefore(length);
  if (last !== -1 && last + unit === length && unitAt(bytes, last, encoding) === 13) last = breakBefore(last);
  return last === -1 ? -1 : last + unit;
}

/**
 * Where the first character that does not decode is: the characters that decode before it, and the bytes (up to
 * it, or into it when it is a character begun and never finished); undefined when all of `bytes` decodes.
 */
export function undecodableAt(bytes: Uint8Array, encoding: TextEncodingName): { chars: number; bytes: number } | undefined {
  if (tryDecode(bytes, encoding, false) !== undefined) return undefined;
  // The longest prefix that decodes (streaming: an unfinished character at its end is no error yet, and the bytes
  // may end in one). Decoding fails for every longer prefix once it fails for one, so it is found by halving.
  const unfinished = tryDecode(bytes, encoding, true);
  if (unfinished !== undefined) return { chars: unfinished.length, bytes: bytes.length };
  let [good, bad] = [0, bytes.length];
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    if (tryDecode(bytes.subarray(0, mid), encoding, true) === undefined) bad = mid;
    else good = mid;
  }
  return { chars: tryDecode(bytes.subarray(0, good), encoding, true)!.length, bytes: good };
}

/**
 * A line of a Shift_JIS file that is UTF-8 Japanese (pasted from elsewhere): it would read as Shift_JIS, but as
 * mojibake. Shift_JIS Japanese practically never reads as UTF-8 (its lead bytes are UTF-8's continuation bytes).
 */
export function isUtf8Japanese(line: Buffer): boolean {
  return !isAscii(line) && isUtf8(line) && JAPANESE.test(line.toString('utf8'));
}
