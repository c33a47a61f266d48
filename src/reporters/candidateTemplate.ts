import type { Describer } from '../messages/describe.js';
import { criterionOfKind, sizeFieldsRead } from '../standard/criterionOfKind.js';
import type { SpecialtyDefinition } from '../standard/standardSchema.js';
import { displayWidth } from '../values/displayWidth.js';

/**
 * `itss init`: a commented candidate file that validates as written (candidate-format.md), built from the standard
 * in use (`--standard`): its example values are the standard's own ids (its first specialty, a role and a depth
 * from the middle of their scales, the size fields that specialty reads), and each comment lists the choices the
 * standard offers, labelled in the run's language. Every sentence comes from the message tables.
 */
export function candidateTemplate(d: Describer, schemaPath: string): string {
  const { standard } = d;
  const specialty = standard.specialties[0]!;
  const { role, depth, knowledgeTransfer, exams } = standard.scales;
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.min(1, items.length - 1)];
  const choices = (scope: string, ids: readonly string[]) => ids.map((id) => (d.lang === 'ja' ? `${d.label(scope, id)}` : id)).join(' | ');
  const lines: string[] = [
    `# yaml-language-server: $schema=${schemaPath}`,
    `# ${d.t('template.intro')}`,
    `format: itss-candidate/v1`,
    row('id: E0001', d.t('template.id')),
    row(`name: ${d.lang === 'ja' ? '山田 花子' : 'Hanako Yamada'}`, d.t('template.optional')),
  ];
  const exam = exams[0];
  if (exam) lines.push(row('exams:', d.t('template.exams')), row(`  - exam: ${exam.id}`, d.t('template.exam', { exams: choices('exam', exams.map((e) => e.id)) })), '    passed: 2018-12');
  lines.push(
    row('engagements:', d.t('template.engagements')),
    row(`  - title: ${d.t('template.example.title')}`, d.t('template.title')),
    row(`    specialty: ${specialty.id}`, d.t('template.specialty', { choices: choices('specialty', standard.specialties.map((s) => s.id)) })),
    row(`    role: ${pick(role)?.id ?? ''}`, d.t('template.role', { choices: choices('role', role.map((r) => r.id)) })),
    row('    from: 2019-04', d.t('template.from')),
    row('    to: 2022-03', d.t('template.to')),
    row('    outcome: success', d.t('template.outcome')),
  );
  // Two conditions its lowest level asks for (the first of the list may be a top level's, as 国際的 is).
  const lowest = specialty.levels.reduce((a, b) => (b.level < a.level ? b : a), specialty.levels[0]!);
  const complexity = (criterionOfKind(lowest, 'complexity')?.conditions ?? specialty.complexity.map((c) => c.id)).slice(0, 2);
  if (complexity.length > 0) lines.push(row(`    complexity: [${complexity.join(', ')}]`, d.t('template.complexity', { specialty: d.specialtyName(specialty.id) })));
  const activity = specialty.activities[0];
  if (activity) lines.push(row(`    activities: [${activity.id}]`, d.t('template.activities', { specialty: d.specialtyName(specialty.id) })));
  lines.push(...sizeLines(d, specialty));
  const depthId = pick(depth)?.id;
  if (depthId && specialty.areas.length > 0) {
    lines.push(
      row('expertise:', d.t('template.expertise')),
      `  - specialty: ${specialty.id}`,
      `    areas: [${specialty.areas.map((a) => a.id).join(', ')}]`,
      row(`    depth: ${depthId}`, d.t('template.depth', { choices: choices('depth', depth.map((x) => x.id)) })),
    );
  }
  const kind = knowledgeTransfer[0];
  if (kind) {
    lines.push(
      row('knowledgeTransfer:', d.t('template.knowledgeTransfer')),
      row(`  - kind: ${kind.id}`, d.t('template.kind', { choices: choices('knowledgeTransfer', knowledgeTransfer.map((k) => k.id)) })),
      row(`    specialties: [${specialty.id}]`, d.t('template.specialties')),
      `    title: ${d.t('template.example.paper')}`,
      '    date: 2021-06',
    );
  }
  lines.push(row('mentoring:', d.t('template.mentoring')), `  - mentee: ${d.lang === 'ja' ? '佐藤' : 'Sato'}`, `    specialties: [${specialty.id}]`, '    from: 2020-04');
  return `${lines.join('\n')}\n`;
}

/** The size block: the first two fields the specialty's size criteria read, a yen field written as people write money. */
function sizeLines(d: Describer, specialty: SpecialtyDefinition): string[] {
  const read = sizeFieldsRead(specialty, d.standard.sizeFields);
  if (read.length === 0) return [];
  const fields = d.standard.sizeFields.filter((f) => read.includes(f.id)).slice(0, 2);
  return [
    row('    size:', d.t('template.size', { fields: d.list('sizeField', read, 'or') })),
    ...fields.map((f) => (f.unit === 'yen' ? row(`      ${f.id}: ${d.lang === 'ja' ? '4.2億円' : '420000000'}`, d.t('template.money')) : row(`      ${f.id}: 40`, d.label('sizeField', f.id)))),
  ];
}

/** A line of YAML with its comment, the comments lined up where the line allows (Japanese counting two columns). */
function row(yaml: string, comment: string): string {
  return `${yaml}${' '.repeat(Math.max(1, 35 - displayWidth(yaml)))}# ${comment}`;
}
