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

/** A size option as a criterion's `required` states it: lower bounds per size field, and complexity conditions. */
export interface SizeOptionRequired {
  anyOf: Record<string, number>;
  complexityAtLeast?: number;
}

/** Figures of one engagement's size fields (null where it has none), beside which engagement and option. */
export interface SizeActual {
  /** Index of the engagement measured (met: the first that meets; not met: the closest), null with none. */
  engagement?: number | null;
  /** The option it meets (met only). */
  option?: number;
  /** Complexity conditions of the level it ticks. */
  conditions?: number;
  [field: string]: number | null | undefined;
}

/**
 * `required`, `actual` and `gap` of each criterion kind: numbers with their unit in the key (months,
 * conditions, kinds, records), ids and ranks; never sentences (the message tables word them).
 */
export interface CriterionShapes {
  responsibility: {
    required: { months: number; role: string; success: boolean; activities: string[]; experiences: string[]; atOrAboveLevel: number | null };
    actual: { months: number; engagements: number; experiences: string[] };
    gap: { months?: number; experiences?: string[] };
  };
  complexity: {
    required: { conditions: number; outOf: number; including: string[]; success: boolean };
    actual: { conditions: number; engagement: number | null; ticked: string[] };
    gap: { conditions: number; including: string[] };
  };
  size: {
    required: { unspecified: true } | { options: SizeOptionRequired[]; success: boolean };
    actual: SizeActual;
    gap: { option: number; shortfall: Record<string, number>; conditions: number };
  };
  expertise: {
    required: { depth: string; areas: 'all' | 'any'; outOf: number };
    actual: { areas: Record<string, string>; reached: number };
    gap: { depth: string; areas: string[]; mode: 'all' | 'any' };
  };
  'knowledge-transfer': {
    required: { kinds: number };
    actual: { kinds: number; present: string[] };
    gap: { kinds: number; add: string[] };
  };
  mentoring: {
    required: { records: number };
    actual: { records: number };
    gap: { records: number };
  };
}

export type RequiredOf<K extends CriterionKind> = CriterionShapes[K]['required'];

/** One criterion's verdict, as data; for a union of kinds, the union of their results (`id` narrows it). */
export type CriterionResultOf<K extends CriterionKind> = K extends CriterionKind
  ? {
      id: K;
      met: boolean;
      required: CriterionShapes[K]['required'];
      actual: CriterionShapes[K]['actual'];
      gap: CriterionShapes[K]['gap'] | null;
      evidence: Evidence[];
      /** responsibility only, where the years fall short: the specialty's engagements that did not count, and why. */
      excluded?: Exclusion[];
      /**
       * responsibility only, where the months alone fall short and engagements that count go on: the first day
       * (`YYYY-MM-DD`) on which assessing meets the criterion if they go on as written (cli.md).
       */
      metOn?: string;
    }
  : never;

/** A criterion result of any kind. */
export type CriterionResult = CriterionResultOf<CriterionKind>;

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
  /** Has the candidate an engagement (on the assessment date) or an expertise record in it (cli.md)? */
  practised: boolean;
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

/** A specialty's result without `levels`: the batch record's (cli.md "Batch record"). */
export type SpecialtyRecord = Omit<SpecialtyResult, 'levels'>;

export type WarningCode = 'future-engagement' | 'future-record' | 'unlisted-exam' | 'undated-exam' | 'unread-size-field' | 'no-engagements';

export interface AssessmentWarning {
  code: WarningCode;
  /** Where in the candidate (`engagements[3]`, `exams[0]`). */
  path: string;
  value?: string;
  /** The specialty the warning is about (unread-size-field: whose size criteria do not read the field). */
  specialty?: string;
}

/** The batch record: an assessment whose specialties carry their verdicts and next level, without `levels`. */
export interface AssessmentRecord {
  /** `attributes`: the people table's columns a batch's mapping carries into the results, by their header. */
  candidate: { id: string; name?: string; department?: string; attributes?: Record<string, string> };
  asOf: string;
  standard: { id: string; version?: string };
  specialties: SpecialtyRecord[];
  warnings: AssessmentWarning[];
}

/** The result of `itss assess --format json` (cli.md "JSON result"). */
export interface Assessment extends AssessmentRecord {
  specialties: SpecialtyResult[];
}
