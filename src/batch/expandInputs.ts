import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../input/diagnostic.js';

export const CANDIDATE_FILE = new Set(['.yaml', '.yml', '.json']);
export const JSON_LINES = new Set(['.jsonl', '.ndjson']);
export const TABLE_FILE = new Set(['.csv']);
/** Workbooks whose sheets are read as tables. */
export const WORKBOOK_TABLE_FILE = new Set(['.xlsx', '.xlsm']);
const ACCEPTED = new Set([...CANDIDATE_FILE, ...JSON_LINES, ...TABLE_FILE, ...WORKBOOK_TABLE_FILE]);
/** Workbooks, which are not read (yet): a user is told to save their sheets as CSV, never shown their bytes. */
export const WORKBOOK_FILE = new Set(['.xls', '.ods', '.numbers']);

export interface ExpandedInputs {
  files: string[];
  /** Inputs that do not exist: errors. */
  diagnostics: Diagnostic[];
  /** Files passed over, each named (a folder's unsupported files, a file given twice, this run's outputs). */
  notices: Diagnostic[];
}

/** What a path names, links and `..` resolved: the real path, or for a file yet to be written, its real folder's. */
export function identity(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return resolve(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/**
 * Files in command-line order, a folder's files sorted by name (recursively), each file once. A folder's files
 * of no supported kind are named, never skipped silently; `outputs` (this run's results and errors files) are
 * never read as input.
 */
export function expandInputs(inputs: readonly string[], outputs: readonly string[] = []): ExpandedInputs {
  const out: ExpandedInputs = { files: [], diagnostics: [], notices: [] };
  const excluded = new Set(outputs.map(identity));
  const seen = new Set<string>();
  const add = (file: string) => {
    const id = identity(file);
    if (excluded.has(id)) return;
    if (seen.has(id)) out.notices.push({ code: 'input-repeated', file, path: '' });
    else {
      seen.add(id);
      out.files.push(file);
    }
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (ACCEPTED.has(extname(entry.name).toLowerCase())) add(path);
      else if (!excluded.has(identity(path)) && !entry.name.startsWith('.')) out.notices.push(WORKBOOK_FILE.has(extname(entry.name).toLowerCase()) ? { code: 'workbook-file', file: path, path: '' } : { code: 'unsupported-file', file: path, path: '', expected: [...ACCEPTED] });
    }
  };
  for (const input of inputs) {
    let directory: boolean;
    try {
      directory = statSync(input).isDirectory();
    } catch {
      out.diagnostics.push({ code: 'unreadable', file: input, path: '', reason: 'no-such-file' });
      continue;
    }
    if (directory) walk(input);
    else if (WORKBOOK_FILE.has(extname(input).toLowerCase())) out.diagnostics.push({ code: 'workbook-file', file: input, path: '' });
    else add(input);
  }
  return out;
}
