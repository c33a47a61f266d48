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
  /**
   * Read under a mapping (`--map`): an unknown value's message says how to map it under `values:`. Without one it
   * says to write one of the listed values instead, as the user has no mapping to add to.
   */
  underMapping: boolean;
}

const stem = (file: string) => normalizeLabel(basename(file, extname(file)));

/** Is the file one of these names (a mapping's `files` or `ignore`), with or without its extension? */
export function fileNamed(file: string, names: readonly string[]): boolean {
  const [name, full] = [stem(file), normalizeLabel(basename(file))];
  return names.some((f) => normalizeLabel(f) === full || normalizeLabel(f) === name);
}

/**
 * Which tables a file holds: every table the mapping's `files` name it for (one career export may feed the person
 * master too, each table reading its own columns of the same rows); else one, by the table's names, then its headers.
 */
export function identifyTables(file: string, header: string[], definitions: TableDefinition[], mapping: Mapping | undefined): TableDefinition[] {
  const named = definitions.filter((definition) => fileNamed(file, mapping?.tables[definition.name]?.files ?? []));
  if (named.length > 0) return named;
  const name = stem(file);
  const namedAs = (n: string) => name === normalizeLabel(n) || name.startsWith(`${normalizeLabel(n)}-`) || name.startsWith(`${normalizeLabel(n)}_`);
  for (const definition of definitions) if (definition.names.some(namedAs)) return [definition];
  const headers = new Set(header.map(normalizeLabel));
  const byHeaders = definitions.filter((d) => {
    const signature = d.columns.find((c) => c.name === d.signature);
    return signature !== undefined && [signature.name, ...signature.ja].some((h) => headers.has(normalizeLabel(h)));
  });
  return byHeaders.length === 1 ? byHeaders : [];
}

function parseScaled(text: string, scale: number): string {
  const normalized = text.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(normalized)) return text;
  const value = Number(normalized) * scale;
  return Number.isSafeInteger(Math.round(value)) ? String(Math.round(value)) : text;
}

/** Binds a file's headers to one table's canonical columns (with the mapping's renames, joins, scales and values). */
export function bindHrTable(csv: CsvTable, definition: TableDefinition, mapping: Mapping | undefined): { table?: BoundTable; diagnostics: Diagnostic[] } {
  const { tables, diagnostics } = bindHrTables(csv, [definition], mapping);
  return tables[0] ? { table: tables[0], diagnostics } : { diagnostics };
}

/**
 * Binds a file's headers to the tables it holds, each reading its own columns of the same rows (a career export
 * whose 部署 feeds the person master). A problem with the headers rejects the file whole, for every table: its
 * candidates would otherwise be scored on part of their rows.
 */
export function bindHrTables(
  csv: CsvTable,
  definitions: readonly TableDefinition[],
  mapping: Mapping | undefined,
): { tables: BoundTable[]; diagnostics: Diagnostic[] } {
  const bindings = definitions.map((definition) => bindColumns(csv, definition, mapping));
  const diagnostics: Diagnostic[] = [];
  // Two tables naming the same missing header say it once.
  const seen = new Set<string>();
  for (const d of bindings.flatMap((b) => b.diagnostics)) {
    const key = `${d.code}\u0000${d.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  if (bindings.every((b) => !b.named)) {
    // Without a mapping's `columns` every header must be read by one of the file's tables: a misspelt header must
    // not silently drop evidence. (A table with `columns` ignores the export's other columns, by design.)
    const columns = definitions.flatMap((definition) => definition.columns);
    // Canonical headers with their first Japanese one: a Japanese export learns that 開始 would do.
    const expected = [...new Set(columns.map((c) => (c.ja.length > 0 ? `${c.name}/${c.ja[0]}` : c.name)))];
    csv.header.forEach((h, i) => {
      if (h === '' || bindings.some((b) => b.used.has(i))) return;
      const suggestion = closestForm(h, columns.flatMap((c) => [c.name, ...c.ja]));
      diagnostics.push({ code: 'unknown-column', file: csv.file, line: 1, column: i + 1, path: h, value: h, expected, ...(suggestion ? { suggestion } : {}) });
    });
  }
  if (diagnostics.length > 0) return { tables: [], diagnostics };
  return { tables: bindings.map((b) => b.table), diagnostics };
}

/** One table's columns of a file, the file's columns it reads, and its problems (a header missing). */
interface Binding {
  table: BoundTable;
  diagnostics: Diagnostic[];
  used: Set<number>;
  /** The mapping names the table's columns: the file's other columns are no error. */
  named: boolean;
}

function bindColumns(csv: CsvTable, definition: TableDefinition, mapping: Mapping | undefined): Binding {
  const diagnostics: Diagnostic[] = [];
  const tableMapping = mapping?.tables[definition.name];
  const named = tableMapping !== undefined && tableMapping.columns.size > 0;
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
        const is = indexes;
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

  for (const { name, ja } of definition.columns.filter((c) => c.required)) {
    if (columns.some((c) => c.name === name)) continue;
    // The export's header nearest to any name of the column (役職 for 役割), if one is near enough to be a typo.
    const suggestion = [name, ...ja].map((alias) => closestForm(alias, csv.header)).find((s) => s !== undefined);
    diagnostics.push({ code: 'missing-column', file: csv.file, line: 1, column: 1, path: name, value: name, expected: csv.header, ...(suggestion ? { suggestion } : {}) });
  }
  const carried: BoundTable['carried'] = [];
  for (const name of tableMapping?.carry ?? []) {
    const index = indexOf(name);
    if (index !== undefined) carried.push({ name, index });
  }
  // Without its id column the table is rejected (a missing-column above) before anyone reads this.
  const idColumn = columns.find((c) => c.name === 'candidate_id')!;
  const nameColumn = columns.find((c) => c.name === 'candidate_name');
  const table: BoundTable = { table: definition.name, csv, columns, idColumn, carried, underMapping: mapping !== undefined };
  if (nameColumn) table.nameColumn = nameColumn;
  return { table, diagnostics, used, named };
}
