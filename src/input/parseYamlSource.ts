import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import { MAX_DIAGNOSTICS, capDiagnostics, formatPath, type Diagnostic, type SyntaxHint } from './diagnostic.js';
import { ID_KEYS, readPlainYaml, type PlainYaml } from './plainYaml.js';

/** Aliases a document may expand; bounds "billion laughs" inputs. */
const MAX_ALIAS_COUNT = 100;

export interface Position {
  line: number;
  column: number;
  /** Set where one document is assembled from several files (the HR tables). */
  file?: string;
  /** The HR table's header of the column, as the file writes it (`役職`), where the path names the field (`role`). */
  header?: string;
  /** The HR table's column as a mapping names it (`role`), for the hint to map a value under `values:`. */
  mapColumn?: string;
}

/** One parsed YAML (or JSON) document with a way back from a data path to its position in the file. */
export interface SourceDocument {
  value: unknown;
  /** Position of the node at `path`; with `key`, of the key of its last segment (for unknown keys). */
  locate(path: readonly PropertyKey[], key?: boolean): Position;
  /** The text of the value at `path` as written in the file (`1e309`, `.nan`), where the source has one. */
  raw?(path: readonly PropertyKey[]): string | undefined;
}

export interface ParsedSource {
  documents: SourceDocument[];
  diagnostics: Diagnostic[];
}

/** Tags a document may carry: YAML's own core types. Any other (`!!js/function`, `!!binary`, `!foo`) is refused. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));


/**
 * A YAML or JSON file is parsed whole, and the parser takes about 300 MB per MB of text (valid or, with an error
 * at every token, much the same; a 50 MB file took 3.8 GB): 1 MB keeps a run within its memory goal. Many
 * candidates go in JSON Lines or CSV, which are read a record at a time.
 */
export const MAX_DOCUMENT_FILE_BYTES = 1 << 20;

/** Parses every document of a YAML or JSON text; syntax errors come back as diagnostics, never thrown. */
export function parseYamlSource(text: string, file: string): ParsedSource {
  if (text.length > MAX_DOCUMENT_FILE_BYTES) return { documents: [], diagnostics: [{ code: 'too-large-input', file, path: '', limit: MAX_DOCUMENT_FILE_BYTES, size: text.length }] };
  // The parser recurses per level of nesting, and a stack overflow inside its regular expressions kills the
  // process outright: nesting far past what any real file needs is refused before parsing.
  const deep = nestingBeyond(text, MAX_DEPTH);
  if (deep !== -1) {
    // Not parsed: the line is counted here.
    const before = text.slice(0, deep);
    const line = before.split('\n').length;
    return { documents: [], diagnostics: [{ code: 'too-deep', file, line, column: deep - before.lastIndexOf('\n'), path: '', limit: MAX_DEPTH }] };
  }
  const plain = readPlainYaml(text);
  if (plain !== undefined) return plainDocument(plain, text, file);
  return parseWithLibrary(text, file);
}

/**
 * A text the plain reader took: its value, located by the library only when a message needs a place other than the
 * document's start (the error path), so that a valid file never starts the library.
 */
function plainDocument(plain: PlainYaml, text: string, file: string): ParsedSource {
  let parsed: SourceDocument | undefined;
  const library = () => (parsed ??= parseWithLibrary(text, file).documents[0]);
  const document: SourceDocument = {
    value: plain.value,
    locate: (path, key) => (path.length === 0 && !key ? { line: plain.line, column: 1 } : (library()?.locate(path, key) ?? { line: 1, column: 1 })),
    raw: (path) => library()?.raw?.(path),
  };
  const shape = checkShape(document, file);
  return { documents: shape.length > 0 ? [] : [document], diagnostics: capDiagnostics(shape, file, 0) };
}

/** parseYamlSource by the yaml library: every document, every error worded. */
export function parseWithLibrary(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const documents: SourceDocument[] = [];
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  let docs;
  try {
    const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
    docs = Array.isArray(parsed) ? parsed : [parsed];
  } catch (error) {
    // The parser recurses per level of nesting: a document nested thousands deep exhausts the stack.
    if (!(error instanceof RangeError)) throw error;
    return { documents, diagnostics: [{ code: 'too-deep', file, line: 1, column: 1, path: '', limit: MAX_DEPTH }] };
  }
  // The parser's problems beyond the cap, counted but not made into diagnostics (one more-errors line says them all).
  let uncounted = 0;
  for (const doc of docs) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) {
      uncounted += Math.max(0, problems.length - MAX_DIAGNOSTICS);
      for (const error of problems.slice(0, MAX_DIAGNOSTICS)) {
        const at = position(error.pos[0]);
        const message = error.message.split('\n')[0] ?? '';
        // An unknown tag and a nesting that exhausts the parser have codes of their own; the rest are syntax.
        if (error.code === 'TAG_RESOLVE_FAILED') diagnostics.push({ code: 'yaml-tag', file, ...at, path: '', value: message.replace(/^.*tag:yaml\.org,2002:/, '!!').replace(/^Unresolved tag: /, '') });
        else if (error.code === 'RESOURCE_EXHAUSTION') diagnostics.push({ code: 'too-deep', file, ...at, path: '', limit: MAX_DEPTH });
        else if (error.code === 'DUPLICATE_KEY' && duplicateKeyAt(doc, error.pos[0])) {
          // Which key, and in which mapping: "the same key appears twice" alone leaves a person searching.
          const { key, path } = duplicateKeyAt(doc, error.pos[0])!;
          diagnostics.push({ code: 'duplicate-key', file, ...at, path: formatPath([...path, key]), value: key });
        } else {
          const hint = syntaxHint(text, error.pos[0]);
          diagnostics.push({ code: 'syntax', file, ...at, path: '', value: message, reason: error.code, ...(hint ? { hint } : {}) });
        }
      }
      continue;
    }
    const refused = refuseTags(doc, file, position);
    if (refused.length > 0) {
      diagnostics.push(...refused);
      continue;
    }
    keepIdsAsWritten(doc);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      if (error instanceof RangeError && /call stack/.test(error.message)) diagnostics.push({ code: 'too-deep', file, line: 1, column: 1, path: '', limit: MAX_DEPTH });
      // yaml throws a ReferenceError when aliases expand beyond maxAliasCount.
      else diagnostics.push({ code: 'too-many-aliases', file, line: 1, column: 1, path: '', limit: MAX_ALIAS_COUNT });
      continue;
    }
    if (value === null && doc.contents === null) continue; // an empty document between `---` markers
    const document: SourceDocument = {
      value,
      locate: (path, key) => locateNode(doc, path, key ?? false, position),
      raw: (path) => {
        const node = doc.getIn(path as unknown[], true);
        return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
      },
    };
    const shape = checkShape(document, file);
    if (shape.length > 0) diagnostics.push(...shape);
    else documents.push(document);
  }
  return { documents, diagnostics: capDiagnostics(diagnostics, file, uncounted) };
}

/** How deep a document may nest (a candidate needs 4); deeper input is refused before validation recurses into it. */
export const MAX_DEPTH = 64;

/** Control characters but tab and line breaks: invisible in a spreadsheet, disruptive on a terminal. */
/** Characters no text of a person's record holds (tab, line feed and carriage return aside). */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * A parsed value's shape, checked without recursion: nesting within MAX_DEPTH, and no NUL or other control
 * character but tab and line breaks in any text (they hide text from people and break files downstream).
 */
export function checkShape(document: SourceDocument, file: string): Diagnostic[] {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: document.value, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const control = CONTROL_CHARACTER.exec(value);
      if (control) return [{ code: 'control-character', file, ...document.locate(path), path: formatPath(path), value, expected: [codePoint(control[0])] }];
    } else if (value !== null && typeof value === 'object') {
      if (path.length >= MAX_DEPTH) return [{ code: 'too-deep', file, ...document.locate(path.slice(0, 8)), path: formatPath(path.slice(0, 8)), limit: MAX_DEPTH }];
      for (const [key, item] of Object.entries(value)) {
        const keyControl = CONTROL_CHARACTER.exec(key);
        if (keyControl) return [{ code: 'control-character', file, ...document.locate(path), path: formatPath(path), value: key, expected: [codePoint(keyControl[0])] }];
        stack.push({ value: item, path: [...path, Array.isArray(value) ? Number(key) : key] });
      }
    }
  }
  return [];
}

/**
 * Nodes tagged with anything but YAML's core types, and keys that are lists or mappings (`? [a]`, which JSON
 * cannot hold and which would be turned into text), each a diagnostic at its place.
 */
function refuseTags(doc: Document, file: string, position: (offset: number) => Position): Diagnostic[] {
  const out: Diagnostic[] = [];
  visit(doc, {
    Node(_key, node) {
      if ((isScalar(node) || isMap(node) || isSeq(node)) && node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
        out.push({ code: 'yaml-tag', file, ...position(node.range?.[0] ?? 0), path: '', value: node.tag.replace(/^tag:yaml\.org,2002:/, '!!') });
      }
    },
    Pair(_key, pair) {
      if (pair.key !== null && typeof pair.key === 'object' && !isScalar(pair.key)) {
        const range = isMap(pair.key) || isSeq(pair.key) || isAlias(pair.key) ? pair.key.range : undefined;
        out.push({ code: 'syntax', file, ...position(range?.[0] ?? 0), path: '', value: 'a key that is a list or a mapping', reason: 'NON_STRING_KEY' });
        return visit.SKIP;
      }
      return undefined;
    },
  });
  return out;
}

/**
 * Where the text nests deeper than `limit` (the offset), or -1: flow brackets `[` `{` open at once, or block
 * indicators (`- `, `? `, `: `) and indentation on one line. Brackets are counted twice — skipping quoted text,
 * and not — and either count past the limit refuses the text: a stray quote in a plain value cannot hide
 * brackets from the one, nor closing brackets inside quotes from the other.
 */
export function nestingBeyond(text: string, limit: number): number {
  let flow = 0;
  let flowOutsideQuotes = 0;
  let lineStart = true;
  let indicators = 0;
  let indent = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++flow > limit) return i;
    } else if (c === ']' || c === '}') flow = Math.max(0, flow - 1);
    if (quote !== '') {
      if (c === quote && text[i - 1] !== '\\') quote = '';
      continue;
    }
    if (c === '\n') {
      [lineStart, indicators, indent] = [true, 0, 0];
      continue;
    }
    if (lineStart && (c === ' ' || c === '\t')) {
      if (++indent > limit * 4) return i;
      continue;
    }
    if ((c === '-' || c === '?' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\n')) {
      if (++indicators > limit) return i;
      continue;
    }
    if (c === ' ') continue;
    lineStart = false;
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++flowOutsideQuotes > limit) return i;
    } else if (c === ']' || c === '}') flowOutsideQuotes = Math.max(0, flowOutsideQuotes - 1);
  }
  return -1;
}

/**
 * The key of the pair whose key starts at `offset` (where the parser reports a duplicate key), as the data will
 * name it, and the path of its mapping (`engagements[0]`).
 */
function duplicateKeyAt(doc: Document, offset: number): { key: string; path: PropertyKey[] } | undefined {
  let found: { key: string; path: PropertyKey[] } | undefined;
  visit(doc, {
    Pair(_key, pair, ancestors) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      const chain = [...ancestors, pair];
      const path: PropertyKey[] = [];
      for (let i = 0; i < chain.length - 1; i++) {
        const [node, child] = [chain[i], chain[i + 1]];
        if (isSeq(node)) path.push(node.items.indexOf(child));
        else if (isPair(node) && node.value === child) path.push(isScalar(node.key) ? String(node.key.value) : String(node.key));
      }
      found = { key: String(pair.key.value), path };
      return visit.BREAK;
    },
  });
  return found;
}

/** `id: 001234` and `id: 1e3` stay the text written: ids are names, not numbers (candidate-format.md). */
function keepIdsAsWritten(doc: Document): void {
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && ID_KEYS.has(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === 'number' && pair.value.type === 'PLAIN' && pair.value.source !== undefined) {
        pair.value.value = pair.value.source;
      }
    },
  });
}

function locateNode(doc: Document, path: readonly PropertyKey[], key: boolean, position: (offset: number) => Position): Position {
  let node: unknown = doc.contents;
  let best: Position = { line: 1, column: 1 };
  const rangeOf = (n: unknown) => (n && typeof n === 'object' && 'range' in n ? (n as Node).range : undefined);
  const remember = (n: unknown) => {
    const range = rangeOf(n);
    if (range) best = position(range[0]);
  };
  remember(node);
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (!pair) break;
      if (last && key) {
        remember(pair.key);
        break;
      }
      remember(pair.key);
      node = pair.value;
      remember(node);
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (!node) break;
      remember(node);
    } else break;
  }
  return best;
}

/**
 * The likely slip on the line of a syntax error, where the line shows one: `role:leader` (a colon with no space
 * after it reads as one word), a tab used for indentation, an unclosed quote.
 */
function syntaxHint(text: string, offset: number): SyntaxHint | undefined {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', offset);
  const line = text.slice(start, end === -1 ? undefined : end);
  if (/^\t/.test(line)) return 'tab-indent';
  const content = line.replace(/^\s*(?:-\s+)?/, '');
  if (/^[^\s:#'"{}[\]]+:[^\s:/]/.test(content) && !/^[^\s:]+: /.test(content)) return 'space-after-colon';
  if ((content.match(/"/g)?.length ?? 0) % 2 === 1 || (content.match(/'/g)?.length ?? 0) % 2 === 1) return 'quote';
  return undefined;
}
