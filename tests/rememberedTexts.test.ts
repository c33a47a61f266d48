import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RememberedTexts } from '../src/hr/rememberedTexts.js';

describe('RememberedTexts', () => {
  // Few distinct characters, so that texts repeat and hashes collide in a small table; and texts of any code units.
  const texts = fc.array(fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', '年', '\u0000'), maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 300 });

  it('reads each text as its reading does, once until it has held `capacity` texts, then starts again', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 40 }), (asked, capacity) => {
        const calls: string[] = [];
        const memo = new RememberedTexts((t: string) => (calls.push(t), `read:${t}`), capacity);
        // The model: a Map emptied when it holds `capacity` texts and a new one comes.
        const model = new Map<string, string>();
        const expectedCalls: string[] = [];
        for (const text of asked) {
          expect(memo.of(text)).toBe(`read:${text}`);
          if (!model.has(text)) {
            expectedCalls.push(text);
            if (model.size >= capacity) model.clear();
            model.set(text, `read:${text}`);
          }
        }
        expect(calls).toEqual(expectedCalls);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps apart texts of one hash, and grows past its first table', () => {
    // FNV-1a's 32-bit collisions: each pair has one hash.
    const memo = new RememberedTexts((t: string) => `[${t}]`, 10);
    const colliding = ['costarring', 'liquid', 'declinate', 'macallums', 'altarage', 'zinke'];
    for (const text of [...colliding, ...colliding]) expect(memo.of(text)).toBe(`[${text}]`);
    let reads = 0;
    const counting = new RememberedTexts((t: string) => (reads++, t.length), 100_000);
    const many = Array.from({ length: 5_000 }, (_, i) => `令和${i}年`);
    for (const text of [...many, ...many]) expect(counting.of(text)).toBe(text.length);
    expect(reads).toBe(many.length);
  });

  it('remembers a reading that is a value object, giving the same object each time', () => {
    const memo = new RememberedTexts((t: string) => t.split(','), 10);
    const first = memo.of('a,b');
    expect(memo.of('a,b')).toBe(first);
    expect(memo.of('a,c')).not.toBe(first);
  });
});
