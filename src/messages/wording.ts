import type { Standard } from '../standard/loadStandard.js';
import type { CriterionKind, SpecialtyDefinition } from '../standard/standardSchema.js';
import { en } from './en.js';
import { ja } from './ja.js';
import { fill, groupThousands, type MessageKey, type MessageParams, type MessageTable } from './messageTable.js';

export const messageTables: Record<'ja' | 'en', MessageTable> = { ja, en };

export type Lang = keyof typeof messageTables;

/**
 * The words of one language: message templates filled, ids named by the standard's labels, lists joined, quantities
 * in their units. The criterion wordings are made of these; Describer adds the sentences of results.
 */
export class Wording {
  readonly table: MessageTable;
  private readonly labels = new Map<string, string>();

  constructor(
    readonly lang: Lang,
    readonly standard: Standard,
  ) {
    this.table = messageTables[lang];
    const add = (scope: string, items: { id: string; label?: { ja: string; en: string } }[]) => {
      for (const item of items) this.labels.set(`${scope}:${item.id}`, item.label?.[lang] ?? item.id);
    };
    add('role', standard.scales.role);
    add('depth', standard.scales.depth);
    add('knowledgeTransfer', standard.scales.knowledgeTransfer);
    add('exam', standard.scales.exams);
    add('sizeField', standard.sizeFields);
    add('specialty', standard.specialties);
    for (const s of standard.specialties) {
      add(`complexity:${s.id}`, s.complexity);
      add(`area:${s.id}`, s.areas);
      add(`activity:${s.id}`, s.activities);
    }
  }

  t(key: MessageKey, params: MessageParams = {}): string {
    return fill(this.table.text[key], params);
  }

  label(scope: string, id: string): string {
    return this.labels.get(`${scope}:${id}`) ?? id;
  }

  list(scope: string, ids: readonly string[], joiner: 'and' | 'or' = 'and'): string {
    return this.join(ids.map((id) => this.label(scope, id)), joiner);
  }

  /** `a, b and c` / `a、bおよびc`. */
  join(names: readonly string[], joiner: 'and' | 'or' = 'and'): string {
    if (names.length <= 1) return names.join('');
    const last = joiner === 'or' ? this.table.orSeparator : this.table.andSeparator;
    return `${names.slice(0, -1).join(this.table.listSeparator)}${last}${names[names.length - 1]}`;
  }

  criterionName(id: CriterionKind): string {
    return this.t(`criterion.${id}`);
  }

  specialtyName(id: string): string {
    return this.label('specialty', id);
  }

  specialtyOf(id: string): SpecialtyDefinition | undefined {
    return this.standard.specialties.find((s) => s.id === id);
  }

  /** A size field's value in its unit: yen as people read money in this language, or a number of people. */
  /** A day (`YYYY-MM-DD`, as results give it) as the language writes it: 2027年1月15日. */
  day(iso: string): string {
    const [year, month, day] = iso.split('-').map(Number);
    return this.t('date.day', { iso, year: year ?? '', month: month ?? '', day: day ?? '' });
  }

  quantity(field: string, value: number): string {
    const unit = this.standard.sizeFields.find((f) => f.id === field)?.unit;
    return unit === 'yen' ? this.table.formatYen(value) : this.t('people', { n: groupThousands(value) });
  }
}
