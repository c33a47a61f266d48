import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs an ES module snippet against the built package (dist/, built before the tests), as a user's program would. */
const runModule = (code: string) => execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }).trim();

// Which CommonJS modules a snippet loaded (papaparse is one; ES modules do not show here).
const loadedCommonJs = `import { createRequire } from 'node:module'; const loaded = () => Object.keys(createRequire(import.meta.url).cache);`;

describe('the library (package exports)', () => {
  it("import 'itss' assesses without loading the batch's CSV parser", () => {
    const out = runModule(`${loadedCommonJs}
      const { builtinStandard, loadCandidate, evaluate } = await import('itss');
      const { readFileSync } = await import('node:fs');
      const standard = builtinStandard();
      const a = evaluate(standard, loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'x.yaml', standard), { asOf: '2026-04-01' });
      console.log(JSON.stringify([a.specialties[0].level, loaded().some((m) => m.includes('papaparse'))]));`);
    expect(JSON.parse(out)).toEqual([4, false]);
  });

  it("itss/batch runs a batch (and loads the CSV parser then)", () => {
    const out = runModule(`${loadedCommonJs}
      const { builtinStandard } = await import('itss');
      const { runBatch } = await import('itss/batch');
      const levels = [];
      const summary = await runBatch(['examples/hr-export'], { standard: builtinStandard(), asOf: '2026-04-01' }, { assessed: (a) => levels.push(a.candidate.id), rejected: () => {} });
      console.log(JSON.stringify([summary.assessed > 0, levels.length === summary.assessed, loaded().some((m) => m.includes('papaparse'))]));`);
    expect(JSON.parse(out)).toEqual([true, true, true]);
  });
});
