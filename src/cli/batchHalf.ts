import type { BatchJob } from '../batch/batchJob.js';
import type { HalfCut, HalfHandle, HalfOutcome } from '../batch/splitBatch.js';
import type { CliIO } from './cliIO.js';
import { mappingFor, standardFor } from './options.js';

/**
 * A batch job as another thread is given it (structured-cloned): the job without what was loaded for it, and where
 * it was loaded from, to be loaded there again.
 */
export type HalfJob = Omit<BatchJob, 'standard' | 'mapping'> & { standardFile?: string; mapFile?: string };

/** What the other half's thread is told as it starts: the job (then, by message, where it starts and writes: HalfCut). */
interface HalfData {
  job: HalfJob;
}

/** What the other half's thread says: whether the files cut (first), then how it ended. */
type HalfMessage = { cut: boolean } | { outcome: HalfOutcome };

/** The other half's thread's port to the first half: what it says, and the cut it is told (once; null: no split). */
interface HalfPort {
  postMessage(message: HalfMessage): void;
  once(event: 'message', listener: (cut: HalfCut | null) => void): unknown;
}

/**
 * Runs the other half of a split batch (splitBatch.ts) on the thread it is called on (bin/batchHalf.cjs, a worker
 * thread running the bundle): the job loaded again, the half run, each step told through `port`.
 */
export async function batchHalf(data: HalfData, port: HalfPort): Promise<void> {
  let outcome: HalfOutcome;
  const cut = new Promise<HalfCut | undefined>((resolve) => port.once('message', (told) => resolve(told ?? undefined)));
  try {
    const { standardFile, mapFile, ...rest } = data.job;
    const standard = await standardFor({ color: false, ...(standardFile === undefined ? {} : { standard: standardFile }) });
    const mapping = await mappingFor(mapFile, standard);
    const { runOtherHalf } = await import('../batch/batchJob.js');
    outcome = await runOtherHalf({ ...rest, standard, ...(mapping ? { mapping } : {}) }, cut, (found) => port.postMessage({ cut: found }));
  } catch (error) {
    port.postMessage({ cut: false });
    outcome = { done: false, reason: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage({ outcome });
}

/**
 * The other half of a split batch started on a worker thread (`io.worker`), as splitBatch.ts's BatchSplit asks:
 * whether its files cut, how it ended. A thread that fails or ends without saying so ends its half undone (the
 * batch then runs again as one thread).
 */
export function startHalfOn(worker: NonNullable<CliIO['worker']>, job: HalfJob): () => HalfHandle {
  return () => {
    let thread: ReturnType<typeof worker>;
    try {
      thread = worker({ job } satisfies HalfData);
    } catch (error) {
      // No thread to be had (a system out of them): this half reads the whole.
      const reason = error instanceof Error ? error.message : String(error);
      return { send: () => {}, cut: Promise.resolve(false), outcome: Promise.resolve({ done: false, reason }), stop: () => Promise.resolve() };
    }
    let tellCut!: (found: boolean) => void;
    const found = new Promise<boolean>((resolve) => (tellCut = resolve));
    const outcome = new Promise<HalfOutcome>((resolve) => {
      const undone = (reason: string) => {
        tellCut(false);
        resolve({ done: false, reason });
      };
      thread.on('message', (message: HalfMessage) => {
        if ('cut' in message) tellCut(message.cut);
        else {
          tellCut(false);
          resolve(message.outcome);
        }
      });
      thread.on('error', (error: Error) => undone(error.message));
      thread.on('exit', () => undone('the thread ended'));
    });
    // Told once; null crosses to the thread where undefined would not say anything.
    return { send: (cut) => thread.postMessage(cut ?? null), cut: found, outcome, stop: () => thread.terminate() };
  };
}
