import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNTAX_REASONS } from '../src/input/diagnostic.js';
import { en } from '../src/messages/en.js';
import { ja } from '../src/messages/ja.js';

const sourcesOf = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? sourcesOf(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
// Every source but the tables themselves.
const code = sourcesOf('src')
  .filter((f) => !/messages[\\/](en|ja)\.ts$/.test(f))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
// Keys built at run time from a code: `diag.${d.code}`, `syntax.${d.reason}`, … — the prefix stands for each.
const families = [...code.matchAll(/`([a-z-]+(?:\.[a-z-]+)*\.)\$\{/g)].map((m) => m[1]);

describe('the message tables', () => {
  it('have the same keys in Japanese and English', () => {
    expect(Object.keys(ja.text).sort()).toEqual(Object.keys(en.text).sort());
  });

  it('have no key that nothing uses', () => {
    const unused = Object.keys(en.text).filter((key) => !code.includes(`'${key}'`) && !families.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it('word every syntax error code of the yaml package in both languages', () => {
    for (const reason of SYNTAX_REASONS) {
      expect(en.text[`syntax.${reason}`]).toBeTruthy();
      expect(ja.text[`syntax.${reason}`]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});
