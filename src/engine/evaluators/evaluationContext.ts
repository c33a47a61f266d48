import type { EpochDay, Period } from '../../values/calendarDate.js';
import type { Candidate, Engagement, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from '../../candidate/candidate.js';
import type { Standard } from '../../standard/loadStandard.js';
import type { CriterionKind, LevelDefinition, SpecialtyDefinition } from '../../standard/standardSchema.js';

/** An engagement of the specialty being evaluated, with its index in the candidate file and its end clipped to asOf. */
export interface EngagementInScope extends Engagement {
  index: number;
  /** Last counted day: `to`, or the assessment date when ongoing or ending later. */
  end: EpochDay;
  /** `from` to `end`: the days that may count. */
  period: Period;
  /** `complexity` as bits (complexityBits), -1 when its ids have none. */
  complexityMask: number;
  /** `activities` as bits (activityBits), -1 when its ids have none. */
  activityMask: number;
  /** The rank of `role` on the standard's scale. */
  roleRank: number;
  /** Its place among the engagements in scope of its specialty (the row of the fits table). */
  slot: number;
}

/** A record of the candidate file with its index there (evidence names records by index). */
export type Indexed<T> = T & { readonly index: number };

/**
 * Every key of T, the optional ones too: a copy of a record written field by field `satisfies` it, so that a field
 * added to the record and not to the copy does not compile. (Such copies have one shape whatever fields a record
 * leaves out, where a spread made as many shapes as there were, which slowed every reader of them.)
 */
export type EveryKey<T> = { [K in keyof T]-?: unknown };

export interface EvaluationContext {
  standard: Standard;
  specialty: SpecialtyDefinition;
  level: LevelDefinition;
  /** Position of `level` in `specialty.levels` (lowest first): the levels at or above are those from here on. */
  levelIndex: number;
  candidate: Candidate;
  asOf: EpochDay;
  /** The specialty's engagements that started on or before asOf. */
  engagements: EngagementInScope[];
  expertise: Indexed<ExpertiseRecord>[];
  /** Records that count for this specialty and are not dated after asOf. */
  knowledgeTransfer: Indexed<KnowledgeTransferRecord>[];
  mentoring: Indexed<MentoringRecord>[];
  roleRank: (id: string) => number;
  depthRank: (id: string) => number;
  /** The deepest depth reached in each of the specialty's areas, as a rank, in `specialty.areas` order (-Infinity: none). */
  areaRanks: readonly number[];
  /** The depth of each area's deepest record (the first of them), in the same order (undefined: none). */
  areaDepths: readonly (string | undefined)[];
  /** The activities of all the specialty's engagements as bits (-1 when some engagement's ids have none). */
  activitiesSeen: number;
  /** How many distinct kinds of knowledge transfer (of the standard's scale) count. */
  knowledgeTransferKinds: number;
  /**
   * A list the evaluators gather periods into, owned by the evaluation (one per context, reused: the engine measures
   * periods for every responsibility criterion of every candidate). Nothing outside a call keeps it. Scratch, not
   * an input: no evaluator declares it.
   */
  periods: Period[];
  /**
   * Does this one engagement meet the `kind` criterion of the specialty's level at `levelIndex` (a level without one:
   * yes)? A function of the engagement and the standard only (remembered per engagement): reading it reads nothing
   * of the candidate besides the engagement, so no evaluator declares it.
   */
  engagementMeets(kind: EngagementKind, levelIndex: number, engagement: EngagementInScope): boolean;
}

/**
 * The fields of a context that are the same for every candidate of a criterion: its place in the standard, the
 * standard's scales, the assessment date (a batch's shared results are held per standard and date), and the
 * evaluation's scratch and fits. Any evaluator may read them.
 */
export const SCOPE_FIELDS = ['standard', 'specialty', 'level', 'levelIndex', 'roleRank', 'depthRank', 'asOf', 'periods', 'engagementMeets'] as const;
export type ScopeField = (typeof SCOPE_FIELDS)[number];

/** The fields of a context that hold the candidate: an evaluator reads only those it declares (see Reads). */
export type CandidateField = Exclude<keyof EvaluationContext, ScopeField>;

/**
 * The fields of a context worked out from others (levelContexts.ts), each with what it is worked out from: of a
 * list of records, the keys read of each (or `true`, the list whole). The same values of those give the same value
 * of it (the standard's scales aside, which every shared result is held per). An evaluator declares what it reads
 * (Reads); a key of what it reads names these sources instead (see fieldKey's callers): fewer pieces than the
 * values worked out (an area's rank and depth for each of the specialty's areas, where a person has a record or
 * two, or none).
 */
export const DERIVED_FIELDS = {
  areaRanks: { expertise: ['areas', 'depth'] },
  areaDepths: { expertise: ['areas', 'depth'] },
  knowledgeTransferKinds: { knowledgeTransfer: ['kind'] },
  activitiesSeen: { engagements: true },
} as const satisfies { readonly [F in CandidateField]?: { readonly [S in CandidateField]?: true | readonly string[] } };

/** The kinds one engagement can meet on its own (以上 asks them of each engagement, rules.md §2.1). */
export type EngagementKind = Extract<CriterionKind, 'complexity' | 'size'>;
