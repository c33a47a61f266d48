#!/usr/bin/env node
// Thin shim: the process edge. Everything else is in dist/cli.js (built by `npm run build`, run by `npm ci`).
import { localToday, main } from '../dist/cli.js';

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); // `itss … | head` is not an error
  throw error;
});

try {
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, today: () => localToday() });
} catch (error) {
  // Bad input never gets here (it is reported with file and line); this is a bug in itss.
  process.stderr.write(`itss: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.ITSS_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  process.exitCode = 2;
}
