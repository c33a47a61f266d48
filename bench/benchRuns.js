// What the batch benchmarks (bench/batch.js, bench/memoryCurve.js) share: how a run is measured, how the batch's
// closing line is read, the tools they need, and where the diverse export of N candidates is kept.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDiverseExport } from './generateDiverseExport.js';
import { generateHrExport } from './generateHrExport.js';

export const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs a node script under GNU time: wall seconds, CPU seconds (user + system), peak RSS in MB, exit status (and
 * signal), stdout and stderr. The file system's dirty pages are written out first (`sync`, not timed): the hundreds of
 * MB of output a run leaves would otherwise be written back by the kernel during some later run, whichever that is.
 */
export function measureRun(args) {
  spawnSync('sync');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const lines = run.stderr.trim().split('\n');
  const [seconds, user, system, kb] = lines.pop().split(' ').map(Number);
  return { seconds, cpu: user + system, rssMb: kb / 1024, status: run.status, signal: run.signal, stderr: lines.join('\n'), stdout: run.stdout };
}

/** The batch's closing line, in English or Japanese: candidates assessed and rejections. */
export function batchSummary(stderr) {
  const m = /(\d+) candidate\(s\) assessed; (\d+) rejection/.exec(stderr) ?? /(\d+)人を評価、(\d+)件を却下/.exec(stderr);
  return m ? { assessed: Number(m[1]), rejected: Number(m[2]) } : undefined;
}

/** Stops, saying what to install, when GNU time or the build is missing. */
export function requireBenchTools() {
  if (!existsSync('/usr/bin/time')) {
    console.error('bench needs GNU time (/usr/bin/time): apt-get install time');
    process.exit(2);
  }
  if (!existsSync(join(root, 'dist', 'batch.js'))) {
    console.error('bench needs dist/: node scripts/build.js --no-types');
    process.exit(2);
  }
}

/** The diverse export's folder for N candidates, named by the generator's source: an edited generator writes anew. */
export function diverseExportFolder(n) {
  const hash = createHash('sha256').update(readFileSync(new URL('./generateDiverseExport.js', import.meta.url))).digest('hex').slice(0, 8);
  return join(root, 'tmp', `bench-diverse-${n}-${hash}`);
}

/** The middle value (the upper of the two middle ones of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The generated exports the batch benchmarks measure, by name: each one's folder for N candidates, and how it is
 * written there. `diverse`: values vary as a real company's do; `uniform`: few distinct values.
 */
export const BENCH_EXPORTS = {
  diverse: {
    folder: diverseExportFolder,
    generate: (n, folder) => {
      // Exports of an earlier generator, of this size, are of no more use: remove them (100 MB each at 100k).
      mkdirSync(join(root, 'tmp'), { recursive: true });
      for (const old of readdirSync(join(root, 'tmp')).filter((f) => f.startsWith(`bench-diverse-${n}-`))) rmSync(join(root, 'tmp', old), { recursive: true, force: true });
      generateDiverseExport(n, folder);
    },
  },
  // tmp/bench-N, as before: bench/workbook.js keeps its workbook of the same tables there.
  uniform: { folder: (n) => join(root, 'tmp', `bench-${n}`), generate: (n, folder) => generateHrExport(n, folder) },
};

/** The folder of a bench export of N candidates, written first when it is not there. */
export function benchExport(name, n) {
  const folder = BENCH_EXPORTS[name].folder(n);
  if (!existsSync(join(folder, 'exams.csv'))) BENCH_EXPORTS[name].generate(n, folder);
  return folder;
}
