import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { yamlFiles } from './helpers.js';
import { readPlainYaml } from '../src/input/plainYaml.js';
import { parseWithLibrary, parseYamlSource } from '../src/input/parseYamlSource.js';

/** What the yaml library makes of a text (parseYamlSource without the plain reader): one value, or none. */
function libraryReading(text: string): { value: unknown; line: number } | undefined {
  const { documents, diagnostics } = parseWithLibrary(text, 'x.yaml');
  if (diagnostics.length > 0 || documents.length !== 1) return undefined;
  return { value: documents[0].value, line: documents[0].locate([]).line };
}

/** The reader's promise: whatever it takes, the library takes too, with the same value, -0 and NaN included. */
function expectAgreement(text: string): boolean {
  const plain = readPlainYaml(text);
  if (plain === undefined) return false;
  const library = libraryReading(text);
  expect(library, `the library refuses what the plain reader took:\n${text}`).toBeDefined();
  expect(plain.value, text).toStrictEqual(library!.value);
  expect(plain.line, text).toBe(library!.line);
  return true;
}

const example = readFileSync('examples/yamada-hanako.yaml', 'utf8');

/** Texts the reader takes, each with the value the library gives too. */
const taken: [string, string, unknown][] = [
  ['the shipped example', example, undefined],
  ['ids written as numbers stay as written', 'id: 001234\nname: 1e3\nx: { id: 0x1F, candidate_id: 1.50 }\n', { id: '001234', name: 1000, x: { id: '0x1F', candidate_id: '1.50' } }],
  ['the core schema: null, booleans, integers, floats', 'a:\nb: ~\nc: Null\nd: TRUE\ne: false\nf: 0o17\ng: -0\nh: 0x1f\ni: .inf\nj: -.Inf\nk: .NaN\nl: 1e-3\nm: .5\nn: 12.\no: +7\n',
    { a: null, b: null, c: null, d: true, e: false, f: 15, g: -0, h: 31, i: Infinity, j: -Infinity, k: NaN, l: 0.001, m: 0.5, n: 12, o: 7 }],
  ['text that looks like numbers, dates and yen', 'a: 2016-12\nb: 1.8億円\nc: 0x\nd: 1_000\ne: yes\nf: -foo\ng: C#\nh: http://example.com/a:b\n',
    { a: '2016-12', b: '1.8億円', c: '0x', d: '1_000', e: 'yes', f: '-foo', g: 'C#', h: 'http://example.com/a:b' }],
  ['an ideographic space is text, not a space', 'name: 　山田　花子　\n', { name: '　山田　花子　' }],
  ['quotes, with the single quote doubled, and comments', "a: 'it''s' # said\nb: \"x: y # z\"  \nc: ' '\n'd e': 1\n\"f\": [\"g, h\", 'i']\n",
    { a: "it's", b: 'x: y # z', c: ' ', 'd e': 1, f: ['g, h', 'i'] }],
  ['a list at its key\'s indentation, and lists of mappings', 'a:\n- 1\n- x: 2\n  y:\n  - 3\nb:\n  - c\n', { a: [1, { x: 2, y: [3] }], b: ['c'] }],
  ['nested blocks and empty values', 'a:\n  b:\n    c: 1\n  d:\ne: [ ]\nf: {}\ng:\n  -\n  - h\n', { a: { b: { c: 1 }, d: null }, e: [], f: {}, g: [null, 'h'] }],
  ['Windows line ends', 'a: 1\r\nb:\r\n  - x\r\n', { a: 1, b: ['x'] }],
  ['comments and blank lines anywhere', '# top\n\na: 1 # one\n   # indented comment\n\nb:\n# between\n  c: 2\n', { a: 1, b: { c: 2 } }],
];

/** Texts the reader leaves to the library (each valid YAML or not: the library says which). */
const declined: [string, string][] = [
  ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
  ['a tag', 'a: !!str 1\n'],
  ['a block scalar', 'a: |\n  text\n'],
  ['a plain scalar over two lines', 'a: one\n  two\n'],
  ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
  ['an escape', 'a: "\\u3042"\n'],
  ['a flow over two lines', 'a: [1,\n  2]\n'],
  ['nested flows', 'a: [[1]]\n'],
  ['a trailing comma', 'a: [1, ]\n'],
  ['two documents', 'a: 1\n---\nb: 2\n'],
  ['a document start', '---\na: 1\n'],
  ['a tab', 'a:\t1\n'],
  ['a duplicate key', 'a: 1\na: 2\n'],
  ['a key the core schema reads as a number', '1: a\n'],
  ['a complex key', '? a\n: b\n'],
  ['a list at the top', '- a\n'],
  ['a scalar document', 'just text\n'],
  ['a nested mapping on one line', 'a: b: c\n'],
  ['__proto__', '__proto__: 1\n'],
  ['a merge key', '<<: 1\n'],
  ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
  ['a JSON document', '{"a": 1}\n'],
  ['an empty text', ''],
  // Found by attacking the reader (a helper's grammar and mutation runs, millions of texts): the library refuses a
  // block key over 1024 characters as written, and words nesting past its limit at the place it goes too deep.
  ['a quoted key over 1024 characters as written, 1000 read', `'${'a'.repeat(977)}${"''".repeat(23)}': 1\n`],
  ['nesting deeper than 32', Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}a:\n`).join('') + `${' '.repeat(40)}b: 1\n`],
  ['a byte-order mark', '\ufeffa: 1\n'],
];

describe('readPlainYaml: the yaml library\'s value, or nothing', () => {
  it.each(taken)('takes %s', (_name, text, value) => {
    expect(expectAgreement(text)).toBe(true);
    if (value !== undefined) expect(readPlainYaml(text)!.value).toStrictEqual(value);
  });

  it.each(declined)('leaves %s to the library', (_name, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it('agrees with the library on every YAML and JSON file of the project, and takes the candidate files', () => {
    const files = ['examples', 'tests/fixtures', 'data'].flatMap(yamlFiles);
    expect(files.length).toBeGreaterThan(20);
    let took = 0;
    for (const file of files) if (expectAgreement(readFileSync(file, 'utf8'))) took++;
    expect(took).toBeGreaterThan(10);
  });

  it('agrees with the library on texts mutated at random (a taken text changed by a few YAML-significant characters)', () => {
    const bases = [example, ...taken.slice(1).map(([, text]) => text), readFileSync('tests/fixtures/made-up-candidate.yaml', 'utf8')];
    const pieces = [' ', '  ', '-', '- ', ':', ': ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '\n', '\n  ', '\n- ', '&', '*', '!', '|', '>', '?', '%',
      '0', '1', '.', 'e', 'x', '~', 'true', 'null', '\t', '\r', '　', 'id: ', '---', '\\', '@'];
    const mutation = fc.record({ at: fc.nat(), cut: fc.nat({ max: 3 }), piece: fc.constantFrom(...pieces) });
    let took = 0;
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 3 }), (base, mutations) => {
        let text = base;
        for (const { at, cut, piece } of mutations) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + piece + text.slice(i + cut);
        }
        if (expectAgreement(text)) took++;
      }),
      { numRuns: Number(process.env.PLAIN_YAML_RUNS ?? 3000) },
    );
    // Most mutations leave a text the reader still takes: the property is not held by declining everything.
    expect(took).toBeGreaterThan(Number(process.env.PLAIN_YAML_RUNS ?? 3000) / 20);
  });

  it('parseYamlSource: a taken text has the library\'s value, and every place a message asks for is the library\'s', () => {
    const source = parseYamlSource(example, 'e.yaml').documents[0];
    const library = parseWithLibrary(example, 'e.yaml').documents[0];
    expect(source.value).toStrictEqual(library.value);
    for (const path of [[], ['engagements', 2, 'role'], ['expertise', 0, 'areas', 1], ['mentoring', 0]]) {
      expect(source.locate(path)).toEqual(library.locate(path));
      expect(source.locate(path, true)).toEqual(library.locate(path, true));
    }
    expect(source.raw?.(['engagements', 0, 'size', 'peakStaff'])).toBe('12');
  });
});
