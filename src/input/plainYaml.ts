/**
 * The YAML candidate files are written in, read without the yaml library: block mappings and lists, one-line flow
 * lists and mappings of scalars, one-line plain and quoted scalars, comments and blank lines. Anything else —
 * anchors, tags, block scalars, multi-line scalars or flows, escapes, tabs, several documents, and every error — is
 * declined (undefined), and the library reads the text as before, wording what is wrong.
 *
 * Why: the library's first run is cold code. `itss assess` of the 2 KB example spent about 10 ms of its 60 ms start
 * in it; this reader, cold too, about 2 ms. It gives exactly the library's value (YAML 1.2's core schema, ids kept
 * as written: parseYamlSource) or nothing; tests/plainYaml.test.ts holds the two together on every YAML file of the
 * project and on documents mutated at random.
 */

/** What a text reads as, and the line of its first entry (where the library places the document's mapping). */
export interface PlainYaml {
  value: Record<string, unknown>;
  line: number;
}

/**
 * Keys whose values are ids, read as written: `id: 001234` is "001234", not the number 1234 — by this reader and by
 * parseYamlSource's reading with the library alike.
 */
export const ID_KEYS: ReadonlySet<string> = new Set(['id', 'candidate_id']);

/** Thrown inside the reader for anything it does not take. */
class Declined extends Error {}

/**
 * Characters the reader leaves to the library: tabs (indentation or separation: the library's rules), C0 and C1
 * controls, NEL, the line and paragraph separators, a byte-order mark, a lone carriage return.
 */
const LEFT_TO_THE_LIBRARY = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/**
 * The core schema's plain scalars that are not text, in the library's order (yaml/dist/schema/core: null, bool,
 * intOct, int, intHex, floatNaN, floatExp, float), each with its reading as the library resolves it.
 */
const CORE_SCALARS: readonly [RegExp, (text: string) => unknown][] = [
  [/^(?:~|[Nn]ull|NULL)?$/, () => null],
  [/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T'],
  [/^0o[0-7]+$/, (text) => parseInt(text.substring(2), 8)],
  [/^[-+]?[0-9]+$/, (text) => parseInt(text, 10)],
  [/^0x[0-9a-fA-F]+$/, (text) => parseInt(text.substring(2), 16)],
  [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (text) =>
    text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY],
  [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (text) => parseFloat(text)],
  [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (text) => parseFloat(text)],
];

/** A scalar as read: its value, and whether it was plain (an id written plain is kept as its text). */
class Scalar {
  constructor(
    readonly value: unknown,
    readonly plain: boolean,
    readonly text: string,
  ) {}
}

/**
 * How every pattern of CORE_SCALARS can start (the empty text is null): a text starting otherwise — a name, a
 * Japanese label — is text without compiling them, which costs a start more than reading the whole file.
 */
const CORE_SCALAR_START = /^(?:$|[~nNtTfF0-9+\-.])/;

function plainScalar(text: string): Scalar {
  if (CORE_SCALAR_START.test(text)) for (const [test, read] of CORE_SCALARS) if (test.test(text)) return new Scalar(read(text), true, text);
  return new Scalar(text, true, text);
}

/** Characters no plain scalar may start with (YAML's indicators), `-` aside: `-5` and `-foo` are plain. */
const INDICATOR = /^[?:,[\]{}#&*!|>'"%@`]/;

/** Reads `text` if it is in the subset; undefined for the library to read. */
export function readPlainYaml(text: string): PlainYaml | undefined {
  let source = text;
  if (source.includes('\r')) {
    if (/\r(?!\n)/.test(source)) return undefined;
    source = source.replace(/\r\n/g, '\n');
  }
  if (LEFT_TO_THE_LIBRARY.test(source)) return undefined;
  const lines: Line[] = [];
  const all = source.split('\n');
  for (let i = 0; i < all.length; i++) {
    const whole = all[i]!;
    if (whole.startsWith('---') || whole.startsWith('...') || whole.startsWith('%')) return undefined;
    let indent = 0;
    while (whole.charCodeAt(indent) === 32) indent++;
    const content = whole.slice(indent);
    if (content === '' || content[0] === '#') continue;
    lines.push({ indent, content, number: i + 1 });
  }
  if (lines.length === 0 || lines[0]!.indent !== 0 || isListEntry(lines[0]!.content)) return undefined;
  try {
    const reader = new Reader(lines);
    const value = reader.mapping(0, undefined);
    if (reader.at < lines.length) return undefined;
    return { value, line: lines[0]!.number };
  } catch (error) {
    if (error instanceof Declined) return undefined;
    throw error;
  }
}

interface Line {
  indent: number;
  content: string;
  number: number;
}

function decline(): never {
  throw new Declined();
}

const isListEntry = (content: string) => content === '-' || content.startsWith('- ');

/** Spaces off both ends (not String.prototype.trim: an ideographic space U+3000 is text in YAML). */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(start, end);
}

/** After a quoted scalar or a flow: nothing, or spaces and a comment. */
function endsTheLine(rest: string): boolean {
  return rest === '' || /^ +(?:#.*)?$/.test(rest);
}

/**
 * Nesting the reader takes (a candidate needs 4): deeper text goes to the library, which refuses it past
 * parseYamlSource's MAX_DEPTH with the place where it goes too deep.
 */
const MAX_NESTING = 32;

class Reader {
  at = 0;
  private depth = 0;

  constructor(private readonly lines: readonly Line[]) {}

  /**
   * A block mapping whose keys stand at `indent`; `first`: its first entry's text when it follows a list's `- `
   * (its line already taken).
   */
  mapping(indent: number, first: string | undefined): Record<string, unknown> {
    if (++this.depth > MAX_NESTING) decline();
    const map: Record<string, unknown> = {};
    let entry = first;
    for (;;) {
      if (entry === undefined) {
        const line = this.lines[this.at];
        if (line === undefined || line.indent < indent) break;
        if (line.indent > indent || isListEntry(line.content)) decline();
        entry = line.content;
        this.at++;
      }
      const [key, rest] = splitKey(entry);
      if (Object.prototype.hasOwnProperty.call(map, key)) decline();
      const value = this.value(rest, indent, true);
      map[key] = ID_KEYS.has(key) && value instanceof Scalar ? idValue(value) : valueOf(value);
      entry = undefined;
    }
    this.depth--;
    return map;
  }

  /** A block list whose `- ` stand at `indent`. */
  list(indent: number): unknown[] {
    if (++this.depth > MAX_NESTING) decline();
    const items: unknown[] = [];
    for (;;) {
      const line = this.lines[this.at];
      if (line === undefined || line.indent < indent || !isListEntry(line.content)) break;
      if (line.indent > indent) decline();
      this.at++;
      const rest = line.content.slice(1);
      const body = rest.replace(/^ +/, '');
      if (body === '' || body[0] === '#') {
        items.push(valueOf(this.value('', indent, false)));
      } else if (isListEntry(body)) {
        decline();
      } else if (isKeyed(body)) {
        items.push(this.mapping(indent + 1 + (rest.length - body.length), body));
      } else {
        items.push(valueOf(this.value(rest, indent, false)));
      }
    }
    this.depth--;
    return items;
  }

  /**
   * The value after a key's `:` or a list's `-` (`rest`, from just after it), in an entry at `indent`: inline, or
   * a block on the lines below, or (after a key) a list at the key's own indentation.
   */
  value(rest: string, indent: number, afterKey: boolean): unknown {
    const inline = inlineValue(rest);
    const next = this.lines[this.at];
    if (inline !== undefined) {
      // A line below indented further would continue a plain scalar, or be an error: the library's to read.
      if (next !== undefined && next.indent > indent) decline();
      return inline;
    }
    if (next !== undefined && next.indent > indent) return isListEntry(next.content) ? this.list(next.indent) : this.mapping(next.indent, undefined);
    if (afterKey && next !== undefined && next.indent === indent && isListEntry(next.content)) return this.list(indent);
    return new Scalar(null, true, '');
  }
}

const valueOf = (read: unknown): unknown => (read instanceof Scalar ? read.value : read);

/** An id written plain as a number is kept as written (parseYamlSource's keepIdsAsWritten). */
const idValue = (read: Scalar): unknown => (read.plain && typeof read.value === 'number' ? read.text : read.value);

/** Whether a list entry's text is a mapping's first key (`- title: …`). */
function isKeyed(body: string): boolean {
  if (body[0] === '"' || body[0] === "'") {
    const end = quotedEnd(body, 0);
    return end !== -1 && body[end] === ':' && (body.length === end + 1 || body[end + 1] === ' ');
  }
  return keyColon(body) !== -1;
}

/**
 * Where the `:` of a plain key is (followed by a space or the end), before any comment; -1 if none. (Searches, not
 * a loop over characters: this runs cold, in V8's interpreter, where a loop costs per character.)
 */
function keyColon(text: string): number {
  const colon = text.search(/:(?: |$)/);
  if (colon === -1) return -1;
  const comment = text.indexOf(' #');
  return comment !== -1 && comment < colon ? -1 : colon;
}

/** An entry's key (read as a string, as the library's does) and the text after its `:`. */
function splitKey(entry: string): [string, string] {
  let key: string;
  let colon: number;
  if (entry[0] === '"' || entry[0] === "'") {
    const end = quotedEnd(entry, 0);
    if (end === -1 || entry[end] !== ':' || (entry.length > end + 1 && entry[end + 1] !== ' ')) decline();
    key = quoted(entry.slice(0, end));
    colon = end;
  } else {
    colon = keyColon(entry);
    if (colon <= 0) decline();
    key = entry.slice(0, colon);
    // A key the core schema reads as a number, a boolean or null, or that a rule of plain scalars might touch.
    if (INDICATOR.test(key) || key[0] === '-' || /[\s[\]{},]$|[[\]{},]|^\s/.test(key) || plainScalar(key).value !== key) decline();
  }
  // The library refuses an implicit key over 1024 characters as written (a quoted one's `''` counted as two).
  if (key === '__proto__' || key === '<<' || colon > 1000) decline();
  return [key, entry.slice(colon + 1)];
}

/** Where the quoted scalar starting at `start` ends (just past its closing quote), or -1 (not closed, or escapes). */
function quotedEnd(text: string, start: number): number {
  const quote = text[start]!;
  for (let at = text.indexOf(quote, start + 1); at !== -1; at = text.indexOf(quote, at + 2)) {
    if (quote === '"') return text.lastIndexOf('\\', at) > start ? -1 : at + 1;
    if (text[at + 1] !== "'") return at + 1;
  }
  return -1;
}

/** The text of a whole quoted scalar (quotes included). */
function quoted(text: string): string {
  const body = text.slice(1, -1);
  return text[0] === "'" ? body.replace(/''/g, "'") : body;
}

/** The value written on the line after `:` or `-` (`rest`), or undefined if there is none (a block may follow). */
function inlineValue(rest: string): Scalar | unknown[] | Record<string, unknown> | undefined {
  if (rest !== '' && rest[0] !== ' ') decline();
  const body = rest.replace(/^ +/, '');
  if (body === '' || body[0] === '#') return undefined;
  const first = body[0];
  if (first === '"' || first === "'") {
    const end = quotedEnd(body, 0);
    if (end === -1 || !endsTheLine(body.slice(end))) decline();
    return new Scalar(quoted(body.slice(0, end)), false, body.slice(0, end));
  }
  if (first === '[' || first === '{') {
    const [flow, end] = first === '[' ? flowList(body) : flowMapping(body);
    if (!endsTheLine(body.slice(end))) decline();
    return flow;
  }
  if (INDICATOR.test(body) || body === '-' || body.startsWith('- ')) decline();
  const comment = body.indexOf(' #');
  const text = trimSpaces(comment === -1 ? body : body.slice(0, comment));
  if (text.includes(': ') || text.endsWith(':')) decline();
  return plainScalar(text);
}

const FLOW_PLAIN_END = /[,[\]{}]| #|:(?=[ ,[\]{}]|$)/;

/** One item of a flow collection from `start`: a quoted or plain scalar, and where it ends. */
function flowScalar(text: string, start: number): [Scalar, number] {
  const first = text[start];
  if (first === '"' || first === "'") {
    const end = quotedEnd(text, start);
    if (end === -1) decline();
    return [new Scalar(quoted(text.slice(start, end)), false, text.slice(start, end)), end];
  }
  // `-` then a space, a flow indicator or the end is a block list's, which no flow may hold.
  if (first === undefined || INDICATOR.test(first) || (first === '-' && (text[start + 1] === undefined || ' ,[]{}'.includes(text[start + 1]!)))) decline();
  // Up to a flow indicator, a comment, or a `:` that would make the item a key.
  const length = text.slice(start).search(FLOW_PLAIN_END);
  const end = length === -1 ? text.length : start + length;
  const plain = trimSpaces(text.slice(start, end));
  if (plain === '') decline();
  return [plainScalar(plain), end];
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (text.charCodeAt(i) === 32) i++;
  return i;
}

/** `[a, b, 'c']` on one line: its items and where it ends (past the `]`). */
function flowList(text: string): [unknown[], number] {
  const items: unknown[] = [];
  let at = skipSpaces(text, 1);
  if (text[at] === ']') return [items, at + 1];
  for (;;) {
    const [item, end] = flowScalar(text, at);
    items.push(item.value);
    at = skipSpaces(text, end);
    if (text[at] === ']') return [items, at + 1];
    if (text[at] !== ',') decline();
    at = skipSpaces(text, at + 1);
  }
}

/** `{ a: 1, b: x }` on one line: its entries and where it ends (past the `}`). */
function flowMapping(text: string): [Record<string, unknown>, number] {
  const map: Record<string, unknown> = {};
  let at = skipSpaces(text, 1);
  if (text[at] === '}') return [map, at + 1];
  for (;;) {
    const [keyRead, keyEnd] = flowScalar(text, at);
    const key = keyRead.value;
    if (typeof key !== 'string' || key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(map, key)) decline();
    if (text[keyEnd] !== ':' || text[keyEnd + 1] !== ' ') decline();
    const [value, end] = flowScalar(text, skipSpaces(text, keyEnd + 1));
    map[key] = ID_KEYS.has(key) ? idValue(value) : value.value;
    at = skipSpaces(text, end);
    if (text[at] === '}') return [map, at + 1];
    if (text[at] !== ',') decline();
    at = skipSpaces(text, at + 1);
  }
}
