import type { Assessment, SpecialtyResult } from '../engine/assessment.js';
import { Describer } from '../messages/describe.js';
import { plainStyle, type ReportOptions } from './reportOptions.js';
import { fitWidths, renderTable } from './renderTable.js';
import { reportPage, type Page } from './reportPage.js';
import { hanging } from './wrapText.js';

/**
 * Terminal report. Short by default: per candidate the warnings, the levels, then each specialty's next level and
 * its unmet criteria a line each. `detail`: each specialty's levels and criteria in full, then the gaps. Only the
 * specialties the person practises (every one with `allSpecialties`), and a line naming those left out.
 */
export function tableReporter(assessments: Assessment[], options: ReportOptions): string {
  const describer = new Describer(options.lang, options.standard);
  const style = options.style ?? plainStyle;
  const width = Math.max(60, Math.min(options.width ?? 120, 160));
  return assessments
    .map((a) => {
      // The page without sections: the specialties shown (practised, or all), their levels, and what was left out.
      const page = reportPage(a, [], 'assessment', describer, options);
      return options.detail ? candidateReport(a, page, describer, style, Math.max(80, width)) : shortReport(a, page, describer, style, width);
    })
    .join('\n');
}

/** The candidate's name and the assessment date. */
function heading(assessment: Assessment, d: Describer, style: typeof plainStyle, width: number): string[] {
  const title = d.t('assessment.title', { name: assessment.candidate.name ?? assessment.candidate.id, id: assessment.candidate.id });
  return [...hanging('', title, width).map(style.bold), ...hanging('', d.t('assessment.asOf', { asOf: assessment.asOf, standard: d.standard.title[d.lang] }), width).map(style.dim)];
}

function shortReport(assessment: Assessment, page: Page, d: Describer, style: typeof plainStyle, width: number): string {
  const lines = heading(assessment, d, style, width);
  // Warnings first: a future engagement left out changes what follows.
  for (const w of assessment.warnings) lines.push(...hanging('! ', d.warning(w), width).map(style.dim));
  // The levels as the pages show them.
  if (page.summary) {
    const { header, rows } = page.summary;
    const paintLevel = (r: number, c: number, text: string) => (c === 1 && page.shown[r]!.level !== null ? style.ok(text) : text);
    lines.push(renderTable(header, rows, fitWidths(header, rows, [30, 8, 6, 6, 6]), paintLevel));
  }
  if (page.leftOut) lines.push(...hanging('', page.leftOut, width));
  for (const s of page.shown.filter((s) => s.nonNested)) {
    lines.push(...hanging('* ', `${d.specialtyName(s.specialty)}: ${d.t('nonNested', { levels: s.unmetBelow.join(', ') })}`, width).map(style.bad));
  }
  for (const s of page.shown) {
    lines.push('');
    const current = s.level === null ? d.t('levelNone') : d.t('level', { level: s.level });
    if (s.next === null) {
      lines.push(...hanging('■ ', `${d.specialtyName(s.specialty)} — ${current}`, width).map(style.bold), ...hanging('  ', d.t('nextNone'), width));
      continue;
    }
    const sourcePage = d.specialtyOf(s.specialty)?.levels.find((l) => l.level === s.next!.level)?.page;
    const title = `${d.specialtyName(s.specialty)} — ${current} → ${d.t('next', { level: s.next.level })}${sourcePage ? ` (${sourcePage})` : ''}`;
    lines.push(...hanging('■ ', title, width).map(style.bold));
    for (const gap of s.next.gaps) lines.push(...hanging(`  ✗ ${d.criterionName(gap.id)}: `, d.describe(gap, s.specialty).gap ?? '', width));
    const byTime = d.timeAlone(s.next.level, s.next.gaps);
    if (byTime !== null) lines.push(...hanging('  → ', byTime, width));
  }
  return `${lines.join('\n')}\n`;
}

function candidateReport(assessment: Assessment, page: Page, d: Describer, style: typeof plainStyle, width: number): string {
  const lines = heading(assessment, d, style, width);

  if (page.shown.length > 0) {
    const header = [d.t('header.specialty'), d.t('header.level'), d.t('header.examLevel'), d.t('header.next')];
    const rows = page.shown.map((s) => {
      const level = s.level === null ? '—' : String(s.level);
      const gaps = s.next?.gaps.map((g) => d.criterionName(g.id)).join(d.table.listSeparator);
      const next = s.next === null ? d.t('nextNone') : `${d.t('level', { level: s.next.level })} (${gaps})`;
      return [d.specialtyName(s.specialty), s.nonNested ? `${level} *` : level, s.examLevel === null ? '—' : String(s.examLevel), next];
    });
    const paintLevel = (r: number, c: number, text: string) => (c === 1 && page.shown[r]!.level !== null ? style.ok(text) : text);
    lines.push(renderTable(header, rows, fitWidths(header, rows, [30, 8, 6, width - 50]), paintLevel));
  }
  if (page.leftOut) lines.push(...hanging('', page.leftOut, width));

  for (const s of page.shown) lines.push('', ...specialtyReport(s, d, style, width));

  if (assessment.warnings.length > 0) {
    lines.push('');
    for (const w of assessment.warnings) lines.push(style.dim(`! ${d.warning(w)}`));
  }
  return `${lines.join('\n')}\n`;
}

function specialtyReport(s: SpecialtyResult, d: Describer, style: typeof plainStyle, width: number): string[] {
  const lines: string[] = [];
  const heading = `■ ${d.specialtyName(s.specialty)} — ${s.level === null ? d.t('levelNone') : d.t('level', { level: s.level })}`;
  lines.push(style.bold(heading));
  if (s.examLevel !== null) lines.push(d.t('examLevel', { level: s.examLevel, exams: examNames(s, d) }));
  if (s.nonNested) lines.push(style.bad(`* ${d.t('nonNested', { levels: s.unmetBelow.join(', ') })}`));

  const header = [d.t('header.level'), d.t('header.criterion'), d.t('header.result'), d.t('header.required'), d.t('header.actual')];
  const rows: string[][] = [];
  const verdicts: boolean[] = [];
  for (const level of [...s.levels].reverse()) {
    level.criteria.forEach((c, i) => {
      const text = d.describe(c, s.specialty);
      rows.push([i === 0 ? String(level.level) : '', d.criterionName(c.id), c.met ? `✓ ${d.t('met')}` : `✗ ${d.t('notMet')}`, text.required, text.actual]);
      verdicts.push(c.met);
    });
  }
  const fixed = fitWidths(header, rows, [6, 20, 12, 0, 0]).slice(0, 3);
  const rest = width - fixed.reduce((a, b) => a + b, 0) - 16;
  const widths = [...fixed, Math.ceil(rest * 0.55), Math.floor(rest * 0.45)];
  const paintVerdict = (r: number, c: number, text: string) => (c !== 2 ? text : verdicts[r] ? style.ok(text) : style.bad(text));
  lines.push(renderTable(header, rows, widths, paintVerdict));

  if (s.next === null) {
    lines.push(d.t('nextNone'));
    return lines;
  }
  const nextDefinition = d.specialtyOf(s.specialty)?.levels.find((l) => l.level === s.next!.level);
  const page = nextDefinition?.page ? ` (${nextDefinition.page})` : '';
  lines.push(style.bold(`${d.t('next', { level: s.next.level })}${page}`));
  for (const gap of s.next.gaps) {
    const text = d.describe(gap, s.specialty);
    lines.push(`  - ${d.criterionName(gap.id)}: ${text.gap ?? ''}`);
    for (const exclusion of d.exclusions(gap, s.specialty)) lines.push(style.dim(`      ${exclusion}`));
    const source = nextDefinition?.criteria.find((c) => c.kind === gap.id)?.source;
    if (source) lines.push(style.dim(`      「${source}」`));
  }
  return lines;
}

function examNames(s: SpecialtyResult, d: Describer): string {
  const level = d.specialtyOf(s.specialty)?.levels.find((l) => l.level === s.examLevel);
  return d.list('exam', level?.examEquivalence?.exams ?? [], 'or');
}
