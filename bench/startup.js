// Start-up benchmark: `itss assess` on the shipped example against `node -e 0`, median of N runs each,
// interleaved so that machine noise hits both alike. Prints medians and their ratio.
// `node bench/startup.js [checkout …]` measures other checkouts (built) in the same loop, side by side: a change
// against its baseline under the same load.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = [root, ...process.argv.slice(2).map((dir) => resolve(dir))];
const runs = Number(process.env.RUNS ?? 15);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const time = (cwd, args) => {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
};
const assess = ['bin/itss.js', 'assess', 'examples/yamada-hanako.yaml', '--as-of', '2026-04-01'];
/** Whether a checkout has the CLI's code cache for this Node (bin/loadBundle.cjs); without it each start compiles. */
const cached = (dir) => {
  try {
    return readdirSync(`${dir}/dist/cache`).some((f) => f.endsWith(`-${process.version}-${process.arch}.v8`));
  } catch {
    return false;
  }
};

const baseline = [];
const times = roots.map(() => ({ table: [], json: [] }));
for (let i = 0; i < runs + 2; i++) {
  const b = time(root, ['-e', '0']);
  const t = roots.map((dir) => ({ table: time(dir, assess), json: time(dir, [...assess, '--format', 'json']) }));
  if (i < 2) continue; // warm the file cache
  baseline.push(b);
  t.forEach((r, k) => {
    times[k].table.push(r.table);
    times[k].json.push(r.json);
  });
}
const b = median(baseline);
console.log(`start-up, median of ${runs} runs (ms), node ${process.version}:`);
console.log(`  node -e 0                     ${b.toFixed(1)}`);
roots.forEach((dir, k) => {
  if (roots.length > 1) console.log(`${dir}${cached(dir) ? '' : ' (no code cache for this Node)'}`);
  else if (!cached(dir)) console.log('  (no code cache for this Node: the first run writes it)');
  console.log(`  itss assess (table)           ${median(times[k].table).toFixed(1)}  ratio ${(median(times[k].table) / b).toFixed(2)}`);
  console.log(`  itss assess --format json     ${median(times[k].json).toFixed(1)}  ratio ${(median(times[k].json) / b).toFixed(2)}`);
});
