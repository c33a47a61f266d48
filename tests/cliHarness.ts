import { main } from '../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output; colour off, fixed language unless given. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
    env: { LANG: 'en_US.UTF-8', ...env },
    today: () => '2026-04-01',
  });
  return { code, stdout, stderr };
}
