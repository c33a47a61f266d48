import type { Assessment } from '../engine/assessment.js';
import { Describer } from '../messages/describe.js';
import { plainStyle, type ReportOptions } from './reportOptions.js';
import { fitWidths, renderTable } from './renderTable.js';
import { nextLevels, reportPage, type GapTarget } from './reportPage.js';
import { displayWidth } from '../values/displayWidth.js';
import { hanging } from './wrapText.js';

export type { GapTarget } from './reportPage.js';

/**
 * The terminal's arrangement of a gap page (reportPage: the same data the Markdown and HTML pages show): the person,
 * their levels with the levels aimed at (one `--target`, or each shown specialty's next level), the engagements the
 * criteria name, then level by level, criterion by criterion what is met, what is missing and by how much, the
 * engagements that did not count, and the clause with its page.
 */
export function gapReporter(assessment: Assessment, targets: readonly GapTarget[], options: ReportOptions): string {
  const d = new Describer(options.lang, options.standard);
  const style = options.style ?? plainStyle;
  const width = Math.max(60, Math.min(options.width ?? 120, 160));
  const page = reportPage(assessment, targets, 'gap', d, options);
  const lines = [style.bold(page.title)];
  if (page.department) lines.push(...hanging('', page.department, width));
  lines.push(style.dim(page.subtitle));
  for (const w of page.warnings) lines.push(...hanging('! ', w, width).map(style.dim));
  if (page.summary) {
    const { header, rows } = page.summary;
    const paintLevel = (r: number, c: number, text: string) => (c === 1 && page.shown[r]!.level !== null ? style.ok(text) : text);
    lines.push(renderTable(header, rows, fitWidths(header, rows, [30, 8, 6, 6, 6]), paintLevel));
  }
  if (page.leftOut) lines.push(...hanging('', page.leftOut, width));
  if (page.empty) lines.push('', page.empty);
  if (page.engagements) {
    const { header, rows } = page.engagements.table;
    // The number, the period and the role keep their widths; the title takes what is left (13: the borders).
    const [number, , period, role] = fitWidths(header, rows, [8, 0, 30, 16]) as [number, number, number, number];
    const title = Math.max(10, displayWidth(header[1]!), Math.min(width - 13 - number - period - role, Math.max(...rows.map((r) => displayWidth(r[1]!)))));
    lines.push('', style.bold(page.engagements.heading), renderTable(header, rows, [number, title, period, role]));
  }
  for (const section of page.sections) {
    lines.push('', style.bold(`${section.heading}: ${section.met ? style.ok(section.verdict) : style.bad(section.verdict)}`));
    for (const c of section.criteria) {
      const mark = c.met ? style.ok(`✓ ${c.verdict}`) : style.bad(`✗ ${c.verdict}`);
      lines.push('', `${mark}  ${c.name}`);
      for (const [label, text] of c.lines) lines.push(...hanging(`    ${label}: `, text, width));
      for (const exclusion of c.exclusions) lines.push(...hanging('      ', exclusion, width).map(style.dim));
      if (c.clause) lines.push(...hanging('    ', `「${c.clause}」`, width).map(style.dim));
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `itss gap --format json`: each level aimed at as data — the candidate, the date, the standard, the level's verdict
 * and criteria, its unmet criteria as `gaps`, the warnings. With a target, that level's object; without, a list of
 * every specialty's next level (as data, the specialties not practised too: cli.md).
 */
export function gapJson(assessment: Assessment, target: GapTarget | undefined): string {
  const targets = target ? [target] : nextLevels(assessment, { allSpecialties: true });
  const pages = targets.flatMap(({ specialty, level }) => {
    const result = assessment.specialties.find((s) => s.specialty === specialty)?.levels.find((l) => l.level === level);
    return result ? [{ candidate: assessment.candidate, asOf: assessment.asOf, standard: assessment.standard, specialty, ...result,
      gaps: result.criteria.filter((c) => !c.met), warnings: assessment.warnings }] : [];
  });
  return `${JSON.stringify(target ? pages[0] : pages, null, 2)}\n`;
}
