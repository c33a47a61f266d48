import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutate` (Stryker, stryker.config.mjs) runs against each mutant of src/engine, src/values and
 * src/input: the in-process unit and property tests that exercise those folders. Left out: the tests that spawn the
 * CLI (which runs dist/, not the mutated source), Chromium, LibreOffice, and the workbook corpora, which would only
 * slow every mutant down.
 */
export default defineConfig({
  test: {
    include: [
      'tests/evaluators.test.ts',
      'tests/engineProperties.test.ts',
      'tests/levelFixtures.test.ts',
      'tests/tailoredStandard.test.ts',
      'tests/calendarDate.test.ts',
      'tests/parseQuantity.test.ts',
      'tests/keyTrie.test.ts',
      'tests/loadCandidate.test.ts',
      'tests/listCells.test.ts',
      'tests/builtinStandard.test.ts',
      'tests/readTextFile.test.ts',
      'tests/userText.test.ts',
      'tests/messageTables.test.ts',
      'tests/mutation*.test.ts',
    ],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
