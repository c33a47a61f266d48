import { basename, extname } from 'node:path';
import type { Diagnostic } from '../input/diagnostic.js';
import { closestForm } from '../input/suggestion.js';
import { LIST_SEPARATORS, normalizeLabel } from '../values/labelIndex.js';
import type { TableDefinition, TableName } from './hrTables.js';
import { valueMap, type Mapping } from './loadMapping.js';
import type { CsvTable } from '../tabular/readCsv.js';

/** How to read one canonical column from a row. */
export interface BoundColumn {
  name: string;
  field: string;
  /** 1-based column of the file to report in errors. */
  column: number;
  /** The file's header of that column (`姓 + 名` for a join), to name it in errors as the file names it. */
  header: string;
  read(cells: string[]): string;
  /**
   * A column read from one cell of the file (not joined from several): which (0-based), and what its text reads
   * as. Lets a reader remember what each distinct cell reads as.
   */
  source?: { index: number; readText(text: string): string };
}

/** A CSV file recognised as one HR table, its columns bound to the canonical ones. */
export interface BoundTable {
  table: TableName;
  csv: CsvTable;
  columns: BoundColumn[];
  idColumn: BoundColumn;
  nameColumn?: BoundColumn;
  /** The people table: the columns the mapping carries into the results, by their header, and where they are. */
  carried: { name: string; index: number }[];
}

const stem = (file: string) => normalizeLabel(basename(file, extname(file)));

/** Is the file one of these names (a mapping's `files` or `ignore`), with or without its extension? */
export function fileNamed(file: string, names: readonly string[]): boolean {
  const [name, full] = [stem(file), normalizeLabel(basename(file))];
  return names.some((f) => normalizeLabel(f) === full || normalizeLabel(f) === name);
}

/** Which table a file holds: by the mapping's file names, the table's names, then its headers. */
export function identifyTable(file: string, header: string[], definitions: TableDefinition[], mapping: Mapping | undefined): TableDefinition | undefined {
  const name = stem(file);
  for (const definition of definitions) {
    if (fileNamed(file, mapping?.tables[definition.name]?.files ?? [])) return definition;
  }
  for (const definition of definitions) {
    if (definition.names.some((n) => name === normalizeLabel(n) || name.startsWith(`${normalizeLabel(n)}-`) || name.startsWith(`${normalizeLabel(n)}_`))) return definition;
  }
  const headers = new Set(header.map(normalizeLabel));
  const byHeaders = definitions.filter((d) => {
    const signature = d.columns.find((c) => c.name === d.signature);
    return signature !== undefined && [signature.name, ...signature.ja].some((h) => headers.has(normalizeLabel(h)));
  });
  return byHeaders.length === 1 ? byHeaders[0] : undefined;
}

function parseScaled(text: string, scale: number): string {
  const normalized = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(normalized)) return text;
  const value = Number(normalized) * scale;
  return Number.isSafeInteger(Math.round(value)) ? String(Math.round(value)) : text;
}

/** Binds a file's headers to a table's canonical columns (with the mapping's renames, joins, scales and values). */
export function bindHrTable(csv: CsvTable, definition: TableDefinition, mapping: Mapping | undefined): { table?: BoundTable; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tableMapping = mapping?.tables[definition.name];
  const mapped = tableMapping !== undefined && tableMapping.columns.size > 0;
  const headerIndex = new Map<string, number>();
  csv.header.forEach((h, i) => {
    if (!headerIndex.has(normalizeLabel(h))) headerIndex.set(normalizeLabel(h), i);
  });
  const used = new Set<number>();
  const indexOf = (header: string): number | undefined => {
    const i = headerIndex.get(normalizeLabel(header));
    if (i === undefined) {
      // A header the mapping names that the file does not have: most often a typo of one it has.
      const suggestion = closestForm(header, csv.header);
      diagnostics.push({ code: 'missing-column', file: csv.file, line: 1, column: 1, path: header, value: header, expected: csv.header, ...(suggestion ? { suggestion } : {}) });
    }
    else used.add(i);
    return i;
  };

  const columns: BoundColumn[] = [];
  for (const c of definition.columns) {
    const mappedFrom = tableMapping?.columns.get(c.name);
    const values = valueMap(mapping, definition.name, c.name);
    const translate = (text: string): string => {
      const t = text.trim();
      if (!values || t === '') return t;
      const whole = values.get(normalizeLabel(t));
      if (whole !== undefined) return whole;
      if (!c.list) return t;
      const parts = t.split(LIST_SEPARATORS).map((p) => p.trim()).filter((p) => p !== '');
      return parts.some((p) => values.has(normalizeLabel(p))) ? parts.map((p) => values.get(normalizeLabel(p)) ?? p).join(';') : t;
    };
    let read: ((cells: string[]) => string) | undefined;
    let source: BoundColumn['source'];
    let column = 0;
    let header = '';
    const fromCell = (i: number, readText: (text: string) => string) => {
      read = (cells) => readText(cells[i] ?? '');
      source = { index: i, readText };
      column = i + 1;
      header = csv.header[i] ?? '';
    };
    if (typeof mappedFrom === 'string') {
      const i = indexOf(mappedFrom);
      if (i !== undefined) fromCell(i, translate);
    } else if (mappedFrom && 'join' in mappedFrom) {
      const indexes = mappedFrom.join.map(indexOf);
      if (indexes.every((i) => i !== undefined)) {
        const is = indexes as number[];
        const separator = mappedFrom.separator;
        [read, column, header] = [(cells) => translate(is.map((i) => (cells[i] ?? '').trim()).filter((v) => v !== '').join(separator)), is[0]! + 1, is.map((i) => csv.header[i]).join(' + ')];
      }
    } else if (mappedFrom) {
      const i = indexOf(mappedFrom.column);
      const scale = mappedFrom.scale ?? 1;
      if (i !== undefined) fromCell(i, (text) => translate(parseScaled(text, scale)));
    } else {
      const i = [c.name, ...c.ja].map((h) => headerIndex.get(normalizeLabel(h))).find((x) => x !== undefined);
      if (i !== undefined) {
        used.add(i);
        fromCell(i, translate);
      }
    }
    if (read) columns.push({ name: c.name, field: c.field, column, header, read, ...(source ? { source } : {}) });
  }

  // Canonical headers with their first Japanese one: a Japanese export learns that 開始 would do.
  const expected = definition.columns.map((c) => (c.ja.length > 0 ? `${c.name}/${c.ja[0]}` : c.name));
  for (const { name, ja } of definition.columns.filter((c) => c.required)) {
    if (columns.some((c) => c.name === name)) continue;
    // The export's header nearest to any name of the column (役職 for 役割), if one is near enough to be a typo.
    const suggestion = [name, ...ja].map((alias) => closestForm(alias, csv.header)).find((s) => s !== undefined);
    diagnostics.push({ code: 'missing-column', file: csv.file, line: 1, column: 1, path: name, value: name, expected: csv.header, ...(suggestion ? { suggestion } : {}) });
  }
  if (!mapped) {
    // Without a mapping every header must be known: a misspelt header must not silently drop evidence.
    csv.header.forEach((h, i) => {
      if (used.has(i) || h === '') return;
      const suggestion = closestForm(h, definition.columns.flatMap((c) => [c.name, ...c.ja]));
      diagnostics.push({ code: 'unknown-column', file: csv.file, line: 1, column: i + 1, path: h, value: h, expected, ...(suggestion ? { suggestion } : {}) });
    });
  }
  const carried: BoundTable['carried'] = [];
  for (const name of tableMapping?.carry ?? []) {
    const index = indexOf(name);
    if (index !== undefined) carried.push({ name, index });
  }
  if (diagnostics.length > 0) return { diagnostics };
  const idColumn = columns.find((c) => c.name === 'candidate_id')!;
  const nameColumn = columns.find((c) => c.name === 'candidate_name');
  return { table: { table: definition.name, csv, columns, idColumn, ...(nameColumn ? { nameColumn } : {}), carried }, diagnostics };
}
