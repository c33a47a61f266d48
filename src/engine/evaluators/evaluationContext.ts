import type { EpochDay } from '../../values/calendarDate.js';
import type { Candidate, Engagement, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from '../../candidate/candidateSchema.js';
import type { Standard } from '../../standard/loadStandard.js';
import type { CriterionKind, LevelDefinition, SpecialtyDefinition } from '../../standard/standardSchema.js';

/** An engagement of the specialty being evaluated, with its index in the candidate file and its end clipped to asOf. */
export interface EngagementInScope extends Engagement {
  index: number;
  /** Last counted day: `to`, or the assessment date when ongoing or ending later. */
  end: EpochDay;
}

export interface Indexed<T> {
  index: number;
  record: T;
}

export interface EvaluationContext {
  standard: Standard;
  specialty: SpecialtyDefinition;
  level: LevelDefinition;
  candidate: Candidate;
  asOf: EpochDay;
  /** The specialty's engagements that started on or before asOf. */
  engagements: EngagementInScope[];
  expertise: Indexed<ExpertiseRecord>[];
  /** Records that count for this specialty and are not dated after asOf. */
  knowledgeTransfer: Indexed<KnowledgeTransferRecord>[];
  mentoring: Indexed<MentoringRecord>[];
  roleRank(id: string): number;
  depthRank(id: string): number;
  /** Does this one engagement meet the `kind` criterion of `level` (a level without one: yes)? */
  engagementMeets(kind: Extract<CriterionKind, 'complexity' | 'size'>, level: LevelDefinition, engagement: EngagementInScope): boolean;
}
