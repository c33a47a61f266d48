import type { Engagement } from '../candidate/candidate.js';
import type { Assessment } from '../engine/assessment.js';
import type { Lang } from '../messages/describe.js';
import type { Standard } from '../standard/loadStandard.js';

/** Colour is decided at the edge (the CLI); reporters only call these. */
export interface Style {
  ok: (text: string) => string;
  bad: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

export const plainStyle: Style = { ok: (t) => t, bad: (t) => t, dim: (t) => t, bold: (t) => t };

export interface ReportOptions {
  lang: Lang;
  standard: Standard;
  style?: Style;
  /** Terminal width for tables. */
  width?: number;
  /** JSON: print an array even for one assessment (several inputs were given). */
  array?: boolean;
  /** Terminal: every level's criteria (the full matrix) instead of the short report. */
  detail?: boolean;
  /**
   * Human formats: every specialty, not only those the person practises (cli.md "Practised specialties"). JSON
   * lists every specialty whatever this says.
   */
  allSpecialties?: boolean;
  /**
   * The engagements of the candidate an assessment was made from (the CLI has the loaded candidate; the result
   * names engagements only by index and title). Pages list those their criteria refer to as #n; without it they
   * list none. Reporters stay pure: they are given the records, never read them.
   */
  engagementsOf?: (assessment: Assessment) => readonly Engagement[] | undefined;
}
