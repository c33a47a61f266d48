import type { AssessmentWarning, CriterionResult, Exclusion } from '../engine/assessment.js';
import type { Diagnostic } from '../input/diagnostic.js';
import type { Standard } from '../standard/loadStandard.js';
import type { Criterion, CriterionKind, SpecialtyDefinition } from '../standard/standardSchema.js';
import { en } from './en.js';
import { ja } from './ja.js';
import { fill, groupThousands, type MessageKey, type MessageTable } from './messageTable.js';

export const messageTables: Record<'ja' | 'en', MessageTable> = { ja, en };

export type Lang = keyof typeof messageTables;

interface SizeOptionData {
  anyOf: Record<string, number>;
  complexityAtLeast?: number;
}

/** Sentences for one language, naming ids by the standard's labels. The only place sentences are made. */
export class Describer {
  readonly table: MessageTable;
  private readonly labels = new Map<string, string>();
  /** Any list's label of an id (the first found), to show beside ids in Japanese error messages. */
  private readonly labelById = new Map<string, string>();

  constructor(
    readonly lang: Lang,
    readonly standard: Standard,
  ) {
    this.table = messageTables[lang];
    const add = (scope: string, items: { id: string; label?: { ja: string; en: string } }[]) => {
      for (const item of items) {
        this.labels.set(`${scope}:${item.id}`, item.label?.[lang] ?? item.id);
        if (item.label && !this.labelById.has(item.id)) this.labelById.set(item.id, item.label.ja);
      }
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

  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    return fill(this.table.text[key], params);
  }

  label(scope: string, id: string): string {
    return this.labels.get(`${scope}:${id}`) ?? id;
  }

  list(scope: string, ids: readonly string[], joiner: 'and' | 'or' = 'and'): string {
    const names = ids.map((id) => this.label(scope, id));
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

  private quantity(field: string, value: number): string {
    const unit = this.standard.sizeFields.find((f) => f.id === field)?.unit;
    return unit === 'yen' ? this.table.formatYen(value) : this.t('people', { n: groupThousands(value) });
  }

  private thresholds(anyOf: Record<string, number>): string {
    return Object.entries(anyOf)
      .map(([field, value]) => this.t('size.threshold', { field: this.label('sizeField', field), value: this.quantity(field, value) }))
      .join(this.table.orSeparator);
  }

  private figures(actual: Record<string, unknown>, fields: string[]): string {
    const parts = fields.filter((f) => typeof actual[f] === 'number').map((f) => `${this.label('sizeField', f)} ${this.quantity(f, actual[f] as number)}`);
    return parts.length > 0 ? parts.join(this.table.listSeparator) : this.t('none');
  }

  /** What a criterion asks for, as a sentence (from `required` alone). */
  requirement(result: CriterionResult, specialty: string): string {
    const r = result.required as Record<string, any>;
    switch (result.id) {
      case 'responsibility': {
        let text = this.t('responsibility.required', { months: r.months, role: this.label('role', r.role) }) + this.scope(r);
        if (r.success) text += this.t('responsibility.success');
        if (r.activities.length > 0) text += this.t('responsibility.activities', { list: this.list(`activity:${specialty}`, r.activities) });
        if (r.experiences.length > 0) text += this.t('responsibility.experiences', { list: this.list(`activity:${specialty}`, r.experiences) });
        return text;
      }
      case 'complexity': {
        const including = r.including.length > 0 ? this.t('complexity.including', { list: this.list(`complexity:${specialty}`, r.including) }) : '';
        return this.t('complexity.required', { n: r.conditions, count: r.outOf, including });
      }
      case 'size':
        if (r.unspecified) return this.t('size.unspecified');
        return (r.options as SizeOptionData[])
          .map((o) => (o.complexityAtLeast === undefined ? this.t('size.option', { thresholds: this.thresholds(o.anyOf) }) : this.t('size.option.complexity', { thresholds: this.thresholds(o.anyOf), n: o.complexityAtLeast })))
          .join(' / ');
      case 'expertise':
        return this.t(r.areas === 'all' ? 'expertise.required.all' : 'expertise.required.any', { depth: this.label('depth', r.depth), count: r.outOf });
      case 'knowledge-transfer':
        return this.t('knowledge-transfer.required', { n: r.kinds });
      case 'mentoring':
        return this.t('mentoring.required', { n: r.records });
    }
  }

  private scope(r: Record<string, any>): string {
    return r.atOrAboveLevel === null ? '' : this.t('responsibility.scope', { level: r.atOrAboveLevel });
  }

  /** `required`, `actual` and `gap` of a criterion result as sentences. */
  describe(result: CriterionResult, specialty: string): { required: string; actual: string; gap: string | null } {
    const r = result.required as Record<string, any>;
    const a = result.actual as Record<string, any>;
    const g = result.gap as Record<string, any> | null;
    const required = this.requirement(result, specialty);
    switch (result.id) {
      case 'responsibility': {
        const gaps: string[] = [];
        if (g?.months !== undefined) gaps.push(this.t('responsibility.gap.months', { actual: a.months, required: r.months, role: this.label('role', r.role), scope: this.scope(r), gap: g.months }));
        if (g?.experiences !== undefined) gaps.push(this.t('responsibility.gap.experiences', { list: this.list(`activity:${specialty}`, g.experiences) }));
        return { required, actual: this.t('responsibility.actual', { months: a.months, engagements: a.engagements }), gap: g ? gaps.join('; ') : null };
      }
      case 'complexity': {
        const actual = a.engagement === null ? this.t('none') : this.t('complexity.actual', { n: a.conditions, list: this.list(`complexity:${specialty}`, a.ticked), index: ordinal(a.engagement) });
        const including = g && g.including.length > 0 ? this.t('complexity.gap.including', { list: this.list(`complexity:${specialty}`, g.including) }) : '';
        const gap = g ? this.t('complexity.gap', { actual: a.conditions, required: r.conditions, n: g.conditions, including }) : null;
        return { required, actual, gap };
      }
      case 'size': {
        if (r.unspecified) return { required, actual: '', gap: null };
        const options = r.options as SizeOptionData[];
        const fields = [...new Set(options.flatMap((o) => Object.keys(o.anyOf)))];
        const actual = a.engagement === null ? this.t('size.actual.none') : this.t('size.actual', { figures: this.figures(a, fields), index: ordinal(a.engagement) });
        let gap: string | null = null;
        if (g) {
          const option = options[g.option as number]!;
          gap = this.t('size.gap', { thresholds: this.thresholds(option.anyOf), figures: a.engagement === null ? this.t('size.actual.none') : this.figures(a, Object.keys(option.anyOf)) });
          if (g.conditions > 0) gap += this.t('size.gap.complexity', { n: g.conditions });
        }
        return { required, actual, gap };
      }
      case 'expertise': {
        const depth = this.label('depth', r.depth);
        const entries = Object.entries(a.areas as Record<string, string>);
        const list = entries.map(([area, d]) => `${this.label(`area:${specialty}`, area)}: ${this.label('depth', d)}`).join(this.table.listSeparator);
        const actual = entries.length === 0 ? this.t('none') : this.t('expertise.actual', { reached: a.reached, count: r.outOf, list });
        const areas = g?.mode === 'all' ? g.areas : (this.specialtyOf(specialty)?.areas ?? []).map((x) => x.id);
        const gap = g ? this.t(g.mode === 'all' ? 'expertise.gap.all' : 'expertise.gap.any', { list: this.list(`area:${specialty}`, areas, g.mode === 'all' ? 'and' : 'or'), depth }) : null;
        return { required, actual, gap };
      }
      case 'knowledge-transfer': {
        const actual = this.t('knowledge-transfer.actual', { n: a.kinds, list: a.present.length > 0 ? this.list('knowledgeTransfer', a.present) : this.t('none') });
        const gap = g ? this.t('knowledge-transfer.gap', { actual: a.kinds, required: r.kinds, n: g.kinds, list: this.list('knowledgeTransfer', g.add, 'or') }) : null;
        return { required, actual, gap };
      }
      case 'mentoring':
        return { required, actual: this.t('mentoring.actual', { n: a.records }), gap: g ? this.t('mentoring.gap', { n: g.records }) : null };
    }
  }

  exclusion(exclusion: Exclusion, result: CriterionResult, specialty: string): string {
    const r = result.required as Record<string, any>;
    const reasons = exclusion.reasons.map((reason) => {
      switch (reason) {
        case 'role':
          return this.t('reason.role', { role: this.label('role', r.role) });
        case 'activities':
          return this.t('reason.activities', { list: this.list(`activity:${specialty}`, r.activities) });
        case 'complexity':
        case 'size':
          return this.t(`reason.${reason}`, { level: r.atOrAboveLevel });
        default:
          return this.t(`reason.${reason}`);
      }
    });
    return this.t('responsibility.excluded', { index: ordinal(exclusion.index), title: exclusion.title ?? '', reasons: reasons.join(this.table.listSeparator) });
  }

  warning(warning: AssessmentWarning): string {
    return this.t(`warning.${warning.code}`, { path: warning.path, value: String(warning.value ?? '') });
  }

  diagnostic(d: Diagnostic): string {
    const where = d.line ? this.t('diag.location', { file: d.file, line: d.line, column: d.column ?? 1 }) : d.file;
    const raw = typeof d.value === 'string' ? d.value : d.value === undefined ? '' : JSON.stringify(d.value);
    // A whole file can arrive as one bad value (a CSV read as YAML): show its start only.
    const value = raw.length > 80 ? `${raw.slice(0, 77)}…` : raw;
    const labelled = (id: string) => {
      const label = this.lang === 'ja' && (d.code === 'unknown-value' || d.code === 'unknown-id') ? this.labelById.get(id) : undefined;
      return label && label !== id ? `${id}（${label}）` : id;
    };
    const message = this.t(`diag.${d.code}`, { path: d.path || '(root)', value, expected: (d.expected ?? []).map(labelled).join(', ') });
    const suggestion = ['unknown-key', 'unknown-value', 'unknown-id', 'unknown-column'].includes(d.code) ? this.closest(raw, d.expected ?? []) : undefined;
    return `${where}: ${message}${suggestion === undefined ? '' : this.t('diag.did-you-mean', { suggestion })}`;
  }

  /** The items a criterion chooses from (conditions, areas, kinds), for `itss levels`. */
  listedItems(criterion: Criterion, specialty: SpecialtyDefinition): string | null {
    if (criterion.kind === 'complexity') return this.list(`complexity:${specialty.id}`, criterion.conditions);
    if (criterion.kind === 'expertise') return this.list(`area:${specialty.id}`, specialty.areas.map((a) => a.id), (criterion.areasRequired ?? specialty.areasRequired) === 'all' ? 'and' : 'or');
    if (criterion.kind === 'knowledge-transfer') return this.list('knowledgeTransfer', this.standard.scales.knowledgeTransfer.map((k) => k.id), 'or');
    return null;
  }

  /** The expected id or Japanese label nearest to a misspelt value, when it is near enough to be a typo. */
  private closest(value: string, expected: string[]): string | undefined {
    let best: { form: string; distance: number } | undefined;
    for (const id of expected) {
      for (const form of [id, this.labelById.get(id)]) {
        if (form === undefined) continue;
        const distance = editDistance(value.normalize('NFKC').toLowerCase(), form.normalize('NFKC').toLowerCase());
        if (!best || distance < best.distance) best = { form, distance };
      }
    }
    return best && best.distance > 0 && best.distance <= Math.max(1, Math.floor(best.form.length / 4)) ? best.form : undefined;
  }

  specialtyOf(id: string): SpecialtyDefinition | undefined {
    return this.standard.specialties.find((s) => s.id === id);
  }
}


/** People count engagements from 1: the file's first engagement (index 0, `engagements[0]`) is #1 in reports. */
function ordinal(index: number): number {
  return index + 1;
}

/** Levenshtein distance, for "did you mean" (short strings only). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
