import type { Diagnostic } from '../input/diagnostic.js';
import type { Standard } from '../standard/loadStandard.js';
import { Describer, type Lang } from '../messages/describe.js';
import { groupThousands } from '../messages/messageTable.js';
import { statSync } from 'node:fs';
import { AtomicFile, BufferedFile } from '../output/atomicFile.js';
import { expandInputs } from './expandInputs.js';
import type { TextEncodingName } from '../tabular/decodeText.js';
import type { Mapping } from '../hr/loadMapping.js';
import { errorsCsvHeader, errorsCsvRows } from '../reporters/csvResults.js';
import { outputOf, type BatchFormat } from '../reporters/outputFormats.js';
import { missingTables } from '../hr/missingTables.js';
import { runBatch, type BatchEvents, type BatchSummary } from './runBatch.js';
import { NotSortedAsAssumed } from '../hr/sortedJoin.js';
import { BatchSplit, GroupedWrites, SplitVoid, windowsAt, type HalfCut, type HalfOutcome, type JoinEdge, type StartHalf } from './splitBatch.js';
import type { ResultWriter } from '../reporters/resultWriter.js';
import type { Rejection } from '../input/diagnostic.js';
import type { XlsxResults } from '../reporters/xlsxResults.js';

/** Everything `itss batch` needs once its options are checked. */
export interface BatchJob {
  inputs: string[];
  standard: Standard;
  mapping?: Mapping;
  asOf: string;
  encoding?: TextEncodingName;
  format: BatchFormat;
  lang: Lang;
  /** Results file; stdout when absent. */
  output?: string;
  errors?: string;
  /** Write every candidate's full result instead of the batch record (`--detail`). */
  detail?: boolean;
  /** `--all-specialties`: the next level of the specialties a person does not practise too (CSV, workbook, summary). */
  allSpecialties?: boolean;
  /** Show a progress line on stderr (a terminal, not the one the results go to). */
  progress: boolean;
  /** Names this run's temporary files (the CLI gives its process id, so an interrupted run can remove them). */
  runTag: string;
  /** How HR tables sorted by candidate id are joined (see BatchInputOptions' sortedJoin; tests choose). */
  sortedJoin?: boolean;
  /** Split the batch in two from this many bytes of CSV (see splitBatch.ts' SPLIT_FROM_BYTES; tests choose less). */
  splitFrom?: number;
}

export interface BatchIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The clock of the progress line, in milliseconds (Date.now unless given). */
  now?: () => number;
  /**
   * Takes what the run has to say should it be interrupted (a signal): what it holds of stderr until its end (see
   * runBatchJob). The CLI says it before it exits.
   */
  interrupted?(say: () => void): void;
  /**
   * Starts the other half of a batch split in two on another thread (splitBatch.ts): the CLI gives it where there are
   * two cores or more. Absent, a batch is one thread.
   */
  startHalf?: StartHalf;
}

/**
 * What a run that assumes its tables sorted holds of stderr at most, in characters (about 50,000 rejections): one that
 * has more to say starts again, reading the tables first, so that a run rejecting most of a million candidates holds
 * no hundreds of megabytes of words.
 */
const HELD_CHARS = 8 * 2 ** 20;

/** A run assuming its tables sorted that had more to say than it holds (HELD_CHARS). */
class TooMuchToHold extends Error {}

/**
 * Runs a batch job: results to the output (atomically), rejections to stderr and the errors file. `limits` (tests
 * choose smaller): what a run assuming its tables sorted holds of stderr (HELD_CHARS).
 */
export async function runBatchJob(job: BatchJob, io: BatchIO, limits: { heldChars?: number } = {}): Promise<BatchSummary> {
  // Results to a file, and no progress line (which tells the number of candidates first): the HR tables are assumed
  // sorted by candidate id, as HR systems export them, and read once, not first to learn that they are (see
  // readInputs' assumeSorted), what is said on stderr held until the run ends. Should they not be, that run's files
  // are let go uncommitted and its words unsaid, and the run starts again, reading the tables first. Results to
  // stdout are written as they come, which no second start could take back. (Tables joined read whole: nothing to assume.)
  if (job.output === undefined || job.progress || job.sortedJoin === false) return runBatchJobOnce(job, io, false);
  const held: string[] = [];
  let heldChars = 0;
  const hold = (text: string) => {
    if ((heldChars += text.length) > (limits.heldChars ?? HELD_CHARS)) throw new TooMuchToHold();
    held.push(text);
  };
  const say = () => {
    for (const text of held) io.stderr.write(text);
    held.length = 0;
  };
  // Interrupted, the run says what it held: what it found so far, as a run that reads first would have said it.
  io.interrupted?.(say);
  // Results as text a record a line (JSON Lines, CSV), with another thread to be had: the batch may split in two.
  const split = io.startHalf && (job.format === 'jsonl' || job.format === 'csv')
    ? new BatchSplit(job.output, job.runTag, io.startHalf, limits.heldChars ?? HELD_CHARS, csvBytes(job.inputs), job.splitFrom) : undefined;
  let summary: BatchSummary;
  try {
    summary = await runBatchJobOnce(job, { ...io, stderr: { write: hold } }, true, split);
  } catch (error) {
    if (error instanceof NotSortedAsAssumed || error instanceof TooMuchToHold || error instanceof SplitVoid) {
      // Unsaid: the run that starts again says it again.
      held.length = 0;
      return runBatchJobOnce(job, io, false);
    }
    say();
    throw error;
  }
  say();
  return summary;
}

/** Where a run puts each candidate's result (in pieces), what it says of them, and its rows of the errors file. */
interface CandidateSinks {
  result: (text: string) => void;
  say: (text: string) => void;
  errorRow: (text: string) => void;
}

/** How many candidates a rejected table file leaves incomplete (said in one line; each is in --errors), and which files. */
interface Incomplete {
  incomplete: number;
  incompleteFiles: string;
}

/**
 * What a run does with each candidate: its result written (`writer`, or added to the workbook), a rejection said and
 * listed in the errors file. Both halves of a split batch do this, each into its own sinks.
 */
function candidateEvents(describer: Describer, writer: ResultWriter | undefined, workbook: XlsxResults | undefined, sinks: () => CandidateSinks,
  counts: Incomplete, beforeSaying?: () => void): Pick<BatchEvents, 'assessed' | 'rejected'> {
  let first = true;
  return {
    assessed: (assessment) => {
      if (workbook) workbook.add(assessment);
      else writer?.result(assessment, first, sinks().result);
      first = false;
    },
    rejected: (rejection: Rejection) => {
      beforeSaying?.();
      const { say, errorRow } = sinks();
      const [reason] = rejection.diagnostics;
      if (reason?.code === 'incomplete-tables') {
        counts.incomplete++;
        counts.incompleteFiles = String(reason.value);
      } else {
        // The candidate first, so a reader of stderr knows whose row it was (the errors CSV has a column).
        const whose = rejection.candidateId === undefined ? '' : `${rejection.candidateId}: `;
        for (const d of rejection.diagnostics) say(`${whose}${describer.diagnostic(d)}\n`);
      }
      errorRow(errorsCsvRows(rejection, describer));
      workbook?.reject(rejection);
    },
  };
}

/** The size of the CSV files among the inputs (named, or found in the folders named), in bytes. */
function csvBytes(inputs: readonly string[]): number {
  let bytes = 0;
  for (const file of expandInputs(inputs).files) {
    if (!file.toLowerCase().endsWith('.csv')) continue;
    try {
      bytes += statSync(file).size;
    } catch {
      // reported when it is read
    }
  }
  return bytes;
}

/** A batch job run once; `assumeSorted`: see runBatchJob; `split`: with the other half on another thread (splitBatch.ts). */
async function runBatchJobOnce(job: BatchJob, io: BatchIO, assumeSorted: boolean, split?: BatchSplit): Promise<BatchSummary> {
  const describer = new Describer(job.lang, job.standard);
  // The workbook is not text: it is written through its own writer, to its own temporary file.
  // The person master's columns the mapping carries into the results: their own columns, last.
  const carried = job.mapping?.tables.people?.carry ?? [];
  const shown = job.allSpecialties ? { allSpecialties: true } : {};
  const progress = job.progress ? progressLine(io, describer, io.now) : undefined;
  const notice = (diagnostic: Diagnostic) => {
    progress?.clear();
    io.stderr.write(`${describer.diagnostic(diagnostic)}\n`);
  };
  // What the format writes (outputFormats): text through a writer, or the results workbook.
  const written = outputOf('batch', job.format);
  // The workbook tells of characters it could not hold as the inputs tell of files passed over.
  const workbook = 'workbook' in written && job.output !== undefined ? await written.workbook(job.output, job.runTag, describer, { carried, notice, asOf: job.asOf, ...shown }) : undefined;
  // Text formats stream through a writer; the workbook, when it is the output, has none.
  const writer = 'writer' in written ? await written.writer(describer, { carried, ...shown }) : undefined;
  let output: AtomicFile | undefined;
  let errors: AtomicFile | undefined;
  const write = (text: string) => (output ? output.write(text) : io.stdout.write(text));
  // A result comes in pieces: a file encodes each as it comes; stdout gets the result whole, in one write (below).
  let pending = '';
  const here: CandidateSinks = {
    result: (text) => (output ? output.write(text) : (pending += text)),
    say: (text) => io.stderr.write(text),
    errorRow: (text) => errors?.write(text),
  };
  // A split batch's candidates past the join's first part: kept until the other half's first part is in.
  let later: CandidateSinks | undefined;
  const counts: Incomplete = { incomplete: 0, incompleteFiles: '' };
  const events = candidateEvents(describer, writer, workbook, () => later ?? here, counts, () => progress?.clear());
  try {
    if (job.output !== undefined && !workbook) output = new AtomicFile(job.output, job.runTag);
    if (job.errors !== undefined) errors = new AtomicFile(job.errors, job.runTag);
    if (writer) write(writer.begin());
    errors?.write(errorsCsvHeader(describer));
    const outputs = [job.output, job.errors].filter((path) => path !== undefined);
    const summary = await runBatch(job.inputs, { standard: job.standard, asOf: job.asOf, outputs,
      ...(job.detail ? { detail: true } : {}), ...(assumeSorted ? { assumeSorted: true } : {}),
      ...(job.sortedJoin === undefined ? {} : { sortedJoin: job.sortedJoin }), ...(split ? { split: split.plan } : {}),
      ...(job.encoding ? { encoding: job.encoding } : {}), ...(job.mapping ? { mapping: job.mapping } : {}) }, {
      assessed: (assessment) => {
        events.assessed(assessment);
        if (pending !== '') write(pending);
        pending = '';
      },
      rejected: events.rejected,
      notice,
      ...(split ? { group: (group: number) => (later = split.group(group)) } : {}),
      ...(progress ? { reading: progress.reading, progress: progress.update } : {}),
    });
    const other = await split?.finish(output!, here.say, here.errorRow);
    if (other) {
      summary.assessed += other.summary.assessed;
      summary.rejected += other.summary.rejected;
      for (const table of Object.keys(summary.records) as (keyof BatchSummary['records'])[]) summary.records[table] += other.summary.records[table];
      counts.incomplete += other.incomplete;
      if (other.incomplete > 0) counts.incompleteFiles = other.incompleteFiles;
    }
    progress?.clear();
    // A table a level needs with no row at all: every person falls short for want of data; said, not left to guess.
    const missing = summary.assessed === 0 ? [] : missingTables(summary.records, job.standard, job.mapping);
    for (const table of missing) io.stderr.write(`${describer.t('batch.warning', { text: describer.missingTable(table) })}\n`);
    if (counts.incomplete > 0) {
      io.stderr.write(`${describer.t('summary.incomplete', { n: counts.incomplete, files: counts.incompleteFiles, listed: job.errors === undefined ? '' : describer.t('summary.incomplete.listed') })}\n`);
    }
    if (writer) write(writer.end({ missingTables: missing }));
    // Nothing scored (exit 2): leave no results file behind, only the errors.
    if (summary.assessed === 0) {
      output?.abort();
      workbook?.abort();
    } else {
      output?.commit();
      workbook?.commit();
    }
    errors?.commit();
    io.stderr.write(`${describer.t('summary.batch', { assessed: summary.assessed, rejected: summary.rejected })}\n`);
    // Said plainly: a results file already there from an earlier run would otherwise look like this one's.
    if (summary.assessed === 0 && job.output !== undefined) io.stderr.write(`${describer.t('summary.nothing-written', { file: job.output })}\n`);
    return summary;
  } catch (error) {
    await split?.stop();
    output?.abort();
    workbook?.abort();
    errors?.abort();
    throw error;
  }
}

/** The other half's writes, once it has its cut: nothing is written before. */
function sinksOf(writes: GroupedWrites | undefined): GroupedWrites {
  if (!writes) throw new SplitVoid('a candidate before the cut');
  return writes;
}

/**
 * The other half of a split batch (splitBatch.ts), on its own thread: the same job from the cut on — the cut told by
 * the first half once the tables are read (`cutTold`; undefined: no split), each file read from its window there,
 * found here — its results written to the file the cut names, what it says kept by part of the join's order.
 * `tellCut`: whether the files cut (told once, before any candidate), on which the first half waits.
 */
export async function runOtherHalf(job: BatchJob, cutTold: Promise<HalfCut | undefined>, tellCut: (found: boolean) => void): Promise<HalfOutcome> {
  let told = false;
  const tell = (found: boolean) => {
    if (!told) tellCut(found);
    told = true;
  };
  try {
    const describer = new Describer(job.lang, job.standard);
    const carried = job.mapping?.tables.people?.carry ?? [];
    const written = outputOf('batch', job.format);
    if (!('writer' in written)) throw new SplitVoid('a workbook is not split');
    const writer = await written.writer(describer, { carried, ...(job.allSpecialties ? { allSpecialties: true } : {}) });
    let writes: GroupedWrites | undefined;
    const counts: Incomplete = { incomplete: 0, incompleteFiles: '' };
    let started: JoinEdge = { rows: [], files: [] };
    const outputs = [job.output, job.errors].filter((path) => path !== undefined);
    const summary = await runBatch(job.inputs, { standard: job.standard, asOf: job.asOf, outputs, assumeSorted: true,
      ...(job.detail ? { detail: true } : {}), ...(job.sortedJoin === undefined ? {} : { sortedJoin: job.sortedJoin }),
      ...(job.encoding ? { encoding: job.encoding } : {}), ...(job.mapping ? { mapping: job.mapping } : {}),
      split: async (tables, order) => {
        // Told by the first half once it has read the same headers (undefined: no split).
        const cut = await cutTold;
        const windows = cut && order === cut.order ? windowsAt(tables, cut.key, order) : undefined;
        tell(windows !== undefined);
        if (!cut || !windows) throw new SplitVoid('the files do not cut');
        writes = new GroupedWrites(new BufferedFile(job.output ?? '', cut.outputFd), HELD_CHARS, cut.written);
        return { windows, started: (rows, files) => (started = { rows: [...rows], files: [...files] }) };
      } }, {
      ...candidateEvents(describer, writer, undefined, () => sinksOf(writes), counts),
      // Said by the first half (a file passed over, found by both readings): the halves' files are compared (JoinEdge).
      notice: () => {},
      group: (group) => sinksOf(writes).group(group),
    });
    if (!told || !writes) throw new SplitVoid('not split');
    return { done: true, summary, ...counts, started, parts: writes.done() };
  } catch (error) {
    tell(false);
    return { done: false, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** How often the progress line is rewritten, at most (and once more when the last candidate is done). */
const PROGRESS_EVERY_MS = 200;

/**
 * One stderr line, from the first second: while the inputs are read, the bytes read of their total; then the
 * candidates scored of all. Rewritten at most every 200 ms, so a large batch pays a clock reading per event.
 */
export function progressLine(io: BatchIO, describer: Describer, now: () => number = Date.now) {
  const started = now();
  let scoringFrom: number | undefined;
  let last = -Infinity;
  let shown = false;
  const show = (at: number, text: string) => {
    last = at;
    shown = true;
    io.stderr.write(`\r${text}\u001b[K`);
  };
  return {
    reading: (read: number, total: number) => {
      const at = now();
      if (at - last < PROGRESS_EVERY_MS) return;
      show(at, readingText(read, total, at - started, describer));
    },
    update: (done: number, total: number) => {
      const at = now();
      scoringFrom ??= at;
      if (at - last < PROGRESS_EVERY_MS && done !== total) return;
      show(at, progressText(done, total, at - started, describer, at - scoringFrom));
    },
    clear: () => {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
      last = -Infinity;
    },
  };
}

/**
 * When the time left is first told: once the candidates have been scored for at least 2 seconds and at least 1% of
 * them are done. Before that the rate is a guess from a handful of candidates (the first are slower: code not yet
 * optimised, shared results not yet made), and an estimate would swing by hours.
 */
const ESTIMATE_AFTER = { ms: 2_000, share: 0.01 };

/** `[#########...........] 45% 4,500/10,000 — 0:03 elapsed, about 0:04 left`, in the describer's language. */
export function progressText(done: number, total: number, elapsedMs: number, describer: Describer, scoringMs: number = elapsedMs): string {
  const share = total === 0 ? 1 : done / total;
  // The time left at the rate of the scoring so far (the reading before it is not scoring, and is done).
  const estimate = done > 0 && scoringMs >= ESTIMATE_AFTER.ms && share >= ESTIMATE_AFTER.share;
  const line = `${bar(share)} ${groupThousands(done)}/${groupThousands(total)}`;
  return estimate
    ? `${line} — ${describer.t('batch.progress', { elapsed: clock(elapsedMs), remaining: clock((scoringMs / done) * (total - done)) })}`
    : `${line} — ${describer.t('batch.progress.start', { elapsed: clock(elapsedMs) })}`;
}

/** `[######..............] 34% reading 45 MB of 130 MB — 0:03 elapsed`, in the describer's language. */
export function readingText(read: number, total: number, elapsedMs: number, describer: Describer): string {
  const share = total === 0 ? 1 : Math.min(read / total, 1);
  return `${bar(share)} ${describer.t('batch.reading', { read: byteSize(read), total: byteSize(total) })} — ${describer.t('batch.progress.start', { elapsed: clock(elapsedMs) })}`;
}

/** `[#########...........] 45%`: twenty places and the whole percent. */
function bar(share: number): string {
  const width = 20;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)}%`;
}

/** Bytes as Windows counts them (1 KB = 1,024 bytes): KB under 1 MB, MB with one decimal under 10 MB, whole MB above. */
function byteSize(bytes: number): string {
  if (bytes < 1 << 20) return `${groupThousands(Math.ceil(bytes / 1024))} KB`;
  const mb = bytes / (1 << 20);
  return mb < 10 ? `${mb.toFixed(1)} MB` : `${groupThousands(Math.round(mb))} MB`;
}

/** Milliseconds as m:ss (h:mm:ss past an hour). */
function clock(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const [h, m, sec] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}
