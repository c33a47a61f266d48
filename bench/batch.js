// Batch benchmark: N synthetic candidates as CSV tables, `itss batch … -o out.jsonl` (the batch record) and
// `-o out.csv` end to end, against a parse-only pass (the same files streamed through papaparse, counting rows),
// measured side by side in one run. Prints wall time, candidates/s, peak RSS and the ratio to the parse-only
// pass, for each N (default 10k and 100k; BATCH_SIZES=1000,5000 to change; RUNS=3 runs each, medians).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHrExport } from './generateHrExport.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sizes = (process.env.BATCH_SIZES ?? '10000,100000').split(',').map(Number);
const runs = Number(process.env.RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs a node script under GNU time: wall seconds and peak RSS in MB. The file system's dirty pages are written out
 * first (`sync`, not timed): the 300 MB of JSON Lines a run leaves would otherwise be written back by the kernel
 * during some later run, whichever that is.
 */
function measure(args) {
  spawnSync('sync');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = run.stderr.trim().split('\n').pop();
  const [seconds, kb] = last.split(' ').map(Number);
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(-500)}`);
  return { seconds, rssMb: kb / 1024 };
}

if (!existsSync('/usr/bin/time')) {
  console.error('bench needs GNU time (/usr/bin/time): apt-get install time');
  process.exit(2);
}

for (const n of sizes) {
  const folder = join(root, 'tmp', `bench-${n}`);
  if (!existsSync(join(folder, 'exams.csv'))) generateHrExport(n, folder);
  const files = readdirSync(folder).filter((f) => f.endsWith('.csv')).map((f) => join(folder, f));
  const megabytes = files.reduce((s, f) => s + statSync(f).size, 0) / 1e6;
  const outputs = { jsonl: join(root, 'tmp', `bench-${n}.jsonl`), csv: join(root, 'tmp', `bench-${n}.csv`) };
  const batch = { jsonl: [], csv: [] };
  const parse = [];
  // Interleaved, so that the machine's noise falls on all three alike.
  for (let i = 0; i < runs; i++) {
    parse.push(measure(['bench/parseOnly.js', ...files]));
    // Each run writes a new file: replacing the last run's (300 MB of JSON Lines at 100k) would add the kernel's
    // freeing of it to the run.
    for (const format of ['jsonl', 'csv']) {
      rmSync(outputs[format], { force: true });
      batch[format].push(measure(['bin/itss.js', 'batch', ...files, '-o', outputs[format], '--as-of', '2026-04-01']));
    }
  }
  for (const out of Object.values(outputs)) rmSync(out, { force: true });
  const p = median(parse.map((r) => r.seconds));
  console.log(`${n} candidates (${megabytes.toFixed(1)} MB of CSV), median of ${runs}:`);
  console.log(`  parse-only pass           ${p.toFixed(2)} s   peak RSS ${Math.max(...parse.map((r) => r.rssMb)).toFixed(0)} MB`);
  for (const format of ['jsonl', 'csv']) {
    const b = median(batch[format].map((r) => r.seconds));
    const rss = Math.max(...batch[format].map((r) => r.rssMb));
    console.log(`  itss batch -o out.${format.padEnd(5)}  ${b.toFixed(2)} s   ${Math.round(n / b)} candidates/s   peak RSS ${rss.toFixed(0)} MB   ratio ${(b / p).toFixed(2)}`);
  }
}
