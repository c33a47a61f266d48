/**
 * bin/itss.js runs the CLI bundle from a V8 code cache (bin/loadBundle.cjs). Whatever is wrong with the cache —
 * absent, another Node's, another bundle's, cut short, garbled, unwritable — the run's output is the same, nothing
 * is said about it, and (where it can) the run leaves a good cache behind. Runs on a copy of the built package
 * (`npm test` builds first), so that the work tree's cache is left alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const AS_OF = ['--as-of', '2026-04-01'];
const TAG = 0x31535449; // loadBundle.cjs: 'ITS1', then the length of V8's data, V8's data, and V8's data again
const HEADER = 8;

let root: string;
let cacheFile: string;
let goodCache: Buffer;
let expected: { table: string; json: string };

function itss(...args: string[]) {
  const { LC_ALL: _all, LC_MESSAGES: _messages, ...env } = process.env;
  return spawnSync(process.execPath, [join(root, 'bin', 'itss.js'), ...args], { cwd: root, env: { ...env, LANG: 'en_US.UTF-8' }, encoding: 'utf8' });
}

function assess() {
  const table = itss('assess', 'examples/yamada-hanako.yaml', ...AS_OF);
  const json = itss('assess', 'examples/yamada-hanako.yaml', ...AS_OF, '--format', 'json');
  for (const run of [table, json]) {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }
  return { table: table.stdout, json: json.stdout };
}

/** The cache file as loadBundle.cjs writes it around V8's `data`. */
function cacheOf(data: Buffer): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(TAG, 0);
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, data]);
}

/** True if `file` is a whole cache: our tag, and two equal copies of V8's data. */
function whole(file: string): boolean {
  const bytes = readFileSync(file);
  const length = bytes.readUInt32LE(4);
  const [first, second] = [bytes.subarray(HEADER, HEADER + length), bytes.subarray(HEADER + length)];
  return bytes.readUInt32LE(0) === TAG && bytes.length === HEADER + 2 * length && first.equals(second);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'itss-startup-'));
  for (const part of ['bin', 'data', 'examples', 'package.json']) cpSync(part, join(root, part), { recursive: true });
  cpSync('dist', join(root, 'dist'), { recursive: true, filter: (path) => !path.includes('types') });
  // The build stamps the bundle's hash on its last line; the cache for this Node is named by it.
  const hash = /itssBundleHash=([0-9a-f]+)\s*$/.exec(readFileSync(join(root, 'dist', 'cli.cjs'), 'latin1'))?.[1];
  expect(hash).toBeDefined();
  cacheFile = join(root, 'dist', 'cache', `cli.cjs-${hash!.slice(0, 16)}-${process.version}-${process.arch}.v8`);
  // The build wrote the cache for the Node that built; a first run writes this Node's if that was another.
  expected = assess();
  expect(existsSync(cacheFile)).toBe(true);
  goodCache = readFileSync(cacheFile);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the code cache of the CLI bundle', () => {
  it('is used as it is: a run that finds a good cache does not write it again', () => {
    writeFileSync(cacheFile, goodCache);
    const before = statSync(cacheFile);
    expect(assess()).toEqual(expected);
    const after = statSync(cacheFile);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(whole(cacheFile)).toBe(true);
    expect(expected.table).toContain('Operation management');
    expect(JSON.parse(expected.json).candidate.id).toBe('E0001');
  });

  const spoilt: [string, () => Buffer | undefined][] = [
    ['absent', () => undefined],
    ['empty', () => Buffer.alloc(0)],
    ['cut short', () => goodCache.subarray(0, goodCache.length >> 1)],
    ['garbage', () => Buffer.from(goodCache.map((_, i) => (i * 7919) & 0xff))],
    // V8 would run this (it checks no checksum) as wrong code or crash on it: the two copies differ, so it never sees it.
    [
      'garbled in the middle',
      () => {
        const bytes = Buffer.from(goodCache);
        bytes[HEADER + (goodCache.readUInt32LE(4) >> 1)] ^= 0xff;
        return bytes;
      },
    ],
    // Another Node's: V8's version hash (the second word of its data) differs, and V8 refuses it.
    [
      'made by another Node',
      () => {
        const data = Buffer.from(goodCache.subarray(HEADER, HEADER + goodCache.readUInt32LE(4)));
        data.writeUInt32LE(data.readUInt32LE(4) ^ 0x5a5a5a5a, 4);
        return cacheOf(data);
      },
    ],
    // Another script's, whole and of this Node: V8 refuses it for the source's length.
    ['made for another bundle', () => cacheOf(new Script('(function () { return 0; })').createCachedData())],
  ];
  for (const [name, contents] of spoilt) {
    it(`${name}: the same output, nothing said, and a good cache written in its place`, () => {
      const bytes = contents();
      if (bytes === undefined) rmSync(cacheFile, { force: true });
      else writeFileSync(cacheFile, bytes);
      expect(assess()).toEqual(expected);
      expect(whole(cacheFile)).toBe(true);
    });
  }

  it('cannot be written (its folder is a file): the same output, nothing said', () => {
    const folder = join(root, 'dist', 'cache');
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(folder, 'not a folder');
    try {
      expect(assess()).toEqual(expected);
    } finally {
      rmSync(folder, { force: true });
    }
  });
});
