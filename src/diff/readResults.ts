import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync, type Stats } from 'node:fs';
import { extname } from 'node:path';
import { InputError, fileProblem } from '../input/diagnostic.js';
import { messageTables, type Lang } from '../messages/describe.js';
import { html, markdownText } from '../reporters/reportPage.js';
import type { Standard } from '../standard/loadStandard.js';
import { ResultsFileError, type DiffProblem } from './diffProblem.js';
import { readJsonResults } from './readJsonResults.js';
import { readCsvResults, readWorkbookResults } from './readTableResults.js';
import type { ResultsRun } from './resultsRun.js';

/** Bytes read to tell what a file is. */
const HEAD_BYTES = 1 << 16;

/**
 * The results in a file itss wrote, whatever its name: told by its content — a workbook (a zip), JSON (a result, or
 * `[`, first), or else a CSV whose header is the results'. Anything else, and itss's other files (the rejected
 * rows, an organisation summary), are refused with what was expected. `lang`: the language problems are said in.
 */
export async function readResults(file: string, standard: Standard, lang: Lang): Promise<ResultsRun> {
  const head = fileHead(file);
  if (head.length === 0) throw new ResultsFileError([{ code: 'no-results', file }]);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return readWorkbookResults(file, standard, lang);
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (text === '') throw new ResultsFileError([{ code: 'no-results', file }]);
  if (text.startsWith('{') || text.startsWith('[')) return readJsonResults(file);
  if (isSummaryPage(text)) throw new ResultsFileError([{ code: 'summary-page', file }]);
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0]!;
  if (firstLine.includes(',') || extname(file).toLowerCase() === '.csv') return readCsvResults(file, standard, lang);
  throw new ResultsFileError([{ code: 'unknown-format', file }]);
}

/** The first bytes of a file; a file that cannot be read (none, a folder, no permission) is said so. */
function fileHead(file: string): Buffer {
  try {
    const fd = openSync(file, 'r');
    try {
      const bytes = Buffer.alloc(HEAD_BYTES);
      return bytes.subarray(0, readSync(fd, bytes, 0, bytes.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new InputError([{ code: 'unreadable', file, path: '', ...fileProblem(error, 'no-such-file') }]);
  }
}

/** An organisation summary itss wrote (`-o summary.html`, `-o summary.md`), in either language, by its title. */
function isSummaryPage(text: string): boolean {
  return (Object.keys(messageTables) as Lang[]).some((lang) => {
    const title = messageTables[lang].text['summary.title'];
    return text.includes(`<title>${html(title)}</title>`) || text.startsWith(`# ${markdownText(title)}\n`);
  });
}

/**
 * OLD and NEW as one run given twice: the same file (by any path or link to it), or two files of identical content
 * (a copy). Undefined when they are two files that differ.
 */
export async function sameRun(oldFile: string, newFile: string): Promise<DiffProblem | undefined> {
  let stats: [Stats, Stats];
  try {
    stats = [statSync(oldFile), statSync(newFile)];
  } catch {
    return undefined; // said when the file is read
  }
  const [a, b] = stats;
  if (!a.isFile() || !b.isFile()) return undefined;
  const params = { old: oldFile, new: newFile };
  if (a.dev === b.dev && a.ino === b.ino) return { code: 'same-file', file: '', params };
  if (a.size !== b.size) return undefined;
  const [x, y] = await Promise.all([digest(oldFile), digest(newFile)]);
  return x === y ? { code: 'same-content', file: '', params } : undefined;
}

async function digest(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

