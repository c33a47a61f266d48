import type { Diagnostic } from './diagnostic.js';
import { parseYamlSource } from './parseYamlSource.js';

/** Strings of JSON text: its keys and its string values, escapes included. */
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/** Keys in a parsed JSON value, every object's counted, without recursion (nesting is bounded, but lists are long). */
function keyCount(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    // One at a time: a line of JSON may hold a list longer than a call's arguments may be.
    const values = Array.isArray(v) ? v : Object.values(v);
    if (!Array.isArray(v)) count += values.length;
    for (const item of values) if (item !== null && typeof item === 'object') stack.push(item);
  }
  return count;
}

/**
 * Does this JSON text give some key twice in one object? `JSON.parse` keeps the last and drops the other without
 * a word (`{"id":"E1","id":"E2"}` is E2). Outside strings, a colon in JSON follows a key and nothing else, so the
 * text has as many keys as colons; the parsed value has fewer when one was given twice. Native scans only: it
 * costs little beside the parse.
 */
export function hasDuplicateKey(text: string, parsed: unknown): boolean {
  const colons = text.replace(JSON_STRING, '').split(':').length - 1;
  return colons !== keyCount(parsed);
}

/**
 * The key given twice in a line of JSON Lines, where and in which object, for a line `hasDuplicateKey` found one
 * in: the line is read again by the YAML parser (JSON is YAML), which tells duplicate keys apart. Rare, so its
 * cost does not matter.
 */
export function duplicateKeyDiagnostic(text: string, file: string, line: number): Diagnostic {
  const found = parseYamlSource(text, file).diagnostics.find((d) => d.code === 'duplicate-key');
  return { code: 'duplicate-key', path: '', value: '', ...found, file, line, column: found?.column ?? 1 };
}
