// Two builds of itss compared on one batch, side by side: how each change to the batch's speed is measured (the
// commit messages and README give its figures). The two cores of this machine drift apart in speed by up to 40%
// within minutes, and two runs at once slow each other, so the runs are sequential pairs in A-B-B-A order: each
// pair's ratio compares adjacent runs, and the median of the pairs' ratios is the figure (wall and CPU), with each
// build's median wall time and peak RSS. The two outputs are compared byte for byte first: a change to speed must
// not change a result.
//
//   node bench/compareBuilds.js DIR_A DIR_B [--pairs 6] [--export diverse|uniform|FOLDER] [--size 100000] [--format jsonl|csv]
//     [--outputs-differ] [--instructions]
//
// --instructions: instead of timed pairs, one run of each build under valgrind's callgrind (both at once, and
// papaparse's parse-only pass beside them: each build's count is also given as a ratio to papaparse's), counting
// the instructions it executes, with `node --single-threaded` so that the collector's and the compiler's work is
// counted too (in the one thread). A count is repeatable where a time is not: one build gave 40.33 and 40.49
// billion on the uniform 100k export while another run shared the machine, 0.4% apart, where wall times of one build
// spread 20% on this host. It counts work, not waiting on memory: a change that only makes the data fit the caches
// better shows in time alone. About 50 times slower than a run (some 15 minutes for the diverse 100k export).
//
// --outputs-differ: the outputs are not compared, for a build from before a change to what the batch writes (issue
// 23's measure: the build before its redesign writes no `metOn`); the summary says they were not.
//
// DIR_A and DIR_B are checkouts of the project, each built (node scripts/build.js --no-types); a checkout of another
// commit beside this one: git clone -q . /tmp/a && cd /tmp/a && git checkout REV && ln -s "$OLDPWD/node_modules" .
// The export is generated as bench/batch.js generates it, when not there yet.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_EXPORTS, batchSummary, benchExport, measureRun, median, requireBenchTools, root } from './benchRuns.js';

const USAGE = 'usage: node bench/compareBuilds.js DIR_A DIR_B [--pairs 6] [--export diverse|uniform|FOLDER] [--size 100000] [--format jsonl|csv] [--outputs-differ] [--instructions]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { pairs: { type: 'string', default: '6' }, export: { type: 'string', default: 'diverse' }, size: { type: 'string', default: '100000' },
      format: { type: 'string', default: 'jsonl' }, 'outputs-differ': { type: 'boolean' }, instructions: { type: 'boolean' }, help: { type: 'boolean' } },
  });
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const pairs = Number(values.pairs);
const size = Number(values.size);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 2 || !(pairs >= 1) || !(size >= 1) || !['jsonl', 'csv'].includes(values.format)) {
  console.error(USAGE);
  process.exit(2);
}
const [a, b] = positionals.map((dir) => resolve(dir));
for (const dir of [a, b]) {
  if (!existsSync(join(dir, 'bin', 'itss.js'))) {
    console.error(`${dir}: not a checkout of itss with bin/itss.js`);
    process.exit(2);
  }
}
requireBenchTools();
const folder = values.export in BENCH_EXPORTS ? benchExport(values.export, size) : resolve(values.export);
if (!existsSync(join(folder, 'engagements.csv'))) {
  console.error(`${folder}: no engagements.csv`);
  process.exit(2);
}
const files = readdirSync(folder).filter((f) => f.endsWith('.csv')).sort().map((f) => join(folder, f));
const output = (dir) => join(root, 'tmp', `compare-${dir === a ? 'a' : 'b'}.${values.format}`);

/** One batch by the build in `dir`, its output removed before (a file replaced costs the run its freeing). */
function run(dir) {
  rmSync(output(dir), { force: true });
  const measured = measureRun([join(dir, 'bin', 'itss.js'), 'batch', ...files, '-o', output(dir), '--as-of', '2026-04-01']);
  if (!batchSummary(measured.stderr)) throw new Error(`${dir}: the batch exited ${measured.status} without its closing line: ${measured.stderr.slice(-800)}`);
  return measured;
}

/** Both outputs byte for byte (unless --outputs-differ); exits 1 when they differ. */
function checkOutputs() {
  if (values['outputs-differ'] || readFileSync(output(a)).equals(readFileSync(output(b)))) return;
  console.error(`the two builds' outputs differ: ${output(a)} ${output(b)}`);
  process.exit(1);
}

/** The instructions `node --single-threaded ARGS` executes under callgrind, and what it wrote to stderr. */
function callgrind(args) {
  const scratch = mkdtempSync(join(tmpdir(), 'itss-callgrind-'));
  const valgrindArgs = ['--tool=callgrind', `--callgrind-out-file=${join(scratch, 'out')}`, process.execPath, '--single-threaded', ...args];
  return new Promise((done, fail) => {
    const child = spawn('valgrind', valgrindArgs, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
    child.on('error', (error) => fail(new Error(`valgrind: ${error.message} (apt-get install valgrind)`)));
    child.on('close', () => {
      rmSync(scratch, { recursive: true, force: true });
      const collected = /Collected : (\d+)/.exec(stderr);
      if (!collected) fail(new Error(`${args.join(' ')} under callgrind ended without its count: ${stderr.slice(-800)}`));
      else done({ count: Number(collected[1]), stderr });
    });
  });
}

/** The instructions one batch of the build in `dir` executes, under callgrind (see --instructions). */
async function countInstructions(dir) {
  rmSync(output(dir), { force: true });
  const { count, stderr } = await callgrind([join(dir, 'bin', 'itss.js'), 'batch', ...files, '-o', output(dir), '--as-of', '2026-04-01']);
  if (!batchSummary(stderr)) throw new Error(`${dir}: the batch under callgrind ended without its closing line: ${stderr.slice(-800)}`);
  return count;
}

if (values.instructions) {
  // papaparse's parse-only pass too (bench/batch.js's floor): its ratio in instructions is the same on every
  // processor, where its ratio in time is not (README, Performance: the twelfth round).
  const [countA, countB, floor] = await Promise.all([countInstructions(a), countInstructions(b),
    callgrind([join(root, 'bench', 'parseOnly.js'), ...files]).then((r) => r.count)]).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
  checkOutputs();
  for (const dir of [a, b]) rmSync(output(dir), { force: true });
  const billions = (n) => `${(n / 1e9).toFixed(2)} billion instructions`;
  console.log(`${files.length} tables of ${folder}, -o *.${values.format}; ${values['outputs-differ'] ? 'outputs not compared (--outputs-differ)' : 'outputs byte-identical'}`);
  console.log(`papaparse parse-only: ${billions(floor)}`);
  console.log(`A ${a}: ${billions(countA)} (${(countA / floor).toFixed(2)}x papaparse)`);
  console.log(`B ${b}: ${billions(countB)} (${(countB / floor).toFixed(2)}x papaparse)`);
  console.log(`B/A: instructions ${(countB / countA).toFixed(3)}`);
  process.exit(0);
}

const runs = { [a]: [], [b]: [] };
const ratios = { wall: [], cpu: [] };
for (let pair = 0; pair < pairs; pair++) {
  const order = pair % 2 === 0 ? [a, b] : [b, a];
  const got = Object.fromEntries(order.map((dir) => [dir, run(dir)]));
  if (pair === 0) checkOutputs();
  for (const dir of [a, b]) runs[dir].push(got[dir]);
  ratios.wall.push(got[b].seconds / got[a].seconds);
  ratios.cpu.push(got[b].cpu / got[a].cpu);
  const line = (dir) => `${got[dir].seconds.toFixed(2)} s, cpu ${got[dir].cpu.toFixed(2)} s, ${got[dir].rssMb.toFixed(0)} MB`;
  console.log(`pair ${pair + 1}: A ${line(a)} | B ${line(b)}`);
}
for (const dir of [a, b]) rmSync(output(dir), { force: true });
const summary = (dir) => `median ${median(runs[dir].map((r) => r.seconds)).toFixed(2)} s, peak ${Math.max(...runs[dir].map((r) => r.rssMb)).toFixed(0)} MB`;
console.log(`${files.length} tables of ${folder}, -o *.${values.format}; ${values['outputs-differ'] ? 'outputs not compared (--outputs-differ)' : 'outputs byte-identical'}`);
console.log(`A ${a}: ${summary(a)}`);
console.log(`B ${b}: ${summary(b)}`);
console.log(`B/A, median of ${ratios.wall.length} pairs: wall ${median(ratios.wall).toFixed(3)}, cpu ${median(ratios.cpu).toFixed(3)}`);
