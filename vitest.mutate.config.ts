import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The tests `npm run mutate` (Stryker, stryker.config.mjs) runs against each mutant of src/engine, src/values and
 * src/input: the in-process unit and property tests that exercise those folders. Left out: the tests that spawn the
 * CLI (which runs dist/, not the mutated source), Chromium, LibreOffice, the workbook corpora and the batch, which
 * would only slow every mutant down; and tests/engineProperties.test.ts, whose thousands of generated candidates took
 * two thirds of the time of each mutant every test ran against (a surviving one), which made a run take hours on two
 * cores. What its properties caught, the table tests of tests/mutation*.test.ts assert as exact values. Also left
 * out: the tests of the HR tables and the messages (tests/userText.test.ts, tests/messageTables.test.ts), which test
 * other folders.
 *
 * Run in this order (InListOrder), fastest first: Stryker stops a mutant's run at its first failing test, so a mutant
 * a quick table test kills never waits for the slower ones. The tests written for the mutation run
 * (tests/mutation*.test.ts) come last, so that a report's `killedBy` names one of the suite's own tests wherever one
 * kills the mutant: the score without them can be read from the same report. With MUTATION_TESTS_FIRST=1 they run
 * first instead, which is quicker where that score is not wanted (most mutants die in them).
 */
const TESTS = [
  'tests/keyTrie.test.ts',
  'tests/parseQuantity.test.ts',
  'tests/listCells.test.ts',
  'tests/loadCandidate.test.ts',
  'tests/evaluators.test.ts',
  'tests/builtinStandard.test.ts',
  'tests/readTextFile.test.ts',
  'tests/calendarDate.test.ts',
  'tests/levelFixtures.test.ts',
  'tests/tailoredStandard.test.ts',
  'tests/mutation*.test.ts',
];

const rank = (file: string) => {
  const mine = /^tests\/mutation[^/]*\.test\.ts$/.test(file);
  if (mine && process.env.MUTATION_TESTS_FIRST === '1') return -1;
  const index = TESTS.findIndex((pattern) => (pattern.includes('*') ? mine : pattern === file));
  return index === -1 ? TESTS.length : index;
};

class InListOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    return [...files].sort((a, b) => rank(relative(root, a.moduleId)) - rank(relative(root, b.moduleId)));
  }
}

export default defineConfig({
  test: {
    include: TESTS,
    setupFiles: ['tests/mutationSetup.ts'],
    sequence: { sequencer: InListOrder },
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
