/**
 * A short fuzzing run of every parser a user reaches (candidate files, standard files, mapping files, the batch
 * of HR tables and JSON Lines), with the targets and oracle of the long fuzzer (scripts/fuzzTargets.ts; run it
 * with `npm run fuzz`). A few hundred cases per target, at most a few seconds each; then a few deeply nested
 * inputs in a fresh process, as the CLI meets them. The seed is random per run and printed in every failure;
 * replay a run with FUZZ_SEED=N npx vitest run tests/fuzz.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEEP_REGRESSIONS,
  REGRESSIONS,
  TARGETS,
  caseArbitrary,
  createFuzzContext,
  describeCase,
  disposeFuzzContext,
  isDeep,
  minimizeCase,
  runCase,
  warmUp,
  type Failure,
  type FuzzCase,
  type Verdict,
} from '../scripts/fuzzTargets.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) | 0 : (Math.random() * 2 ** 31) | 0;
/** Cases per target, and the time after which a target stops early (the whole file stays within ~15 s). */
const CASES = 300;
const BUDGET_MS = 3_000;
/** Time spent shrinking the failures of one target into short reproducers. */
const MINIMIZE_MS = 1_500;
const replayHint = `fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run tests/fuzz.test.ts)`;

const ctx = createFuzzContext();
beforeAll(() => warmUp(ctx), 30_000);
afterAll(() => disposeFuzzContext(ctx));

describe(`fuzzing the parsers (seed ${SEED})`, () => {
  it('the reproducers of what fuzzing found end in a result or a located error', async () => {
    const reports: string[] = [];
    for (const c of REGRESSIONS) {
      const verdict = await runCase(ctx, c, { timed: true, rssLimitMb: 1024 });
      for (const f of verdict.failures) reports.push(`- ${f.kind}: ${f.message}\n  ${describeCase(c, 400).replace(/\n/g, '\n  ')}`);
    }
    if (reports.length > 0) expect.fail(`${reports.length} failures of known reproducers:\n${reports.join('\n')}`);
  }, 30_000);

  it.each(TARGETS.map((target, i) => [target, i] as const))('%s: random and mutated inputs end in a result or a located error', async (target, i) => {
    const cases = fc.sample(caseArbitrary(ctx, target, 'ci'), { seed: (SEED + i) | 0, numRuns: CASES });
    const found = new Map<string, { failure: Failure; c: FuzzCase }>();
    const started = Date.now();
    let run = 0;
    for (const c of cases) {
      if (Date.now() - started > BUDGET_MS) break;
      const verdict = await runCase(ctx, c, { timed: true, rssLimitMb: 1024 });
      run++;
      for (const failure of verdict.failures) if (!found.has(failure.signature)) found.set(failure.signature, { failure, c });
    }
    if (found.size === 0) {
      expect(run).toBeGreaterThan(0);
      return;
    }
    const deadline = Date.now() + MINIMIZE_MS;
    const reports: string[] = [];
    for (const [signature, { failure, c }] of found) {
      const rerun = (x: FuzzCase) => runCase(ctx, x, { timed: false });
      const kept = ['slow', 'memory'].includes(failure.kind) ? c : await minimizeCase(c, signature, rerun, deadline);
      const message = kept === c ? failure.message : ((await rerun(kept)).failures.find((f) => f.signature === signature)?.message ?? failure.message);
      reports.push(`- ${failure.kind}: ${message}\n  ${describeCase(kept, 800).replace(/\n/g, '\n  ')}`);
    }
    expect.fail(`${replayHint}, target ${target}: ${found.size} distinct failures in ${run} cases:\n${reports.join('\n')}`);
  }, 30_000);

  // In a long-lived process, whatever V8 compiles lazily has been compiled by the time a deep input comes; in the
  // CLI's fresh process it may be compiled deep in a recursion that exhausts the stack, an abort no catch sees.
  // So a few deeply nested inputs (the known reproducers, and two generated) go through the same targets in fresh processes:
  // the long fuzzer bundled (as `npm run fuzz` runs it) with --replay, which runs each case in a new child.
  it('deeply nested inputs end in a result or a located error in a fresh process too', async () => {
    const generated = (['candidate', 'mapping'] as const).flatMap((target, i) =>
      fc.sample(caseArbitrary(ctx, target, 'ci'), { seed: (SEED + 10 + i) | 0, numRuns: 200 }).filter(isDeep).slice(0, 1),
    );
    const cases = [...DEEP_REGRESSIONS, ...generated];
    const file = join(ctx.workDir, 'deep-cases.json');
    writeFileSync(file, JSON.stringify(cases));
    await build({ entryPoints: ['scripts/fuzz.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: 'tmp/fuzz-ci.mjs', packages: 'external', logLevel: 'error' });
    const run = spawnSync(process.execPath, ['tmp/fuzz-ci.mjs', '--replay', file, '--json'], { encoding: 'utf8', timeout: 25_000, maxBuffer: 64 << 20 });
    const verdicts = JSON.parse(run.stdout.trim().split('\n').pop() || 'null') as Verdict[] | null;
    expect(verdicts, `the replay did not finish (${run.signal ?? run.status}): ${run.stderr.slice(-2000)}`).not.toBeNull();
    const reports = verdicts!.flatMap((v, i) => v.failures.map((f) => `- ${f.kind}: ${f.message}\n  ${describeCase(cases[i], 400).replace(/\n/g, '\n  ')}`));
    if (reports.length > 0) expect.fail(`${replayHint}: ${reports.length} failures of deep inputs in a fresh process:\n${reports.join('\n')}`);
  }, 30_000);
});
