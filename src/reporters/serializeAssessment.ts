import type { AssessmentRecord } from '../engine/assessment.js';
import { isSharedResult } from '../engine/evaluate.js';

const serialized = new WeakMap<object, string>();

/** The last `"asOf":…,"standard":…` written, and what it was made of: the same for every record of a batch. */
let lastMiddle = { asOf: '', standard: undefined as object | undefined, text: '' };

/**
 * Writes the JSON of an assessment or a batch record, identical to JSON.stringify, in pieces: a writer encodes
 * each as it comes, with no joined copy of the whole. Reuses the text of specialty results shared between
 * candidates (evaluate's `sharedResults`): in a batch most specialties of most people are such results.
 */
export function writeAssessment(assessment: AssessmentRecord, write: (text: string) => void): void {
  const { candidate, asOf, standard, specialties, warnings } = assessment;
  if (lastMiddle.asOf !== asOf || lastMiddle.standard !== standard) lastMiddle = { asOf, standard, text: `,"asOf":${JSON.stringify(asOf)},"standard":${JSON.stringify(standard)},"specialties":[` };
  write(`{"candidate":${JSON.stringify(candidate)}${lastMiddle.text}`);
  for (let i = 0; i < specialties.length; i++) {
    const s = specialties[i]!;
    const text = isSharedResult(s) ? sharedJson(s) : specialtyJson(s);
    write(i === 0 ? text : `,${text}`);
  }
  write(warnings.length === 0 ? '],"warnings":[]}' : `],"warnings":${JSON.stringify(warnings)}}`);
}

/** The JSON of a result shared between candidates, made once. */
function sharedJson(result: object): string {
  let text = serialized.get(result);
  if (text === undefined) serialized.set(result, (text = JSON.stringify(result)));
  return text;
}

/**
 * A specialty of a batch record as JSON.stringify writes it, with the text of its gaps shared between candidates
 * (evaluate's `sharedResults` shares most of them) made once. A full result (with `levels`) is JSON.stringify's.
 */
function specialtyJson(s: AssessmentRecord['specialties'][number]): string {
  if ('levels' in s || s.next === null || !s.next.gaps.some(isSharedResult)) return JSON.stringify(s);
  let gaps = '';
  for (const g of s.next.gaps) gaps += `${gaps === '' ? '' : ','}${isSharedResult(g) ? sharedJson(g) : JSON.stringify(g)}`;
  // The record's keys in the order evaluateRecord makes them (tests hold this to JSON.stringify).
  return `{"specialty":${JSON.stringify(s.specialty)},"practised":${s.practised},"level":${s.level},"examLevel":${s.examLevel},"nonNested":${s.nonNested},"unmetBelow":[${s.unmetBelow.join(',')}],"next":{"level":${s.next.level},"gaps":[${gaps}]}}`;
}

/** The JSON of an assessment or a batch record, identical to JSON.stringify (see writeAssessment). */
export function serializeAssessment(assessment: AssessmentRecord): string {
  let json = '';
  writeAssessment(assessment, (text) => (json += text));
  return json;
}
