/**
 * Text encodings of HR exports: UTF-8 (with or without BOM) or Shift_JIS as Japanese Excel writes it (CP932;
 * the WHATWG `shift_jis` decoder is CP932). Node's own TextDecoder does both, so no iconv dependency.
 */
export type TextEncodingName = 'utf-8' | 'shift_jis';

const ALIASES: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'shift_jis': 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  ms932: 'shift_jis',
};

export function encodingName(option: string): TextEncodingName | undefined {
  return ALIASES[option.toLowerCase()];
}

export const ENCODING_NAMES = Object.keys(ALIASES);

/** UTF-8 when the sample decodes as UTF-8 (a BOM, or valid sequences; an incomplete tail is fine), else Shift_JIS. */
export function detectEncoding(sample: Uint8Array): TextEncodingName {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'shift_jis';
  }
}

/** A fatal streaming decoder: invalid bytes throw rather than turn into U+FFFD (mojibake is an error, not data). */
export function streamDecoder(encoding: TextEncodingName): TextDecoder {
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
}
