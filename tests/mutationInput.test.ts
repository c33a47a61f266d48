/**
 * Exact diagnostics of src/input (issue 23, item 6: the mutants Stryker found surviving there): where a YAML
 * problem is, which code and hint it gets, how deep nesting is measured, the "did you mean" suggestion, duplicate
 * keys in JSON Lines, file problems, and the zod issues as located diagnostics.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capDiagnostics, fileProblem, formatPath, InputError, MAX_DIAGNOSTICS, usageError, type Diagnostic } from '../src/input/diagnostic.js';
import { duplicateKeyDiagnostic, hasDuplicateKey } from '../src/input/jsonKeys.js';
import { checkShape, codePoint, MAX_DEPTH, MAX_DOCUMENT_FILE_BYTES, nestingBeyond, parseYamlSource, type SourceDocument } from '../src/input/parseYamlSource.js';
import { readTextFile, undecodableDiagnostics } from '../src/input/readTextFile.js';
import { closestForm, editDistance } from '../src/input/suggestion.js';
import { loadCandidates } from '../src/candidate/loadCandidate.js';
import { loadStandard } from '../src/standard/loadStandard.js';
import { madeUpStandard } from './helpers.js';

const parse = (text: string) => parseYamlSource(text, 'f.yaml');
/** Each diagnostic's code, line, column, and its reason and hint where it has them. */
const brief = (text: string) => parse(text).diagnostics.map((d) => [d.code, d.line, d.column, 'reason' in d ? d.reason : undefined, 'hint' in d ? d.hint : undefined]);

describe('parseYamlSource', () => {
  it.each([
    ['a: 1\na: 2\n', [{ code: 'duplicate-key', file: 'f.yaml', line: 2, column: 1, path: 'a', value: 'a' }]],
    ['x:\n  - {b: 1, b: 2}\n', [{ code: 'duplicate-key', file: 'f.yaml', line: 2, column: 12, path: 'x[0].b', value: 'b' }]],
    ['a: !!binary aGVsbG8=\n', [{ code: 'yaml-tag', file: 'f.yaml', line: 1, column: 13, path: '', value: '!!binary' }]],
    ['a: !foo x\n', [{ code: 'yaml-tag', file: 'f.yaml', line: 1, column: 4, path: '', value: '!foo' }]],
    ['? [a]\n: 1\n', [{ code: 'syntax', file: 'f.yaml', line: 1, column: 3, path: '', value: 'a key that is a list or a mapping', reason: 'NON_STRING_KEY' }]],
    ['a: "x\\u0001y"\n', [{ code: 'control-character', file: 'f.yaml', line: 1, column: 4, path: 'a', value: 'x\u0001y', expected: ['U+0001'] }]],
    ['a: *x\n', [{ code: 'too-many-aliases', file: 'f.yaml', line: 1, column: 1, path: '', limit: 100 }]],
    ['a:\n\tb: 1\n', [{ code: 'syntax', file: 'f.yaml', line: 2, column: 1, path: '', value: 'Tabs are not allowed as indentation', reason: 'TAB_AS_INDENT', hint: 'tab-indent' }]],
    [`${'['.repeat(65)}${']'.repeat(65)}`, [{ code: 'too-deep', file: 'f.yaml', line: 1, column: 65, path: '', limit: 64 }]],
    [`a: 1\nb:\n  ${'['.repeat(65)}`, [{ code: 'too-deep', file: 'f.yaml', line: 3, column: 67, path: '', limit: 64 }]],
  ])('%j gives exactly %j', (text, diagnostics) => {
    const parsed = parse(text);
    expect(parsed.documents).toEqual([]);
    expect(parsed.diagnostics).toEqual(diagnostics);
  });

  it.each([
    ['role:leader\nx: [\n', [['syntax', 1, 1, 'MULTILINE_IMPLICIT_KEY', 'space-after-colon'], ['syntax', 3, 1, 'BAD_INDENT', undefined]]],
    ['- role:leader\n  x: [\n', [['syntax', 1, 3, 'MULTILINE_IMPLICIT_KEY', 'space-after-colon'], ['syntax', 3, 1, 'BAD_INDENT', undefined]]],
    ['a:\n  b: "c" d"\n', [['syntax', 2, 10, 'UNEXPECTED_TOKEN', 'quote']]],
    ["a:\n  b: 'c' d'\n", [['syntax', 2, 10, 'UNEXPECTED_TOKEN', 'quote']]],
    ['key: "a" b\n', [['syntax', 1, 10, 'UNEXPECTED_TOKEN', undefined]]], // two quotes: not unclosed
    ['a: b: c\n', [['syntax', 1, 4, 'BLOCK_AS_IMPLICIT_KEY', undefined]]], // a space after each colon
    ['http://x: [\n', [['syntax', 2, 1, 'BAD_INDENT', undefined]]],
    ['"a:b": [\n', [['syntax', 2, 1, 'BAD_INDENT', undefined]]],
    ['a: [b\n', [['syntax', 2, 1, 'BAD_INDENT', undefined]]],
  ])('%j: syntax errors where the parser reports them, with the slip the line shows', (text, diagnostics) => {
    expect(brief(text)).toEqual(diagnostics);
  });

  it('reads every document, and keeps ids as written', () => {
    const parsed = parse('---\n---\nid: 001234\nn: 001234\ncandidate_id: 1e3\nother: 1e3\nlist: [1, 2]\n---\nid: B\n');
    expect(parsed.diagnostics).toEqual([]);
    // The first, empty between two markers, is a null scalar: kept (the loader names it not a candidate).
    expect(parsed.documents.map((d) => d.value)).toEqual([null, { id: '001234', n: 1234, candidate_id: '1e3', other: 1000, list: [1, 2] }, { id: 'B' }]);
  });

  it.each(['', '# a comment only\n', '\n\n'])('%j has no document and no problem', (text) => {
    expect(parse(text)).toEqual({ documents: [], diagnostics: [] });
  });

  it('keeps an id given as a quoted or a non-number value as it is', () => {
    expect(parse("id: '007'\ncandidate_id: true\n").documents[0]!.value).toEqual({ id: '007', candidate_id: true });
  });

  it('locates a path: the value, or with `key` the key; as far as the path goes', () => {
    const [doc] = parse('a:\n  b: [1, 2]\n  c: 1e309\n  d: .nan\n').documents;
    expect(doc!.value).toEqual({ a: { b: [1, 2], c: Infinity, d: NaN } });
    expect(doc!.locate([])).toEqual({ line: 1, column: 1 });
    expect(doc!.locate(['a'])).toEqual({ line: 2, column: 3 });
    expect(doc!.locate(['a'], true)).toEqual({ line: 1, column: 1 });
    expect(doc!.locate(['a', 'b', 1])).toEqual({ line: 2, column: 10 });
    expect(doc!.locate(['a', 'c'], true)).toEqual({ line: 3, column: 3 });
    expect(doc!.locate(['a', 'c'])).toEqual({ line: 3, column: 6 });
    expect(doc!.locate(['a', 'zz'])).toEqual({ line: 2, column: 3 });
    expect(doc!.locate(['a', 'b', 7])).toEqual({ line: 2, column: 6 });
    expect(doc!.locate(['a', 'b', 'x'])).toEqual({ line: 2, column: 6 });
    expect([doc!.raw!(['a', 'c']), doc!.raw!(['a', 'd']), doc!.raw!(['a']), doc!.raw!(['a', 'b', 0]), doc!.raw!(['nope'])]).toEqual(['1e309', '.nan', undefined, '1', undefined]);
  });

  it('locates through an alias', () => {
    const [doc] = parse('base: &b\n  x: 1\n  y: 2\nuse: *b\n').documents;
    expect(doc!.locate(['use', 'y'])).toEqual({ line: 3, column: 6 });
  });

  it('refuses a text longer than MAX_DOCUMENT_FILE_BYTES before parsing it, and takes one that long', () => {
    expect(MAX_DOCUMENT_FILE_BYTES).toBe(1 << 20);
    expect(parse('x'.repeat(MAX_DOCUMENT_FILE_BYTES + 1)).diagnostics).toEqual([{ code: 'too-large-input', file: 'f.yaml', path: '', limit: MAX_DOCUMENT_FILE_BYTES, size: MAX_DOCUMENT_FILE_BYTES + 1 }]);
    expect(parse('x'.repeat(MAX_DOCUMENT_FILE_BYTES)).diagnostics).toEqual([]);
  });

  it('reports the first MAX_DIAGNOSTICS problems of a document and counts the rest', () => {
    const text = Array.from({ length: 150 }, (_, i) => `k${i}: !t${i} x`).join('\n');
    const { diagnostics } = parse(text);
    // The first hundred problems, then one line counting the rest (it once came first, with a second line of 1,
    // and the hundredth problem dropped).
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(diagnostics[0]).toEqual({ code: 'yaml-tag', file: 'f.yaml', line: 1, column: 5, path: '', value: '!t0' });
    expect(diagnostics[99]).toMatchObject({ code: 'yaml-tag', line: 100, value: '!t99' });
    expect(diagnostics[MAX_DIAGNOSTICS]).toEqual({ code: 'more-errors', file: 'f.yaml', path: '', count: 50 });
    expect(diagnostics.filter((d) => d.code === 'more-errors')).toHaveLength(1);
    const under = parse(Array.from({ length: 100 }, (_, i) => `k${i}: !t${i} x`).join('\n')).diagnostics;
    expect(under).toHaveLength(100);
    expect(under.every((d) => d.code === 'yaml-tag')).toBe(true);
  });
});

describe('nestingBeyond', () => {
  it.each([
    ['[[[', 2, 2],
    ['[[]]', 2, -1],
    ['[[', 2, -1],
    ['{{{', 2, 2],
    ['{[{', 2, 2],
    ['[]]][[', 2, -1], // closing brackets never go below zero
    ['"[[["', 2, 3], // brackets in quotes count for the first count
    ['a: "]]]" [[[', 2, 11], // closing brackets in quotes do not hide the opening ones after them
    ["a: ']]]' [[[", 2, 11],
    ['a: "x\\"[[[["', 2, 9],
    ['- - - x', 2, 4],
    ['- - x', 2, -1],
    ['? ? ? x', 2, 4],
    ['a: b: c: d', 2, 7],
    ['-\n-\n-\n', 2, -1], // indicators count per line
    ['- - -\n', 2, 4], // an indicator before a line break counts
    ['        x', 1, 4],
    ['    x', 1, -1],
    ['\t\t\t\t\tx', 1, 4],
    ['x        ', 1, -1], // spaces after text are not indentation
    ['   \n   \n', 1, -1],
    ['-x -y -z', 1, -1], // a dash before a letter is not an indicator
    ['a "[[[" b', 2, 5],
  ])('%j with limit %i: %i', (text, limit, offset) => {
    expect(nestingBeyond(text, limit)).toBe(offset);
  });

  it('counts brackets outside quotes, where quotes hide closing brackets', () => {
    // The first count closes on `]]]` inside the quotes; the second, outside quotes, does not see them.
    expect(nestingBeyond('[[ "]]]" [[', 3)).toBe(10);
    expect(nestingBeyond('[[ "]]]" [', 3)).toBe(-1);
  });
});

describe('checkShape', () => {
  const doc = (value: unknown): SourceDocument => ({ value, locate: (path) => ({ line: path.length + 1, column: 1 }) });
  it.each([
    [{ a: 'ok', b: ['x', 'tab\there', 'lf\nand cr\r'] }, []],
    [{ a: ['x', 'bad\u0000'] }, [{ code: 'control-character', file: 'f', line: 3, column: 1, path: 'a[1]', value: 'bad\u0000', expected: ['U+0000'] }]],
    [{ 'k\u001f': 1 }, [{ code: 'control-character', file: 'f', line: 1, column: 1, path: '', value: 'k\u001f', expected: ['U+001F'] }]],
    [{ a: { b: 'x\u007f' } }, [{ code: 'control-character', file: 'f', line: 3, column: 1, path: 'a.b', value: 'x\u007f', expected: ['U+007F'] }]],
    [{ a: '\u000b\u000c\u000e' }, [{ code: 'control-character', file: 'f', line: 2, column: 1, path: 'a', value: '\u000b\u000c\u000e', expected: ['U+000B'] }]],
    [{ a: '\u0080 and \u00a0' }, []],
    [null, []],
    [42, []],
  ])('%j', (value, diagnostics) => {
    expect(checkShape(doc(value), 'f')).toEqual(diagnostics);
  });

  it('refuses nesting MAX_DEPTH deep, at the first 8 segments of its path', () => {
    let value: unknown = 'x';
    for (let i = 0; i < MAX_DEPTH; i++) value = [value];
    expect(checkShape(doc(value), 'f')).toEqual([]);
    expect(checkShape(doc([value]), 'f')).toEqual([{ code: 'too-deep', file: 'f', line: 9, column: 1, path: '[0][0][0][0][0][0][0][0]', limit: MAX_DEPTH }]);
  });

  it('codePoint names a character as U+ and four hex digits', () => {
    expect([codePoint('\u0001'), codePoint('\u007f'), codePoint('あ'), codePoint('\uabcd')]).toEqual(['U+0001', 'U+007F', 'U+3042', 'U+ABCD']);
  });
});

describe('"did you mean"', () => {
  it.each([
    ['title', 'tilte', 1],
    ['abc', 'abc', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['abcdefgh', 'a', 7],
    ['kitten', 'sitting', 3],
    ['ab', 'ba', 1],
    ['abcd', 'acbd', 1],
    ['ca', 'abc', 3],
    ['abcde', 'ab', 3],
    ['abcd', 'abce', 1],
    ['abcd', 'xbcd', 1],
    ['abcd', 'abcdx', 1],
    ['xabcd', 'abcd', 1],
    ['abcdef', 'badcfe', 3],
  ])('editDistance(%j, %j) = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it.each([
    ['tilte', ['title', 'other'], 'title'],
    ['leadr', ['lead', 'leader'], 'lead'],
    ['x', ['y'], 'y'],
    ['ab', ['abcd'], undefined],
    [12, ['13', '120'], '13'],
    [null, ['a'], undefined],
    [true, ['true'], undefined],
    ['lead', ['lead'], undefined], // the value itself: nothing to suggest
    ['ＬＥＡＤ', ['lead'], undefined],
    ['LEADR', ['lead'], 'lead'],
    ['abcdefgh', ['abcdefgx', 'abcdefxx'], 'abcdefgx'],
    ['abcdefgh', ['abcdefxx', 'abcdefgx'], 'abcdefgx'],
    ['abcdefgh', ['abcdexxx'], undefined],
    ['abcd', ['abxx'], undefined],
    ['abcdefgh', ['abcdefxx'], 'abcdefxx'], // two edits in eight letters
    ['abcdefg', ['abcdexx'], undefined], // two edits in seven
  ])('closestForm(%j, %j) = %j', (value, expected, form) => {
    expect(closestForm(value, expected)).toBe(form);
  });

  it('suggests a label where the labels are given, and the id where it is nearer', () => {
    const labels: Record<string, string> = { adv: '高度な基盤要件', multi: '多拠点' };
    expect(closestForm('高度な基板要件', ['adv', 'multi'], (id) => labels[id])).toBe('高度な基盤要件');
    expect(closestForm('mutli', ['adv', 'multi'], (id) => labels[id])).toBe('multi');
    expect(closestForm('mutli', ['adv', 'multi'], () => undefined)).toBe('multi');
  });
});

describe('duplicate keys in JSON Lines', () => {
  it.each([
    ['{"a":1,"a":2}', true],
    ['{"a":1,"b":{"c":2}}', false],
    ['{"a":"x:y","b":[{"c":1},{"c":2,"c":3}]}', true],
    ['[1,2]', false],
    ['{"a\\":":1}', false],
    ['{"a":[[{"b":1}]]}', false],
    ['{"a":[[{"b":1,"b":1}]]}', true],
    ['{"a":null,"b":[null,1,"x"]}', false],
    ['{}', false],
    ['"a:b"', false],
  ])('%s: %s', (text, duplicate) => {
    expect(hasDuplicateKey(text, JSON.parse(text))).toBe(duplicate);
  });

  it.each([
    ['{"id":"E1","id":"E2"}', 7, { code: 'duplicate-key', path: 'id', value: 'id', file: 'f.jsonl', line: 7, column: 12 }],
    ['{"a":{"b":1,"b":2}}', 3, { code: 'duplicate-key', path: 'a.b', value: 'b', file: 'f.jsonl', line: 3, column: 13 }],
    ['{"a":1}', 3, { code: 'duplicate-key', path: '', value: '', file: 'f.jsonl', line: 3, column: 1 }],
  ])('%s on line %i: %j', (text, line, diagnostic) => {
    expect(duplicateKeyDiagnostic(text, 'f.jsonl', line)).toEqual(diagnostic);
  });
});

describe('diagnostic helpers', () => {
  it.each([
    [[], ''],
    [['engagements', 2, 'size', 'staff'], 'engagements[2].size.staff'],
    [[0, 1], '[0][1]'],
    [[0, 'a'], '[0].a'],
    [['a'], 'a'],
  ])('formatPath(%j) = %j', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });

  it.each([
    ['ENOENT', { reason: 'no-such-folder' }],
    ['ENOTDIR', { reason: 'no-such-folder' }],
    ['EISDIR', { reason: 'is-a-folder' }],
    ['EACCES', { reason: 'permission-denied' }],
    ['EPERM', { reason: 'permission-denied' }],
    ['EROFS', { reason: 'permission-denied' }],
    ['ENOSPC', { reason: 'disk-full' }],
    ['EDQUOT', { reason: 'disk-full' }],
    ['EBUSY', { reason: 'other', detail: 'EBUSY' }],
  ])('fileProblem of %s', (code, problem) => {
    expect(fileProblem(Object.assign(new Error('x'), { code }), 'no-such-folder')).toEqual(problem);
  });

  it('fileProblem names a missing file as asked, and an error without a code by its text', () => {
    expect(fileProblem(Object.assign(new Error('x'), { code: 'ENOENT' }), 'no-such-file')).toEqual({ reason: 'no-such-file' });
    expect(fileProblem(new Error('boom'), 'no-such-file')).toEqual({ reason: 'other', detail: 'Error: boom' });
    expect(fileProblem(undefined, 'no-such-file')).toEqual({ reason: 'other', detail: 'undefined' });
  });

  it('capDiagnostics keeps MAX_DIAGNOSTICS and counts the rest', () => {
    const many = (n: number): Diagnostic[] => Array.from({ length: n }, (_, i) => ({ code: 'missing', file: 'f', path: `p${i}` }));
    expect(MAX_DIAGNOSTICS).toBe(100);
    const exactly = many(100);
    expect(capDiagnostics(exactly, 'f')).toBe(exactly);
    const capped = capDiagnostics(many(103), 'g');
    expect(capped).toHaveLength(101);
    expect(capped[99]).toEqual({ code: 'missing', file: 'f', path: 'p99' });
    expect(capped[100]).toEqual({ code: 'more-errors', file: 'g', path: '', count: 3 });
  });

  it('InputError: a line per diagnostic as its message, and the diagnostics', () => {
    const diagnostics: Diagnostic[] = [
      { code: 'missing', file: 'a.yaml', line: 3, column: 5, path: 'id' },
      { code: 'empty', file: 'b.yaml', path: '' },
    ];
    const error = new InputError(diagnostics);
    expect(error.message).toBe('a.yaml:3:5 id missing\nb.yaml:0:0  empty');
    expect(error.name).toBe('InputError');
    expect(error.diagnostics).toBe(diagnostics);
    expect(error).toBeInstanceOf(Error);
    expect(usageError({ code: 'bad-as-of', path: '--as-of', value: 'x' }).diagnostics).toEqual([{ code: 'bad-as-of', path: '--as-of', value: 'x', file: '' }]);
  });
});

describe('zod issues as located diagnostics (a candidate of the made-up standard)', () => {
  const diagnostics = (text: string) => loadCandidates(text, 'c.yaml', madeUpStandard).diagnostics;
  const engagement = (extra: string) => `id: E1\nengagements:\n  - {specialty: network-ops, role: lead, from: 2020-04${extra}}\n`;
  it.each([
    [engagement('').replace('lead', 'leed'), { code: 'unknown-value', file: 'c.yaml', line: 3, column: 36, path: 'engagements[0].role', value: 'leed', expected: ['junior', 'lead', 'head'], suggestion: 'lead' }],
    [
      engagement(', titel: x'),
      { code: 'unknown-key', file: 'c.yaml', line: 3, column: 57, path: 'engagements[0].titel', value: 'titel', expected: ['title', 'specialty', 'role', 'from', 'to', 'outcome', 'complexity', 'activities', 'size'], suggestion: 'title' },
    ],
    [engagement(', size: {staff: 1e400}'), { code: 'bad-people', file: 'c.yaml', line: 3, column: 71, path: 'engagements[0].size.staff', value: '1e400', expected: [] }],
    [engagement(', size: {staff: 12345678901234567890}'), { code: 'bad-people', file: 'c.yaml', line: 3, column: 71, path: 'engagements[0].size.staff', value: '12345678901234567890', expected: [] }],
    [engagement(', outcome: wins'), { code: 'unknown-value', file: 'c.yaml', line: 3, column: 66, path: 'engagements[0].outcome', value: 'wins', expected: ['success', 'failed'] }],
    [engagement(', complexity: 3'), { code: 'wrong-type', file: 'c.yaml', line: 3, column: 69, path: 'engagements[0].complexity', value: 3, expected: ['array', 'string'] }],
    ['id: E1\nengagements: 3\n', { code: 'wrong-type', file: 'c.yaml', line: 2, column: 14, path: 'engagements', value: 3, expected: ['array'] }],
    ['id: [1]\n', { code: 'wrong-type', file: 'c.yaml', line: 1, column: 5, path: 'id', value: [1], expected: ['string', 'number'] }],
    ['id: E1\nname: 3\n', { code: 'wrong-type', file: 'c.yaml', line: 2, column: 7, path: 'name', value: 3, expected: ['string'] }],
    ['name: x\n', { code: 'missing', file: 'c.yaml', line: 1, column: 1, path: 'id', expected: ['string', 'number'] }],
    ['id: E1\nexpertise: [{specialty: network-ops, areas: [routing], depth: expret}]\n', { code: 'unknown-value', file: 'c.yaml', line: 2, column: 63, path: 'expertise[0].depth', value: 'expret', expected: ['basic', 'expert'], suggestion: 'expert' }],
    ['id: E1\nknowledgeTransfer: [{kind: tlak}]\n', { code: 'unknown-value', file: 'c.yaml', line: 2, column: 28, path: 'knowledgeTransfer[0].kind', value: 'tlak', expected: ['talk', 'paper', 'book'], suggestion: 'talk' }],
  ])('%j', (text, diagnostic) => {
    expect(diagnostics(text)).toEqual([diagnostic]);
  });
});

describe('readTextFile: by its byte-order mark, each undecodable line located', () => {
  const dir = mkdtempSync(join(tmpdir(), 'itss-mutation-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const read = (bytes: Buffer) => {
    const file = join(dir, `f${n++}.txt`);
    writeFileSync(file, bytes);
    return readTextFile(file);
  };
  const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
  it.each([
    ['no BOM', Buffer.from('a\nb'), 'a\nb', 'utf-8'],
    ['a UTF-8 BOM', Buffer.concat([BOM8, Buffer.from('a\nb')]), 'a\nb', 'utf-8'],
    ['a UTF-8 BOM alone', BOM8, '', 'utf-8'],
    ['two UTF-8 BOMs: the second is text', Buffer.concat([BOM8, BOM8, Buffer.from('x')]), '\uFEFFx', 'utf-8'],
    ['a UTF-16 LE BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('山a', 'utf16le')]), '山a', 'utf-16le'],
    ['a UTF-16 BE BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('山a', 'utf16le').swap16()]), '山a', 'utf-16be'],
    ['an empty file', Buffer.alloc(0), '', 'utf-8'],
    ['two bytes of a UTF-8 BOM: text', Buffer.from([0xef, 0xbb, 0x41]), '\uFFFDA', 'utf-8'],
  ])('%s', (_name, bytes, text, encoding) => {
    const file = read(bytes);
    expect({ text: file.text, encoding: file.encoding }).toEqual({ text, encoding });
    if (_name !== 'two bytes of a UTF-8 BOM: text') expect(file.undecodable).toEqual([]);
  });

  it('names the lines that do not decode as bad-encoding diagnostics', () => {
    const file = read(Buffer.concat([Buffer.from([0xff]), Buffer.from('a\nok\nxy'), Buffer.from([0xc3])]));
    expect(file).toEqual({
      text: '\uFFFDa\nok\nxy\uFFFD',
      encoding: 'utf-8',
      undecodable: [
        { line: 1, column: 1, value: '\uFFFDa' },
        { line: 3, column: 3, value: 'xy\uFFFD' },
      ],
    });
    expect(undecodableDiagnostics('f.yaml', file)).toEqual([
      { code: 'bad-encoding', file: 'f.yaml', line: 1, column: 1, path: '', encoding: 'utf-8', value: '\uFFFDa' },
      { code: 'bad-encoding', file: 'f.yaml', line: 3, column: 3, path: '', encoding: 'utf-8', value: 'xy\uFFFD' },
    ]);
  });

  it('locates a bad line of UTF-16 BE', () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('ok\nab', 'utf16le').swap16(), Buffer.from([0xdc, 0x00]), Buffer.from('\n', 'utf16le').swap16()]);
    expect(read(bytes)).toEqual({ text: 'ok\nab\uFFFD\n', encoding: 'utf-16be', undecodable: [{ line: 2, column: 3, value: 'ab\uFFFD' }] });
  });
});

describe('zod issues of a tailored standard as located diagnostics (each one edit of the made-up standard)', () => {
  const base = readFileSync(new URL('./fixtures/made-up-standard.yaml', import.meta.url), 'utf8');
  const SIZE = '{ anyOf: { staff: 100, budget: 1000000000 } }';
  const MENTORING = '{ kind: mentoring, source: 育成 }';
  const OPTION = 'specialties[0].levels[1].criteria[2].options[0]';
  const CRITERION = 'specialties[0].levels[1].criteria';
  const KINDS = ['responsibility', 'complexity', 'size', 'expertise', 'knowledge-transfer', 'mentoring'];
  const diagnosticsOf = (from: string, to: string) => {
    const text = base.replace(from, to);
    expect(text).not.toBe(base);
    try {
      loadStandard(text, 's.yaml');
    } catch (error) {
      return (error as InputError).diagnostics;
    }
    return [];
  };
  it.each([
    [SIZE, '{ anyOf: { staf: 100, budget: 1000000000 } }', { code: 'unknown-id', line: 53, column: 34, path: `${OPTION}.anyOf.staf`, value: 'staf', expected: ['staff', 'budget'], suggestion: 'staff' }],
    [SIZE, '{ anyOf: 5 }', { code: 'wrong-type', line: 53, column: 26, path: `${OPTION}.anyOf`, value: 5, expected: ['record'] }],
    [SIZE, '{ anyOf: { staff: -1 } }', { code: 'too-small', line: 53, column: 35, path: `${OPTION}.anyOf.staff`, value: -1, expected: ['>= 0'] }],
    [SIZE, '{ anyOf: { staff: x } }', { code: 'wrong-type', line: 53, column: 35, path: `${OPTION}.anyOf.staff`, value: 'x', expected: ['number'] }],
    [SIZE, '{ anyOf: { __proto__: 3 } }', { code: 'unknown-id', line: 53, column: 39, path: `${OPTION}.anyOf.__proto__`, value: '__proto__', expected: ['staff', 'budget'] }],
    [SIZE, '{ anyOf: { staff: 100 }, complexityAtLest: 2 }', { code: 'unknown-key', line: 53, column: 42, path: `${OPTION}.complexityAtLest`, value: 'complexityAtLest', expected: ['anyOf', 'complexityAtLeast', 'sourceUpperBound', 'source'], suggestion: 'complexityAtLeast' }],
    [MENTORING, '{ kind: mentorin, source: 育成 }', { code: 'not-allowed', line: 58, column: 21, path: `${CRITERION}[5].kind`, value: 'mentorin', expected: KINDS, suggestion: 'mentoring' }],
    [MENTORING, '{ kind: mentoring, source: 育成, atLest: 2 }', { code: 'unknown-key', line: 58, column: 44, path: `${CRITERION}[5].atLest`, value: 'atLest', expected: ['kind', 'atLeast', 'source'], suggestion: 'atLeast' }],
    [MENTORING, '{ kind: 3, source: 育成 }', { code: 'not-allowed', line: 58, column: 21, path: `${CRITERION}[5].kind`, value: 3, expected: KINDS }],
    [MENTORING, '{ source: 育成 }', { code: 'not-allowed', line: 58, column: 13, path: `${CRITERION}[5].kind`, expected: KINDS }],
    [MENTORING, '{ kind: mentoring, source: 育成, atLeast: 0 }', { code: 'too-small', line: 58, column: 53, path: `${CRITERION}[5].atLeast`, value: 0, expected: ['> 0'] }],
    [MENTORING, '{ kind: mentoring, source: 育成, atLeast: 1.5 }', { code: 'wrong-type', line: 58, column: 53, path: `${CRITERION}[5].atLeast`, value: 1.5, expected: ['int'] }],
    ['{ kind: expertise, depth: expert, source: 熟達 }', '{ kind: expertise, depth: expert, source: 熟達, areasRequired: some }', { code: 'not-allowed', line: 56, column: 74, path: `${CRITERION}[3].areasRequired`, value: 'some', expected: ['all', 'any'] }],
    ['{ kind: knowledge-transfer, atLeastKinds: 2, source: 2種類以上 }', '{ kind: knowledge-transfer, atLeastKinds: 2, source: 2種類以上, __proto__: 1 }', { code: 'unknown-key', line: 57, column: 73, path: `${CRITERION}[4].__proto__`, value: '__proto__', expected: ['kind', 'atLeastKinds', 'source'] }],
    ['format: itss-standard/v1', 'format: itss-standard/v2', { code: 'not-allowed', line: 3, column: 9, path: 'format', value: 'itss-standard/v2', expected: ['itss-standard/v1'] }],
    ['areasRequired: all', 'areasRequired: 3', { code: 'not-allowed', line: 26, column: 20, path: 'specialties[0].areasRequired', value: 3, expected: ['all', 'any'] }],
    ['  - id: network-ops', '  - id: network-ops\n    labl: x', { code: 'unknown-key', line: 25, column: 5, path: 'specialties[0].labl', value: 'labl', expected: ['id', 'label', 'areasRequired', 'complexity', 'areas', 'activities', 'levels'], suggestion: 'label' }],
    ['years: 2, success: true', 'years: two, success: true', { code: 'wrong-type', line: 48, column: 56, path: `${CRITERION}[0].years`, value: 'two', expected: ['number'] }],
    ['years: 2, success: true', 'years: 2, success: yes', { code: 'wrong-type', line: 48, column: 68, path: `${CRITERION}[0].success`, value: 'yes', expected: ['boolean'] }],
  ])('%s → %s', (from, to, diagnostic) => {
    expect(diagnosticsOf(from, to)).toEqual([{ file: 's.yaml', ...diagnostic }]);
  });
});
