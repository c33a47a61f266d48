/**
 * zod issues as located diagnostics, issue by issue (issue 23, item 6: the mutants of src/input/zodDiagnostics.ts and
 * src/input/userKeyed.ts that survived the suite): each test parses a small YAML text with a small schema and asserts
 * the exact diagnostics (code, line, column, path, value, expected, suggestion). The mapping file's schema
 * (src/hr/loadMapping.ts) is the one that reaches the record, Map and plain-union branches, so a few of its own
 * diagnostics are asserted too.
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { InputError, type Diagnostic } from '../src/input/diagnostic.js';
import { parseYamlSource, type SourceDocument } from '../src/input/parseYamlSource.js';
import { userMap, userRecord } from '../src/input/userKeyed.js';
import { zodDiagnostics } from '../src/input/zodDiagnostics.js';
import { loadMapping } from '../src/hr/loadMapping.js';
import { BARE_PROTOTYPE } from '../src/values/bareObject.js';

/** The diagnostics of `text` against `schema` (the parse must fail). */
function diagnose(schema: z.core.$ZodType, text: string, labelOf?: (id: string) => string | undefined): Diagnostic[] {
  const { documents, diagnostics } = parseYamlSource(text, 'z.yaml');
  expect(diagnostics).toEqual([]);
  const source = documents[0]!;
  const result = z.safeParse(schema, source.value, { reportInput: true });
  if (result.success) throw new Error(`${JSON.stringify(text)} passed`);
  return zodDiagnostics(result.error, schema, source, 'z.yaml', labelOf);
}

/** A refinement that always fails with these params, at `path` below the value. */
const failing = (params: Record<string, unknown> | undefined, path: PropertyKey[], message?: string) =>
  z.unknown().check(z.refine(() => false, { ...(params ? { params } : {}), path: path as (string | number)[], ...(message !== undefined ? { message } : {}) }));

const at = (line: number, column: number, path: string) => ({ file: 'z.yaml', line, column, path });

describe('bounds: too small and too large, inclusive or not', () => {
  it.each([
    [z.number().check(z.gte(5)), 'n: 4\n', 'too-small', 4, '>= 5'],
    [z.number().check(z.gt(5)), 'n: 5\n', 'too-small', 5, '> 5'],
    [z.number().check(z.lte(5)), 'n: 6\n', 'too-large', 6, '<= 5'],
    [z.number().check(z.lt(5)), 'n: 5\n', 'too-large', 5, '< 5'],
    [z.string().check(z.maxLength(2)), 'n: abc\n', 'too-large', 'abc', '<= 2'],
    [z.string().check(z.minLength(2)), 'n: a\n', 'too-small', 'a', '>= 2'],
    [z.number().check(z.lte(5)), 'n: 1e300\n', 'too-large', '1e300', '<= 5'], // as written, past the safe integers
    [z.number().check(z.gte(0)), 'n: -12345678901234567890\n', 'too-small', '-12345678901234567890', '>= 0'],
  ])('%#: %j', (schema, text, code, value, expected) => {
    expect(diagnose(z.strictObject({ n: schema }), text)).toEqual([{ code, ...at(1, 4, 'n'), value, expected: [expected] }]);
  });
});

describe('types, values and unions', () => {
  it.each([
    // A value of the wrong type, shown as written where JSON would misquote it; a number shown as the number.
    ['n: 1e400\n', z.string(), { code: 'wrong-type', ...at(1, 4, 'n'), value: '1e400', expected: ['string'] }],
    ['n: .nan\n', z.string(), { code: 'wrong-type', ...at(1, 4, 'n'), value: '.nan', expected: ['string'] }],
    ['n: 12345678901234567890\n', z.string(), { code: 'wrong-type', ...at(1, 4, 'n'), value: '12345678901234567890', expected: ['string'] }],
    ['n: 9007199254740991\n', z.string(), { code: 'wrong-type', ...at(1, 4, 'n'), value: 9007199254740991, expected: ['string'] }],
    ['n: 1.5\n', z.string(), { code: 'wrong-type', ...at(1, 4, 'n'), value: 1.5, expected: ['string'] }],
    ['n: -12\n', z.string(), { code: 'wrong-type', ...at(1, 4, 'n'), value: -12, expected: ['string'] }],
    ['n: [1]\n', z.string(), { code: 'wrong-type', ...at(1, 4, 'n'), value: [1], expected: ['string'] }],
    // A missing key is at its mapping's place, without a value.
    ['m: 1\n', z.optional(z.number()), undefined],
    ['n: 3\n', z.literal([1, 2]), { code: 'not-allowed', ...at(1, 4, 'n'), value: 3, expected: ['1', '2'] }],
    ['n: xx\n', z.enum(['x', 'y']), { code: 'not-allowed', ...at(1, 4, 'n'), value: 'xx', expected: ['x', 'y'] }],
    // A plain union names each type it accepts, once.
    ['n: 1\n', z.union([z.string(), z.string().check(z.minLength(1)), z.array(z.string())]), { code: 'wrong-type', ...at(1, 4, 'n'), value: 1, expected: ['string', 'array'] }],
    ['n: 1e400\n', z.union([z.string(), z.boolean()]), { code: 'wrong-type', ...at(1, 4, 'n'), value: '1e400', expected: ['string', 'boolean'] }],
    // A union whose members fail on other grounds than the type names none.
    ['n: abc\n', z.union([z.string().check(z.maxLength(1)), z.string().check(z.maxLength(2))]), { code: 'wrong-type', ...at(1, 4, 'n'), value: 'abc', expected: [] }],
    // Not a bound, a type, a value or a union: the issue's message.
    ['n: bc\n', z.string().check(z.regex(/^a/)), { code: 'not-allowed', ...at(1, 4, 'n'), value: 'bc', expected: ['Invalid input'] }],
    ['n: bc\n', z.string().check(z.regex(/^a/, { message: '' })), { code: 'not-allowed', ...at(1, 4, 'n'), value: 'bc', expected: [] }],
  ])('%j against %#', (text, schema, diagnostic) => {
    const schemaOf = z.strictObject({ n: schema, ...(text.startsWith('m') ? { m: z.number() } : {}) });
    if (diagnostic === undefined) {
      expect(() => diagnose(schemaOf, text)).toThrow('passed');
      return;
    }
    expect(diagnose(schemaOf, text)).toEqual([diagnostic]);
  });

  it('a missing key: `missing`, located at its mapping (the key is not in the file), with the types expected', () => {
    expect(diagnose(z.strictObject({ a: z.strictObject({ n: z.number(), m: z.optional(z.number()) }) }), 'a:\n  m: 1\n')).toEqual([
      { code: 'missing', ...at(2, 3, 'a.n'), expected: ['number'] },
    ]);
    expect(diagnose(z.strictObject({ n: z.union([z.string(), z.array(z.string())]), m: z.number() }), 'x: 0\nm: 1\n')).toEqual([
      { code: 'missing', ...at(1, 1, 'n'), expected: ['string', 'array'] },
      { code: 'unknown-key', ...at(1, 1, 'x'), value: 'x', expected: ['n', 'm'], suggestion: 'n' },
    ]);
  });

  it('a key the prototype has (`toString`) is missing all the same', () => {
    expect(diagnose(z.strictObject({ toString: z.string() }), 'a: 1\n')).toEqual([
      { code: 'missing', ...at(1, 1, 'toString'), expected: ['string'] },
      { code: 'unknown-key', ...at(1, 1, 'a'), value: 'a', expected: ['toString'] },
    ]);
  });

  it('a discriminated union with an unknown discriminator names its options, with the nearest', () => {
    const A = z.strictObject({ kind: z.literal('alpha'), x: z.number() });
    const B = z.strictObject({ kind: z.literal('beta'), y: z.number() });
    const schema = z.strictObject({ c: z.array(z.discriminatedUnion('kind', [A, B])) });
    expect(diagnose(schema, 'c:\n  - {kind: beat, y: 1}\n')).toEqual([{ code: 'not-allowed', ...at(2, 12, 'c[0].kind'), value: 'beat', expected: ['alpha', 'beta'], suggestion: 'beta' }]);
    expect(diagnose(schema, 'c:\n  - {kind: gamma, y: 1}\n')).toEqual([{ code: 'not-allowed', ...at(2, 12, 'c[0].kind'), value: 'gamma', expected: ['alpha', 'beta'] }]);
    expect(diagnose(schema, 'c:\n  - {y: 1}\n')).toEqual([{ code: 'not-allowed', ...at(2, 5, 'c[0].kind'), expected: ['alpha', 'beta'] }]);
    // The unknown keys of a member are those of the member the discriminator chose, whichever it is.
    expect(diagnose(schema, 'c:\n  - {kind: beta, y: 1, x: 2}\n')).toEqual([{ code: 'unknown-key', ...at(2, 24, 'c[0].x'), value: 'x', expected: ['kind', 'y'], suggestion: 'y' }]);
    expect(diagnose(schema, 'c:\n  - {kind: alpha, x: 1, yy: 2}\n')).toStrictEqual([{ code: 'unknown-key', ...at(2, 25, 'c[0].yy'), value: 'yy', expected: ['kind', 'x'] }]);
  });

  it('chooses the member by the discriminator when a member is a pipe, or has it optional', () => {
    const A = z.strictObject({ kind: z.literal('alpha'), x: z.number() });
    const B = z.strictObject({ kind: z.literal('beta'), y: z.number() });
    const C = z.strictObject({ kind: z.optional(z.literal('gamma')), w: z.number() });
    const piped = z.strictObject({ c: z.discriminatedUnion('kind', [A, z.pipe(B, z.transform((v) => v))]) });
    expect(diagnose(piped, 'c: {kind: beta, y: 1, yy: 2}\n')).toEqual([{ code: 'unknown-key', ...at(1, 23, 'c.yy'), value: 'yy', expected: ['kind', 'y'], suggestion: 'y' }]);
    const optional = z.strictObject({ c: z.discriminatedUnion('kind', [C, A, B]) });
    expect(diagnose(optional, 'c: {kind: beta, y: 1, yy: 2}\n')).toEqual([{ code: 'unknown-key', ...at(1, 23, 'c.yy'), value: 'yy', expected: ['kind', 'y'], suggestion: 'y' }]);
  });
});

describe('unknown keys: the keys of the schema at that path', () => {
  it('lists each unknown key at its own place, through arrays, optional, nullable and default wrappers', () => {
    const schema = z.strictObject({
      list: z._default(z.array(z.optional(z.nullable(z.strictObject({ name: z.string(), age: z.optional(z.number()) })))), []),
    });
    expect(diagnose(schema, 'list:\n  - {name: a}\n  - {name: b, nmae: c, agee: 3}\n')).toEqual([
      { code: 'unknown-key', ...at(3, 15, 'list[1].nmae'), value: 'nmae', expected: ['name', 'age'], suggestion: 'name' },
      { code: 'unknown-key', ...at(3, 24, 'list[1].agee'), value: 'agee', expected: ['name', 'age'], suggestion: 'age' },
    ]);
  });

  it('through a pipe (a transform after the object), a readonly, a prefault and a nonoptional', () => {
    const schema = z.strictObject({
      p: z.pipe(z.strictObject({ a: z.number() }), z.transform((v) => v.a)),
      q: z.readonly(z.strictObject({ b: z.number() })),
      r: z.prefault(z.strictObject({ c: z.number() }), { c: 1 }),
      s: z.nonoptional(z.optional(z.strictObject({ d: z.number() }))),
    });
    expect(diagnose(schema, 'p: {a: 1, aa: 2}\nq: {b: 1, bb: 2}\nr: {c: 1, cc: 2}\ns: {d: 1, dd: 2}\n')).toEqual([
      { code: 'unknown-key', ...at(1, 11, 'p.aa'), value: 'aa', expected: ['a'], suggestion: 'a' },
      { code: 'unknown-key', ...at(2, 11, 'q.bb'), value: 'bb', expected: ['b'], suggestion: 'b' },
      { code: 'unknown-key', ...at(3, 11, 'r.cc'), value: 'cc', expected: ['c'], suggestion: 'c' },
      { code: 'unknown-key', ...at(4, 11, 's.dd'), value: 'dd', expected: ['d'], suggestion: 'd' },
    ]);
  });

  it('finds a Map\'s value schema however the pipes before it nest', () => {
    const toMap = z.transform((mapping: Record<string, unknown>) => new Map(Object.entries(mapping)));
    const values = z.map(z.string(), z.strictObject({ low: z.number() }));
    const isRecord = z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    for (const m of [z.pipe(z.pipe(isRecord, toMap), values), z.pipe(isRecord, z.pipe(toMap, values))]) {
      expect(diagnose(z.strictObject({ m }), 'm:\n  x: {low: 1, lwo: 2}\n')).toEqual([{ code: 'unknown-key', ...at(2, 15, 'm.x.lwo'), value: 'lwo', expected: ['low'], suggestion: 'low' }]);
    }
  });

  it('unwraps twenty wrappers at most (a guard against a cycle): past them, no keys to offer', () => {
    const wrapped = (n: number) => {
      let schema: z.core.$ZodType = z.strictObject({ a: z.number() });
      for (let i = 0; i < n; i++) schema = z.optional(schema);
      return z.strictObject({ w: schema });
    };
    expect(diagnose(wrapped(20), 'w: {a: 1, b: 2}\n')).toEqual([{ code: 'unknown-key', ...at(1, 11, 'w.b'), value: 'b', expected: ['a'], suggestion: 'a' }]);
    expect(diagnose(wrapped(21), 'w: {a: 1, b: 2}\n')).toStrictEqual([{ code: 'unknown-key', ...at(1, 11, 'w.b'), value: 'b', expected: [] }]);
  });

  it('a schema it does not walk (a tuple), or one with no keys (an unknown value): no keys to offer', () => {
    expect(diagnose(z.strictObject({ t: z.tuple([z.strictObject({ a: z.number() })]) }), 't: [{a: 1, b: 2}]\n')).toStrictEqual([
      { code: 'unknown-key', ...at(1, 12, 't[0].b'), value: 'b', expected: [] },
    ]);
    const unknownKeys = z.unknown().check((ctx) => {
      ctx.issues.push({ code: 'unrecognized_keys', keys: ['zz'], input: ctx.value as Record<string, unknown> });
    });
    expect(diagnose(z.strictObject({ u: unknownKeys }), 'u: {zz: 1}\n')).toStrictEqual([{ code: 'unknown-key', ...at(1, 5, 'u.zz'), value: 'zz', expected: [] }]);
  });

  it('a plain union of objects: the keys of the member sharing the most keys with the data, in either order', () => {
    const two = z.strictObject({ p: z.string(), q: z.string() });
    const one = z.strictObject({ r: z.string() });
    for (const schema of [z.strictObject({ c: z.union([two, one]) }), z.strictObject({ c: z.union([one, two]) })]) {
      expect(diagnose(schema, 'c: {p: a, q: b, s: 1}\n')).toEqual([{ code: 'unknown-key', ...at(1, 17, 'c.s'), value: 's', expected: ['p', 'q'], suggestion: 'p' }]);
      expect(diagnose(schema, 'c: {r: a, rr: 1}\n')).toEqual([{ code: 'unknown-key', ...at(1, 11, 'c.rr'), value: 'rr', expected: ['r'], suggestion: 'r' }]);
    }
  });

  it('a key its object\'s shape does not have (a catchall\'s), even `constructor`, leads to no schema: no keys expected', () => {
    const schema = z.strictObject({ o: z.catchall(z.strictObject({ a: z.number() }), z.strictObject({ b: z.number() })) });
    expect(diagnose(schema, 'o:\n  a: 1\n  constructor: {b: 1, c: 2}\n  x: {b: 1, d: 2}\n')).toStrictEqual([
      { code: 'unknown-key', ...at(3, 23, 'o.constructor.c'), value: 'c', expected: [] },
      { code: 'unknown-key', ...at(4, 13, 'o.x.d'), value: 'd', expected: [] },
    ]);
  });

  it('a record keyed by an enum: the enum\'s values', () => {
    const schema = z.strictObject({ t: z.record(z.enum(['alpha', 'beta']), z.optional(z.number())) });
    expect(diagnose(schema, 't: {alpha: 1, betta: 2}\n')).toEqual([{ code: 'unknown-key', ...at(1, 15, 't.betta'), value: 'betta', expected: ['alpha', 'beta'], suggestion: 'beta' }]);
  });

  it('a record keyed by any text and a list have no keys to offer', () => {
    // Only reached with an unknown key below them: an object in the record's values.
    const schema = z.strictObject({ t: z.record(z.string(), z.strictObject({ a: z.number() })) });
    expect(diagnose(schema, 't: {x: {a: 1, b: 2}}\n')).toEqual([{ code: 'unknown-key', ...at(1, 15, 't.x.b'), value: 'b', expected: ['a'], suggestion: 'a' }]);
  });

  it('a record\'s key named `constructor` is the file\'s: the keys of its value', () => {
    const schema = z.strictObject({ a: z.record(z.string(), z.strictObject({ bb: z.number() })) });
    expect(diagnose(schema, 'a: {constructor: {bb: 1, cc: 2}}\n')).toEqual([{ code: 'unknown-key', ...at(1, 26, 'a.constructor.cc'), value: 'cc', expected: ['bb'] }]);
  });
});

describe('custom issues (the candidate schema\'s own checks) carry their diagnostic in params', () => {
  it.each([
    // Code, value and expected as given.
    [{ code: 'bad-date', value: 'Q3', expected: ['2019-04'] }, 'a: x\n', { code: 'bad-date', ...at(1, 4, 'a'), value: 'Q3', expected: ['2019-04'] }],
    // A number in params is shown as written in the file (1e400), not as the number.
    [{ code: 'bad-yen', value: 5 }, 'a: 1e400\n', { code: 'bad-yen', ...at(1, 4, 'a'), value: '1e400', expected: ['Invalid input'] }],
    // No value in params: the value at the path.
    [{ code: 'bad-yen' }, 'a: 7\n', { code: 'bad-yen', ...at(1, 4, 'a'), value: 7, expected: ['Invalid input'] }],
    [{ code: 'bad-yen', value: undefined }, 'a: 7\n', { code: 'bad-yen', ...at(1, 4, 'a'), value: undefined, expected: ['Invalid input'] }],
    // No code: not-allowed.
    [{}, 'a: 2\n', { code: 'not-allowed', ...at(1, 4, 'a'), value: 2, expected: ['Invalid input'] }],
    [undefined, 'a: 2\n', { code: 'not-allowed', ...at(1, 4, 'a'), value: 2, expected: ['Invalid input'] }],
    // An unknown value gets the nearest expected form; other codes do not.
    [{ code: 'unknown-value', value: 'leed', expected: ['lead', 'junior'] }, 'a: x\n', { code: 'unknown-value', ...at(1, 4, 'a'), value: 'leed', expected: ['lead', 'junior'], suggestion: 'lead' }],
    [{ code: 'unknown-value', value: 'zzzz', expected: ['lead', 'junior'] }, 'a: x\n', { code: 'unknown-value', ...at(1, 4, 'a'), value: 'zzzz', expected: ['lead', 'junior'] }],
    [{ code: 'not-allowed', value: 'leed', expected: ['lead'] }, 'a: x\n', { code: 'not-allowed', ...at(1, 4, 'a'), value: 'leed', expected: ['lead'] }],
  ])('%j on %j', (params, text, diagnostic) => {
    // Strictly: no `suggestion` key at all where there is none.
    expect(diagnose(failing(params, ['a']), text)).toStrictEqual([diagnostic]);
  });

  it('with no message and no expected: nothing expected', () => {
    expect(diagnose(failing({ code: 'bad-yen' }, ['a'], ''), 'a: 2\n')).toEqual([{ code: 'bad-yen', ...at(1, 4, 'a'), value: 2, expected: [] }]);
  });

  it('suggests a label where the loader gives labels', () => {
    const labels: Record<string, string> = { lead: '責任者', junior: '担当' };
    expect(diagnose(failing({ code: 'unknown-value', value: '責任社', expected: ['lead', 'junior'] }, ['a']), 'a: x\n', (id) => labels[id])).toEqual([
      { code: 'unknown-value', ...at(1, 4, 'a'), value: '責任社', expected: ['lead', 'junior'], suggestion: '責任者' },
    ]);
  });

  it('a path below a null or a text has no value', () => {
    expect(diagnose(failing(undefined, ['a', 'b']), 'a: null\n')).toEqual([{ code: 'not-allowed', ...at(1, 4, 'a.b'), expected: ['Invalid input'] }]);
    expect(diagnose(failing(undefined, ['a', 'length']), 'a: abc\n')).toEqual([{ code: 'not-allowed', ...at(1, 4, 'a.length'), expected: ['Invalid input'] }]);
  });
});

describe('many issues', () => {
  const wide = (n: number) => z.strictObject(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, z.string()])));
  const text = (n: number) => Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n');

  it('the first hundred, then one more-errors counting the rest', () => {
    const diagnostics = diagnose(wide(103), text(103));
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics[99]).toEqual({ code: 'wrong-type', ...at(100, 6, 'k99'), value: 99, expected: ['string'] });
    expect(diagnostics[100]).toEqual({ code: 'more-errors', file: 'z.yaml', path: '', count: 3 });
  });

  it('a hundred exactly: no more-errors', () => {
    const diagnostics = diagnose(wide(100), text(100));
    expect(diagnostics).toHaveLength(100);
    expect(diagnostics[99]).toEqual({ code: 'wrong-type', ...at(100, 6, 'k99'), value: 99, expected: ['string'] });
  });
});

describe('a source without the text as written', () => {
  it('shows a number JSON would misquote as the number\'s text', () => {
    const source: SourceDocument = { value: { n: Infinity, m: -Infinity }, locate: (path) => ({ line: path.length, column: 9 }) };
    const schema = z.strictObject({ n: z.string(), m: z.string() });
    const result = z.safeParse(schema, source.value);
    expect(result.success).toBe(false);
    expect(zodDiagnostics(result.error!, schema, source, 's')).toEqual([
      { code: 'wrong-type', file: 's', line: 1, column: 9, path: 'n', value: 'Infinity', expected: ['string'] },
      { code: 'wrong-type', file: 's', line: 1, column: 9, path: 'm', value: '-Infinity', expected: ['string'] },
    ]);
  });
});

describe('userMap and userRecord: a mapping keyed by the user\'s text', () => {
  it('keeps every key the file wrote, `__proto__` and `constructor` included, and nothing else', () => {
    const result = z.parse(userMap(z.number()), parseYamlSource('__proto__: 1\nconstructor: 2\nb: 3\n', 'f').documents[0]!.value);
    expect([...result.entries()]).toEqual([['__proto__', 1], ['constructor', 2], ['b', 3]]);
    expect(result.get('toString')).toBeUndefined();
    const record = z.parse(userRecord(z.number()), parseYamlSource('__proto__: 1\nb: 2\n', 'f').documents[0]!.value);
    expect(Object.getPrototypeOf(record)).toBe(BARE_PROTOTYPE);
    expect(Object.entries(record)).toEqual([['__proto__', 1], ['b', 2]]);
    expect('toString' in record).toBe(false);
  });

  it.each([
    ['[1]\n', [1]],
    ['[a, b]\n', ['a', 'b']],
    ['3\n', 3],
    ['x\n', 'x'],
  ])('%j is not a mapping: wrong-type, a record expected', (text, value) => {
    expect(diagnose(z.strictObject({ m: userMap(z.number()) }), `m: ${text}`)).toEqual([{ code: 'wrong-type', ...at(1, 4, 'm'), value, expected: ['record'] }]);
  });

  it('null is not a mapping either', () => {
    expect(diagnose(z.strictObject({ m: userMap(z.number()) }), 'm: null\n')).toEqual([{ code: 'wrong-type', ...at(1, 4, 'm'), value: null, expected: ['record'] }]);
    expect(diagnose(z.strictObject({ m: userRecord(z.number()) }), 'm: null\n')).toEqual([{ code: 'wrong-type', ...at(1, 4, 'm'), value: null, expected: ['record'] }]);
  });

  it('checks each value at its key\'s path, and lists the keys of an object below a key', () => {
    expect(diagnose(z.strictObject({ m: userMap(z.number()) }), 'm: {a: 1, __proto__: x}\n')).toEqual([{ code: 'wrong-type', ...at(1, 22, 'm.__proto__'), value: 'x', expected: ['number'] }]);
    expect(diagnose(z.strictObject({ m: userRecord(z.strictObject({ low: z.number() })) }), 'm:\n  x: {low: 1, lwo: 2}\n')).toEqual([
      { code: 'unknown-key', ...at(2, 15, 'm.x.lwo'), value: 'lwo', expected: ['low'], suggestion: 'low' },
    ]);
  });
});

describe('the mapping file\'s diagnostics (loadMapping): its Maps and its plain unions', () => {
  const mappingDiagnostics = (body: string) => {
    try {
      loadMapping(`format: itss-mapping/v1\n${body}`, 'm.yaml');
    } catch (error) {
      return (error as InputError).diagnostics;
    }
    return [];
  };
  const m = (line: number, column: number, path: string) => ({ file: 'm.yaml', line, column, path });
  it.each([
    ['tables:\n  people:\n    columns:\n      candidate_id: { join: [a], separatr: x }\n', { code: 'unknown-key', ...m(5, 34, 'tables.people.columns.candidate_id.separatr'), value: 'separatr', expected: ['join', 'separator'], suggestion: 'separator' }],
    ['tables:\n  people:\n    columns:\n      candidate_id: { column: a, scal: 2 }\n', { code: 'unknown-key', ...m(5, 34, 'tables.people.columns.candidate_id.scal'), value: 'scal', expected: ['column', 'scale'], suggestion: 'scale' }],
    ['tables:\n  people:\n    columns:\n      candidate_id: { column: a, scale: 0 }\n', { code: 'too-small', ...m(5, 41, 'tables.people.columns.candidate_id.scale'), value: 0, expected: ['> 0'] }],
    ['tables:\n  people:\n    colums: {}\n', { code: 'unknown-key', ...m(4, 5, 'tables.people.colums'), value: 'colums', expected: ['files', 'columns', 'values', 'carry'], suggestion: 'columns' }],
    ['tables:\n  peple: {}\n', { code: 'unknown-key', ...m(3, 3, 'tables.peple'), value: 'peple', expected: ['engagements', 'expertise', 'knowledgeTransfer', 'mentoring', 'exams', 'people', 'knowledge_transfer'], suggestion: 'people' }],
    ['values:\n  role: { a: [1] }\n', { code: 'wrong-type', ...m(3, 14, 'values.role.a'), value: [1], expected: ['string', 'number'] }],
    ['values:\n  role: 3\n', { code: 'wrong-type', ...m(3, 9, 'values.role'), value: 3, expected: ['record'] }],
    ['tables:\n  people:\n    columns:\n      candidate_id: ""\n', { code: 'too-small', ...m(5, 21, 'tables.people.columns.candidate_id'), value: '', expected: ['>= 1'] }],
  ])('%j', (body, diagnostic) => {
    expect(mappingDiagnostics(body)).toEqual([diagnostic]);
  });
});
