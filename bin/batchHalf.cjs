'use strict';
// The other half of a batch split in two (src/batch/splitBatch.ts), on the worker thread bin/itss.js starts: the
// bundle loaded as itss.js loads it (its code cache too), its batchHalf run with what the first half sent.
const { join } = require('node:path');
const { parentPort, workerData } = require('node:worker_threads');

require('./loadBundle.cjs').loadBundle(join(__dirname, '..', 'dist', 'cli.cjs'), { save: 'never' }).exports.batchHalf(workerData, parentPort);
