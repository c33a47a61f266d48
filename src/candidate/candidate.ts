import type { EpochDay } from '../values/calendarDate.js';

/** An engagement (業務経験) after validation: ids resolved, dates as days, sizes in people and yen. */
export interface Engagement {
  title?: string;
  specialty: string;
  role: string;
  from: EpochDay;
  /** Last day, inclusive; null while ongoing. */
  to: EpochDay | null;
  outcome: 'success' | 'failed';
  complexity: string[];
  activities: string[];
  size: Record<string, number>;
}

export interface ExamRecord {
  exam: string;
  /** False for an exam the standard does not list (kept only to be named in warnings). */
  listed: boolean;
  passed?: EpochDay;
}

export interface ExpertiseRecord {
  specialty: string;
  areas: string[];
  depth: string;
}

export interface KnowledgeTransferRecord {
  kind: string;
  /** null: counts for every specialty. */
  specialties: string[] | null;
  title?: string;
  date?: EpochDay;
}

export interface MentoringRecord {
  mentee?: string;
  specialties: string[] | null;
  from?: EpochDay;
}

/** A candidate after validation (candidate-format.md): what the engine reads. */
export interface Candidate {
  id: string;
  name?: string;
  /** 所属: carried into the results (from the people table, or the candidate file). */
  department?: string;
  exams: ExamRecord[];
  engagements: Engagement[];
  expertise: ExpertiseRecord[];
  knowledgeTransfer: KnowledgeTransferRecord[];
  mentoring: MentoringRecord[];
}
