import type { Assessment } from '../engine/assessment.js';
import { Describer } from '../messages/describe.js';
import { plainStyle, type ReportOptions, type Style } from './reportOptions.js';
import { hanging } from './wrapText.js';

export interface GapTarget {
  specialty: string;
  level: number;
}

/**
 * The criteria of levels of specialties (one `--target`, or each specialty's next level): what is met, what is
 * missing and by how much, with the clause and its page.
 */
export function gapReporter(assessment: Assessment, targets: readonly GapTarget[], options: ReportOptions): string {
  const d = new Describer(options.lang, options.standard);
  const style = options.style ?? plainStyle;
  const width = Math.max(60, Math.min(options.width ?? 120, 160));
  const lines = [
    style.bold(d.t('assessment.title', { name: assessment.candidate.name ?? assessment.candidate.id, id: assessment.candidate.id })),
    style.dim(d.t('assessment.asOf', { asOf: assessment.asOf, standard: d.standard.title[d.lang] })),
  ];
  for (const w of assessment.warnings) lines.push(...hanging('! ', d.warning(w), width).map(style.dim));
  if (targets.length === 0) lines.push('', d.t('gap.allTop'));
  for (const target of targets) lines.push('', ...targetReport(assessment, target, d, style, width));
  return `${lines.join('\n')}\n`;
}

function targetReport(assessment: Assessment, target: GapTarget, d: Describer, style: Style, width: number): string[] {
  const specialty = assessment.specialties.find((s) => s.specialty === target.specialty);
  const level = specialty?.levels.find((l) => l.level === target.level);
  const definition = d.specialtyOf(target.specialty)?.levels.find((l) => l.level === target.level);
  if (!specialty || !level || !definition) return [];
  const lines = [style.bold(`${d.specialtyName(target.specialty)} — ${d.t('level', { level: target.level })}${definition.page ? ` (${definition.page})` : ''}: ${level.met ? style.ok(d.t('met')) : style.bad(d.t('notMet'))}`)];
  for (const criterion of level.criteria) {
    const text = d.describe(criterion, target.specialty);
    const mark = criterion.met ? style.ok(`✓ ${d.t('met')}`) : style.bad(`✗ ${d.t('notMet')}`);
    lines.push('', `${mark}  ${d.criterionName(criterion.id)}`);
    lines.push(...hanging(`    ${d.t('header.required')}: `, text.required, width));
    if (text.actual) lines.push(...hanging(`    ${d.t('header.actual')}: `, text.actual, width));
    if (text.gap) lines.push(...hanging(`    ${d.t('header.gap')}: `, text.gap, width));
    for (const exclusion of d.exclusions(criterion, target.specialty)) lines.push(...hanging('      ', exclusion, width).map(style.dim));
    const source = definition.criteria.find((c) => c.kind === criterion.id)?.source;
    if (source) lines.push(...hanging('    ', `「${source}」`, width).map(style.dim));
  }
  return lines;
}
