import type { CriterionResultOf, CriterionShapes, RequiredOf, SizeActual, SizeOptionRequired } from '../engine/assessment.js';
import type { CriterionKind, CriterionOf, SpecialtyDefinition } from '../standard/standardSchema.js';
import type { Wording } from './wording.js';

/** Takes one piece of a gap key. */
export type GapKeyPiece = (piece: string | number | symbol | null) => void;

/** One fact a gap sentence says: a number, an id, a list of ids or figures, or null (not said). */
type GapFact = string | number | null | readonly (string | number | null)[];
type GapFacts = Readonly<Record<string, GapFact>>;

/** Pieces of facts, in their order: each fact, a list as its length then its items. */
function factPieces(facts: GapFacts, key: GapKeyPiece): void {
  for (const fact of Object.values(facts)) {
    if (!Array.isArray(fact)) key(fact as string | number | null);
    else {
      key(fact.length);
      for (const item of fact as readonly (string | number | null)[]) key(item);
    }
  }
}

/** The sentences of one criterion kind, as written: the gap sentence made from its declared facts alone. */
interface WordingDefinition<K extends CriterionKind, F extends GapFacts> {
  /** What the criterion asks for (from `required` alone: `itss levels` words it too). */
  requirement(required: RequiredOf<K>, d: Wording, specialty: string): string;
  /** What the candidate has (empty where the criterion asks nothing, as 特定せず). */
  actual(result: CriterionResultOf<K>, d: Wording, specialty: string): string;
  /**
   * What the gap sentence says of an unmet result besides its `required` (the same for every result of one
   * criterion), declared once: the sentence is made from these alone (gapSentence), and the gap key is made of
   * them, so results of one criterion with equal facts have equal gap sentences and a batch words each once.
   */
  gapFacts: (gap: CriterionShapes[K]['gap'], result: CriterionResultOf<K>) => F;
  /** What is missing, from the facts and `required` alone. */
  gapSentence: (facts: F, required: RequiredOf<K>, d: Wording, specialty: string) => string;
  /** The items the criterion chooses from (conditions, areas, kinds), for `itss levels`; null when none. */
  listedItems?(criterion: CriterionOf<K>, specialty: SpecialtyDefinition, d: Wording): string;
  /** Why engagements did not count (only kinds that exclude engagements). */
  exclusions?(result: CriterionResultOf<K>, d: Wording, specialty: string): string[];
}

/** The sentences of one criterion kind, made from its result's data; `specialty` names the lists its ids are in. */
export interface CriterionWording<K extends CriterionKind> {
  requirement(required: RequiredOf<K>, d: Wording, specialty: string): string;
  actual(result: CriterionResultOf<K>, d: Wording, specialty: string): string;
  /** What is missing, from `gap` (through the kind's facts). */
  gap(gap: CriterionShapes[K]['gap'], result: CriterionResultOf<K>, d: Wording, specialty: string): string;
  /**
   * The kind's gap facts as pieces given to `key` (a list as its length, then its items): results of one criterion
   * with equal pieces have equal gap sentences, found again without making a key string.
   */
  gapKey(gap: CriterionShapes[K]['gap'], result: CriterionResultOf<K>, key: GapKeyPiece): void;
  listedItems?(criterion: CriterionOf<K>, specialty: SpecialtyDefinition, d: Wording): string;
  exclusions?(result: CriterionResultOf<K>, d: Wording, specialty: string): string[];
}

/** A kind's wording from its definition: the gap sentence and the gap key both from the declared facts. */
function defineWording<K extends CriterionKind, F extends GapFacts>(definition: WordingDefinition<K, F>): CriterionWording<K> {
  const { gapFacts, gapSentence, ...rest } = definition;
  return {
    ...rest,
    gap: (gap, result, d, specialty) => gapSentence(gapFacts(gap, result), result.required, d, specialty),
    gapKey: (gap, result, key) => factPieces(gapFacts(gap, result), key),
  };
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
  responsibility: defineWording({
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
    // The whole months the sentence says (the 30ths in the data would make a key for nearly every candidate); null
    // where the months are not short.
    gapFacts: (gap, result) => ({
      months: gap.months === undefined ? null : wholeMonths(result.actual.months, 'down'),
      missing: gap.months === undefined ? null : wholeMonths(gap.months, 'up'),
      experiences: gap.experiences ?? null,
      metOn: result.metOn ?? null,
    }),
    gapSentence(facts, r, d, specialty) {
      const parts: string[] = [];
      if (facts.missing !== null) {
        parts.push(d.t('responsibility.gap.months', { actual: facts.months ?? 0, required: r.months, role: d.label('role', r.role), scope: responsibilityScope(r, d), gap: facts.missing })
          + (facts.metOn === null ? '' : d.t('responsibility.gap.metOn', { date: d.day(facts.metOn) })));
      }
      if (facts.experiences !== null) parts.push(d.t('responsibility.gap.experiences', { list: d.list(`activity:${specialty}`, facts.experiences) }));
      return parts.join('; ');
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
  }),

  complexity: defineWording({
    requirement(r, d, specialty) {
      const including = r.including.length > 0 ? d.t('complexity.including', { list: d.list(`complexity:${specialty}`, r.including) }) : '';
      return d.t('complexity.required', { n: r.conditions, count: r.outOf, including });
    },
    actual: ({ actual: a }, d, specialty) => (a.engagement === null ? d.t('none') : d.t('complexity.actual', { n: a.conditions, list: d.list(`complexity:${specialty}`, a.ticked), index: ordinal(a.engagement) })),
    gapFacts: (gap, result) => ({ ticked: result.actual.conditions, missing: gap.conditions, including: gap.including }),
    gapSentence(facts, r, d, specialty) {
      const including = facts.including.length > 0 ? d.t('complexity.gap.including', { list: d.list(`complexity:${specialty}`, facts.including) }) : '';
      return d.t('complexity.gap', { actual: facts.ticked, required: r.conditions, n: facts.missing, including });
    },
    listedItems: (criterion, specialty, d) => d.list(`complexity:${specialty.id}`, criterion.conditions),
  }),

  size: defineWording({
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
    // The closest engagement's figures in the fields of the option the gap is measured against (null: no engagement).
    gapFacts: (gap, { required, actual }) => ({
      option: gap.option,
      conditions: gap.conditions,
      figures: actual.engagement === null || actual.engagement === undefined ? null
        : Object.keys(sizeOptions(required)[gap.option]?.anyOf ?? {}).map((field) => actual[field] ?? null),
    }),
    gapSentence(facts, required, d) {
      const anyOf = sizeOptions(required)[facts.option]?.anyOf ?? {};
      const fields = Object.keys(anyOf);
      const figures = facts.figures === null ? d.t('size.actual.none')
        : sizeFigures(d, Object.fromEntries(fields.map((field, i) => [field, facts.figures?.[i] ?? null])), fields);
      let text = d.t('size.gap', { thresholds: sizeThresholds(d, anyOf), figures });
      if (facts.conditions > 0) text += d.t('size.gap.complexity', { n: facts.conditions });
      return text;
    },
  }),

  expertise: defineWording({
    requirement: (r, d) => d.t(r.areas === 'all' ? 'expertise.required.all' : 'expertise.required.any', { depth: d.label('depth', r.depth), count: r.outOf }),
    actual({ actual, required }, d, specialty) {
      const entries = Object.entries(actual.areas);
      const list = entries.map(([area, depth]) => `${d.label(`area:${specialty}`, area)}: ${d.label('depth', depth)}`).join(d.table.listSeparator);
      return entries.length === 0 ? d.t('none') : d.t('expertise.actual', { reached: actual.reached, count: required.outOf, list });
    },
    gapFacts: (gap) => ({ mode: gap.mode, depth: gap.depth, areas: gap.areas }),
    gapSentence(facts, _required, d, specialty) {
      // Any mode: raising any one area will do, so the gap names none and the sentence lists the specialty's areas.
      const areas = facts.mode === 'all' ? facts.areas : (d.specialtyOf(specialty)?.areas ?? []).map((a) => a.id);
      return d.t(facts.mode === 'all' ? 'expertise.gap.all' : 'expertise.gap.any', { list: d.list(`area:${specialty}`, areas, facts.mode === 'all' ? 'and' : 'or'), depth: d.label('depth', facts.depth) });
    },
    listedItems: (criterion, specialty, d) => d.list(`area:${specialty.id}`, specialty.areas.map((a) => a.id), (criterion.areasRequired ?? specialty.areasRequired) === 'all' ? 'and' : 'or'),
  }),

  'knowledge-transfer': defineWording({
    requirement: (r, d) => d.t('knowledge-transfer.required', { n: r.kinds }),
    actual: ({ actual }, d) => d.t('knowledge-transfer.actual', { n: actual.kinds, list: actual.present.length > 0 ? d.list('knowledgeTransfer', actual.present) : d.t('none') }),
    gapFacts: (gap, result) => ({ kinds: result.actual.kinds, missing: gap.kinds, add: gap.add }),
    gapSentence: (facts, r, d) => d.t('knowledge-transfer.gap', { actual: facts.kinds, required: r.kinds, n: facts.missing, list: d.list('knowledgeTransfer', facts.add, 'or') }),
    listedItems: (_criterion, _specialty, d) => d.list('knowledgeTransfer', d.standard.scales.knowledgeTransfer.map((k) => k.id), 'or'),
  }),

  mentoring: defineWording({
    requirement: (r, d) => d.t('mentoring.required', { n: r.records }),
    actual: ({ actual }, d) => d.t('mentoring.actual', { n: actual.records }),
    gapFacts: (gap) => ({ records: gap.records }),
    gapSentence: (facts, _required, d) => d.t('mentoring.gap', { n: facts.records }),
  }),
};

/** The wording of one kind (its type follows the kind, so callers need no cast). */
export function criterionWording<K extends CriterionKind>(kind: K): CriterionWording<K> {
  return criterionWordings[kind];
}
