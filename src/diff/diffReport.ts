import type { Describer } from '../messages/describe.js';
import { plainStyle, type Style } from '../reporters/reportOptions.js';
import { hanging } from '../reporters/wrapText.js';
import type { ResultsDiff } from './diffResults.js';
import { diffView, type PersonLine, type SpecialtyGroup } from './diffView.js';

/** A level as the reports show it: its number, or a dash for none. */
export const levelText = (level: number | null): string => (level === null ? '—' : String(level));

/** `A-0101 伊藤 由美` (the id alone where the file has no name). */
const personText = (p: PersonLine): string => (p.name === '' ? p.id : `${p.id} ${p.name}`);

/**
 * The terminal's short report of a diff: the two files (their dates and standards), the counts, then by specialty
 * and department who went up or down and by how much, the criteria newly blocking or no longer blocking a next level,
 * who was added and who left. What was said about the files is on stderr, not repeated here.
 */
export function diffReport(diff: ResultsDiff, d: Describer, options: { style?: Style; width?: number } = {}): string {
  const style = options.style ?? plainStyle;
  const width = Math.max(60, Math.min(options.width ?? 120, 160));
  const view = diffView(diff, d);
  const lines = [style.bold(view.title)];
  for (const f of view.files) lines.push(...hanging(`${f.label}: `, `${f.file} — ${f.details}`, width));
  lines.push(...hanging('', view.summary, width));
  if (view.empty) {
    lines.push('', view.none);
    return `${lines.join('\n')}\n`;
  }
  /** A section by specialty, then department, each line indented under them. */
  type Paint<L> = (l: L, text: string) => string;
  const section = <L extends PersonLine>(heading: string, groups: SpecialtyGroup<L>[], line: (l: L) => string, paint: Paint<L> = (_l, t) => t) => {
    if (groups.length === 0) return;
    lines.push('', style.bold(heading));
    for (const g of groups) {
      lines.push(`  ${g.name}`);
      for (const department of g.departments) {
        lines.push(`    ${department.department}`);
        for (const l of department.lines) lines.push(...hanging('      ', line(l), width).map((text) => paint(l, text)));
      }
    }
  };
  section(
    view.sections.changes,
    view.changes,
    (c) => `${c.direction === 1 ? '↑' : '↓'} ${personText(c)}  ${levelText(c.from)} → ${levelText(c.to)}${c.delta === '' ? '' : ` (${c.delta})`}`,
    (c, text) => (c.direction === 1 ? style.ok(text) : style.bad(text)),
  );
  const blockingLine = (b: { level: number; criteria: string[] } & PersonLine) => `${personText(b)}  ${d.t('level', { level: b.level })}: ${b.criteria.join(d.table.listSeparator)}`;
  section(view.sections.blocked, view.blocked, blockingLine);
  section(view.sections.unblocked, view.unblocked, blockingLine);
  for (const [heading, people] of [[view.sections.added, view.added], [view.sections.removed, view.removed]] as const) {
    if (people.length === 0) continue;
    lines.push('', style.bold(d.t('diff.section.count', { heading, n: people.length })));
    for (const p of people) lines.push(...hanging('  ', `${personText(p)} — ${p.department}`, width));
  }
  return `${lines.join('\n')}\n`;
}
