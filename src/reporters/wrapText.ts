/**
 * Display width of a character on a terminal: East Asian wide and full-width characters take two columns.
 * cli-table3's own word wrap counts them as one and then truncates, so table cells are wrapped here.
 */
function charWidth(codePoint: number): number {
  if (codePoint < 0x1100) return 1;
  const wide =
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd);
  return wide ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** Wraps text to `width` columns, preferring breaks after spaces and Japanese punctuation. */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    let breakAt = -1; // index in `line` just after the last good break
    for (const ch of paragraph) {
      const w = charWidth(ch.codePointAt(0)!);
      if (lineWidth + w > width && line.length > 0) {
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
      if (ch === ' ' || ch === '、' || ch === '。' || ch === '，' || ch === ',' || ch === '）' || ch === ')' || ch === '/') breakAt = line.length;
    }
    lines.push(line);
  }
  return lines.join('\n');
}
