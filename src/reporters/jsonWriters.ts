import type { Assessment } from '../engine/assessment.js';
import type { ResultWriter } from './resultWriter.js';
import { AssessmentSerializer } from './serializeAssessment.js';

/**
 * JSON Lines: each result on a line of its own, as JSON.stringify writes it (`itss assess --format jsonl`, the
 * batch's records). The writer's serializer remembers the text of shared results for this run only.
 */
export function jsonLinesWriter(): ResultWriter {
  const serializer = new AssessmentSerializer();
  return {
    begin: () => '',
    result: (a, _first, write) => {
      serializer.write(a, write);
      write('\n');
    },
    end: () => '',
  };
}

/** A JSON array with a result a line (the batch's `--format json`): a file any JSON reader takes whole. */
export function jsonArrayWriter(): ResultWriter {
  const serializer = new AssessmentSerializer();
  return {
    begin: () => '[\n',
    result: (a, first, write) => {
      if (!first) write(',\n');
      serializer.write(a, write);
    },
    end: () => '\n]\n',
  };
}

/**
 * `itss assess --format json`: the result indented as JSON.stringify(result, null, 2) writes it; with `array`
 * (several inputs, or asked for), the results as that call writes the array of them, one result at a time. Without
 * `array` it is given exactly one result.
 */
export function indentedJsonWriter(array: boolean): ResultWriter<Assessment> {
  let empty = true;
  return {
    begin: () => (array ? '[' : ''),
    result: (a, first, write) => {
      empty = false;
      // An element indented as in the whole array: `[\n  {…}\n]` without its brackets (cheaper than indenting
      // the result's own text again line by line).
      write(array ? `${first ? '\n' : ',\n'}${JSON.stringify([a], null, 2).slice(2, -2)}` : JSON.stringify(a, null, 2));
    },
    // JSON.stringify writes an empty array as `[]`.
    end: () => (!array ? '\n' : empty ? ']\n' : '\n]\n'),
  };
}
