// Mutation testing of the engine, the values and the input (issue 23, item 6): `npm run mutate`. Not run in CI: a full
// run takes a long while on two cores. The tests it runs are vitest.mutate.config.ts's; the HTML report is written to
// reports/mutation/ (gitignored). One folder alone: `npm run mutate -- --mutate 'src/values/**/*.ts'`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/engine/**/*.ts', 'src/values/**/*.ts', 'src/input/**/*.ts'],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants: the date patterns, the eras, the unit tables, the syntax reasons) run every
  // test of the suite each, which made a full run take hours on two cores: they are left out (reported as ignored).
  ignoreStatic: true,
  concurrency: 2,
  // A mutant may make a loop endless: it times out after twice its tests' own time and five seconds more (the slowest
  // test file takes about two).
  timeoutMS: 5_000,
  timeoutFactor: 2,
  reporters: ['html', 'clear-text', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // Copy only what the tests read into the sandbox.
  ignorePatterns: ['/reports/**', '/tmp/**', '/coverage/**', '/bench/**', '/docs/**', '/examples/screenshots/**'],
  // Results kept between runs (reports/, gitignored): a run tests again only the mutants whose code or covering tests
  // changed. `npm run mutate -- --force` tests every mutant.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 85, low: 70, break: null },
};
