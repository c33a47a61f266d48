/**
 * `itss batch` on a worker thread, so that its heap can be capped (Worker resourceLimits): on the main thread V8
 * lets a 100,000-candidate batch's heap grow to several times what is live before collecting it.
 * Bundled as dist/batchWorker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../input/diagnostic.js';
import { runBatchJob, type BatchJob } from '../batch/batchJob.js';

try {
  parentPort!.postMessage({ summary: await runBatchJob(workerData as BatchJob, { stdout: process.stdout, stderr: process.stderr }) });
} catch (error) {
  // Input errors (an unwritable output) cross to the main thread as data: the class does not survive cloning.
  if (!(error instanceof InputError)) throw error;
  parentPort!.postMessage({ diagnostics: error.diagnostics });
}
