import { closeSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../input/diagnostic.js';

const CANDIDATE_FILE = new Set(['.yaml', '.yml', '.json']);
export const JSON_LINES = new Set(['.jsonl', '.ndjson']);
export const TABLE_FILE = new Set(['.csv']);
/** Workbooks whose sheets are read as tables. */
export const WORKBOOK_TABLE_FILE = new Set(['.xlsx', '.xlsm']);
const ACCEPTED = new Set([...CANDIDATE_FILE, ...JSON_LINES, ...TABLE_FILE, ...WORKBOOK_TABLE_FILE]);
/** Workbooks, which are not read (yet): a user is told to save their sheets as CSV, never shown their bytes. */
const WORKBOOK_FILE = new Set(['.xls', '.ods', '.numbers']);

/**
 * The problem with reading a file named on the command line, by its name: none for a kind itss reads, or a name
 * without an extension (`/dev/stdin`, a shell's `<(…)`), read as YAML; a file of any other kind (`README.md`,
 * `notes.txt`) is refused by name, as a folder's are passed over, not parsed into a page of syntax errors.
 */
export function namedFileProblem(file: string): Diagnostic | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '' || ACCEPTED.has(ext)) return undefined;
  return WORKBOOK_FILE.has(ext) ? { code: 'workbook-file', file, path: '' } : { code: 'unsupported-file', file, path: '', expected: [...ACCEPTED] };
}

export interface ExpandedInputs {
  files: string[];
  /** Inputs that do not exist: errors. */
  diagnostics: Diagnostic[];
  /** Files passed over, each named (a folder's unsupported files, a file given twice, Office's lock files). */
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

/** The most an Office owner file holds (Excel's are 165 bytes: who has the file open). */
const MAX_LOCK_FILE_BYTES = 4096;

/**
 * Is this Office's owner file (`~$業務経験.xlsx`): the few bytes Excel keeps beside a file while it is open, named
 * after it? Not the file, and not readable as one: read as a workbook it failed, and took every candidate of the
 * HR tables with it. Told by its name and its size, and by not being a zip (a workbook someone named `~$…`
 * is still read).
 */
export function isLockFile(path: string): boolean {
  if (!basename(path).startsWith('~$')) return false;
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > MAX_LOCK_FILE_BYTES) return false;
    const fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    try {
      readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
    return !head.equals(Buffer.from('PK\x03\x04', 'latin1'));
  } catch {
    return false;
  }
}

/**
 * Files in command-line order, a folder's files sorted by name (recursively), each file once. A folder's files
 * of no supported kind are named, never skipped silently, and so are Office's lock files; `outputs` (this run's
 * results and errors files) are never read as input.
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
      else if (isLockFile(path)) out.notices.push({ code: 'lock-file-skipped', file: path, path: '' });
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
    // `*.xlsx` in a shell takes Excel's lock file too while a workbook is open.
    else if (isLockFile(input)) out.notices.push({ code: 'lock-file-skipped', file: input, path: '' });
    else {
      // This run's outputs are left out whatever their kind (add); any other file of a kind itss does not read, named.
      const problem = excluded.has(identity(input)) ? undefined : namedFileProblem(input);
      if (problem) out.diagnostics.push(problem);
      else add(input);
    }
  }
  return out;
}
