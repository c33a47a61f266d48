import type { AssessmentRecord } from '../engine/assessment.js';
import { isSharedResult } from '../engine/evaluate.js';

const serialized = new WeakMap<object, string>();
/** A shared result's JSON as UTF-8, after a comma (see writeAssessment). */
const serializedBytes = new WeakMap<object, Buffer>();

/** Where JSON goes: text, and, where the writer takes them, bytes already encoded (shared results' JSON). */
export interface JsonSink {
  (text: string): void;
  bytes?: (bytes: Uint8Array) => void;
}

/** The last `"asOf":…,"standard":…` written, and what it was made of: the same for every record of a batch. */
let lastMiddle = { asOf: '', standard: undefined as object | undefined, text: '' };

/**
 * Writes the JSON of an assessment or a batch record, identical to JSON.stringify, in pieces: a writer encodes
 * each as it comes, with no joined copy of the whole. Reuses the text of specialty results shared between
 * candidates (evaluate's `sharedResults`): in a batch most specialties of most people are such results.
 */
export function writeAssessment(assessment: AssessmentRecord, write: JsonSink): void {
  const { candidate, asOf, standard, specialties, warnings } = assessment;
  if (lastMiddle.asOf !== asOf || lastMiddle.standard !== standard) lastMiddle = { asOf, standard, text: `,"asOf":${JSON.stringify(asOf)},"standard":${JSON.stringify(standard)},"specialties":[` };
  write(`{"candidate":${JSON.stringify(candidate)}${lastMiddle.text}`);
  for (let i = 0; i < specialties.length; i++) {
    const s = specialties[i]!;
    // A shared result's JSON is kept encoded, for a writer that takes bytes: copied, not encoded again (at 100k
    // candidates, over half of the 300 MB of JSON Lines).
    if (write.bytes && isSharedResult(s)) {
      let bytes = serializedBytes.get(s);
      if (bytes === undefined) serializedBytes.set(s, (bytes = Buffer.from(`,${JSON.stringify(s)}`, 'utf8')));
      write.bytes(i === 0 ? bytes.subarray(1) : bytes);
      continue;
    }
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
