import { charWidth, displayWidth } from '../values/displayWidth.js';

/* cli-table3's own word wrap counts a wide character as one column and then truncates, so table cells are wrapped here. */

/** Japanese closing punctuation: never at the start of a line (禁則). */
const CLOSING = new Set(['、', '。', '，', '．', '）', '」', '』', '】', '〉', '》', '・', '：', '；', '！', '？', 'ー', 'ッ', 'ャ', 'ュ', 'ョ', 'っ', 'ゃ', 'ゅ', 'ょ']);

/**
 * Wraps text to `width` columns. A line may break after a space, and between two wide (Japanese) characters
 * unless the second is closing punctuation; never inside an English word or a number (`¥350,000,000`), unless
 * the word alone is wider than the line.
 */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    let breakAt = -1; // index in `line` where it may break
    let previousWide = false;
    for (const ch of paragraph) {
      const w = charWidth(ch.codePointAt(0)!);
      if (w === 2 && previousWide && !CLOSING.has(ch)) breakAt = line.length;
      if (lineWidth + w > width && line.length > 0) {
        // At the last break, or (a word wider than the line, or a break right here) where the line is full.
        if (breakAt > 0 && breakAt < line.length) {
          lines.push(line.slice(0, breakAt).trimEnd());
          line = line.slice(breakAt);
        } else {
          lines.push(line.trimEnd());
          line = '';
        }
        line = line.trimStart();
        lineWidth = displayWidth(line);
        breakAt = -1;
      }
      if (line.length === 0 && ch === ' ' && lines.length > 0) continue; // no leading space on a wrapped line
      line += ch;
      lineWidth += w;
      previousWide = w === 2;
      if (ch === ' ' || (w === 2 && CLOSING.has(ch))) breakAt = line.length;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/** `text` wrapped to `width` columns, its first line after `first`, the others under its start. */
export function hanging(first: string, text: string, width: number): string[] {
  const indent = displayWidth(first);
  const wrapped = wrapText(text, Math.max(20, width - indent)).split('\n');
  return wrapped.map((line, i) => (i === 0 ? first : ' '.repeat(indent)) + line);
}
