import type { Lang } from '../messages/describe.js';

/** The process edge, injected so that the CLI runs in tests without spawning. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Today in the local time zone, YYYY-MM-DD (the default --as-of). */
  today(): string;
  /**
   * Runs batchHalf.ts's batchHalf with `data` on a new worker thread (bin/batchHalf.cjs): the other half of a batch
   * split in two. Absent (tests, the library), a batch is one thread.
   */
  worker?: (data: unknown) => import('node:worker_threads').Worker;
}

/** Exit status of cli.md: 0 all done, 1 some inputs rejected (the rest done), 2 usage error or nothing done. */
export const EXIT_OK = 0;
export const EXIT_PARTIAL = 1;
export const EXIT_FAILED = 2;

export function exitFor(done: number, rejected: number): number {
  if (rejected === 0) return EXIT_OK;
  return done > 0 ? EXIT_PARTIAL : EXIT_FAILED;
}

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The language of the environment: `ja*` in LC_ALL, LC_MESSAGES or LANG (first set wins) is Japanese. */
function defaultLang(env: CliIO['env']): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * The language of this run, before the command line is parsed (help and parse errors are worded in it too):
 * a valid `--lang` anywhere in argv, else the environment's. A bad `--lang` is reported once parsed.
 */
export function languageOf(argv: readonly string[], env: CliIO['env']): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = arg === '--lang' ? argv[i + 1] : arg?.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value === 'ja' || value === 'en') return value;
  }
  return defaultLang(env);
}
