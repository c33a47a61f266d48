// Batch benchmark: N synthetic candidates as CSV tables, `itss batch … -o out.jsonl` (the batch record) and
// `-o out.csv` end to end, against two floors over the same files, measured side by side in one run:
//
// - papaparse parse-only (bench/parseOnly.js): the files streamed through papaparse, counting rows. The yardstick
//   cli.md sets the goal against (≤ 3×). It is the honest floor for the goal: it is not itss's code, so the ratio
//   cannot improve by itss reading more slowly, and any cost of itss's own reading shows in it.
// - itss's reader only (bench/readerOnly.js): the batch's first phase alone (bytes → interned cells, rows as cell
//   numbers), nothing after it. A floor of this implementation, not a goal: the batch cannot be faster than it, and
//   the ratio to it says what everything after reading costs; a slower reader would make that ratio look better.
// - `itss validate` on the tables, for reference: the same reading and binding, each distinct value checked as a
//   label, date or amount, the join — everything but scoring and writing (and it reports values it does not accept).
//
// Two exports of each size, side by side: `diverse` (bench/generateDiverseExport.js: values vary as a real
// company's do, so results rarely repeat) and `uniform` (bench/generateHrExport.js: few distinct values, which
// flatters any cache of what repeats). BATCH_EXPORTS=diverse,uniform chooses (default both, in that order);
// BATCH_SIZES=10000,100000 the sizes (default both); RUNS=3 runs of each (default 3), interleaved — each run goes
// through every command and export in turn, so that the machine's noise falls on all alike — and medians printed
// with min–max. Wall time (what the goal is about), CPU time (user + system: steadier on a loaded machine) and peak
// RSS. After the runs, the last CSV output is checked: how many candidates the batch rejected (it says so on
// stderr), and how many distinct next-level gap cells and distinct result rows it holds.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { BENCH_EXPORTS, batchSummary, benchExport, measureRun, median, requireBenchTools, root } from './benchRuns.js';

const sizes = (process.env.BATCH_SIZES ?? '10000,100000').split(',').map(Number);
const runs = Number(process.env.RUNS ?? 3);
const exportNames = (process.env.BATCH_EXPORTS ?? 'diverse,uniform').split(',').map((s) => s.trim()).filter(Boolean);
const asOf = '2026-04-01';

for (const name of exportNames) {
  if (!BENCH_EXPORTS[name]) {
    console.error(`BATCH_EXPORTS: unknown export ${name} (known: ${Object.keys(BENCH_EXPORTS).join(', ')})`);
    process.exit(2);
  }
}

/** measureRun, failing on an exit status other than `okStatuses`. */
function measure(args, okStatuses = [0]) {
  const run = measureRun(args);
  if (!okStatuses.includes(run.status)) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(-800)}`);
  return run;
}

/** Of a results CSV: the distinct non-empty next-level gap cells (every specialty's `… gaps` column) and distinct result rows (all but id and name). */
function distinctResults(file) {
  const { data, meta } = Papa.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  const gapColumns = meta.fields.filter((f) => / gaps$/.test(f));
  const gaps = new Set();
  let gapCells = 0;
  for (const row of data) {
    for (const column of gapColumns) {
      if (!row[column]) continue;
      gaps.add(row[column]);
      gapCells++;
    }
  }
  const results = new Set(data.map((row) => meta.fields.slice(2).map((f) => row[f]).join('\u0001')));
  return { rows: data.length, gapCells, distinctGaps: gaps.size, distinctResults: results.size };
}

requireBenchTools();
measure(['bench/readerOnly.js', '--prepare']);

const COMMANDS = ['papaparse', 'reader', 'validate', 'jsonl', 'csv'];
const LABELS = {
  papaparse: 'floor 1: papaparse parse-only',
  reader: 'floor 2: itss reader only',
  validate: 'itss validate (read+check)',
  jsonl: 'itss batch -o out.jsonl',
  csv: 'itss batch -o out.csv',
};

for (const n of sizes) {
  const subjects = exportNames.map((name) => {
    const folder = benchExport(name, n);
    const files = readdirSync(folder).filter((f) => f.endsWith('.csv')).sort().map((f) => join(folder, f));
    const megabytes = files.reduce((s, f) => s + statSync(f).size, 0) / 1e6;
    const outputs = { jsonl: join(root, 'tmp', `bench-${name}-${n}.jsonl`), csv: join(root, 'tmp', `bench-${name}-${n}.csv`) };
    return { name, files, megabytes, outputs, results: Object.fromEntries(COMMANDS.map((c) => [c, []])), rows: 0, summaries: [], validateStatus: [] };
  });
  // Interleaved: every run goes through each export and command in turn.
  for (let i = 0; i < runs; i++) {
    for (const s of subjects) {
      const parse = measure(['bench/parseOnly.js', ...s.files]);
      s.rows = Number(parse.stdout.trim()) - s.files.length; // papaparse counts the header rows too
      s.results.papaparse.push(parse);
      s.results.reader.push(measure(['bench/readerOnly.js', ...s.files]));
      const validate = measure(['bin/itss.js', 'validate', ...s.files], [0, 1]);
      s.validateStatus.push(validate.status);
      s.results.validate.push(validate);
      // Each run writes a new file: replacing the last run's (300 MB of JSON Lines at 100k) would add the kernel's
      // freeing of it to the run. The last run's CSV is kept until it is checked, below.
      for (const format of ['jsonl', 'csv']) {
        rmSync(s.outputs[format], { force: true });
        const run = measure(['bin/itss.js', 'batch', ...s.files, '-o', s.outputs[format], '--as-of', asOf], [0, 1]);
        // Exit 1 is a batch with rejections, said in its closing line; without that line, the run failed.
        const summary = batchSummary(run.stderr);
        if (!summary) throw new Error(`itss batch on the ${s.name} export exited ${run.status} without its closing line: ${run.stderr.slice(-800)}`);
        s.summaries.push(summary);
        s.results[format].push(run);
      }
    }
  }
  for (const s of subjects) {
    s.check = distinctResults(s.outputs.csv);
    for (const out of Object.values(s.outputs)) rmSync(out, { force: true });
  }

  const width = 74;
  const cell = (text) => text.padEnd(width);
  const stat = (results) => {
    const wall = results.map((r) => r.seconds);
    return { wall: median(wall), min: Math.min(...wall), max: Math.max(...wall), cpu: median(results.map((r) => r.cpu)), rss: Math.max(...results.map((r) => r.rssMb)) };
  };
  console.log(`\n${n.toLocaleString('en')} candidates, median of ${runs} interleaved runs. wall: seconds (min–max), ×pp its ratio to papaparse's, ×rd to itss's reader's;`);
  console.log('cpu: user + system seconds, ×pp its ratio to papaparse\'s; peak RSS.');
  console.log(''.padEnd(33) + subjects.map((s) => cell(`${s.name}: ${s.megabytes.toFixed(1)} MB, ${s.rows.toLocaleString('en')} rows`)).join(''));
  for (const command of COMMANDS) {
    const line = subjects.map((s) => {
      const m = stat(s.results[command]);
      const pp = stat(s.results.papaparse);
      const rd = stat(s.results.reader);
      const wall = `${m.wall.toFixed(2)} (${m.min.toFixed(2)}–${m.max.toFixed(2)})`;
      const wallRatios = command === 'papaparse' ? '' : ` ×pp ${(m.wall / pp.wall).toFixed(2)}${command === 'reader' ? '' : ` ×rd ${(m.wall / rd.wall).toFixed(2)}`}`;
      const cpu = `cpu ${m.cpu.toFixed(2)}${command === 'papaparse' ? '' : ` ×pp ${(m.cpu / pp.cpu).toFixed(2)}`}`;
      return cell(`${(wall + wallRatios).padEnd(41)}${cpu.padEnd(20)}${m.rss.toFixed(0).padStart(5)} MB`);
    });
    console.log(`  ${LABELS[command].padEnd(31)}${line.join('')}`);
  }
  const checks = subjects.map((s) => {
    const summary = s.summaries.at(-1);
    const rejected = `${summary.rejected} rejected, ${summary.assessed.toLocaleString('en')} assessed`;
    return cell(`${rejected}${s.validateStatus.some((x) => x !== 0) ? ' (validate: problems)' : ''}`);
  });
  console.log(`  ${'batch says'.padEnd(31)}${checks.join('')}`);
  const distinct = subjects.map((s) => cell(`${s.check.distinctGaps.toLocaleString('en')} of ${s.check.gapCells.toLocaleString('en')} gap cells; ${s.check.distinctResults.toLocaleString('en')} results`));
  console.log(`  ${'distinct in out.csv'.padEnd(31)}${distinct.join('')}`);
}
