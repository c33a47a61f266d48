#!/usr/bin/env node
'use strict';
// Thin shim: the process edge. Everything else is in dist/cli.cjs (built by `npm run build`, run by `npm ci`), which
// loadBundle.cjs runs from its V8 code cache. This folder is CommonJS (bin/package.json): a start without the ES
// module loader is a few milliseconds shorter, and start-up is a goal of itss (README, Performance).
const { fstatSync, writeSync } = require('node:fs');
const { join } = require('node:path');

// Node ≥ 22 caches what its module loaders compile (exceljs.cjs, when workbooks are written); the bundle has its own.
// Asked of Node ≥ 22 only: loading node:module costs an older Node about a millisecond of start-up for nothing.
if (Number(process.versions.node.split('.')[0]) >= 22) require('node:module').enableCompileCache?.(join(__dirname, '..', 'dist', 'cache'));
const { localToday, main, outputFailure } = require('./loadBundle.cjs').loadBundle(join(__dirname, '..', 'dist', 'cli.cjs')).exports;

const argv = process.argv.slice(2);

/**
 * A failed write to stdout or stderr. A closed pipe (`itss … | head`) ends the run quietly, as Unix tools do; any
 * other failure (a full disk) is one line on stderr and exit 2, never a stack trace.
 */
function failedWrite(error, toStdout) {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  if (toStdout) {
    try {
      writeAll(2, `${outputFailure(error, argv, process.env)}\n`);
    } catch {
      // stderr is gone too: nothing left to tell
    }
  }
  process.exit(2);
}

/** Writes all of `text` to `fd`, waiting out a non-blocking descriptor that is full (EAGAIN). */
function writeAll(fd, text) {
  const bytes = Buffer.from(text, 'utf8');
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * stdout or stderr as the CLI needs them (CliIO). A terminal (a character device) gets Node's stream, for its width
 * and colour. A pipe or a file is written with writeSync, which is what Node's stream does on them too (Linux writes
 * pipes and files synchronously): making `process.stdout` loads Node's stream modules, about 5 ms of a start that
 * has a goal (README, Performance).
 */
function outputOf(fd, toStdout) {
  let device = true;
  try {
    device = fstatSync(fd).isCharacterDevice();
  } catch {
    // not open: Node's stream says what it can
  }
  if (!device) {
    return {
      isTTY: false,
      // Every write done when it returns: nothing can fail after main resolves.
      synchronous: true,
      write(text) {
        try {
          writeAll(fd, text);
        } catch (error) {
          failedWrite(error, toStdout);
        }
        return true;
      },
    };
  }
  const stream = toStdout ? process.stdout : process.stderr;
  stream.on('error', (error) => failedWrite(error, toStdout));
  return stream;
}

const stdout = outputOf(1, true);
const stderr = outputOf(2, false);
// The other half of a split batch (src/batch/splitBatch.ts) runs on a worker thread: node:worker_threads loaded then.
const worker = (data) => new (require('node:worker_threads').Worker)(join(__dirname, 'batchHalf.cjs'), { workerData: data });
main(argv, { stdout, stderr, env: process.env, today: () => localToday(), worker }).then(
  (status) => {
    // Written to files and pipes (writeSync), everything is written when main resolves, so the process ends at once:
    // left to end by itself, Node first tears down its heap, about 0.13 s after a 100k batch (a millisecond or two
    // after `itss assess`). Node's streams (a terminal, /dev/full) may still report a failed write: those runs end by themselves.
    process.exitCode = status;
    if (stdout.synchronous && stderr.synchronous) process.exit(status);
  },
  (error) => {
    // Bad input never gets here (it is reported with file and line); this is a bug in itss.
    stderr.write(`itss: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.ITSS_DEBUG) stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = 2;
  },
);
