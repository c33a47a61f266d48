'use strict';
// Runs the bundled CLI (dist/cli.cjs, one script) through vm.Script with a V8 code cache: the bytecode of the
// functions a representative run compiled (the top level, YAML parsing, zod, the report), so that a start neither
// parses the bundle nor compiles those functions again. The build writes the cache (scripts/codeCache.js); a run
// that finds none, or one V8 refuses, writes one when it ends. The file is named by the bundle's hash (stamped
// on its last line by the build), the Node version and the architecture; V8 checks its own version, its flags and
// the source's length on top. Whatever is wrong with the cache (absent, stale, corrupt, dist/ read-only) costs
// only the compiling it would have saved: never a failure, never a message.
const { Buffer } = require('node:buffer');
const { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, unlinkSync, writeFileSync } = require('node:fs');
const { basename, dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

/** The line the build appends to the bundle: `//# itssBundleHash=<hex>`. */
const HASH_LINE = /\/\/# itssBundleHash=([0-9a-f]{16,64})\s*$/;
/**
 * A cache file is a tag, the length of V8's data, V8's data, and V8's data again. V8 checks no checksum: data
 * garbled in the middle is run as wrong code or crashes the process. Two copies compared byte for byte catch
 * that for one memcmp, where a checksum would cost more (node:zlib or node:crypto take milliseconds to load, and
 * a loop in JavaScript longer).
 */
const TAG = 0x31535449; // 'ITS1'
const HEADER = 8;

function openOrUndefined(path) {
  try {
    return openSync(path, 'r');
  } catch {
    return undefined;
  }
}

/** Reads `length` bytes of `fd` from `position` into `buffer` (from its start); the number read. */
function readInto(fd, buffer, length, position) {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** Where the cache for the bundle with this hash lives, for this Node. */
function cacheFileFor(bundle, hash) {
  return join(dirname(bundle), 'cache', `${basename(bundle)}-${hash.slice(0, 16)}-${process.version}-${process.arch}.v8`);
}

/**
 * The bundle's text, its cache file (undefined for a bundle without a hash line) and the cache's V8 data if it is
 * whole. Both files are read through one buffer: memory first touched costs more than the copying at start-up.
 */
function readBundle(bundle, useCache) {
  const fd = openSync(bundle, 'r');
  let cacheFd;
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, 80));
    readInto(fd, tail, tail.length, size - tail.length);
    const hash = HASH_LINE.exec(tail.toString('latin1'))?.[1];
    const cacheFile = hash === undefined ? undefined : cacheFileFor(bundle, hash);
    cacheFd = useCache && cacheFile !== undefined ? openOrUndefined(cacheFile) : undefined;
    const cacheSize = cacheFd === undefined ? 0 : fstatSync(cacheFd).size;
    const buffer = Buffer.allocUnsafe(Math.max(size, cacheSize));
    // The build writes the bundle in ASCII, which UTF-8 reads as fast as latin1 does (checking that it is ASCII
    // first cost a millisecond: the first call of isAscii).
    const source = buffer.toString('utf8', 0, readInto(fd, buffer, size, 0));
    let cachedData;
    if (cacheFd !== undefined && cacheSize > HEADER) {
      const bytes = buffer.subarray(0, readInto(cacheFd, buffer, cacheSize, 0));
      const length = bytes.length === cacheSize && bytes.readUInt32LE(0) === TAG ? bytes.readUInt32LE(4) : 0;
      if (length > 0 && cacheSize === HEADER + 2 * length) {
        const data = bytes.subarray(HEADER, HEADER + length);
        if (data.equals(bytes.subarray(HEADER + length))) cachedData = data;
      }
    }
    return { source, cacheFile, cachedData };
  } finally {
    closeSync(fd);
    if (cacheFd !== undefined) closeSync(cacheFd);
  }
}

/** Writes V8's `data` to `file`, whole or not at all (a temporary file renamed); nothing if it cannot. */
function writeCache(file, data) {
  const bytes = Buffer.allocUnsafe(HEADER + 2 * data.length);
  bytes.writeUInt32LE(TAG, 0);
  bytes.writeUInt32LE(data.length, 4);
  data.copy(bytes, HEADER);
  data.copy(bytes, HEADER + data.length);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
  }
}

/**
 * The `require` the bundle is given: Node's builtins, and the files beside it (`./exceljs.cjs`) by their path. Not
 * createRequire: loading node:module costs a start about a millisecond.
 */
function bundleRequire(bundle) {
  return (id) => require(id.startsWith('./') ? join(dirname(bundle), id) : id);
}

/**
 * Runs the bundle at `bundle` (an absolute path) and returns its exports. `save`: 'missing' (the default) writes
 * the cache when the process exits if there was none or V8 refused it; 'never' leaves it alone (the build calls
 * `saveCache` itself, after its representative runs). `useCache: false` compiles from the text alone.
 */
function loadBundle(bundle, { save = 'missing', useCache = true } = {}) {
  const { source, cacheFile, cachedData } = readBundle(bundle, useCache);
  let script;
  try {
    script = new Script(source, { filename: bundle, cachedData });
  } catch (error) {
    if (cachedData === undefined) throw error; // the bundle itself does not compile
    script = new Script(source, { filename: bundle });
  }
  const usedCache = cachedData !== undefined && !script.cachedDataRejected;
  const saveCache = () => {
    if (cacheFile !== undefined) writeCache(cacheFile, script.createCachedData());
  };
  if (save === 'missing' && useCache && cacheFile !== undefined && !usedCache) {
    process.once('exit', () => {
      try {
        saveCache();
      } catch {
        // no cache this time
      }
    });
  }
  // The script is a function of what a CommonJS module is given, and of the bundle's import.meta.url.
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, bundleRequire(bundle), module, bundle, dirname(bundle), pathToFileURL(bundle).href);
  return { exports: module.exports, usedCache, saveCache };
}

module.exports = { loadBundle };
