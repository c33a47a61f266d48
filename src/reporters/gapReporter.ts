import type { Assessment } from '../engine/assessment.js';
import { Describer } from '../messages/describe.js';
import { plainStyle, type ReportOptions } from './reportOptions.js';

export interface GapTarget {
  specialty: string;
  level: number;
}

/** The criteria of one level of one specialty: what is met, what is missing and by how much, with the clause. */
export function gapReporter(assessment: Assessment, target: GapTarget, options: ReportOptions): string {
  const d = new Describer(options.lang, options.standard);
  const style = options.style ?? plainStyle;
  const specialty = assessment.specialties.find((s) => s.specialty === target.specialty);
  const level = specialty?.levels.find((l) => l.level === target.level);
  const definition = d.specialtyOf(target.specialty)?.levels.find((l) => l.level === target.level);
  if (!specialty || !level || !definition) return '';
  const lines = [
    style.bold(d.t('assessment.title', { name: assessment.candidate.name ?? assessment.candidate.id, id: assessment.candidate.id })),
    style.dim(d.t('assessment.asOf', { asOf: assessment.asOf, standard: d.standard.title[d.lang] })),
    '',
    style.bold(`${d.specialtyName(target.specialty)} — ${d.t('level', { level: target.level })}${definition.page ? ` (${definition.page})` : ''}: ${level.met ? style.ok(d.t('met')) : style.bad(d.t('notMet'))}`),
  ];
  for (const criterion of level.criteria) {
    const text = d.describe(criterion, target.specialty);
    const mark = criterion.met ? style.ok(`✓ ${d.t('met')}`) : style.bad(`✗ ${d.t('notMet')}`);
    lines.push('', `${mark}  ${d.criterionName(criterion.id)}`);
    lines.push(`    ${d.t('header.required')}: ${text.required}`);
    if (text.actual) lines.push(`    ${d.t('header.actual')}: ${text.actual}`);
    if (text.gap) lines.push(`    ${d.t('header.gap')}: ${text.gap}`);
    for (const exclusion of d.exclusions(criterion, target.specialty)) lines.push(style.dim(`      ${exclusion}`));
    const source = definition.criteria.find((c) => c.kind === criterion.id)?.source;
    if (source) lines.push(style.dim(`    「${source}」`));
  }
  return `${lines.join('\n')}\n`;
}
