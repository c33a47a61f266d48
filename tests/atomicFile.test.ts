/**
 * The one atomic writer every output goes through: a temporary file beside the target whose name cannot be
 * foreseen, created exclusively (never a link followed, never a file truncated), owner-only until commit.
 */
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AtomicFile } from '../src/output/atomicFile.js';
import { InputError } from '../src/input/diagnostic.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('AtomicFile', () => {
  it('writes beside the target under a name no one can foresee, owner-only, and renames it over the target on commit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itss-atomic-'));
    const target = join(dir, 'out.csv');
    const [a, b] = [new AtomicFile(target, '42'), new AtomicFile(join(dir, 'other.csv'), '42')];
    const temporaries = readdirSync(dir);
    expect(temporaries).toHaveLength(2);
    for (const name of temporaries) expect(name).toMatch(/^\.(out|other)\.csv\.42\.[0-9a-f]{16}\.tmp$/);
    expect(statSync(join(dir, temporaries[0])).mode & 0o777).toBe(0o600);
    a.write('id\nE1\n');
    a.commit();
    b.abort();
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(readFileSync(target, 'utf8')).toBe('id\nE1\n');
    expect(statSync(target).mode & 0o777).toBe(0o644);
  });

  it('writes any pieces, short or long, ASCII or not, as their UTF-8 one after another', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itss-atomic-'));
    const piece = fc.oneof(fc.string({ maxLength: 5 }), fc.string({ unit: 'grapheme', maxLength: 5 }), fc.constantFrom(',', '\n', ']}}', '年', 'a\u00e9', '\ud83d\ude00'),
      fc.constantFrom('a'.repeat(350_000), `${'運'.repeat(350_000)},`));
    let run = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const target = join(dir, `out${run++}.txt`);
        const file = new AtomicFile(target, '1');
        for (const text of pieces) file.write(text);
        file.commit();
        // Buffer.equals: vitest's deep equality walks a megabyte byte by byte.
        expect(readFileSync(target).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
        rmSync(target);
      }),
      { numRuns: 60 },
    );
    rmSync(dir, { recursive: true });
  });

  it('keeps the mode of the file it replaces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itss-atomic-'));
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    const file = new AtomicFile(target, '1');
    file.write('new');
    file.commit();
    expect([readFileSync(target, 'utf8'), statSync(target).mode & 0o777]).toEqual(['new', 0o640]);
  });

  it('never follows a link planted at its temporary name: it refuses, and what the link points at is untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itss-atomic-'));
    const exportFile = join(dir, '業務経験.csv');
    writeFileSync(exportFile, '社員番号,氏名\nE1,山田\n');
    // The name's random bytes as an attacker might have guessed them.
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((array: ArrayBufferView) => {
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).fill(0xab);
      return array;
    });
    symlinkSync(exportFile, join(dir, `.out.csv.7.${'ab'.repeat(8)}.tmp`));
    expect(() => new AtomicFile(join(dir, 'out.csv'), '7')).toThrow(InputError);
    expect(readFileSync(exportFile, 'utf8')).toBe('社員番号,氏名\nE1,山田\n');
    expect(lstatSync(join(dir, `.out.csv.7.${'ab'.repeat(8)}.tmp`)).isSymbolicLink()).toBe(true);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });

  it('removes every open temporary file at once (an interrupted run), leaving the targets as they were', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itss-atomic-'));
    writeFileSync(join(dir, 'out.csv'), 'old');
    const file = new AtomicFile(join(dir, 'out.csv'), '9');
    file.write('half');
    new AtomicFile(join(dir, 'errors.csv'), '9');
    AtomicFile.removeAllTemporary();
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('old');
  });
});
