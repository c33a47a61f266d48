import { requiredOf } from '../engine/evaluators/evaluators.js';
import { Describer } from '../messages/describe.js';
import type { LevelDefinition, SpecialtyDefinition } from '../standard/standardSchema.js';
import { plainStyle, type ReportOptions } from './reportOptions.js';

/** `itss levels`: the indicators as the data encodes them, each criterion with its parameters and source wording. */
export function levelsReporter(options: ReportOptions & { specialty?: string; level?: number }): string {
  const d = new Describer(options.lang, options.standard);
  const style = options.style ?? plainStyle;
  const lines: string[] = [style.bold(options.standard.title[options.lang])];
  for (const specialty of options.standard.specialties) {
    if (options.specialty && specialty.id !== options.specialty) continue;
    for (const level of [...specialty.levels].reverse()) {
      if (options.level !== undefined && level.level !== options.level) continue;
      lines.push('', ...levelLines(specialty, level, d, style));
    }
  }
  return `${lines.join('\n')}\n`;
}

function levelLines(specialty: SpecialtyDefinition, level: LevelDefinition, d: Describer, style: typeof plainStyle): string[] {
  const lines = [style.bold(d.t('levels.title', { specialty: `${d.specialtyName(specialty.id)} (${specialty.id})`, level: level.level, page: level.page ?? '' }))];
  for (const criterion of level.criteria) {
    // Worded from `required`, exactly as assessments word it.
    const required = requiredOf(criterion.kind, criterion, { specialty, level });
    lines.push(`  ● ${d.criterionName(criterion.kind)}: ${d.requirement(criterion.kind, required, specialty.id)}`);
    const items = d.listedItems(criterion, specialty);
    if (items) lines.push(`      □ ${items}`);
    lines.push(style.dim(`      「${criterion.source}」`));
    if (criterion.kind === 'size') {
      for (const option of criterion.options) if (option.source) lines.push(style.dim(`      □ ${option.source}`));
    }
  }
  if (level.examEquivalence) {
    lines.push(`  ● ${d.t('levels.exam', { exams: d.list('exam', level.examEquivalence.exams, 'or') })}`);
    lines.push(style.dim(`      「${level.examEquivalence.source}」`));
  }
  return lines;
}
