/**
 * Text encodings of HR exports: UTF-8 (with or without BOM), Shift_JIS as Japanese Excel writes it (CP932; the
 * WHATWG `shift_jis` decoder is CP932), and UTF-16 with its BOM ("Unicode text" from Excel). Node's own
 * TextDecoder does all of them, so no iconv dependency.
 */
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

/** A fatal streaming decoder: invalid bytes throw rather than turn into U+FFFD (mojibake is an error, not data). */
export function streamDecoder(encoding: TextEncodingName): TextDecoder {
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
}
