// Memory curve of the batch (issue 25, item 5): peak RSS of `itss batch FOLDER -o out.jsonl` on the diverse export
// (bench/generateDiverseExport.js) at 10k, 100k, 300k and 1M candidates, each size twice:
//
// - sorted: the tables as generated, sorted by candidate id as HR systems export them. The batch merge-joins them
//   (src/hr/sortedJoin.ts), holding a few thousand candidates at a time: its memory should be flat, not grow with
//   the number of candidates.
// - shuffled: the same tables with their data rows in random order (a seeded shuffle of whole records, quoted line
//   breaks kept inside their record; the header first). The batch cannot merge-join them: up to 256 MB of CSV it
//   reads the tables whole (its memory grows with the export), past that it joins them in passes of about 96 MB,
//   each reading the tables again for a share of the candidates (src/hr/partitionedJoin.ts). The goal is ≤ 512 MB
//   at 300k — and that 1M still finishes.
//
// What it shows is how memory grows, not a single figure: the table gives the peak RSS of each size, and the growth
// per candidate (KB) between sizes, which for sorted input should be near 0 and for shuffled says what each
// candidate held costs. Wall and CPU seconds (user + system: steadier on a loaded machine) are printed beside them,
// and the batch's closing line (candidates assessed, rejections: the diverse export should have none rejected).
//
// The exports are the ones bench/batch.js writes (tmp/bench-diverse-N-HASH, named by the generator's source, so
// that both share them and an edited generator writes anew); the shuffled copy of each sits beside it
// (tmp/bench-diverse-N-HASH-shuffled) and is made once. At 1M the export takes minutes to write and 1.8 GB of disk
// (its shuffled copy as much again), and each batch of it minutes: this is not part of `npm run bench` — run it
// when the batch's memory is the question (`npm run bench:memory`). MEMORY_SIZES=10000,100000 chooses the sizes
// (default 10000,100000,300000,1000000); RUNS=3 runs of each (default 1), sorted and shuffled interleaved, medians
// printed. Each run writes its JSON Lines to a file in tmp/, deleted after it (3 GB at 1M), the file system synced
// before each run (as bench/batch.js does).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { batchSummary, diverseExportFolder, measureRun as measure, median, requireBenchTools, root } from './benchRuns.js';
import { random } from './generateHrExport.js';

const sizes = (process.env.MEMORY_SIZES ?? '10000,100000,300000,1000000').split(',').map(Number).sort((a, b) => a - b);
const runs = Number(process.env.RUNS ?? 1);
const asOf = '2026-04-01';
const SHUFFLE_SEED = 20260401;

/** Reads a whole file into `buffer` (of its size) in chunks: readFileSync stops at 2 GiB. */
function readInto(path, buffer) {
  const fd = openSync(path, 'r');
  try {
    for (let at = 0; at < buffer.length;) {
      const read = readSync(fd, buffer, at, Math.min(1 << 26, buffer.length - at), at);
      if (read === 0) throw new Error(`${path}: shorter than its size`);
      at += read;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the diverse export of N candidates, in a child process (its memory is not this one's), into a folder
 * that takes its name only once complete: an interrupted generation leaves no half export for either benchmark to
 * take for whole. Exports of an earlier generator of this size (and their shuffled copies) are removed first, as
 * bench/batch.js does.
 */
function generate(n, folder) {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  for (const old of readdirSync(join(root, 'tmp')).filter((f) => f.startsWith(`bench-diverse-${n}-`))) rmSync(join(root, 'tmp', old), { recursive: true, force: true });
  const partial = `${folder}.partial`;
  const started = Date.now();
  const run = spawnSync(process.execPath, ['bench/generateDiverseExport.js', String(n), partial], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`generating ${n} candidates exited ${run.status}`);
  renameSync(partial, folder);
  console.error(`  generated ${folder} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Where each CSV record of `bytes` starts, from `from` on: a record ends at a line feed outside quotes. */
function recordStarts(bytes, from) {
  const starts = [];
  let nextQuote = bytes.indexOf(34, from);
  for (let pos = from; pos < bytes.length;) {
    starts.push(pos);
    let at = pos;
    for (;;) {
      const lineFeed = bytes.indexOf(10, at);
      if (nextQuote !== -1 && nextQuote < at) nextQuote = bytes.indexOf(34, at);
      if (lineFeed === -1) {
        pos = bytes.length;
        break;
      }
      if (nextQuote === -1 || nextQuote > lineFeed) {
        pos = lineFeed + 1;
        break;
      }
      // A quoted cell: on past its closing quote ("" inside it is a quote, not the end).
      let close = bytes.indexOf(34, nextQuote + 1);
      while (close !== -1 && bytes[close + 1] === 34) close = bytes.indexOf(34, close + 2);
      if (close === -1) throw new Error('a quoted cell is not closed');
      at = close + 1;
      nextQuote = bytes.indexOf(34, at);
    }
  }
  return starts;
}

/** Copies the CSV `source` to `target`: its header record first, then its data records in a seeded random order. */
function shuffleTable(source, target, seed) {
  const bytes = Buffer.allocUnsafe(statSync(source).size);
  readInto(source, bytes);
  const firstLineFeed = bytes.indexOf(10);
  const headerEnd = firstLineFeed === -1 ? bytes.length : firstLineFeed + 1;
  const starts = recordStarts(bytes, headerEnd);
  const count = starts.length;
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const rnd = random(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const out = Buffer.allocUnsafe(1 << 24);
  let used = 0;
  const fd = openSync(target, 'w');
  const put = (from, to) => {
    if (used + (to - from) > out.length) {
      writeSync(fd, out, 0, used);
      used = 0;
    }
    if (to - from > out.length) writeSync(fd, bytes, from, to - from);
    else used += bytes.copy(out, used, from, to);
  };
  try {
    put(0, headerEnd);
    for (let k = 0; k < count; k++) {
      const i = order[k];
      const from = starts[i];
      const to = i + 1 < count ? starts[i + 1] : bytes.length;
      put(from, to);
      // The last record of the source may lack its line feed: every record of the copy ends in one.
      if (bytes[to - 1] !== 10) {
        if (used + 1 > out.length) {
          writeSync(fd, out, 0, used);
          used = 0;
        }
        out[used++] = 10;
      }
    }
    writeSync(fd, out, 0, used);
  } finally {
    closeSync(fd);
  }
  return count;
}

/** The shuffled copy of the export in `folder`, made once (in a folder named only once complete) and reused. */
function shuffledFolder(folder) {
  const shuffled = `${folder}-shuffled`;
  if (existsSync(shuffled)) return shuffled;
  const partial = `${shuffled}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const started = Date.now();
  const tables = readdirSync(folder).filter((f) => f.endsWith('.csv')).sort();
  tables.forEach((table, i) => shuffleTable(join(folder, table), join(partial, table), SHUFFLE_SEED + i));
  renameSync(partial, shuffled);
  console.error(`  shuffled ${tables.length} tables into ${shuffled} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return shuffled;
}

requireBenchTools();

const KINDS = ['sorted', 'shuffled'];
const rows = [];
for (const n of sizes) {
  const folder = diverseExportFolder(n);
  if (!existsSync(folder)) generate(n, folder);
  const folders = { sorted: folder, shuffled: shuffledFolder(folder) };
  const megabytes = readdirSync(folder).filter((f) => f.endsWith('.csv')).reduce((s, f) => s + statSync(join(folder, f)).size, 0) / 1e6;
  const row = { n, megabytes, sorted: [], shuffled: [] };
  rows.push(row);
  for (let i = 0; i < runs; i++) {
    for (const kind of KINDS) {
      const out = join(root, 'tmp', `memoryCurve-${process.pid}-${n}-${kind}.jsonl`);
      rmSync(out, { force: true });
      const run = measure(['bin/itss.js', 'batch', folders[kind], '-o', out, '--as-of', asOf]);
      rmSync(out, { force: true });
      // Exit 1 is a batch with rejections, said in its closing line; without that line, the run failed.
      run.summary = [0, 1].includes(run.status) ? batchSummary(run.stderr) : undefined;
      if (!run.summary) run.failure = `exit ${run.status ?? run.signal}: ${run.stderr.slice(-400).trim()}`;
      row[kind].push(run);
      const said = run.summary ? `${run.summary.assessed} assessed, ${run.summary.rejected} rejected` : `FAILED (${run.failure})`;
      console.error(`  ${n} ${kind} run ${i + 1}: ${run.rssMb.toFixed(0)} MB peak RSS, ${run.seconds.toFixed(1)} s wall, ${run.cpu.toFixed(1)} s CPU; ${said}`);
    }
  }
}

/** Of one size and kind: medians over its runs that finished (and how many did not). */
function stat(results) {
  const ok = results.filter((r) => r.summary);
  if (!ok.length) return { failed: results.length };
  const last = ok.at(-1).summary;
  return { rss: median(ok.map((r) => r.rssMb)), wall: median(ok.map((r) => r.seconds)), cpu: median(ok.map((r) => r.cpu)), failed: results.length - ok.length, ...last };
}
const stats = rows.map((row) => ({ ...row, sorted: stat(row.sorted), shuffled: stat(row.shuffled) }));
/** KB of peak RSS per candidate between two sizes. */
const growth = (a, b, kind) => (a[kind].rss === undefined || b[kind].rss === undefined ? undefined : ((b[kind].rss - a[kind].rss) * 1024) / (b.n - a.n));
const fmt = (x, digits) => (x === undefined ? '—' : x.toFixed(digits));

console.log(`\nitss batch FOLDER -o out.jsonl --as-of ${asOf} on the diverse export, sorted by candidate id and shuffled; median of ${runs} run(s).`);
console.log('peak RSS in MB; Δ: KB of peak RSS per candidate since the size before; wall and CPU (user + system) in seconds.');
const header = ['candidates', 'CSV MB', 'sorted RSS', 'Δ KB/c', 'wall', 'CPU', 'shuffled RSS', 'Δ KB/c', 'wall', 'CPU', 'assessed', 'rejected (sorted/shuffled)'];
const widths = [11, 8, 11, 8, 8, 8, 13, 8, 8, 8, 11, 0];
const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');
console.log(line(header));
stats.forEach((s, i) => {
  const before = stats[i - 1];
  const cells = [s.n.toLocaleString('en'), s.megabytes.toFixed(0)];
  for (const kind of KINDS) {
    const k = s[kind];
    cells.push(k.rss === undefined ? 'FAILED' : `${k.rss.toFixed(0)}${k.failed ? '*' : ''}`, before ? fmt(growth(before, s, kind), 2) : '', fmt(k.wall, 1), fmt(k.cpu, 1));
  }
  const assessed = [...new Set(KINDS.map((kind) => s[kind].assessed).filter((x) => x !== undefined))].map((x) => x.toLocaleString('en')).join(' / ');
  cells.push(assessed || '—', `  ${KINDS.map((kind) => s[kind].rejected ?? '—').join(' / ')}`);
  console.log(line(cells));
});
if (stats.some((s) => KINDS.some((kind) => s[kind].failed))) console.log('* some runs failed (see above): the figures are of those that finished.');
if (stats.length >= 2) {
  const [a, b] = stats.slice(-2);
  const between = `between ${a.n.toLocaleString('en')} and ${b.n.toLocaleString('en')} candidates`;
  for (const kind of KINDS) console.log(`growth ${between}, ${kind}: ${fmt(growth(a, b, kind), 3)} KB/candidate`);
}
const at300k = stats.find((s) => s.n === 300000);
if (at300k) console.log(`goal: shuffled ≤ 512 MB at 300k: ${at300k.shuffled.rss === undefined ? 'failed' : `${at300k.shuffled.rss.toFixed(0)} MB, ${at300k.shuffled.rss <= 512 ? 'met' : 'NOT met'}`}`);
const at1m = stats.find((s) => s.n === 1000000);
if (at1m) console.log(`goal: 1M finishes: sorted ${at1m.sorted.rss === undefined ? 'FAILED' : 'finished'}, shuffled ${at1m.shuffled.rss === undefined ? 'FAILED' : 'finished'}`);
