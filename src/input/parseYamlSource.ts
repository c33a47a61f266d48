import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Diagnostic, SyntaxHint } from './diagnostic.js';

/** Aliases a document may expand; bounds "billion laughs" inputs. */
export const MAX_ALIAS_COUNT = 100;

export interface Position {
  line: number;
  column: number;
  /** Set where one document is assembled from several files (the HR tables). */
  file?: string;
}

/** One parsed YAML (or JSON) document with a way back from a data path to its position in the file. */
export interface SourceDocument {
  value: unknown;
  /** Position of the node at `path`; with `key`, of the key of its last segment (for unknown keys). */
  locate(path: readonly PropertyKey[], key?: boolean): Position;
}

export interface ParsedSource {
  documents: SourceDocument[];
  diagnostics: Diagnostic[];
}

/** Parses every document of a YAML or JSON text; syntax errors come back as diagnostics, never thrown. */
export function parseYamlSource(text: string, file: string): ParsedSource {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const documents: SourceDocument[] = [];
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const at = position(error.pos[0]);
        const hint = syntaxHint(text, error.pos[0]);
        diagnostics.push({ code: 'syntax', file, ...at, path: '', value: error.message.split('\n')[0] ?? '', reason: error.code, ...(hint ? { hint } : {}) });
      }
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // yaml throws a ReferenceError when aliases expand beyond maxAliasCount.
      diagnostics.push({ code: 'too-many-aliases', file, line: 1, column: 1, path: '', limit: MAX_ALIAS_COUNT });
      continue;
    }
    if (value === null && doc.contents === null) continue; // an empty document between `---` markers
    documents.push({ value, locate: (path, key) => locateNode(doc, path, key ?? false, position) });
  }
  return { documents, diagnostics };
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
