import { displayWidth } from '../values/displayWidth.js';
import { wrapText } from './wrapText.js';

/**
 * A boxed table for terminals, measuring East Asian wide characters as two columns. Replaces cli-table3 in
 * the reports: measured on the shipped example, cli-table3's string-width spent about 160 ms of a 390 ms
 * `itss assess` re-measuring cells, against a start-up budget of about 2× `node -e 0` (≈ 110 ms here).
 * `widths` are content widths; cells wrap to them. `paint` styles a finished cell line (colour codes are
 * added after measuring, so they never disturb alignment).
 */
export function renderTable(header: string[], rows: string[][], widths: number[],
  paint: (row: number, column: number, text: string) => string = (_r, _c, t) => t): string {
  const line = (left: string, mid: string, right: string) => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const out: string[] = [line('┌', '┬', '┐')];
  const body = [header, ...rows];
  body.forEach((row, r) => {
    const cells = widths.map((w, c) => wrapText(row[c] ?? '', w).split('\n'));
    const height = Math.max(...cells.map((c) => c.length));
    for (let i = 0; i < height; i++) {
      const parts = cells.map((cell, c) => {
        const text = cell[i] ?? '';
        const padded = text + ' '.repeat(Math.max(0, widths[c]! - displayWidth(text)));
        return ` ${r === 0 || text === '' ? padded : paint(r - 1, c, padded)} `;
      });
      out.push(`│${parts.join('│')}│`);
    }
    if (r < body.length - 1) out.push(line('├', '┼', '┤'));
  });
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

/** Column widths that fit the content, within `max` columns each. */
export function fitWidths(header: string[], rows: string[][], max: number[]): number[] {
  return header.map((h, c) => Math.min(max[c]!, Math.max(displayWidth(h), ...rows.map((r) => Math.max(...(r[c] ?? '').split('\n').map(displayWidth))))));
}
