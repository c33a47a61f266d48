// Start-up benchmark: `itss assess` on the shipped example against `node -e 0`, median of N runs each,
// interleaved so that machine noise hits both alike. Prints medians and their ratio.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.RUNS ?? 15);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const time = (args) => {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
};

const baseline = [];
const assess = [];
const assessJson = [];
for (let i = 0; i < runs + 2; i++) {
  const b = time(['-e', '0']);
  const a = time(['bin/itss.js', 'assess', 'examples/yamada-hanako.yaml', '--as-of', '2026-04-01']);
  const j = time(['bin/itss.js', 'assess', 'examples/yamada-hanako.yaml', '--as-of', '2026-04-01', '--format', 'json']);
  if (i < 2) continue; // warm the file cache
  baseline.push(b);
  assess.push(a);
  assessJson.push(j);
}
const b = median(baseline);
console.log(`start-up, median of ${runs} runs (ms):`);
console.log(`  node -e 0                     ${b.toFixed(1)}`);
console.log(`  itss assess (table)           ${median(assess).toFixed(1)}  ratio ${(median(assess) / b).toFixed(2)}`);
console.log(`  itss assess --format json     ${median(assessJson).toFixed(1)}  ratio ${(median(assessJson) / b).toFixed(2)}`);
