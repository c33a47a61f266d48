import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Assessment, SpecialtyResult } from '../engine/assessment.js';
import { fileProblem, type Diagnostic } from '../input/diagnostic.js';
import { evaluate } from '../engine/evaluate.js';
import { candidateFromDocument } from '../candidate/loadCandidate.js';
import type { Standard } from '../standard/loadStandard.js';
import { parseYamlSource, type SourceDocument } from '../input/parseYamlSource.js';
import { bindHrTable, identifyTable, type BoundTable } from './bindHrTable.js';
import type { TextEncodingName } from './decodeText.js';
import { hrTables } from './hrTables.js';
import { joinHrTables, joinKey, type CandidateUnit } from './joinHrTables.js';
import type { Mapping } from './loadMapping.js';
import { CsvDecodeError, readCsv } from './readCsv.js';

export interface BatchOptions {
  standard: Standard;
  asOf: string;
  encoding?: TextEncodingName;
  mapping?: Mapping;
}

/** A candidate (or a row or file that could not be joined to one) that was not assessed, and why. */
export interface Rejection {
  candidateId?: string;
  diagnostics: Diagnostic[];
}

export interface BatchEvents {
  assessed(assessment: Assessment): void;
  rejected(rejection: Rejection): void;
  progress?(done: number, total: number): void;
}

export interface BatchSummary {
  assessed: number;
  rejected: number;
}

const CANDIDATE_FILE = new Set(['.yaml', '.yml', '.json']);
const JSON_LINES = new Set(['.jsonl', '.ndjson']);
const TABLE_FILE = new Set(['.csv']);
const ACCEPTED = new Set([...CANDIDATE_FILE, ...JSON_LINES, ...TABLE_FILE]);

/** Files in command-line order; a folder's files sorted by name (recursively). */
export function expandInputs(inputs: string[]): { files: string[]; diagnostics: Diagnostic[] } {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (ACCEPTED.has(extname(entry.name).toLowerCase())) files.push(path);
    }
  };
  for (const input of inputs) {
    try {
      if (statSync(input).isDirectory()) walk(input);
      else files.push(input);
    } catch {
      diagnostics.push({ code: 'unreadable', file: input, path: '', reason: 'no-such-file' });
    }
  }
  return { files, diagnostics };
}

function unitsFromDocuments(documents: SourceDocument[], file: string): CandidateUnit[] {
  const units: CandidateUnit[] = [];
  for (const document of documents) {
    const items: SourceDocument[] = Array.isArray(document.value)
      ? document.value.map((value, i) => ({ value, locate: (path, key) => document.locate([i, ...path], key) }))
      : [document];
    for (const item of items) {
      const raw = item.value as { id?: unknown } | null;
      const id = raw && typeof raw === 'object' && (typeof raw.id === 'string' || typeof raw.id === 'number') ? String(raw.id).trim() : '';
      const { line } = item.locate([]);
      units.push({ id, source: `${file}:${line}`, file, document: () => item, warnings: [] });
    }
  }
  return units;
}

function unitsFromJsonLines(text: string, file: string): { units: CandidateUnit[]; diagnostics: Diagnostic[] } {
  const units: CandidateUnit[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      diagnostics.push({ code: 'syntax', file, line: i + 1, column: 1, path: '', value: (error as Error).message, reason: 'json' });
      return;
    }
    units.push(...unitsFromDocuments([{ value, locate: () => ({ line: i + 1, column: 1 }) }], file));
  });
  return { units, diagnostics };
}

/**
 * Scores every candidate of the inputs, in order of first appearance: inputs in command-line order, the HR
 * tables' candidates where the first table stands. Every candidate ends in `assessed` or `rejected`.
 */
export async function runBatch(inputs: string[], options: BatchOptions, events: BatchEvents): Promise<BatchSummary> {
  const summary: BatchSummary = { assessed: 0, rejected: 0 };
  const reject = (rejection: Rejection) => {
    summary.rejected++;
    events.rejected(rejection);
  };
  const { files, diagnostics: missing } = expandInputs(inputs);
  for (const d of missing) reject({ diagnostics: [d] });

  const definitions = hrTables(options.standard);
  // A rejected table file would leave its records out of every candidate of the tables: those are then not
  // assessed at all (incomplete), rather than scored on part of their records.
  const rejectedTables: string[] = [];
  const rejectTable = (file: string, diagnostics: Diagnostic[]) => {
    rejectedTables.push(file);
    reject({ diagnostics });
  };
  const sequence: (CandidateUnit[] | 'tables')[] = [];
  const tables: BoundTable[] = [];
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    if (TABLE_FILE.has(ext)) {
      if (!sequence.includes('tables')) sequence.push('tables');
      let csv;
      try {
        csv = await readCsv(file, options.encoding);
      } catch (error) {
        if (error instanceof CsvDecodeError) rejectTable(file, [{ code: 'bad-encoding', file, path: '', encoding: error.encoding, byteOffset: error.byteOffset }]);
        else rejectTable(file, [{ code: 'unreadable', file, path: '', ...fileProblem(error, 'no-such-file') }]);
        continue;
      }
      const definition = identifyTable(file, csv.header, definitions, options.mapping);
      if (!definition) {
        rejectTable(file, [{ code: 'unknown-table', file, line: 1, column: 1, path: '', value: csv.header.join(','), expected: definitions.map((d) => d.names.join('/')) }]);
        continue;
      }
      const { table, diagnostics } = bindHrTable(csv, definition, options.mapping);
      if (table) tables.push(table);
      else rejectTable(file, diagnostics);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      reject({ diagnostics: [{ code: 'unreadable', file, path: '', ...fileProblem(error, 'no-such-file') }] });
      continue;
    }
    if (JSON_LINES.has(ext)) {
      const { units, diagnostics } = unitsFromJsonLines(text, file);
      for (const d of diagnostics) reject({ diagnostics: [d] });
      sequence.push(units);
    } else {
      const parsed = parseYamlSource(text, file);
      if (parsed.diagnostics.length > 0) reject({ diagnostics: parsed.diagnostics });
      sequence.push(unitsFromDocuments(parsed.documents, file));
    }
  }

  const joined = joinHrTables(tables);
  for (const d of joined.diagnostics) reject({ diagnostics: [d] });
  // A ragged row is reported, and so is its candidate (when its id cell can still be read): scoring the
  // candidate without the row would understate them.
  const raggedOf = new Map<string, Diagnostic>();
  const tableIds = new Set(joined.units.map((u) => joinKey(u.id)));
  for (const table of tables) {
    for (const row of table.csv.raggedRows) {
      const diagnostic: Diagnostic = { code: 'ragged-row', file: table.csv.file, line: row.rowNumber, column: 1, path: '', cells: row.cells.length, headerCells: table.csv.header.length };
      const id = table.idColumn.read(row.cells).trim();
      if (id !== '' && tableIds.has(joinKey(id))) raggedOf.set(joinKey(id), diagnostic);
      else reject({ diagnostics: [diagnostic] }); // its id cell is not a known candidate's: the row alone
    }
  }
  const tableUnits = new Set(joined.units);
  const units = sequence.flatMap((part) => (part === 'tables' ? joined.units : part));

  // The same id in two sources is an error for that candidate, never a merge.
  const sources = new Map<string, string[]>();
  for (const unit of units) if (unit.id !== '') sources.set(joinKey(unit.id), [...(sources.get(joinKey(unit.id)) ?? []), unit.source]);
  const reported = new Set<string>();
  const sharedResults = new Map<string, SpecialtyResult>();

  for (let i = 0; i < units.length; i++) {
    // Let the event loop run now and then, so that Ctrl-C (which removes the temporary files) is heard.
    if (i % 256 === 255) await new Promise((resolve) => setImmediate(resolve));
    const unit = units[i]!;
    const duplicates = sources.get(joinKey(unit.id)) ?? [];
    if (duplicates.length > 1) {
      if (!reported.has(joinKey(unit.id))) {
        reported.add(joinKey(unit.id));
        const { line, column } = unit.document().locate(['id']);
        reject({ candidateId: unit.id, diagnostics: [{ code: 'duplicate-candidate', file: unit.file, line, column, path: 'id', value: unit.id, expected: duplicates }] });
      }
    } else if (tableUnits.has(unit) && rejectedTables.length > 0) {
      const { line, column } = unit.document().locate(['id']);
      reject({ candidateId: unit.id, diagnostics: [{ code: 'incomplete-tables', file: unit.file, line, column, path: '', value: rejectedTables.join(', ') }] });
    } else if (raggedOf.has(joinKey(unit.id)) && tableUnits.has(unit)) {
      reject({ candidateId: unit.id, diagnostics: [raggedOf.get(joinKey(unit.id))!] });
    } else {
      const { candidate, diagnostics } = candidateFromDocument(unit.document(), unit.file, options.standard);
      if (candidate) {
        const assessment = evaluate(options.standard, candidate, { asOf: options.asOf, sharedResults });
        assessment.warnings.push(...unit.warnings);
        summary.assessed++;
        events.assessed(assessment);
      } else reject({ ...(unit.id ? { candidateId: unit.id } : {}), diagnostics });
    }
    events.progress?.(i + 1, units.length);
  }
  return summary;
}
