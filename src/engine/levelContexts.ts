import type { Candidate, ExpertiseRecord, KnowledgeTransferRecord } from '../candidate/candidate.js';
import type { LevelDefinition, SpecialtyDefinition } from '../standard/standardSchema.js';
import type { EpochDay } from '../values/calendarDate.js';
import type { EvaluationContext, Indexed } from './evaluators/evaluationContext.js';
import { bitCount, MASK_NOT_READ } from './evaluators/evaluator.js';
import { countsFor, type Prepared } from './prepare.js';
import type { SpecialtyPlan, StandardPlan } from './standardPlan.js';

let fitsScratch = new Uint8Array(256);

/**
 * A zeroed table of engagement fits. One buffer serves every specialty in turn (a specialty is evaluated whole
 * before the next, and no result keeps it): a typed array made per specialty of every candidate cost more.
 */
function fitsTable(size: number): Uint8Array {
  if (size > fitsScratch.length) fitsScratch = new Uint8Array(Math.max(size, fitsScratch.length * 2));
  return fitsScratch.fill(0, 0, size);
}

/**
 * The evaluation context of each specialty: one object per specialty of a plan, with its lists, pointed at each
 * candidate and level in turn. A specialty is evaluated whole before the next, no evaluator keeps a context, and no
 * result holds its lists: a context made per specialty of every candidate was the engine's largest allocation.
 */
const reusedContexts = new WeakMap<SpecialtyPlan, { context: EvaluationContext; fits: Uint8Array; levelOf: (level: LevelDefinition, levelIndex: number) => EvaluationContext }>();

/** The evaluation context of a specialty's levels (`levelIndex` the level's place in `specialty.levels`). */
export function levelContexts(prepared: Prepared, plan: SpecialtyPlan): (level: LevelDefinition, levelIndex: number) => EvaluationContext {
  let reused = reusedContexts.get(plan);
  if (!reused) reusedContexts.set(plan, (reused = newContext(prepared.plan, plan)));
  const { context } = reused;
  const id = plan.definition.id;
  // Loops written out, not chained: this runs for every specialty of every candidate of a batch.
  const { engagements, expertise, knowledgeTransfer, mentoring } = context;
  engagements.length = 0;
  for (const engagement of prepared.inScope) {
    if (engagement.specialty !== id) continue;
    engagement.slot = engagements.length;
    engagements.push(engagement);
  }
  expertise.length = 0;
  prepared.candidate.expertise.forEach((record, index) => {
    if (record.specialty === id) expertise.push({ index, record });
  });
  knowledgeTransfer.length = 0;
  for (const entry of prepared.knowledgeTransfer) if (countsFor(entry.record.specialties, id)) knowledgeTransfer.push(entry);
  mentoring.length = 0;
  for (const entry of prepared.mentoring) if (countsFor(entry.record.specialties, id)) mentoring.push(entry);
  context.standard = prepared.standard;
  context.candidate = prepared.candidate;
  context.asOf = prepared.asOf;
  setAreaRanks(context.areaRanks as number[], context.areaDepths as (string | undefined)[], plan.definition, expertise, prepared.plan.depthRank);
  context.knowledgeTransferKinds = distinctKinds(knowledgeTransfer, prepared.plan.knowledgeTransferIndex);
  context.activitiesSeen = MASK_NOT_READ;
  // An engagement's fit to a level's complexity or size is computed once and shared by every criterion that asks
  // (以上 asks it for every level at or above): per (engagement, level, kind), 0 not yet judged, 1 no, 2 yes.
  reused.fits = fitsTable(engagements.length * plan.levels.length * 2);
  return reused.levelOf;
}

function newContext(standardPlan: StandardPlan, plan: SpecialtyPlan): NonNullable<ReturnType<typeof reusedContexts.get>> {
  const levels = plan.levels.length;
  const context: EvaluationContext = {
    standard: standardPlan.standard,
    specialty: plan.definition,
    candidate: undefined as unknown as Candidate, // set for each candidate before use
    asOf: 0 as EpochDay,
    engagements: [],
    expertise: [],
    knowledgeTransfer: [],
    mentoring: [],
    roleRank: standardPlan.roleRank,
    depthRank: standardPlan.depthRank,
    areaRanks: plan.definition.areas.map(() => -Infinity),
    areaDepths: plan.definition.areas.map(() => undefined),
    knowledgeTransferKinds: 0,
    activitiesSeen: MASK_NOT_READ,
    engagementMeets(kind, levelIndex, engagement) {
      const { fits } = reused;
      const slot = (engagement.slot * levels + levelIndex) * 2 + (kind === 'size' ? 1 : 0);
      const level = plan.levels[levelIndex];
      if (fits[slot] === 0 && level) fits[slot] = level.fits[kind](engagement) ? 2 : 1;
      return fits[slot] === 2;
    },
    level: plan.definition.levels[0]!,
    levelIndex: 0,
  };
  const reused = {
    context,
    fits: fitsScratch,
    levelOf: (level: LevelDefinition, levelIndex: number) => {
      context.level = level;
      context.levelIndex = levelIndex;
      return context;
    },
  };
  return reused;
}

/**
 * Each of the specialty's areas' deepest depth reached, as a rank into `ranks` (-Infinity: no record of it) and as
 * the depth of the first record reaching it into `depths`.
 */
function setAreaRanks(ranks: number[], depths: (string | undefined)[], specialty: SpecialtyDefinition, expertise: Indexed<ExpertiseRecord>[], depthRank: (id: string) => number): void {
  ranks.fill(-Infinity);
  depths.fill(undefined);
  const { areas } = specialty;
  for (const { record } of expertise) {
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
  for (const { record } of records) {
    const index = indexOf(record.kind);
    if (index >= 0 && index < 31) seen |= 1 << index;
    else if (index >= 31) (beyond ??= new Set()).add(index);
  }
  return bitCount(seen) + (beyond?.size ?? 0);
}
