// What the batch benchmarks (bench/batch.js, bench/memoryCurve.js) share: how a run is measured, how the batch's
// closing line is read, the tools they need, and where the diverse export of N candidates is kept.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
