// runBatch recorded, for test files that mock it (vi.mock's factory is written in each file that mocks; what it
// does is here): `vi.mock('../src/batch/runBatch.js', async (original) => (await import('./recordedBatchRuns.js')).recordingRunBatch(await original()))`.
import type * as RunBatch from '../src/batch/runBatch.js';

/** Each run of runBatch (itss batch's, or a test's): whether it assumed the tables sorted. */
export const batchRuns: boolean[] = [];

/** `assessed`: called as each candidate is told (a test's way into a run under way). */
export const batchHooks: { assessed: (() => void) | undefined } = { assessed: undefined };

/** The runBatch module with its runBatch recorded in batchRuns and batchHooks. */
export function recordingRunBatch(original: typeof RunBatch) {
  return {
    ...original,
    runBatch: (...[inputs, options, events]: Parameters<typeof original.runBatch>) => {
      batchRuns.push(options.assumeSorted === true);
      return original.runBatch(inputs, options, { ...events, assessed: (assessment) => {
        batchHooks.assessed?.();
        events.assessed(assessment);
      } });
    },
  };
}
