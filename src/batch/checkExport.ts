import { candidateVocabulary, DATE_FORMATS } from '../candidate/candidateSchema.js';
import { formatPath, type Diagnostic } from '../input/diagnostic.js';
import { parseYamlSource } from '../input/parseYamlSource.js';
import { closestForm } from '../input/suggestion.js';
import { japaneseLabels } from '../standard/japaneseLabels.js';
import type { Standard } from '../standard/loadStandard.js';
import { isOngoingEnd, readDate } from '../values/calendarDate.js';
import { normalizeLabel, type LabelIndex } from '../values/labelIndex.js';
import { parsePeople, parseYen } from '../values/parseQuantity.js';
import type { BoundColumn, BoundTable } from '../hr/bindHrTable.js';
import type { TextEncodingName } from '../tabular/decodeText.js';
import type { CsvTable } from '../tabular/readCsv.js';
import { hrTables, type TableName } from '../hr/hrTables.js';
import { joinHrTables } from '../hr/joinHrTables.js';
import { valueMap, type Mapping } from '../hr/loadMapping.js';
import { readInputs } from './readInputs.js';
import { badRowDiagnostic } from '../hr/badRowDiagnostic.js';
import { numberRanges } from '../values/numberRanges.js';

/** One table of the export as `itss validate --map` found it. */
interface CheckedTable {
  file: string;
  table: TableName;
  rows: number;
}

export interface ExportCheck {
  /** The tables read and bound to their columns. */
  tables: CheckedTable[];
  /** Files that could not be used as a table (unreadable, a missing column, not a table). */
  rejectedFiles: number;
  /** Every problem: of the mapping's own value maps, of files, of rows and cells (each distinct value once, its other rows named). */
  problems: Diagnostic[];
  /** Files passed over, named (not problems). */
  notices: Diagnostic[];
}

export interface ExportCheckOptions {
  standard: Standard;
  /** The mapping, its text and file (to locate its value maps' problems); none: the tool's own names and values. */
  mapping?: { mapping: Mapping; text: string; file: string };
  encoding?: TextEncodingName;
}

/** Where a cell's text is checked: one label, a list of labels (of the row's specialty, or of specialties), a date, a quantity. */
type Check = { kind: 'one'; index: LabelIndex } | { kind: 'list'; index: LabelIndex } | { kind: 'bySpecialty'; field: 'complexity' | 'activities' | 'areas' } | { kind: 'date'; end: boolean } | { kind: 'yen' } | { kind: 'people' };

/**
 * `itss validate --map`: reads the export as a batch would (the same readers, the same binding of headers) and
 * checks, without scoring, every value of every mapped column against the mapping's value maps and the
 * standard's labels, dates and quantities — each distinct problem once, at its first row, its other rows named.
 * The mapping's own value maps are checked too: each translates to a value itss reads.
 */
export async function checkExport(files: readonly string[], options: ExportCheckOptions): Promise<ExportCheck> {
  const { standard } = options;
  // No mapping: the export in the tool's own column names and values (the input workbook, its own CSV files).
  const mapping = options.mapping?.mapping;
  const problems: Diagnostic[] = options.mapping ? checkValueMaps(options.mapping.text, options.mapping.file, options.mapping.mapping, standard) : [];
  const read = await readInputs(files, { standard, ...(mapping ? { mapping } : {}), ...(options.encoding ? { encoding: options.encoding } : {}) });
  for (const rejection of read.rejections) problems.push(...rejection.diagnostics);
  const checks = new CellChecks(standard, mapping);
  // A file feeding several tables (a career export with the person master's columns) has its bad rows once.
  const readFiles = new Set<CsvTable>();
  for (const table of read.tables) {
    if (!readFiles.has(table.csv)) for (const row of table.csv.badRows) problems.push(badRowDiagnostic(table.csv, row));
    readFiles.add(table.csv);
    problems.push(...checks.table(table));
  }
  problems.push(...joinHrTables(read.tables, standard).diagnostics);
  return {
    tables: read.tables.map((t) => ({ file: t.csv.file, table: t.table, rows: t.csv.rows.length + t.csv.badRows.length })),
    rejectedFiles: new Set(read.rejectedTables).size,
    problems,
    notices: read.notices,
  };
}

/** The label index a single-valued or list column's values must resolve in; the size columns' units. */
function checkOf(column: BoundColumn, standard: Standard, vocabulary: ReturnType<typeof candidateVocabulary>): Check | undefined {
  switch (column.field) {
    case 'specialty':
      return { kind: 'one', index: vocabulary.specialty };
    case 'role':
      return { kind: 'one', index: vocabulary.role };
    case 'outcome':
      return { kind: 'one', index: vocabulary.outcome };
    case 'depth':
      return { kind: 'one', index: vocabulary.depth };
    case 'kind':
      return { kind: 'one', index: vocabulary.knowledgeTransfer };
    case 'specialties':
      return { kind: 'list', index: vocabulary.specialty };
    case 'complexity':
    case 'activities':
    case 'areas':
      return { kind: 'bySpecialty', field: column.field };
    case 'from':
    case 'date':
    case 'passed':
      return { kind: 'date', end: false };
    case 'to':
      return { kind: 'date', end: true };
  }
  if (column.field.startsWith('size.')) return standard.sizeFields.find((f) => `size.${f.id}` === column.field)?.unit === 'yen' ? { kind: 'yen' } : { kind: 'people' };
  return undefined;
}

/** A cell's problem, as a diagnostic without its place. */
type CellProblem = Pick<Diagnostic, 'code' | 'value' | 'expected' | 'suggestion'>;

class CellChecks {
  private readonly vocabulary;
  private readonly labelOf: (id: string) => string | undefined;

  constructor(
    private readonly standard: Standard,
    private readonly mapping: Mapping | undefined,
  ) {
    this.vocabulary = candidateVocabulary(standard);
    const labels = japaneseLabels(standard);
    this.labelOf = (id) => labels.get(id);
  }

  /** Every problem of one table's cells: each distinct (column, value) once, at its first row, with its other rows. */
  table(table: BoundTable): Diagnostic[] {
    const found = new Map<string, Diagnostic & { more: number[] }>();
    const specialtyColumn = table.columns.find((c) => c.field === 'specialty');
    const rowNumbers = table.csv.rowNumbers;
    const checked = table.columns.flatMap((column) => {
      const check = checkOf(column, this.standard, this.vocabulary);
      if (!check) return [];
      const targets = new Set([...(valueMap(this.mapping, table.table, column.name)?.values() ?? [])].map(normalizeLabel));
      return [{ column, check, targets, memo: new Map<string, CellProblem[]>() }];
    });
    // Row by row, each row's cells made once for every column checked, each distinct text decoded once (a table read
    // whole keeps its texts as bytes, decoded when asked for). The problems are sorted by line and column at the
    // end, so the order of the loops changes nothing.
    const { rows } = table.csv;
    const decoded = new Array<string | undefined>(rows.textCount);
    for (let row = 0; row < rows.length && checked.length > 0; row++) {
      const cells = rows.get(row, decoded);
      for (const { column, check, targets, memo } of checked) {
        const text = column.read(cells).trim();
        if (text === '') continue;
        let specialty: string | undefined;
        if (check.kind === 'bySpecialty') {
          specialty = specialtyColumn ? this.vocabulary.specialty.resolve(specialtyColumn.read(cells).trim()) : undefined;
          if (specialty === undefined) continue; // its specialty is the problem, reported on its own column
        }
        const key = `${specialty ?? ''}\u0000${text}`;
        let cellProblems = memo.get(key);
        if (!cellProblems) memo.set(key, (cellProblems = this.cell(check, text, specialty, targets,
          column.source ? cells[column.source.index]!.trim() : text)));
        for (const problem of cellProblems) {
          const id = `${column.name}\u0000${String(problem.value)}`;
          const held = found.get(id);
          if (held) held.more.push(rowNumbers[row]!);
          else
            found.set(id, {
              ...problem,
              file: table.csv.file,
              line: rowNumbers[row]!,
              column: column.column,
              path: column.name,
              ...(column.header !== '' ? { header: column.header } : {}),
              ...(table.underMapping ? { mapColumn: column.name } : {}),
              more: [],
            } as Diagnostic & { more: number[] });
        }
      }
    }
    return [...found.values()].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0)).map(({ more, ...d }) => (more.length > 0 ? { ...d, sameRows: numberRanges(more) } : d));
  }

  /** The problems of one cell's text (as the mapping translated it); `original`: the text as the export writes it. */
  private cell(check: Check, text: string, specialty: string | undefined, targets: Set<string>, original: string): CellProblem[] {
    switch (check.kind) {
      case 'one':
        return check.index.resolve(text) !== undefined || targets.has(normalizeLabel(text)) ? [] : [this.unknown(original, check.index)];
      case 'list':
      case 'bySpecialty': {
        const index = check.kind === 'list' ? check.index : this.vocabulary[check.field].get(specialty!);
        if (!index) return [];
        // An item the mapping translates to a value itss does not read is the mapping's problem, reported on its line.
        return index
          .splitList(text)
          .filter((item) => index.resolve(item) === undefined && !targets.has(normalizeLabel(item)))
          .map((item) => this.unknown(item, index));
      }
      case 'date': {
        if (check.end && isOngoingEnd(text)) return [];
        const read = readDate(text);
        if (!('problem' in read)) return [];
        return [read.problem === 'outside-era' ? { code: 'outside-era', value: original, expected: [read.era, read.from, read.to ?? ''] } : { code: 'bad-date', value: original, expected: DATE_FORMATS }];
      }
      case 'yen':
        return parseYen(text) === undefined ? [{ code: 'bad-yen', value: original }] : [];
      case 'people':
        return parsePeople(text) === undefined ? [{ code: 'bad-people', value: original }] : [];
    }
  }

  private unknown(value: string, index: LabelIndex): CellProblem {
    const suggestion = closestForm(value, index.ids, this.labelOf);
    return { code: 'unknown-value', value, expected: index.ids, ...(suggestion ? { suggestion } : {}) };
  }
}

/**
 * Every value of the mapping's value maps translates to a value itss reads for its column (`主任: leeder` is
 * named at its line, with the valid values). A list column's items (複雑性) may be any specialty's.
 */
function checkValueMaps(text: string, file: string, mapping: Mapping, standard: Standard): Diagnostic[] {
  const vocabulary = candidateVocabulary(standard);
  const labels = japaneseLabels(standard);
  const { documents } = parseYamlSource(text, file);
  const source = documents[0];
  const indexes = (column: string): LabelIndex[] => {
    switch (column) {
      case 'specialty':
      case 'specialties':
        return [vocabulary.specialty];
      case 'role':
        return [vocabulary.role];
      case 'outcome':
        return [vocabulary.outcome];
      case 'depth':
        return [vocabulary.depth];
      case 'kind':
        return [vocabulary.knowledgeTransfer];
      case 'complexity':
      case 'activities':
      case 'areas':
        return [...vocabulary[column].values()];
      default:
        return [];
    }
  };
  const out: Diagnostic[] = [];
  const check = (path: (string | number)[], column: string, values: Map<string, string | number>) => {
    const within = indexes(column);
    if (within.length === 0) return;
    for (const [from, to] of values) {
      if (within.some((index) => index.resolve(String(to)) !== undefined)) continue;
      const expected = [...new Set(within.flatMap((index) => index.ids))];
      const at = [...path, column, from];
      const suggestion = closestForm(String(to), expected, (id) => labels.get(id));
      out.push({ code: 'unknown-value', file, ...(source?.locate(at) ?? {}), path: formatPath(at), value: String(to), expected, ...(suggestion ? { suggestion } : {}) });
    }
  };
  for (const [column, values] of mapping.values) check(['values'], column, values);
  const tableKeys = source && source.value !== null && typeof source.value === 'object' && 'tables' in source.value && source.value.tables !== null && typeof source.value.tables === 'object' ? Object.keys(source.value.tables) : [];
  for (const definition of hrTables(standard)) {
    const table = mapping.tables[definition.name];
    if (!table) continue;
    const key = tableKeys.find((k) => k === definition.name || (definition.name === 'knowledgeTransfer' && k === 'knowledge_transfer')) ?? definition.name;
    for (const [column, values] of table.values) check(['tables', key, 'values'], column, values);
  }
  return out;
}

