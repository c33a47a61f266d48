import * as z from 'zod/mini';
import { InputError, formatPath, type Diagnostic } from '../input/diagnostic.js';
import { closestForm } from '../input/suggestion.js';
import { builtinStandard } from '../standard/builtinStandard.js';
import type { Standard } from '../standard/loadStandard.js';
import { normalizeLabel } from '../values/labelIndex.js';
import { parseYamlSource } from '../input/parseYamlSource.js';
import { userMap } from '../input/userKeyed.js';
import { zodDiagnostics } from '../input/zodDiagnostics.js';
import { TABLE_NAMES, hrTables, type TableName } from './hrTables.js';
import { MAPPING_FORMAT } from './mappingFormat.js';

/**
 * `--map mapping.yaml` (`itss-mapping/v1`): how an HR system's own export maps onto the HR tables —
 * which files hold which table, which columns (renamed, joined, scaled) fill which canonical column, and
 * how its values translate (役職 主任 → leader). Columns a mapped table does not name are ignored.
 */
export { MAPPING_FORMAT };

const columnSource = z.union([
  z.string().check(z.minLength(1)),
  z.strictObject({ join: z.array(z.string()).check(z.minLength(1)), separator: z._default(z.string(), ' ') }),
  z.strictObject({ column: z.string().check(z.minLength(1)), scale: z.optional(z.number().check(z.positive())) }),
]);

/**
 * Per canonical column: the export's value → a value itss reads (an id or label). Maps, not objects: the export's
 * values are any text (`__proto__`, `constructor` included), and each must map as written.
 */
const valueMaps = z._default(userMap(userMap(z.union([z.string(), z.number()]))), () => new Map());

const tableMapping = z.strictObject({
  /** File or sheet names (with or without extension) that hold this table. */
  files: z._default(z.array(z.string()), []),
  /** Canonical column ← the export's column (a header, a join of headers, or a scaled number column). */
  columns: z._default(userMap(columnSource), () => new Map()),
  /** Per canonical column: the export's value → a value itss reads (an id or label); over the shared `values`. */
  values: valueMaps,
  /** The people table only: the export's columns carried into the results as they are (等級, 入社日). */
  carry: z._default(z.array(z.string().check(z.minLength(1))), []),
});

/** The names a mapping may give a table: its own, and as the README and CSV files write it (`knowledge_transfer`). */
const MAPPING_TABLE_NAMES = new Map<string, TableName>([...TABLE_NAMES.map((name) => [name, name] as const), ['knowledge_transfer', 'knowledgeTransfer']]);

const mappingSchema = z.strictObject({
  format: z.literal(MAPPING_FORMAT),
  /** Files (or sheets) of the export that hold nothing for itss: not read, and not reported. */
  ignore: z._default(z.array(z.string()), []),
  /** Value maps for every table that has the column (役職 in the engagements and the people table alike). */
  values: valueMaps,
  // An object of the names a mapping may give a table (not a record): any other key, `__proto__` too, is named.
  tables: z._default(z.strictObject(Object.fromEntries([...MAPPING_TABLE_NAMES.keys()].map((name) => [name, z.optional(tableMapping)]))), {}),
});

type TableMapping = z.infer<typeof tableMapping>;
export interface Mapping {
  tables: Partial<Record<TableName, TableMapping>>;
  ignore: string[];
  values: TableMapping['values'];
}

/**
 * Reads a mapping file, every key checked: the tables, their options, and the canonical columns named under
 * `columns` and `values` (those of the standard's tables: its size fields are columns too), each unknown one
 * an error at its line with the valid names — a typo must never silently drop evidence.
 */
export function loadMapping(text: string, file: string, standard: Standard = builtinStandard()): Mapping {
  const { documents, diagnostics } = parseYamlSource(text, file);
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  const source = documents[0];
  if (!source) throw new InputError([{ code: 'empty', file, line: 1, column: 1, path: '' }]);
  const result = mappingSchema.safeParse(source.value, { reportInput: true });
  if (!result.success) throw new InputError(zodDiagnostics(result.error, mappingSchema, source, file));
  const tables: Mapping['tables'] = {};
  for (const [name, table] of Object.entries(result.data.tables as Record<string, TableMapping | undefined>)) {
    const canonical = MAPPING_TABLE_NAMES.get(name);
    if (canonical === undefined || !table) continue; // the schema has checked the names
    if (tables[canonical]) throw new InputError([{ code: 'duplicate-id', file, ...source.locate(['tables', name], true), path: `tables.${name}`, value: name }]);
    tables[canonical] = table;
  }
  const unknown: Diagnostic[] = [];
  // Shared value maps: for a column of any table.
  const anyColumn = [...new Set(hrTables(standard).flatMap((d) => d.columns.map((c) => c.name)))];
  for (const key of result.data.values.keys()) {
    if (anyColumn.includes(key)) continue;
    const path = ['values', key];
    const suggestion = closestForm(key, anyColumn);
    unknown.push({ code: 'unknown-key', file, ...source.locate(path, true), path: formatPath(path), value: key, expected: anyColumn, ...(suggestion ? { suggestion } : {}) });
  }
  for (const definition of hrTables(standard)) {
    const table = tables[definition.name];
    if (!table) continue;
    const expected = definition.columns.map((c) => c.name);
    if (definition.name !== 'people' && table.carry.length > 0) {
      const path = ['tables', definition.name, 'carry'];
      unknown.push({ code: 'unknown-key', file, ...source.locate(path, true), path: formatPath(path), value: 'carry', expected: ['files', 'columns', 'values'] });
    }
    for (const part of ['columns', 'values'] as const) {
      for (const key of table[part].keys()) {
        if (expected.includes(key)) continue;
        const path = ['tables', definition.name, part, key];
        const suggestion = closestForm(key, expected);
        unknown.push({ code: 'unknown-key', file, ...source.locate(path, true), path: formatPath(path), value: key, expected, ...(suggestion ? { suggestion } : {}) });
      }
    }
  }
  if (unknown.length > 0) throw new InputError(unknown);
  return { tables, ignore: result.data.ignore, values: result.data.values };
}

/**
 * The shared map of `specialty` reads `specialties` too: HR knows one 専門分野 column, and a list of specialties
 * (技術の継承, 後進の育成) names the same specialties as the engagements' one does.
 */
const SHARED_WITH = new Map([['specialties', 'specialty']]);

/**
 * The value map of one column of one table, keyed by normalised text: the shared map of its kin column
 * (`specialty` for `specialties`), the shared map of its own, then the table's own — each later one's entries win.
 */
export function valueMap(mapping: Mapping | undefined, table: TableName, column: string): Map<string, string> | undefined {
  const kin = SHARED_WITH.get(column);
  const maps = [kin === undefined ? undefined : mapping?.values.get(kin), mapping?.values.get(column), mapping?.tables[table]?.values.get(column)];
  if (maps.every((m) => m === undefined)) return undefined;
  return new Map(maps.flatMap((m) => [...(m ?? [])]).map(([from, to]) => [normalizeLabel(from), String(to)]));
}
