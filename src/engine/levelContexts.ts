import type { Candidate, ExpertiseRecord, KnowledgeTransferRecord } from '../candidate/candidate.js';
import type { LevelDefinition, SpecialtyDefinition } from '../standard/standardSchema.js';
import type { DERIVED_FIELDS, EngagementInScope, EvaluationContext, EveryKey, Indexed } from './evaluators/evaluationContext.js';
import { bitCount } from './evaluators/evaluator.js';
import { emptyList } from './emptyList.js';
import { countsFor, type Prepared } from './prepare.js';
import type { SpecialtyPlan, StandardPlan } from './standardPlan.js';

/**
 * The evaluation contexts of one specialty, owned by one evaluation (see Evaluation): a context object with its
 * lists, pointed at each candidate and level in turn. A specialty is evaluated whole before the next, no evaluator
 * keeps a context, and no result holds its lists: a context made per specialty of every candidate was the engine's
 * largest allocation. Nothing here is shared between evaluations, so two can run at once.
 */
export class LevelContexts {
  private readonly context: EvaluationContext;
  /**
   * An engagement's fit to a level's complexity or size, computed once and shared by every criterion that asks (以上
   * asks it for every level at or above): per (engagement slot, level, kind), 0 not yet judged, 1 no, 2 yes.
   */
  private fits = new Uint8Array(64);
  /** The candidate's plan, while its worked-out fields and fits are still to be made (see `of`). */
  private toWorkOut: StandardPlan | undefined;
  private readonly levelOf = (level: LevelDefinition, levelIndex: number): EvaluationContext => {
    if (this.toWorkOut) this.workOut(this.toWorkOut);
    this.context.level = level;
    this.context.levelIndex = levelIndex;
    return this.context;
  };

  constructor(
    standardPlan: StandardPlan,
    private readonly plan: SpecialtyPlan,
  ) {
    const levels = plan.levels.length;
    this.context = {
      standard: standardPlan.standard,
      specialty: plan.definition,
      candidate: undefined as unknown as Candidate, // set for each candidate before use
      asOf: 0,
      engagements: [],
      expertise: [],
      knowledgeTransfer: [],
      mentoring: [],
      roleRank: standardPlan.roleRank,
      depthRank: standardPlan.depthRank,
      areaRanks: plan.definition.areas.map(() => -Infinity),
      areaDepths: plan.definition.areas.map(() => undefined),
      knowledgeTransferKinds: 0,
      activitiesSeen: 0,
      periods: [],
      engagementMeets: (kind, levelIndex, engagement) => {
        const { fits } = this;
        const slot = (engagement.slot * levels + levelIndex) * 2 + (kind === 'size' ? 1 : 0);
        const level = plan.levels[levelIndex];
        if (fits[slot] === 0 && level) fits[slot] = level.fits[kind](engagement) ? 2 : 1;
        return fits[slot] === 2;
      },
      level: plan.definition.levels[0]!,
      levelIndex: 0,
    };
  }

  /**
   * The context of each of the specialty's levels for this candidate (`levelIndex`: the level's place in
   * `specialty.levels`). Its worked-out fields (WORK_OUT) and fits are made when a level's context is first asked
   * for: the key of a shared result reads only the lists (`keyContext`), and most specialties of a batch are found
   * so, never evaluated.
   */
  of(prepared: Prepared): (level: LevelDefinition, levelIndex: number) => EvaluationContext {
    const { context, plan } = this;
    const id = plan.definition.id;
    // Loops written out, not chained or given closures: this runs for every specialty of every candidate of a batch.
    const { engagements, expertise, knowledgeTransfer, mentoring } = context;
    emptyList(engagements);
    const { inScope } = prepared;
    for (let i = 0; i < inScope.length; i++) if (inScope[i]!.specialty === id) engagements.push(inScope[i]!);
    emptyList(expertise);
    const records = prepared.candidate.expertise;
    for (let index = 0; index < records.length; index++) {
      const { specialty, areas, depth } = records[index]!;
      if (specialty === id) expertise.push({ specialty, areas, depth, index } satisfies EveryKey<Indexed<ExpertiseRecord>>);
    }
    emptyList(knowledgeTransfer);
    const transfers = prepared.knowledgeTransfer;
    for (let i = 0; i < transfers.length; i++) if (countsFor(transfers[i]!.specialties, id)) knowledgeTransfer.push(transfers[i]!);
    emptyList(mentoring);
    const mentored = prepared.mentoring;
    for (let i = 0; i < mentored.length; i++) if (countsFor(mentored[i]!.specialties, id)) mentoring.push(mentored[i]!);
    context.standard = prepared.standard;
    context.candidate = prepared.candidate;
    context.asOf = prepared.asOf;
    this.toWorkOut = prepared.plan;
    return this.levelOf;
  }

  /**
   * The context as `of` left it, its lists the candidate's and its worked-out fields not yet made: what the key of a
   * shared result reads (sourcesOf: the lists each worked-out field is made from, never the field).
   */
  keyContext(): EvaluationContext {
    return this.context;
  }

  private workOut(plan: StandardPlan): void {
    this.toWorkOut = undefined;
    workOutFields(this.context, plan);
    // A zeroed table of fits, grown as needed: one buffer for every candidate in turn (a typed array made per
    // specialty of every candidate cost more).
    const size = this.context.engagements.length * this.plan.levels.length * 2;
    if (size > this.fits.length) this.fits = new Uint8Array(Math.max(size, this.fits.length * 2));
    else this.fits.fill(0, 0, size);
  }
}

type WorkOut = (context: EvaluationContext, plan: StandardPlan) => void;

const workOutAreas: WorkOut = (context, plan) =>
  setAreaRanks(context.areaRanks as number[], context.areaDepths as (string | undefined)[], context.specialty, context.expertise, plan.depthRank);

/**
 * What works out each field of a context that DERIVED_FIELDS names, from the sources it names there and nothing else
 * (keys of what an evaluator reads are made of those; tests hold each to them): an area's rank and depth together.
 */
export const WORK_OUT: Readonly<Record<keyof typeof DERIVED_FIELDS, WorkOut>> = {
  areaRanks: workOutAreas,
  areaDepths: workOutAreas,
  knowledgeTransferKinds: (context, plan) => {
    context.knowledgeTransferKinds = distinctKinds(context.knowledgeTransfer, plan.knowledgeTransferIndex);
  },
  activitiesSeen: (context) => {
    context.activitiesSeen = activitiesOf(context.engagements);
  },
};

/** Each of WORK_OUT once. */
const WORK_OUTS: readonly WorkOut[] = [...new Set(Object.values(WORK_OUT))];

/** The fields of a context worked out from its lists (see WORK_OUT). */
function workOutFields(context: EvaluationContext, plan: StandardPlan): void {
  for (const workOut of WORK_OUTS) workOut(context, plan);
}

/**
 * Each of the specialty's areas' deepest depth reached, as a rank into `ranks` (-Infinity: no record of it) and as
 * the depth of the first record reaching it into `depths`.
 */
function setAreaRanks(ranks: number[], depths: (string | undefined)[], specialty: SpecialtyDefinition,
  expertise: Indexed<ExpertiseRecord>[], depthRank: (id: string) => number): void {
  ranks.fill(-Infinity);
  depths.fill(undefined);
  const { areas } = specialty;
  for (const record of expertise) {
    const rank = depthRank(record.depth);
    for (let i = 0; i < areas.length; i++) {
      if (rank > ranks[i]! && record.areas.includes(areas[i]!.id)) {
        ranks[i] = rank;
        depths[i] = record.depth;
      }
    }
  }
}

/** How many kinds of the standard's scale the records hold. */
function distinctKinds(records: Indexed<KnowledgeTransferRecord>[], indexOf: (kind: string) => number): number {
  if (records.length === 0) return 0;
  // By bits while the scale's places have them (the built-in scale has 7 kinds).
  let seen = 0;
  let beyond: Set<number> | undefined;
  for (const record of records) {
    const index = indexOf(record.kind);
    if (index >= 0 && index < 31) seen |= 1 << index;
    else if (index >= 31) (beyond ??= new Set()).add(index);
  }
  return bitCount(seen) + (beyond?.size ?? 0);
}

/** The activities of a specialty's engagements as bits (-1 when some engagement's ids have none). */
function activitiesOf(engagements: readonly EngagementInScope[]): number {
  let seen = 0;
  for (const { activityMask } of engagements) {
    if (activityMask < 0) return -1;
    seen |= activityMask;
  }
  return seen;
}
