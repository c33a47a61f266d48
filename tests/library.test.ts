import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Runs an ES module snippet against the built package (dist/, built before the tests), as a user's program would. */
const runModule = (code: string) => execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' }).trim();

/** Every file of the package a module imports, transitively (relative imports of the bundle). */
function moduleGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*["'](\.[^"']+)["']/g)) visit(join(dirname(file), m[1]));
  };
  visit(entry);
  return [...seen];
}

describe('the library (package exports)', () => {
  it("import 'itss' assesses", () => {
    const out = runModule(`
      const { builtinStandard, loadCandidate, evaluate } = await import('itss');
      const { readFileSync } = await import('node:fs');
      const standard = builtinStandard();
      const a = evaluate(standard, loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'x.yaml', standard), { asOf: '2026-04-01' });
      console.log(a.specialties[0].level);`);
    expect(out).toBe('4');
  });

  it("import 'itss' loads none of the batch machinery (no module of src/batch/, src/hr/ or src/tabular/ is in its graph)", () => {
    const loaded = moduleGraph('dist/index.js').map((file) => readFileSync(file, 'utf8'));
    for (const folder of ['batch', 'hr', 'tabular']) expect(loaded.some((code) => code.includes(`// src/${folder}/`)), folder).toBe(false);
    expect(moduleGraph('dist/batch.js').some((file) => readFileSync(file, 'utf8').includes('// src/tabular/csvParser.ts'))).toBe(true);
  });

  it('itss/batch runs a batch', () => {
    const out = runModule(`
      const { builtinStandard } = await import('itss');
      const { runBatch } = await import('itss/batch');
      const ids = [];
      const summary = await runBatch(['examples/hr-export'], { standard: builtinStandard(), asOf: '2026-04-01' }, { assessed: (a) => ids.push(a.candidate.id), rejected: () => {} });
      console.log(JSON.stringify([summary.assessed > 0, ids.length === summary.assessed]));`);
    expect(JSON.parse(out)).toEqual([true, true]);
  });
});
