import type { CriterionKind } from '../standard/standardSchema.js';

/** What a criterion result points at: an entry of the candidate file, by list and index. */
export interface Evidence {
  type: 'engagement' | 'expertise' | 'knowledgeTransfer' | 'mentoring';
  index: number;
  title?: string;
}

/** Why an engagement of the specialty did not count toward a responsibility criterion's years. */
export type ExclusionReason = 'outcome' | 'role' | 'activities' | 'complexity' | 'size';

export interface Exclusion {
  index: number;
  title?: string;
  reasons: ExclusionReason[];
}

/**
 * One criterion's verdict, as data: `required`, `actual` and `gap` hold numbers with their unit in the key
 * (months, conditions, kinds, records), ids and ranks; never sentences (see src/messages).
 */
export interface CriterionResult {
  id: CriterionKind;
  met: boolean;
  required: Record<string, unknown>;
  actual: Record<string, unknown>;
  gap: Record<string, unknown> | null;
  evidence: Evidence[];
  /** responsibility only: the specialty's engagements that did not count, and why. */
  excluded?: Exclusion[];
}

export interface LevelResult {
  level: number;
  page?: string;
  met: boolean;
  criteria: CriterionResult[];
}

export interface NextLevel {
  level: number;
  gaps: CriterionResult[];
}

export interface SpecialtyResult {
  specialty: string;
  /** Highest met level, or null. */
  level: number | null;
  /** Level regarded as reached by a passed exam (AP → 3), reported apart from `level`. */
  examLevel: number | null;
  levels: LevelResult[];
  /** True when some level below `level` is not met (rules.md §6). */
  nonNested: boolean;
  /** The levels below `level` that are not met. */
  unmetBelow: number[];
  next: NextLevel | null;
}

export type WarningCode = 'future-engagement' | 'future-record' | 'unlisted-exam' | 'no-engagements';

export interface AssessmentWarning {
  code: WarningCode;
  /** Where in the candidate (`engagements[3]`, `exams[0]`). */
  path: string;
  value?: unknown;
}

export interface Assessment {
  candidate: { id: string; name?: string };
  asOf: string;
  standard: { id: string; version?: string };
  specialties: SpecialtyResult[];
  warnings: AssessmentWarning[];
}
