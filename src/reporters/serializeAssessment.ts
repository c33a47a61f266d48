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

  /**
   * The openings of specialties written with their gaps apart (openingOf), by specialty and openingKey: a diverse
   * 100k batch writes 147,000, of a few hundred kinds, each a text of some 200 characters joined from 15 pieces (which
   * a writer copies flat again before encoding it).
   */
  private readonly openings = new Map<string, Map<number, string>>();

  private opening(s: Opened, next: { level: number }): string {
    const key = openingKey(s, next);
    if (key === undefined) return openingOf(s, next);
    let ofSpecialty = this.openings.get(s.specialty);
    if (!ofSpecialty) this.openings.set(s.specialty, (ofSpecialty = new Map<number, string>()));
    let text = ofSpecialty.get(key);
    if (text === undefined) {
      // Bounded whatever the standard: a few hundred kinds are met in practice.
      if (ofSpecialty.size >= 4096) ofSpecialty.clear();
      ofSpecialty.set(key, (text = openingOf(s, next)));
    }
    return text;
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
    write(this.opening(s, s.next));
    const { gaps } = s.next;
    for (let i = 0; i < gaps.length; i++) {
      const g = gaps[i]!;
      if (i > 0) write(',');
      write(isSharedResult(g) ? this.sharedJson(g) : JSON.stringify(g));
    }
    write(']}}');
  }
}

type Opened = Extract<AssessmentRecord['specialties'][number], { unmetBelow: number[] }>;

/**
 * The JSON of a specialty record up to its gaps, by its fields; the keys in the order evaluateRecord makes them
 * (tests hold this to JSON.stringify).
 */
function openingOf(s: Opened, next: { level: number }): string {
  return `{"specialty":${JSON.stringify(s.specialty)},"practised":${s.practised},"level":${s.level},"examLevel":${s.examLevel},"nonNested":${s.nonNested},"unmetBelow":[${s.unmetBelow.join(',')}],"next":{"level":${next.level},"gaps":[`;
}

/** A level (or none) as a number from 0 to 15, or -1 where it is no such number (a level nothing has). */
const small = (level: number | null): number => (level === null ? 0 : Number.isInteger(level) && level >= 1 && level <= 15 ? level : -1);

/**
 * The fields of a specialty's opening other than its id, as one number (levels of 1 to 15 and flags in 30 bits), or
 * undefined where they do not fit.
 */
function openingKey(s: Opened, next: { level: number }): number | undefined {
  const level = small(s.level);
  const examLevel = small(s.examLevel);
  const nextLevel = small(next.level);
  if (level < 0 || examLevel < 0 || nextLevel < 0) return undefined;
  let below = 0;
  for (const unmet of s.unmetBelow) {
    const bit = small(unmet);
    if (bit < 0) return undefined;
    below |= 1 << bit;
  }
  return (((level * 16 + examLevel) * 16 + nextLevel) * 4 + (s.practised ? 2 : 0) + (s.nonNested ? 1 : 0)) * 65536 + below;
}

/**
 * The JSON of an assessment or a batch record, identical to JSON.stringify (see AssessmentSerializer). Remembers
 * nothing between calls: a program writing many records makes one AssessmentSerializer for all of them.
 */
export function serializeAssessment(assessment: AssessmentRecord): string {
  return new AssessmentSerializer().serialize(assessment);
}
