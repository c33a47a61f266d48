import type { CriterionResultOf, CriterionShapes, RequiredOf, SizeActual, SizeOptionRequired } from '../engine/assessment.js';
import type { CriterionKind, CriterionOf, SpecialtyDefinition } from '../standard/standardSchema.js';
import type { Wording } from './wording.js';

/** Takes one piece of a gap key. */
export type GapKeyPiece = (piece: string | number | symbol | null) => void;

/** A list as pieces: its length, then its items. */
function listPieces(list: readonly string[], key: GapKeyPiece): void {
  key(list.length);
  for (const item of list) key(item);
}

/** The sentences of one criterion kind, made from its result's data; `specialty` names the lists its ids are in. */
export interface CriterionWording<K extends CriterionKind> {
  /** What the criterion asks for (from `required` alone: `itss levels` words it too). */
  requirement(required: RequiredOf<K>, d: Wording, specialty: string): string;
  /** What the candidate has (empty where the criterion asks nothing, as 特定せず). */
  actual(result: CriterionResultOf<K>, d: Wording, specialty: string): string;
  /** What is missing, from `gap`. */
  gap(gap: CriterionShapes[K]['gap'], result: CriterionResultOf<K>, d: Wording, specialty: string): string;
  /**
   * What `gap` reads of a result besides its `required` (the same for every result of one criterion), as pieces
   * given to `key` (a list as its length, then its items): results of one criterion with equal pieces have equal
   * gap sentences, so a batch words each distinct one once, and finds it again without making a key string.
   */
  gapKey(gap: CriterionShapes[K]['gap'], result: CriterionResultOf<K>, key: GapKeyPiece): void;
  /** The items the criterion chooses from (conditions, areas, kinds), for `itss levels`; null when none. */
  listedItems?(criterion: CriterionOf<K>, specialty: SpecialtyDefinition, d: Wording): string;
  /** Why engagements did not count (only kinds that exclude engagements). */
  exclusions?(result: CriterionResultOf<K>, d: Wording, specialty: string): string[];
}

/** Months (exact, in 30ths) as whole months, rounded the way that never overstates what a person has. */
function wholeMonths(months: number, round: 'down' | 'up'): number {
  return round === 'down' ? Math.floor(months + 1e-9) : Math.ceil(months - 1e-9);
}

/** People count engagements from 1: the file's first engagement (index 0, `engagements[0]`) is #1 in reports. */
function ordinal(index: number): number {
  return index + 1;
}

const responsibilityScope = (r: RequiredOf<'responsibility'>, d: Wording) => (r.atOrAboveLevel === null ? '' : d.t('responsibility.scope', { level: r.atOrAboveLevel }));

function sizeFigures(d: Wording, actual: SizeActual, fields: string[]): string {
  const parts = fields.flatMap((f) => {
    const value = actual[f];
    return typeof value === 'number' ? [`${d.label('sizeField', f)} ${d.quantity(f, value)}`] : [];
  });
  return parts.length > 0 ? parts.join(d.table.listSeparator) : d.t('none');
}

function sizeThresholds(d: Wording, anyOf: Record<string, number>): string {
  return Object.entries(anyOf)
    .map(([field, value]) => d.t('size.threshold', { field: d.label('sizeField', field), value: d.quantity(field, value) }))
    .join(d.table.orSeparator);
}

const sizeOptions = (r: RequiredOf<'size'>): SizeOptionRequired[] => ('options' in r ? r.options : []);

/** The wording of every criterion kind: the message tables' counterpart of the evaluator registry. */
export const criterionWordings: { [K in CriterionKind]: CriterionWording<K> } = {
  responsibility: {
    requirement(r, d, specialty) {
      let text = d.t('responsibility.required', { months: r.months, role: d.label('role', r.role) }) + responsibilityScope(r, d);
      if (r.success) text += d.t('responsibility.success');
      if (r.activities.length > 0) text += d.t('responsibility.activities', { list: d.list(`activity:${specialty}`, r.activities) });
      if (r.experiences.length > 0) text += d.t('responsibility.experiences', { list: d.list(`activity:${specialty}`, r.experiences) });
      return text;
    },
    // Whole months in words (what a person counts in): what one has rounded down, what is missing rounded up; the
    // exact figures stay in the data.
    actual: (result, d) => d.t('responsibility.actual', { months: wholeMonths(result.actual.months, 'down'), engagements: result.actual.engagements }),
    gap(gap, result, d, specialty) {
      const r = result.required;
      const parts: string[] = [];
      if (gap.months !== undefined) parts.push(d.t('responsibility.gap.months', { actual: wholeMonths(result.actual.months, 'down'), required: r.months, role: d.label('role', r.role), scope: responsibilityScope(r, d), gap: wholeMonths(gap.months, 'up') }));
      if (gap.experiences !== undefined) parts.push(d.t('responsibility.gap.experiences', { list: d.list(`activity:${specialty}`, gap.experiences) }));
      return parts.join('; ');
    },
    gapKey(gap, result, key) {
      // The whole months the sentence says (the 30ths in the data would make a key for nearly every candidate).
      if (gap.months === undefined) key(null);
      else {
        key(wholeMonths(result.actual.months, 'down'));
        key(wholeMonths(gap.months, 'up'));
      }
      if (gap.experiences === undefined) key(null);
      else listPieces(gap.experiences, key);
    },
    exclusions(result, d, specialty) {
      const r = result.required;
      return (result.excluded ?? []).map((exclusion) => {
        const reasons = exclusion.reasons.map((reason) => {
          switch (reason) {
            case 'role':
              return d.t('reason.role', { role: d.label('role', r.role) });
            case 'activities':
              return d.t('reason.activities', { list: d.list(`activity:${specialty}`, r.activities) });
            case 'complexity':
              return d.t('reason.complexity', { level: r.atOrAboveLevel ?? '' });
            case 'size':
              return d.t('reason.size', { level: r.atOrAboveLevel ?? '' });
            case 'outcome':
              return d.t('reason.outcome');
          }
        });
        return d.t('responsibility.excluded', { index: ordinal(exclusion.index), title: exclusion.title ?? '', reasons: reasons.join(d.table.listSeparator) });
      });
    },
  },

  complexity: {
    requirement(r, d, specialty) {
      const including = r.including.length > 0 ? d.t('complexity.including', { list: d.list(`complexity:${specialty}`, r.including) }) : '';
      return d.t('complexity.required', { n: r.conditions, count: r.outOf, including });
    },
    actual: ({ actual: a }, d, specialty) => (a.engagement === null ? d.t('none') : d.t('complexity.actual', { n: a.conditions, list: d.list(`complexity:${specialty}`, a.ticked), index: ordinal(a.engagement) })),
    gap(gap, result, d, specialty) {
      const including = gap.including.length > 0 ? d.t('complexity.gap.including', { list: d.list(`complexity:${specialty}`, gap.including) }) : '';
      return d.t('complexity.gap', { actual: result.actual.conditions, required: result.required.conditions, n: gap.conditions, including });
    },
    gapKey(gap, result, key) {
      key(result.actual.conditions);
      key(gap.conditions);
      listPieces(gap.including, key);
    },
    listedItems: (criterion, specialty, d) => d.list(`complexity:${specialty.id}`, criterion.conditions),
  },

  size: {
    requirement(r, d) {
      if ('unspecified' in r) return d.t('size.unspecified');
      return r.options
        .map((o) => (o.complexityAtLeast === undefined ? d.t('size.option', { thresholds: sizeThresholds(d, o.anyOf) }) : d.t('size.option.complexity', { thresholds: sizeThresholds(d, o.anyOf), n: o.complexityAtLeast })))
        .join(' / ');
    },
    actual({ required, actual }, d) {
      if ('unspecified' in required) return '';
      const fields = [...new Set(sizeOptions(required).flatMap((o) => Object.keys(o.anyOf)))];
      return actual.engagement === null || actual.engagement === undefined ? d.t('size.actual.none') : d.t('size.actual', { figures: sizeFigures(d, actual, fields), index: ordinal(actual.engagement) });
    },
    gap(gap, { required, actual }, d) {
      const option = sizeOptions(required)[gap.option];
      const anyOf = option?.anyOf ?? {};
      const none = actual.engagement === null || actual.engagement === undefined;
      let text = d.t('size.gap', { thresholds: sizeThresholds(d, anyOf), figures: none ? d.t('size.actual.none') : sizeFigures(d, actual, Object.keys(anyOf)) });
      if (gap.conditions > 0) text += d.t('size.gap.complexity', { n: gap.conditions });
      return text;
    },
    gapKey(gap, { required, actual }, key) {
      key(gap.option);
      key(gap.conditions);
      if (actual.engagement === null || actual.engagement === undefined) key(null);
      else for (const field of Object.keys(sizeOptions(required)[gap.option]?.anyOf ?? {})) key(actual[field] ?? '');
    },
  },

  expertise: {
    requirement: (r, d) => d.t(r.areas === 'all' ? 'expertise.required.all' : 'expertise.required.any', { depth: d.label('depth', r.depth), count: r.outOf }),
    actual({ actual, required }, d, specialty) {
      const entries = Object.entries(actual.areas);
      const list = entries.map(([area, depth]) => `${d.label(`area:${specialty}`, area)}: ${d.label('depth', depth)}`).join(d.table.listSeparator);
      return entries.length === 0 ? d.t('none') : d.t('expertise.actual', { reached: actual.reached, count: required.outOf, list });
    },
    gap(gap, _result, d, specialty) {
      // Any mode: raising any one area will do, so the gap names none and the sentence lists the specialty's areas.
      const areas = gap.mode === 'all' ? gap.areas : (d.specialtyOf(specialty)?.areas ?? []).map((a) => a.id);
      return d.t(gap.mode === 'all' ? 'expertise.gap.all' : 'expertise.gap.any', { list: d.list(`area:${specialty}`, areas, gap.mode === 'all' ? 'and' : 'or'), depth: d.label('depth', gap.depth) });
    },
    gapKey(gap, _result, key) {
      key(gap.mode);
      key(gap.depth);
      listPieces(gap.areas, key);
    },
    listedItems: (criterion, specialty, d) => d.list(`area:${specialty.id}`, specialty.areas.map((a) => a.id), (criterion.areasRequired ?? specialty.areasRequired) === 'all' ? 'and' : 'or'),
  },

  'knowledge-transfer': {
    requirement: (r, d) => d.t('knowledge-transfer.required', { n: r.kinds }),
    actual: ({ actual }, d) => d.t('knowledge-transfer.actual', { n: actual.kinds, list: actual.present.length > 0 ? d.list('knowledgeTransfer', actual.present) : d.t('none') }),
    gap: (gap, result, d) => d.t('knowledge-transfer.gap', { actual: result.actual.kinds, required: result.required.kinds, n: gap.kinds, list: d.list('knowledgeTransfer', gap.add, 'or') }),
    gapKey(gap, result, key) {
      key(result.actual.kinds);
      key(gap.kinds);
      listPieces(gap.add, key);
    },
    listedItems: (_criterion, _specialty, d) => d.list('knowledgeTransfer', d.standard.scales.knowledgeTransfer.map((k) => k.id), 'or'),
  },

  mentoring: {
    requirement: (r, d) => d.t('mentoring.required', { n: r.records }),
    actual: ({ actual }, d) => d.t('mentoring.actual', { n: actual.records }),
    gap: (gap, _result, d) => d.t('mentoring.gap', { n: gap.records }),
    gapKey: (gap, _result, key) => key(gap.records),
  },
};

/** The wording of one kind (its type follows the kind, so callers need no cast). */
export function criterionWording<K extends CriterionKind>(kind: K): CriterionWording<K> {
  return criterionWordings[kind];
}
