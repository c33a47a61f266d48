import type { Describer } from '../messages/describe.js';
import type { Style } from '../reporters/reportOptions.js';
import type { DiffFormat } from '../reporters/outputFormats.js';
import type { ResultsDiff } from './diffResults.js';

/** How the terminal report is laid out: its colours and width (a file gets plain text, 120 columns). */
interface DiffTextOptions {
  style: Style;
  width: number;
}

/** A diff's output: text (to a file, or stdout), or a workbook, a file of its own. */
type DiffOutput =
  | { text: (diff: ResultsDiff, d: Describer, options: DiffTextOptions) => Promise<string> }
  | { workbook: (path: string, runTag: string, diff: ResultsDiff, d: Describer) => Promise<void> };

/**
 * What `itss diff` writes in each of its formats (outputFormats lists them: choices, default, extensions). Keyed by
 * exactly those formats, so a format listed there without a writer here, or the other way round, does not compile.
 * Each writer is loaded when it writes.
 */
export const diffOutputs: Record<DiffFormat, DiffOutput> = {
  table: { text: async (diff, d, options) => (await import('./diffReport.js')).diffReport(diff, d, options) },
  json: { text: async (diff) => (await import('./diffJson.js')).diffJson(diff) },
  csv: { text: async (diff, d) => (await import('./diffCsv.js')).diffCsv(diff, d) },
  xlsx: { workbook: async (path, runTag, diff, d) => (await import('./diffWorkbook.js')).writeDiffWorkbook(path, runTag, diff, d) },
  md: { text: async (diff, d) => (await import('./diffPage.js')).diffMarkdown(diff, d) },
  html: { text: async (diff, d) => (await import('./diffPage.js')).diffHtml(diff, d) },
};
