// A batch split in two (src/batch/splitBatch.ts): the cut found in the files' bytes, each half reading its part,
// the other half on a worker thread running the built bundle (bin/batchHalf.cjs) — and results byte for byte those
// of one thread, or the split given up and the batch run as one thread.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { batchRuns } from './recordedBatchRuns.js';
import { generateDiverseExport } from '../bench/generateDiverseExport.js';
import { startHalfOn, type HalfJob } from '../src/cli/batchHalf.js';
import { joinKey } from '../src/hr/joinHrTables.js';
import { naturalCompare } from '../src/hr/sortedJoin.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { readCsvChunksAs } from '../src/tabular/readCsv.js';
import { windowFrom, keyNear } from '../src/batch/splitCut.js';
import { BatchSplit, GroupedWrites, copyWhileWritten, type HalfCut } from '../src/batch/splitBatch.js';
import { BufferedFile } from '../src/output/atomicFile.js';
import { loadMapping } from '../src/hr/loadMapping.js';
import { main } from '../src/cli/program.js';
import type { BatchJob } from '../src/batch/batchJob.js';

// Each run of runBatch on this thread (batchRuns): a split that holds is one; one given up is run again.
vi.mock('../src/batch/runBatch.js', async (original) => (await import('./recordedBatchRuns.js')).recordingRunBatch(await original()));

const dir = mkdtempSync(join(tmpdir(), 'itss-split-'));
const standard = builtinStandard();
const asOf = '2026-04-01';

/** The rows of a whole reading and of a reading of a window: numbers and texts, each row as one string. */
async function rowsOf(file: string, window?: { headerEnd: number; from: number; row: number }) {
  const rows: [number, string][] = [];
  for await (const table of readCsvChunksAs(file, 'utf-8', window ? { window } : {})) {
    for (let r = 0; r < table.rows.length; r++) rows.push([table.rowNumbers[r], table.rows.get(r).join('\u0001')]);
  }
  return rows;
}

describe('the cut', () => {
  it('is each file\'s first record at or past a key, numbered as a whole reading numbers it, through quoted line breaks, CRLF and a BOM', async () => {
    const lines = ['\uFEFFcandidate_id,name,note'];
    for (let n = 0; n < 300; n++) {
      const id = `E${String(n).padStart(4, '0')}`;
      const note = n % 7 === 0 ? '"a list\nspanning, lines\n"' : n % 5 === 0 ? '"said ""so"""' : `plain ${n}`;
      lines.push(`${id},名前${n},${note}`);
      if (n % 3 === 0) lines.push(`${id},名前${n},again`);
    }
    for (const [name, eol] of [['lf.csv', '\n'], ['crlf.csv', '\r\n']] as const) {
      const file = join(dir, name);
      writeFileSync(file, lines.join(eol) + eol);
      const whole = await rowsOf(file);
      const table = { file, idColumn: 0, keyOf: (cell: string) => joinKey(cell.trim()) };
      for (const key of ['E0000', 'E0007', 'E0150', 'E0151', 'E0299', 'E9999', 'E0149x']) {
        const window = windowFrom(table, (found) => naturalCompare(found, key) >= 0)!;
        expect(window).toBeDefined();
        const first = whole.findIndex(([, text]) => naturalCompare(text.split('\u0001')[0], key) >= 0);
        const part = await rowsOf(file, window);
        expect(part).toEqual(first === -1 ? [] : whole.slice(first));
        if (first !== -1) expect(window.row + 1).toBe(whole[first][0]);
      }
      // A key near the middle is one of the file's ids.
      expect(keyNear(table, 3, 0.5)).toMatch(/^E\d{4}$/);
    }
  });

  it('is not found in a file not written as HR exports write (a quote inside a plain cell, a lone CR)', () => {
    const table = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return { file: join(dir, name), idColumn: 0, keyOf: (cell: string) => cell };
    };
    expect(windowFrom(table('q.csv', 'id,x\nA,1\nB,say "hi"\nC,3\n'), (key) => key >= 'C')).toBeUndefined();
    expect(windowFrom(table('cr.csv', 'id,x\nA,1\rB,2\nC,3\n'), (key) => key >= 'C')).toBeUndefined();
    expect(windowFrom(table('ok.csv', 'id,x\nA,1\nB,"2"\nC,3\n'), (key) => key >= 'C')).toEqual({ headerEnd: 5, from: 15, row: 3 });
  });
});

/**
 * A diverse export whose tables are as a real company's: some people with no engagement row (found only in later
 * tables, so given after everyone of the first), some rejected (a date that is none), in both halves.
 */
function writeExport(name: string, people: number, outOfOrderNearEnd = false): { folder: string; ids: string[] } {
  const folder = join(dir, name);
  generateDiverseExport(people, folder, 7);
  const engagements = join(folder, 'engagements.csv');
  const [header, ...rows] = readFileSync(engagements, 'utf8').split('\n');
  const ids = [...new Set(rows.filter((row) => /^\d/.test(row)).map((row) => row.slice(0, row.indexOf(','))))];
  // Every 37th person loses their engagements (a list cell may span lines: only records starting with their id go,
  // with the lines that continue them).
  const gone = new Set(ids.filter((_, i) => i % 37 === 5));
  const kept: string[] = [];
  let dropping = false;
  for (const row of rows) {
    if (/^\d+,/.test(row)) dropping = gone.has(row.slice(0, row.indexOf(',')));
    if (!dropping) kept.push(row);
  }
  // Every 41st person's first engagement starts on a day that is none.
  const bad = new Set(ids.filter((_, i) => i % 41 === 3));
  const damaged = kept.map((row) => {
    const id = row.slice(0, row.indexOf(','));
    if (!bad.has(id)) return row;
    bad.delete(id);
    return row.replace(/,(\d{4}-\d{2}-\d{2}),/, ',2020-13-45,');
  });
  if (outOfOrderNearEnd) {
    // Two people near the end swapped: the second half's table is not sorted.
    const starts = damaged.map((row, i) => (/^\d+,/.test(row) && !row.includes('"') ? i : -1)).filter((i) => i >= 0);
    const [a, b] = [starts[starts.length - 8], starts[starts.length - 3]];
    [damaged[a], damaged[b]] = [damaged[b], damaged[a]];
  }
  writeFileSync(engagements, [header, ...damaged].join('\n'));
  return { folder, ids };
}

/**
 * `itss batch` of `folder` to `format`, with its errors file: one thread, or with the other half on a worker thread
 * (its tables merged, as large ones are, and split whatever their size).
 */
async function run(folder: string, format: 'jsonl' | 'csv', split: boolean, options: { heldChars?: number; script?: string; mapFile?: string } = {}) {
  const { runBatchJob } = await import('../src/batch/batchJob.js');
  const out = mkdtempSync(join(dir, 'out-'));
  let stderr = '';
  const mapping = options.mapFile === undefined ? {} : { mapping: loadMapping(readFileSync(options.mapFile, 'utf8'), options.mapFile, standard) };
  const job: BatchJob = { inputs: [folder], standard, asOf, format, lang: 'ja', progress: false, runTag: 'test', output: join(out, `results.${format}`), errors: join(out, 'errors.csv'),
    sortedJoin: true, splitFrom: 0, ...mapping };
  const outcomes: unknown[] = [];
  /** The cuts this half sent the other thread. */
  const cuts: HalfCut[] = [];
  const worker = (data: unknown) => {
    const thread = new Worker(options.script ?? join(import.meta.dirname, '..', 'bin', 'batchHalf.cjs'), { workerData: data });
    thread.on('message', (message: { outcome?: { done: boolean } }) => message.outcome && outcomes.push(message.outcome.done));
    const send = thread.postMessage.bind(thread);
    thread.postMessage = (cut: HalfCut | null) => {
      if (cut) cuts.push(cut);
      send(cut);
    };
    return thread;
  };
  const { standard: _, mapping: _mapping, ...rest } = job;
  const halfJob = { ...rest, ...(options.mapFile === undefined ? {} : { mapFile: options.mapFile }) };
  batchRuns.length = 0;
  await runBatchJob(job, { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) },
    ...(split ? { startHalf: startHalfOn(worker, halfJob satisfies HalfJob) } : {}) }, options.heldChars === undefined ? {} : { heldChars: options.heldChars });
  const files = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  return { files, stderr, runs: [...batchRuns], outcomes, cuts };
}

describe('a batch split in two', () => {
  const { folder, ids } = writeExport('diverse', 700);

  it.each(['jsonl', 'csv'] as const)('writes the results, the errors file and stderr of one thread, byte for byte (%s)', async (format) => {
    const one = await run(folder, format, false);
    const two = await run(folder, format, true);
    // It did split, and the split held: the other half done, this half run once.
    expect(two.outcomes).toEqual([true]);
    expect(two.runs).toEqual([true]);
    expect(Object.keys(two.files).sort()).toEqual(['errors.csv', `results.${format}`]);
    expect(two.files).toEqual(one.files);
    expect(two.stderr).toBe(one.stderr);
    // The other thread said through the buffer it shares with this one how much of its first part it had written:
    // some, and no more than the results hold.
    const said = Number(new BigInt64Array(two.cuts[0].written)[0]);
    expect(said).toBeGreaterThan(0);
    expect(said).toBeLessThan(Buffer.byteLength(two.files[`results.${format}`]));
    // The export's trouble is in it: rejected people, and people found only in later tables.
    // The errors file's fourth column is the candidate's id.
    const rejected = one.files['errors.csv'].split('\n').slice(1).filter(Boolean).map((row) => row.split(',')[3]);
    expect(rejected.length).toBeGreaterThan(5);
    // In both halves: people of the first and of the last fifth of the ids (the cut is past the middle).
    const place = (id: string) => ids.indexOf(id) / ids.length;
    expect(rejected.some((id) => place(id) < 0.2) && rejected.some((id) => place(id) > 0.8)).toBe(true);
    if (format === 'jsonl') expect(one.files['results.jsonl']).toMatch(/"no-engagements"/);
  }, 60_000);

  it('splits a folder holding an earlier run\'s errors file too: passed over, said once, by this half', async () => {
    const rerun = join(dir, 'rerun');
    cpSync(folder, rerun, { recursive: true });
    writeFileSync(join(rerun, 'errors.csv'), (await run(folder, 'jsonl', false)).files['errors.csv']);
    const one = await run(rerun, 'jsonl', false);
    const two = await run(rerun, 'jsonl', true);
    expect(two.outcomes).toEqual([true]);
    expect(two.runs).toEqual([true]);
    expect(two.files).toEqual(one.files);
    expect(two.stderr).toBe(one.stderr);
    expect(one.stderr.match(/errors\.csv/g)).toHaveLength(1);
  }, 60_000);

  it('gives the split up when the other half is not sorted, and runs as one thread: the same results', async () => {
    // Large enough that the swap is past the first chunk (1 MB), which a run assuming sorted tables checks first.
    const unsorted = writeExport('unsorted', 2500, true).folder;
    const one = await run(unsorted, 'jsonl', false);
    const two = await run(unsorted, 'jsonl', true);
    expect(two.outcomes).toEqual([false]);
    expect(two.runs).toEqual([true, false]);
    expect(two.files).toEqual(one.files);
    expect(two.stderr).toBe(one.stderr);
  }, 60_000);

  it.each([
    // More to say than a split holds: given up, the run starts again as one thread, and says it once. (Whether the
    // other thread was done by then depends on the machine: its outcome is not asked.)
    ['more to say than it holds', 'jsonl', { heldChars: 300 }, [true, false], undefined],
    // No other thread: this one reads the whole, once.
    ['no other thread to be had', 'csv', { script: join(dir, 'no-such-script.cjs') }, [true], []],
  ] as const)('runs as one thread when there is %s: the same results', async (_, format, options, runs, outcomes) => {
    const one = await run(folder, format, false);
    const two = await run(folder, format, true, options);
    if (outcomes) expect(two.outcomes).toEqual(outcomes);
    expect(two.runs).toEqual(runs);
    expect(two.files).toEqual(one.files);
    expect(two.stderr).toBe(one.stderr);
  }, 60_000);

  it('starts the other thread only for CSV from 96 MB to 256 MB: below, it costs about what it gives; above, two heaps take more memory than flat', () => {
    const started = (csvBytes: number) => {
      let starts = 0;
      const split = new BatchSplit(join(dir, 'never.jsonl'), 'test', () => {
        starts++;
        return { send: () => {}, cut: Promise.resolve(false), outcome: Promise.resolve({ done: false, reason: 'test' }), stop: () => Promise.resolve() };
      }, 1000, csvBytes);
      split.close();
      return starts;
    };
    expect([95, 96, 200, 256, 257, 1800].map((mb) => started(mb * 2 ** 20))).toEqual([0, 1, 1, 1, 0, 0]);
  });

  it('removes the other half\'s file only once its thread has stopped, when this half gives the split up while the other may still write', async () => {
    const file = join(dir, 'cut.csv');
    writeFileSync(file, `candidate_id,name\n${Array.from({ length: 400 }, (_, i) => `${String(i).padStart(5, '0')},person ${i}`).join('\n')}\n`);
    const table = { csv: { file, header: ['candidate_id', 'name'] }, idColumn: { source: { index: 0, readText: (text: string) => text } } };
    let ended!: () => void;
    const split = new BatchSplit(join(dir, 'stopping.jsonl'), 'stop', () => ({ send: () => {}, cut: Promise.resolve(true),
      outcome: new Promise(() => {}), stop: () => new Promise<void>((resolve) => (ended = resolve)) }), 1000, 1, 0);
    expect(await split.plan([table as unknown as Parameters<typeof split.plan>[0][number]], 'natural')).toBeDefined();
    const temporary = () => readdirSync(dir).filter((name) => name.startsWith('.stopping.jsonl.stop.'));
    expect(temporary()).toHaveLength(1);
    const stopping = split.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Its thread not stopped yet: its file stays (its descriptor open) until it has.
    expect(temporary()).toHaveLength(1);
    ended();
    await stopping;
    expect(temporary()).toEqual([]);
  });

  it('reads a mapped export the same in both halves: the mapping loaded again there, the person master\'s columns carried', async () => {
    // The shipped mapped export's people, each again under 400 ids in order: a person master, careers and skills.
    const example = join(import.meta.dirname, '..', 'examples', 'hr-mapping');
    const mapped = join(dir, 'mapped');
    mkdirSync(mapped);
    for (const file of ['社員マスタ.csv', '職務経歴.csv', 'スキル評価.csv']) {
      const [header, ...rows] = readFileSync(join(example, file), 'utf8').trimEnd().split(/\r?\n/);
      const templates = [...new Set(rows.map((row) => row.slice(0, row.indexOf(','))))];
      const lines = [header];
      for (let n = 0; n < 400; n++) {
        const template = templates[n % templates.length];
        for (const row of rows) if (row.startsWith(`${template},`)) lines.push(`B-${String(n).padStart(5, '0')}${row.slice(template.length)}`);
      }
      writeFileSync(join(mapped, file), `${lines.join('\n')}\n`);
    }
    const mapFile = join(example, 'mapping.yaml');
    const one = await run(mapped, 'csv', false, { mapFile });
    const two = await run(mapped, 'csv', true, { mapFile });
    expect(two.outcomes).toEqual([true]);
    expect(two.runs).toEqual([true]);
    expect(two.files).toEqual(one.files);
    expect(two.stderr).toBe(one.stderr);
    // The carried column (入社年月日) is in the results.
    expect(one.files['results.csv']).toMatch(/入社年月日/);
  }, 60_000);

  it('itss batch splits an export of 96 MB and more itself when there are two cores: the results of one thread', async () => {
    const large = join(dir, 'large');
    generateDiverseExport(56_000, large, 11);
    const bytes = readdirSync(large).reduce((sum, file) => sum + statSync(join(large, file)).size, 0);
    expect(bytes).toBeGreaterThan(96 * 2 ** 20);
    const out = mkdtempSync(join(dir, 'cli-'));
    const cli = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'itss.js'), 'batch', large, '-o', join(out, 'results.jsonl'), '--errors', join(out, 'errors.csv'), '--as-of', asOf, '--lang', 'ja'],
      { encoding: 'utf8' });
    expect(cli.status).toBe(0);
    const one = await run(large, 'jsonl', false);
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8')).toBe(one.files['results.jsonl']);
    expect(readFileSync(join(out, 'errors.csv'), 'utf8')).toBe(one.files['errors.csv']);
    expect(cli.stderr).toBe(one.stderr);
    // Nothing left beside the results but the errors file: no part of the other thread's.
    expect(readdirSync(out).sort()).toEqual(['errors.csv', 'results.jsonl']);
    // The same command through the CLI's own code, its worker threads seen: split where two cores are to be had
    // (under `taskset -c 0`, one thread), and the split held.
    const outcomes: boolean[] = [];
    const worker = (data: unknown) => {
      const thread = new Worker(join(import.meta.dirname, '..', 'bin', 'batchHalf.cjs'), { workerData: data });
      thread.on('message', (message: { outcome?: { done: boolean } }) => message.outcome && outcomes.push(message.outcome.done));
      return thread;
    };
    let stderr = '';
    const status = await main(['batch', large, '-o', join(out, 'again.jsonl'), '--as-of', asOf, '--lang', 'ja'],
      { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) }, env: {}, today: () => asOf, worker });
    expect(status).toBe(0);
    expect(outcomes).toEqual(availableParallelism() >= 2 ? [true] : []);
    expect(readFileSync(join(out, 'again.jsonl'), 'utf8')).toBe(one.files['results.jsonl']);
    expect(stderr).toBe(one.stderr);
  }, 120_000);
});

describe('the other half\'s first part, copied while it is written', () => {
  const said = (written: SharedArrayBuffer) => Number(new BigInt64Array(written)[0]);

  it('is said written as it goes, of its first part only, and only when that part is of the first group', () => {
    const writes = (groups: number[]) => {
      const fd = openSync(join(dir, `grouped-${groups.join('-')}.txt`), 'w');
      const written = new SharedArrayBuffer(8);
      const grouped = new GroupedWrites(new BufferedFile('grouped.txt', fd), 1000, written);
      const seen: number[] = [];
      for (const group of groups) {
        grouped.group(group);
        // 3 MB a part, in pieces, through a buffer of 1 MB: written out as it goes, its last piece still buffered.
        for (let i = 0; i < 10; i++) grouped.result('x'.repeat(300_000));
        seen.push(said(written));
      }
      const parts = grouped.done();
      closeSync(fd);
      return { seen, parts };
    };
    const { seen: [first, next], parts } = writes([0, 1]);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(parts[0].to);
    // The first part said to its end (written out as the next begins), the next part's bytes not.
    expect(next).toBe(parts[0].to);
    expect(writes([1, 2]).seen).toEqual([0, 0]);
  });

  it('is copied into the output as it is said written, before the other half is done, and no further', async () => {
    const other = join(dir, 'other-half.txt');
    const otherFd = openSync(other, 'w+');
    const outputFd = openSync(join(dir, 'assembled.txt'), 'w+');
    const output = new BufferedFile('assembled.txt', outputFd);
    output.write('this half\n');
    const written = new SharedArrayBuffer(8);
    let done!: () => void;
    const settled = new Promise<void>((resolve) => (done = resolve));
    const copying = copyWhileWritten(output, otherFd, written, settled);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 30));
    let bytes = 0;
    for (const line of ['a\n', 'bb\n', 'ccc\n']) {
      bytes += writeSync(otherFd, line);
      Atomics.store(new BigInt64Array(written), 0, BigInt(bytes));
      await pause();
    }
    // Copied while the other half goes on.
    expect(readFileSync(join(dir, 'assembled.txt'), 'utf8')).toBe('this half\na\nbb\nccc\n');
    // Written and not said (the next part's bytes): not copied.
    writeSync(otherFd, 'next part\n');
    done();
    expect(await copying).toBe(bytes);
    output.flush();
    expect(readFileSync(join(dir, 'assembled.txt'), 'utf8')).toBe('this half\na\nbb\nccc\n');
    closeSync(otherFd);
    closeSync(outputFd);
  });
});
