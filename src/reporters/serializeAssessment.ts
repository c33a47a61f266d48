import type { AssessmentRecord } from '../engine/assessment.js';
import { isSharedResult } from '../engine/evaluate.js';

/**
 * Writes the JSON of assessments and batch records, identical to JSON.stringify, in pieces: a writer encodes each as
 * it comes, with no joined copy of the whole. One is made per output (a writer owns it), so what it remembers lives
 * as long as that output and never leaks between runs, nor between two outputs written side by side: the text of
 * results shared between candidates (evaluate's `sharedResults`; in a batch most specialties of most people are
 * such results), and the `"asOf":…,"standard":…` every record of a batch has in common.
 */
export class AssessmentSerializer {
  /** The JSON of each shared result met so far, made once (weakly held: a result let go takes its text with it). */
  private readonly sharedTexts = new WeakMap<object, string>();
  /** The last `,"asOf":…,"standard":…,"specialties":[` written, and what it was made of. */
  private middle = { asOf: '', standard: undefined as object | undefined, text: '' };

  /** Writes one assessment or batch record as JSON.stringify would, in pieces. */
  write(assessment: AssessmentRecord, write: (text: string) => void): void {
    const { candidate, asOf, standard, specialties, warnings } = assessment;
    if (this.middle.asOf !== asOf || this.middle.standard !== standard) {
      this.middle = { asOf, standard, text: `,"asOf":${JSON.stringify(asOf)},"standard":${JSON.stringify(standard)},"specialties":[` };
    }
    write(`{"candidate":${JSON.stringify(candidate)}${this.middle.text}`);
    // A specialty's text (some thousand characters) is written as it is, its comma apart: joined, it would be copied
    // whole again (a writer encodes flat text; a joined one is made flat first).
    for (let i = 0; i < specialties.length; i++) {
      const s = specialties[i]!;
      if (i > 0) write(',');
      if (isSharedResult(s)) write(this.sharedJson(s));
      else this.writeSpecialty(s, write);
    }
    write(warnings.length === 0 ? '],"warnings":[]}' : `],"warnings":${JSON.stringify(warnings)}}`);
  }

  /** One assessment's JSON as one string (see write). */
  serialize(assessment: AssessmentRecord): string {
    let json = '';
    this.write(assessment, (text) => (json += text));
    return json;
  }

  /** The JSON of a result shared between candidates, made once. */
  private sharedJson(result: object): string {
    let text = this.sharedTexts.get(result);
    if (text === undefined) this.sharedTexts.set(result, (text = JSON.stringify(result)));
    return text;
  }

  /**
   * Writes a specialty of a batch record as JSON.stringify writes it, with the text of its gaps shared between
   * candidates (evaluate's `sharedResults` shares most of them) made once. A full result (with `levels`) is
   * JSON.stringify's.
   */
  private writeSpecialty(s: AssessmentRecord['specialties'][number], write: (text: string) => void): void {
    if ('levels' in s || s.next === null || !s.next.gaps.some(isSharedResult)) {
      write(JSON.stringify(s));
      return;
    }
    // The record's keys in the order evaluateRecord makes them (tests hold this to JSON.stringify).
    write(`{"specialty":${JSON.stringify(s.specialty)},"practised":${s.practised},"level":${s.level},"examLevel":${s.examLevel},"nonNested":${s.nonNested},"unmetBelow":[${s.unmetBelow.join(',')}],"next":{"level":${s.next.level},"gaps":[`);
    const { gaps } = s.next;
    for (let i = 0; i < gaps.length; i++) {
      const g = gaps[i]!;
      if (i > 0) write(',');
      write(isSharedResult(g) ? this.sharedJson(g) : JSON.stringify(g));
    }
    write(']}}');
  }
}

/**
 * The JSON of an assessment or a batch record, identical to JSON.stringify (see AssessmentSerializer). Remembers
 * nothing between calls: a program writing many records makes one AssessmentSerializer for all of them.
 */
export function serializeAssessment(assessment: AssessmentRecord): string {
  return new AssessmentSerializer().serialize(assessment);
}
