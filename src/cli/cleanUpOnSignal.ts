import type { CliIO } from './cliIO.js';

/**
 * Runs `work`, which writes output files, so that an interruption (Ctrl-C, SIGTERM, SIGHUP) leaves no half file
 * (cli.md "Files"): the temporary files go, the targets stay as they were, and the process ends with the shell's
 * status for the signal (130 for Ctrl-C). The signal is handled when `work` yields to the event loop, so work that
 * runs long yields now and then. `work` may give what it has to say before the run ends so (`beforeExit`: a batch
 * holding its words on stderr until its end).
 */
export async function cleanUpOnSignal<T>(io: CliIO, work: (beforeExit: (say: () => void) => void) => Promise<T>): Promise<T> {
  // Loaded here, not at start-up: only runs that write files need them.
  const [{ AtomicFile }, { constants }] = await Promise.all([import('../output/atomicFile.js'), import('node:os')]);
  const sayings: (() => void)[] = [];
  const onSignal = (signal: NodeJS.Signals) => {
    for (const say of sayings) {
      try {
        say();
      } catch {
        // stderr gone: the files still go
      }
    }
    AtomicFile.removeAllTemporary();
    io.stderr.write('\n');
    process.exit(128 + (constants.signals[signal] ?? 2));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    return await work((say) => sayings.push(say));
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGHUP', onSignal);
  }
}
