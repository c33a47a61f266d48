/**
 * More exact results of src/input's parsing and reading (issue 23, item 6: the mutants Stryker found surviving in
 * parseYamlSource.ts, jsonKeys.ts, readTextFile.ts and suggestion.ts after tests/mutationInput.test.ts): tags and keys
 * the loader refuses, the hint for a syntax error from the line it is on, where a path is located, and the smaller
 * helpers' edges. Kept apart from tests/mutationInput.test.ts so that an incremental Stryker run reuses what that
 * file's tests killed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { duplicateKeyDiagnostic, hasDuplicateKey } from '../src/input/jsonKeys.js';
import { checkShape, MAX_DEPTH, MAX_DOCUMENT_FILE_BYTES, nestingBeyond, parseYamlSource } from '../src/input/parseYamlSource.js';
import { readTextFile } from '../src/input/readTextFile.js';
import { closestForm, editDistance } from '../src/input/suggestion.js';

const parse = (text: string) => parseYamlSource(text, 'f.yaml');
/** Each diagnostic's code, line, column, and its reason and hint where it has them. */
const brief = (text: string) => parse(text).diagnostics.map((d) => [d.code, d.line, d.column, 'reason' in d ? d.reason : undefined, 'hint' in d ? d.hint : undefined]);

describe('parseYamlSource: what a document may not hold', () => {
  it.each([
    // Tags the parser resolves but a document may not carry (YAML 1.1's), each at its node.
    ['a: !!omap [b: 1]\n', [['yaml-tag', 1, 11, '!!omap']]],
    ['x: !!binary eA==\ny: !!timestamp 2001-01-01\n', [['yaml-tag', 1, 13, '!!binary'], ['yaml-tag', 2, 16, '!!timestamp']]],
    ['? !!binary eA==\n: 1\n', [['yaml-tag', 1, 12, '!!binary']]],
    // Tags the parser cannot resolve: its message, shortened to the tag.
    ['a: !!seq x\n', [['yaml-tag', 1, 4, '!!seq']]],
    ['a: !foo {b: 1}\n', [['yaml-tag', 1, 4, '!foo']]],
    ['a: !!set {b: 1}\n', [['yaml-tag', 1, 4, 'Set items must all have null values']]],
    // A key that is a mapping or an alias: refused where it starts, and nothing inside the pair is looked at further.
    ['k: v\n? {a: 1}\n: 1\n', [['syntax', 2, 3, 'a key that is a list or a mapping']]],
    ['? [a]\n: !!binary eA==\n', [['syntax', 1, 3, 'a key that is a list or a mapping']]],
    ['&a x: 1\n*a : 2\n', [['syntax', 2, 1, 'a key that is a list or a mapping']]],
  ])('%j: refused tags and keys', (text, diagnostics) => {
    const parsed = parse(text);
    expect(parsed.documents).toEqual([]);
    expect(parsed.diagnostics.map((d) => [d.code, d.line, d.column, d.value])).toEqual(diagnostics);
  });

  it.each([
    [': v\n', [{ '': 'v' }]], // an empty key is a scalar (null), not a list or a mapping
    ['a: &x 1\nb: *x\n', [{ a: 1, b: 1 }]],
    ['id: !!int "12"\ncandidate_id: 0x1F\n', [{ id: 12, candidate_id: '0x1F' }]], // a quoted id tagged as a number stays the number
    ['a: !!map {b: !!str 3}\nc: !!seq [!!null ~]\nd: !!bool true\ne: !!int 7\n', [{ a: { b: '3' }, c: [null], d: true, e: 7 }]],
  ])('%j is read as %j', (text, documents) => {
    const parsed = parse(text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.documents.map((d) => d.value)).toEqual(documents);
  });

  it('keeps the documents before and after one with a problem', () => {
    const parsed = parse('x: 1\n---\ny: !foo 2\n---\nz: 3\n---\n[\n');
    expect(parsed.documents.map((d) => d.value)).toEqual([{ x: 1 }, { z: 3 }]);
    expect(brief('x: 1\n---\ny: !foo 2\n---\nz: 3\n---\n[\n')).toEqual([['yaml-tag', 3, 4, undefined, undefined], ['syntax', 8, 1, 'MISSING_CHAR', undefined]]);
  });

  it('an alias of its own ancestor nests without end: too deep, at the first 8 segments', () => {
    expect(parse('a: &a [*a]\n').diagnostics).toEqual([{ code: 'too-deep', file: 'f.yaml', line: 1, column: 8, path: 'a[0][0][0][0][0][0][0]', limit: 64 }]);
    expect(parse('a: &a\n  b: *a\n').diagnostics).toEqual([{ code: 'too-deep', file: 'f.yaml', line: 2, column: 6, path: 'a.b.b.b.b.b.b.b', limit: 64 }]);
  });

});

describe('parseYamlSource: limits', () => {
  it('a text over the size limit has no documents, only the one diagnostic', () => {
    expect(parse('x'.repeat(MAX_DOCUMENT_FILE_BYTES + 1))).toEqual({
      documents: [],
      diagnostics: [{ code: 'too-large-input', file: 'f.yaml', path: '', limit: MAX_DOCUMENT_FILE_BYTES, size: MAX_DOCUMENT_FILE_BYTES + 1 }],
    });
  });

  it('nesting too deep is located by the text before it, not by the lines after', () => {
    expect(parse(`${'['.repeat(65)}\nx\ny\n`).diagnostics).toEqual([{ code: 'too-deep', file: 'f.yaml', line: 1, column: 65, path: '', limit: 64 }]);
    expect(parse(`a:\n  ${'['.repeat(65)}\n\n`).diagnostics).toEqual([{ code: 'too-deep', file: 'f.yaml', line: 2, column: 67, path: '', limit: 64 }]);
  });
});

describe('parseYamlSource: strict YAML', () => {
  it('refuses an implicit key over 1024 characters, and a comment stuck to a value', () => {
    expect(brief(`${'k'.repeat(1030)}: 1\n`)).toEqual([['syntax', 1, 1, 'KEY_OVER_1024_CHARS', undefined]]);
    expect(brief('a: "b"#c\n')).toEqual([['syntax', 1, 7, 'MISSING_CHAR', undefined]]);
  });
});

describe('nestingBeyond: each count on its own', () => {
  it.each([
    ['"{{{"', 2, 3], // braces in quotes count for the first count, as brackets do
    ['"[a[b[c"', 2, 5], // other characters between brackets change no count
    ['"[[]][[["', 2, 7], // closing brackets bring the count down, not below what they opened
    ['"x\\" - - - y"', 2, -1], // an escaped quote does not end the quoted text
    ["a: '- - - x'", 2, -1], // indicators inside quotes, single or double, are text
    ['a: "- - - x"', 2, -1],
    ['"a"\\ - - - x', 2, 9], // a backslash after the closing quote is no escape
    ['x\n- - - y', 2, 6], // indicators count afresh on each line
    ['x\n        y', 1, 6], // and indentation
    ['{{ "}}}" {{', 3, 10], // braces outside quotes, where quotes hide closing ones
    ['[[ "]]]" x [[', 3, 12], // text outside quotes does not close brackets
    ['[[ "]]]" ] [[[', 3, 13], // a closing bracket outside quotes closes one
  ])('%j with limit %i: %i', (text, limit, offset) => {
    expect(nestingBeyond(text, limit)).toBe(offset);
  });
});

describe('checkShape: depth counts containers only', () => {
  it('a number, null or true MAX_DEPTH deep is within the limit; a list there is not', () => {
    const nest = (leaf: unknown) => {
      let value: unknown = leaf;
      for (let i = 0; i < MAX_DEPTH; i++) value = [value];
      return { value, locate: (path: readonly PropertyKey[]) => ({ line: path.length + 1, column: 1 }) };
    };
    for (const leaf of [1, null, true]) expect(checkShape(nest(leaf), 'f')).toEqual([]);
    expect(checkShape(nest([]), 'f')).toEqual([{ code: 'too-deep', file: 'f', line: 9, column: 1, path: '[0][0][0][0][0][0][0][0]', limit: MAX_DEPTH }]);
  });
});

describe('parseYamlSource: the hint from the line of a syntax error', () => {
  it.each([
    // `role:leader` indented, after a dash and several spaces, or further down a mapping.
    ['  role:leader\n  x: [\n', [['syntax', 1, 3, 'MULTILINE_IMPLICIT_KEY', 'space-after-colon'], ['syntax', 3, 1, 'BAD_INDENT', undefined]]],
    ['-   role:leader\n  x: [\n', [['syntax', 1, 5, 'MULTILINE_IMPLICIT_KEY', 'space-after-colon'], ['syntax', 3, 1, 'BAD_INDENT', undefined]]],
    ['a:\n  b: c\n  role:leader\n', [['syntax', 3, 3, 'MISSING_CHAR', 'space-after-colon']]],
    // A `key: value` later on the line does not take the hint away; a colon inside quotes gives none.
    ['x:\n  - a\n  b:c d: e\n', [['syntax', 3, 1, 'BAD_INDENT', 'space-after-colon']]],
    ['"a:b" c: d\n', [['syntax', 1, 7, 'UNEXPECTED_TOKEN', undefined]]],
    // The whole line counts, from its start: `role:leader` after `a: ` is no slip of the kind.
    ['a: role:leader: x\n', [['syntax', 1, 4, 'BLOCK_AS_IMPLICIT_KEY', undefined]]],
    // A tab inside the line is not indentation.
    ['key: "a"\tb\n', [['syntax', 1, 10, 'UNEXPECTED_TOKEN', undefined]]],
    // Only the line of the error: the unclosed quote on the next line is not counted with it.
    ['a: "x" y\nb: "z\n', [['syntax', 1, 8, 'UNEXPECTED_TOKEN', undefined], ['syntax', 3, 1, 'MISSING_CHAR', undefined]]],
    // The last line of a file without a final line break is read to its end; an error at a line's last character is on that line.
    ['a:\n  b: "c" d"', [['syntax', 2, 10, 'UNEXPECTED_TOKEN', 'quote']]],
    ['name: "x""\nb: 1\n', [['syntax', 1, 10, 'UNEXPECTED_TOKEN', 'quote']]],
  ])('%j', (text, diagnostics) => {
    expect(brief(text)).toEqual(diagnostics);
  });
});

describe('parseYamlSource: duplicate keys and ids', () => {
  it.each([
    ['? {a: 1, a: 2}\n: x\n', { line: 1, column: 10, path: 'a' }],
    ['k:\n  ? {a: 1, a: 2}\n  : x\n', { line: 2, column: 12, path: 'k.a' }], // in a key: the path of the mapping the key is in
  ])('%j: a duplicate inside a key', (text, at) => {
    expect(parse(text).diagnostics).toEqual([{ code: 'duplicate-key', file: 'f.yaml', ...at, value: 'a' }]);
  });
});

describe('SourceDocument.locate', () => {
  it('a key without a value (null): at the key', () => {
    const [doc] = parse('? a\nb: 1\n').documents;
    expect(doc!.value).toEqual({ a: null, b: 1 });
    expect(doc!.locate(['a'])).toEqual({ line: 1, column: 3 });
    expect(doc!.locate(['a'], true)).toEqual({ line: 1, column: 3 });
    expect(doc!.locate(['b'])).toEqual({ line: 2, column: 4 });
  });

  it('stops at the end of the path, even where a key is named `undefined`', () => {
    const [doc] = parse('a:\n  undefined: 1\n').documents;
    expect(doc!.locate(['a'])).toEqual({ line: 2, column: 3 });
    expect(doc!.locate(['a', 'undefined'])).toEqual({ line: 2, column: 14 });
  });

  it('a path going on below a scalar: at the scalar', () => {
    const [doc] = parse('a:\n  c: 1e309\n').documents;
    expect(doc!.locate(['a', 'c', 'x'])).toEqual({ line: 2, column: 6 });
    expect(doc!.locate(['a', 'c', 0])).toEqual({ line: 2, column: 6 });
  });
});

describe('JSON Lines: a duplicate key the YAML parser cannot place', () => {
  it.each(['null', '5', '"a:b"', 'true', '[]'])('a line that is not an object (%s) has no duplicate key', (text) => {
    expect(hasDuplicateKey(text, JSON.parse(text))).toBe(false);
  });

  it('a line nested too deep for the parser: the duplicate at column 1, without a key', () => {
    const text = `{"a":1,"a":2,"b":${'['.repeat(65)}${']'.repeat(65)}}`;
    expect(hasDuplicateKey(text, JSON.parse(text))).toBe(true);
    expect(duplicateKeyDiagnostic(text, 'f.jsonl', 4)).toEqual({ code: 'duplicate-key', file: 'f.jsonl', line: 4, column: 1, path: '', value: '' });
  });
});

describe('readTextFile: a second byte-order mark is text, in an undecodable file too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'itss-mutation-read2-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('keeps U+FEFF after the first mark, in the text and in the line named', () => {
    const file = join(dir, 'f.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from('x'), Buffer.from([0xff]), Buffer.from('\ny')]));
    expect(readTextFile(file)).toEqual({ text: '\uFEFFx\uFFFD\ny', encoding: 'utf-8', undecodable: [{ line: 1, column: 3, value: '\uFEFFx\uFFFD' }] });
  });
});

describe('"did you mean": edges', () => {
  it.each([
    ['abcd', 'wxyzefg', 7], // lengths three apart are still compared
    ['a', 'bcdef', 4], // four apart or more: the difference in length, not compared
  ])('editDistance(%j, %j) = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it.each([
    [null, ['nul']],
    [true, ['tru']],
    [false, ['fals']],
    [{ a: 1 }, ['[object Object']],
  ])('%j is neither text nor a number: no suggestion, however near its text', (value, expected) => {
    expect(closestForm(value, expected)).toBeUndefined();
  });
});
