import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AtomicFile } from '../batch/atomicFile.js';
import { runBatchJob, type BatchJob } from '../batch/batchJob.js';
import { expandInputs } from '../batch/expandInputs.js';
import type { BatchSummary } from '../batch/runBatch.js';
import { InputError, type Diagnostic } from '../input/diagnostic.js';
import type { Describer } from '../messages/describe.js';
import type { CliIO } from './cliIO.js';
import { packageFile } from './packageFiles.js';

/** The batch worker, a bundle of its own beside the bundled CLI. */
const BATCH_WORKER_FILE = packageFile('dist/batchWorker.js');

/** Running from the TypeScript sources (the tests' in-process CLI), where no worker bundle exists. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/**
 * A heap cap for a large batch, from the size of its inputs, or undefined for a small batch, which runs on the
 * main thread. Generous: what stays live is under the CSV's size (83 MB of heap after joining 130 MB of CSV, 100k
 * candidates) plus the YAML/JSON documents parsed whole.
 * ITSS_BATCH_WORKER=1 forces the worker (tests); =0 disables it.
 */
export function batchHeapLimitMb(inputs: string[], env: CliIO['env']): number | undefined {
  const forced = env.ITSS_BATCH_WORKER;
  if (forced === '0' || FROM_SOURCES) return undefined;
  let tableMb = 0;
  let documentMb = 0;
  for (const file of expandInputs(inputs).files) {
    let size = 0;
    try {
      size = statSync(file).size / 1e6;
    } catch {
      continue;
    }
    if (extname(file).toLowerCase() === '.csv') tableMb += size;
    else documentMb += size;
  }
  if (forced !== '1' && tableMb + documentMb < 20) return undefined;
  return Math.ceil(160 + 1.25 * tableMb + 30 * documentMb);
}

/**
 * Runs the job on a worker thread with a capped heap; if that runs out of memory, runs it again here, uncapped.
 * A missing worker bundle is an installation fault, reported, never silently replaced by the main thread.
 */
export async function runBatchOnWorker(job: BatchJob, heapMb: number, io: CliIO, describer: Describer): Promise<BatchSummary> {
  if (!existsSync(BATCH_WORKER_FILE)) throw new Error(`the batch worker ${BATCH_WORKER_FILE} is missing; reinstall itss (npm ci)`);
  if (io.env.ITSS_DEBUG) io.stderr.write(`itss: batch on a worker thread, heap cap ${heapMb} MB\n`);
  return new Promise((resolve, reject) => {
    let summary: BatchSummary | undefined;
    let failure: Error | undefined;
    // A larger young generation promotes less of each candidate's short-lived garbage. Measured at 100k
    // candidates to CSV (one run each, this 2-core machine): 16 MB 5.5 s, 32 MB 6.7 s, 48 MB 7.1 s, 96 MB 4.9 s,
    // 128 MB 5.3 s.
    const worker = new Worker(BATCH_WORKER_FILE, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 96 } });
    worker.on('message', (message: { summary?: BatchSummary; diagnostics?: Diagnostic[] }) => {
      if (message.summary) summary = message.summary;
      if (message.diagnostics) failure = new InputError(message.diagnostics);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(error);
      for (const path of [job.output, job.errors]) if (path !== undefined) AtomicFile.removeTemporary(path, job.runTag);
      io.stderr.write(`${describer.t('batch.uncapped', { mb: heapMb })}\n`);
      runBatchJob(job, io).then(resolve, reject);
    });
    worker.on('exit', () => {
      if (summary) resolve(summary);
      else if (failure) reject(failure);
    });
  });
}
