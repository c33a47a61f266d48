#!/usr/bin/env node
'use strict';
// Thin shim: the process edge. Everything else is in dist/cli.cjs (built by `npm run build`, run by `npm ci`), which
// loadBundle.cjs runs from its V8 code cache. This folder is CommonJS (bin/package.json): a start without the ES
// module loader is a few milliseconds shorter, and start-up is a goal of itss (README, Performance).
const { join } = require('node:path');

// Node ≥ 22 caches what its module loaders compile (exceljs.cjs, when workbooks are written); the bundle has its own.
require('node:module').enableCompileCache?.(join(__dirname, '..', 'dist', 'cache'));
const { localToday, main, outputFailure } = require('./loadBundle.cjs').loadBundle(join(__dirname, '..', 'dist', 'cli.cjs')).exports;

const argv = process.argv.slice(2);
// A closed pipe (`itss … | head`) ends the run quietly, as Unix tools do; any other failed write to the
// terminal or a redirected file (a full disk) is one line on stderr and exit 2, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      try {
        process.stderr.write(`${outputFailure(error, argv, process.env)}\n`);
      } catch {
        // stderr is gone too: nothing left to tell
      }
    }
    process.exit(2);
  });
}

main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, today: () => localToday() }).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    // Bad input never gets here (it is reported with file and line); this is a bug in itss.
    process.stderr.write(`itss: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.ITSS_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = 2;
  },
);
