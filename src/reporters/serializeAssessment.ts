import type { AssessmentRecord } from '../engine/assessment.js';
import { isSharedResult } from '../engine/evaluate.js';

const serialized = new WeakMap<object, string>();

/**
 * JSON of an assessment or a batch record, identical to JSON.stringify, reusing the text of specialty results shared between
 * candidates (evaluate's `sharedResults`): in a batch most specialties of most people are such results.
 */
export function serializeAssessment(assessment: AssessmentRecord): string {
  const specialties = assessment.specialties.map((s) => {
    let text = serialized.get(s);
    if (text === undefined) {
      text = JSON.stringify(s);
      if (isSharedResult(s)) serialized.set(s, text);
    }
    return text;
  });
  const { candidate, asOf, standard, warnings } = assessment;
  return `{"candidate":${JSON.stringify(candidate)},"asOf":${JSON.stringify(asOf)},"standard":${JSON.stringify(standard)},"specialties":[${specialties.join(',')}],"warnings":${JSON.stringify(warnings)}}`;
}
