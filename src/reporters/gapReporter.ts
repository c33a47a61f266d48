import type { Assessment } from '../engine/assessment.js';
import { Describer } from '../messages/describe.js';
import { plainStyle, type ReportOptions } from './reportOptions.js';
import { reportPage, type GapTarget } from './reportPage.js';
import { hanging } from './wrapText.js';

export type { GapTarget } from './reportPage.js';

/**
 * The terminal's arrangement of a gap page (reportPage: the same data the Markdown and HTML pages show): levels of
 * specialties (one `--target`, or each specialty's next level), criterion by criterion what is met, what is
 * missing and by how much, the engagements that did not count, and the clause with its page.
 */
export function gapReporter(assessment: Assessment, targets: readonly GapTarget[], options: ReportOptions): string {
  const d = new Describer(options.lang, options.standard);
  const style = options.style ?? plainStyle;
  const width = Math.max(60, Math.min(options.width ?? 120, 160));
  const page = reportPage(assessment, targets, false, d);
  const lines = [style.bold(page.title), style.dim(page.subtitle)];
  for (const w of page.warnings) lines.push(...hanging('! ', w, width).map(style.dim));
  if (page.empty) lines.push('', page.empty);
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
