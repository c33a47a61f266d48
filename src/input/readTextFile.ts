import { readFileSync } from 'node:fs';
import { encodingOfBom, forEachLine, undecodableAt, type TextEncodingName } from '../tabular/decodeText.js';
import type { Diagnostic } from './diagnostic.js';

/** A text file (a candidate file, a standard, a mapping) as read: its text, and what in it did not decode. */
export interface TextFile {
  /** Without its byte-order mark; what did not decode is U+FFFD. */
  text: string;
  encoding: TextEncodingName;
  /** Each line (1-based, ascending) holding bytes that do not decode: at its first such character (1-based column). */
  undecodable: { line: number; column: number; value: string }[];
}

/**
 * Reads a text file by its byte-order mark: UTF-16 LE or BE (Windows Notepad's "Unicode"), or UTF-8 with or
 * without one. Read as UTF-8 regardless, a UTF-16 file would be a NUL between every two characters. Lines end at
 * LF, CRLF or CR, each counted as YAML and editors count them.
 */
export function readTextFile(file: string): TextFile {
  const bytes = readFileSync(file);
  const encoding = encodingOfBom(bytes) ?? 'utf-8';
  const body = bytes.subarray(encodingOfBom(bytes) === undefined ? 0 : encoding === 'utf-8' ? 3 : 2);
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body), encoding, undecodable: [] };
  } catch {
    // Some line does not decode: which, found line by line (only now, as nearly every file decodes whole).
  }
  const undecodable: TextFile['undecodable'] = [];
  const lenient = new TextDecoder(encoding, { ignoreBOM: true });
  let line = 0;
  forEachLine(body, encoding, (start, end) => {
    line++;
    const at = undecodableAt(body.subarray(start, end), encoding);
    if (at) undecodable.push({ line, column: at.chars + 1, value: lenient.decode(body.subarray(start, end)) });
  });
  return { text: lenient.decode(body), encoding, undecodable };
}

/** The lines of a text file that did not decode, each a located `bad-encoding`. */
export function undecodableDiagnostics(file: string, read: TextFile): Diagnostic[] {
  return read.undecodable.map(({ line, column, value }) => ({ code: 'bad-encoding', file, line, column, path: '', encoding: read.encoding, value }));
}
