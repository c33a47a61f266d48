import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileChunks } from '../src/tabular/readFileChunks.js';

const dir = mkdtempSync(join(tmpdir(), 'itss-chunks-'));
afterAll(() => rmSync(dir, { recursive: true }));

/** The process's open file descriptors (Linux): a reading stopped early must leave none of its own. */
const openFiles = () => readdirSync('/proc/self/fd').length;

describe('readFileChunks', () => {
  const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, i) => `${i},運用管理\n`).join(''), 'utf8');
  const file = join(dir, 'table.csv');
  writeFileSync(file, bytes);

  it.each([1, 7, 4096, 1 << 20])('gives the file’s bytes in chunks of %i, each kept before the next is read', async (size) => {
    const kept: Buffer[] = [];
    for await (const chunk of readFileChunks(file, size)) {
      expect(chunk.length).toBeLessThanOrEqual(size);
      kept.push(Buffer.from(chunk)); // a chunk is valid until the next is asked for
    }
    expect(Buffer.concat(kept).equals(bytes)).toBe(true);
  });

  it('reuses its buffer: a chunk not copied is overwritten by the next', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of readFileChunks(file, 16)) chunks.push(chunk);
    expect(chunks[0]?.buffer).toBe(chunks[1]?.buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(false);
  });

  it('closes the file when its reader stops early or fails, and reads an empty file as no chunk', async () => {
    const before = openFiles();
    for (let i = 0; i < 20; i++) {
      for await (const chunk of readFileChunks(file, 64)) if (chunk.length > 0) break;
      await expect((async () => {
        for await (const _ of readFileChunks(file, 64)) throw new Error('bad row');
      })()).rejects.toThrow('bad row');
    }
    expect(openFiles()).toBe(before);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const chunks = [];
    for await (const chunk of readFileChunks(empty)) chunks.push(chunk);
    expect(chunks).toEqual([]);
  });

  it('fails as opening the file fails (a missing file: ENOENT, for the reader to word)', async () => {
    await expect((async () => {
      for await (const _ of readFileChunks(join(dir, 'missing.csv'))) break;
    })()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
