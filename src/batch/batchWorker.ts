/**
 * `itss batch` on a worker thread, so that its heap can be capped (Worker resourceLimits): on the main thread V8
 * lets a 100,000-candidate batch's heap grow to several times what is live before collecting it.
 * Bundled as dist/batchWorker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runBatchJob, type BatchJob } from './batchJob.js';

const summary = await runBatchJob(workerData as BatchJob, { stdout: process.stdout, stderr: process.stderr });
parentPort!.postMessage(summary);
