import type { Standard } from '../standard/loadStandard.js';
import type { Assessment } from './assessment.js';
import { criterionOfKind, sizeFieldsRead } from '../standard/criterionOfKind.js';
import type { Criterion, CriterionKind, CriterionOf, LevelDefinition, SpecialtyDefinition } from '../standard/standardSchema.js';
import type { CompileScope, EngagementFit, EngagementKind, Verdict } from './evaluators/evaluator.js';
import { engagementEvaluators, evaluators } from './evaluators/evaluators.js';

/** A criterion of the standard with its compiled verdict. */
interface CriterionPlan {
  criterion: Criterion;
  verdict: Verdict;
}

export interface LevelPlan {
  definition: LevelDefinition;
  /** The level's criteria in the standard's order, each with its verdict. */
  criteria: CriterionPlan[];
  /**
   * The same verdicts, cheapest first (each evaluator's `verdictCost`): a level is met when all its criteria are,
   * so the order changes no verdict, and an unmet contribution spares the years' arithmetic.
   */
  verdicts: Verdict[];
  /** One engagement's fit to the level's complexity and to its size (a level without one asks nothing of it). */
  fits: Record<EngagementKind, EngagementFit>;
}

export interface SpecialtyPlan {
  definition: SpecialtyDefinition;
  /** The size fields its size criteria read (sizeFieldsRead): a figure in another is named in a warning. */
  sizeFieldsRead: ReadonlySet<string>;
  /** Its levels, lowest first, as in the standard. */
  levels: LevelPlan[];
}

/**
 * The standard compiled once: every criterion's verdict as a function over numbers read from
 * the standard (ranks, bits, thresholds, month units), every level's fits for one engagement, the scales as ranks.
 * Verdicts come from the plan; the detail of a criterion (required, actual, gap, evidence) from its evaluator's
 * `evaluate`, asked only for the levels a result shows. One plan per standard, made on first use and kept.
 */
export interface StandardPlan {
  standard: Standard;
  /**
   * The standard as results name it, one object for every result of the standard (read-only, as shared results
   * are): a writer that remembers the text of the last one (AssessmentSerializer) writes it once for a whole batch.
   */
  head: Assessment['standard'];
  /** The standard's specialties in its file order. */
  specialties: SpecialtyPlan[];
  roleRank: (id: string) => number;
  depthRank: (id: string) => number;
  /** The place of a kind of knowledge transfer on the standard's scale, or -1. */
  knowledgeTransferIndex: (kind: string) => number;
  /** The place of a specialty among `specialties`, or -1. */
  specialtyIndex: (id: string) => number;
}

const plans = new WeakMap<Standard, StandardPlan>();

/** The plan of a standard (the standard must not change once planned: loaded standards are not). */
export function standardPlan(standard: Standard): StandardPlan {
  let plan = plans.get(standard);
  if (!plan) plans.set(standard, (plan = compileStandard(standard)));
  return plan;
}

/** A level's verdict: all its criteria met. */
export function levelMet(level: LevelPlan, context: Parameters<Verdict>[0]): boolean {
  for (const verdict of level.verdicts) if (!verdict(context)) return false;
  return true;
}

const ALWAYS_FITS: EngagementFit = () => true;

function compileStandard(standard: Standard): StandardPlan {
  const rankOf = (scale: { id: string; rank: number }[]) => {
    const ranks = new Map(scale.map((item) => [item.id, item.rank]));
    return (id: string) => ranks.get(id) ?? 0;
  };
  const roleRank = rankOf(standard.scales.role);
  const depthRank = rankOf(standard.scales.depth);
  /** Where an item is in a list of the standard's, by its id (-1: not there). */
  const placeOf = (items: readonly { id: string }[]) => {
    const places = new Map(items.map((item, i) => [item.id, i]));
    return (id: string) => places.get(id) ?? -1;
  };
  return {
    standard,
    head: standard.version === undefined ? { id: standard.id } : { id: standard.id, version: standard.version },
    roleRank,
    depthRank,
    knowledgeTransferIndex: placeOf(standard.scales.knowledgeTransfer),
    specialtyIndex: placeOf(standard.specialties),
    specialties: standard.specialties.map((specialty) => ({
      definition: specialty,
      sizeFieldsRead: new Set(sizeFieldsRead(specialty, standard.sizeFields)),
      levels: specialty.levels.map((level, levelIndex): LevelPlan => {
        const scope: CompileScope = { standard, specialty, level, levelIndex, roleRank, depthRank };
        const criteria = level.criteria.map((criterion) => ({ criterion, verdict: compileCriterion(criterion.kind, criterion, scope) }));
        const byCost = criteria.map((c, i) => ({ verdict: c.verdict, cost: evaluators[c.criterion.kind].verdictCost, i }));
        byCost.sort((a, b) => a.cost - b.cost || a.i - b.i);
        return { definition: level, criteria, verdicts: byCost.map((c) => c.verdict), fits: { complexity: fitOf('complexity', level), size: fitOf('size', level) } };
      }),
    })),
  };
}

function compileCriterion<K extends CriterionKind>(kind: K, criterion: CriterionOf<K>, scope: CompileScope): Verdict {
  return evaluators[kind].compile(criterion, scope);
}

function fitOf<K extends EngagementKind>(kind: K, level: LevelDefinition): EngagementFit {
  const criterion = criterionOfKind(level, kind);
  return criterion === undefined ? ALWAYS_FITS : engagementEvaluators[kind].fit(criterion, level);
}
