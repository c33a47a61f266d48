/**
 * Set up before each test file of a mutation run (vitest.mutate.config.ts, `npm run mutate`): a property that fails
 * on a mutant stops at its first counterexample, unshrunk. Shrinking only makes the counterexample readable, which
 * a mutation run never shows, and it took up to the test's timeout for each mutant a property killed.
 */
import fc from 'fast-check';

fc.configureGlobal({ endOnFailure: true });
