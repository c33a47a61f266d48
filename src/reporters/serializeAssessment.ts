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
    let text = serialized.get(s);
    if (text === undefined) {
      text = JSON.stringify(s);
      if (isSharedResult(s)) serialized.set(s, text);
    }
    write(i === 0 ? text : `,${text}`);
  }
  write(warnings.length === 0 ? '],"warnings":[]}' : `],"warnings":${JSON.stringify(warnings)}}`);
}

/** The JSON of an assessment or a batch record, identical to JSON.stringify (see writeAssessment). */
export function serializeAssessment(assessment: AssessmentRecord): string {
  let json = '';
  writeAssessment(assessment, (text) => (json += text));
  return json;
}
