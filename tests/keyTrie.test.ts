import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyTrie } from '../src/values/keyTrie.js';

describe('KeyTrie', () => {
  const pieces = fc.oneof(fc.constantFrom<unknown>(undefined, null, 0, -0, 1, NaN, '', 'a', 'b', Symbol.for('s')), fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'y'));
  it('finds what a Map of the paths (as lists of pieces, compared as Map compares) finds', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(pieces, { maxLength: 5 }), fc.integer())), fc.array(fc.array(pieces, { maxLength: 5 })), (entries, lookups) => {
        const trie = new KeyTrie<number>(1_000);
        const model: [unknown[], number][] = [];
        const same = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((p, i) => new Map([[p, 1]]).has(b[i]));
        for (const [path, value] of entries) {
          trie.set(path, value);
          const found = model.find(([p]) => same(p, path));
          if (found) found[1] = value;
          else model.push([path, value]);
        }
        for (const path of [...lookups, ...entries.map(([p]) => p)]) expect(trie.get(path)).toBe(model.find(([p]) => same(p, path))?.[1]);
      }),
    );
  });

  it('reads the first `length` pieces of a reused list, and holds at most its limit', () => {
    const trie = new KeyTrie<string>(2);
    const path = ['a', 'b', 'c'];
    trie.set(path, 'ab', 2);
    expect([trie.get(path, 2), trie.get(path, 3), trie.get(path, 1)]).toEqual(['ab', undefined, undefined]);
    trie.set(['x'], 'x');
    trie.set(['y'], 'y'); // the third value: it starts again
    expect([trie.get(['a', 'b']), trie.get(['x']), trie.get(['y']), trie.size]).toEqual([undefined, undefined, 'y', 1]);
  });
});
