import type { enText } from './enText.js';

/** Every user-facing sentence, per language. Templates take `{name}` parameters; logic lives in describe.ts. */
export interface MessageTable {
  lang: 'ja' | 'en';
  text: Record<MessageKey, string>;
  /** Money as people read it in this language. */
  formatYen(yen: number): string;
  /** Joins list items: `a, b or c` / `a、bまたはc`. */
  listSeparator: string;
  orSeparator: string;
  andSeparator: string;
}

/** The keys of the message tables: the English table's, which every other table must fill alike. */
export type MessageKey = keyof typeof enText;

export type MessageParams = Record<string, string | number>;

/** `{name}` → params.name; values from input files are shown with their control characters escaped. */
export function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? printable(String(params[name])) : whole));
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Control characters escaped (`\x1b`), so that nothing read from an input — a name, a title, a bad value — can
 * move the cursor, clear the screen or recolour a terminal.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** 1234567 → "1,234,567" (toLocaleString would load ICU locale data: about 10 ms at start-up). */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
