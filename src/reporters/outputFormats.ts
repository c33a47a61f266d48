import type { Assessment } from '../engine/assessment.js';
import type { Describer } from '../messages/describe.js';
import { gapJson, gapReporter } from './gapReporter.js';
import { indentedJsonWriter, jsonArrayWriter, jsonLinesWriter } from './jsonWriters.js';
import type { ReportOptions } from './reportOptions.js';
import { htmlPage, markdownPage, nextLevels, type GapTarget } from './reportPage.js';
import type { ResultWriter, ResultsOptions } from './resultWriter.js';
import { tableReporter } from './tableReporter.js';
import type { XlsxResults, XlsxResultsOptions } from './xlsxResults.js';

/** The commands that write results in the formats below, a column each. */
export type OutputCommand = 'assess' | 'gap' | 'batch' | 'diff';

/** Where a format stands among a command's formats. */
interface Listed {
  /** Its place in the command's list: the help's `--format` choices, the formats and extensions errors name. */
  listed: number;
  /** The command's format when neither `--format` nor the extension of `-o FILE` names one. */
  byDefault?: true;
}

/** `itss assess`: a writer made per run, told each assessment as it is made (and the engagements, by ReportOptions). */
interface AssessOutput extends Listed {
  writer: (options: ReportOptions) => ResultWriter<Assessment>;
}

/** `itss gap`: one assessment's report, for the level aimed at (`--target`) or, without one, each next level. */
interface GapOutput extends Listed {
  report: (assessment: Assessment, target: GapTarget | undefined, options: ReportOptions) => string;
}

/**
 * `itss batch`: text through a writer (to a file, or stdout), or a workbook, a file of its own that is never a
 * stream for a terminal. The CSV, summary and workbook writers are loaded when a batch writes (batchWriters), so
 * that `itss assess` starts without them.
 */
type BatchOutput = Listed &
  (
    | { writer: (describer: Describer, options: ResultsOptions) => Promise<ResultWriter> }
    | { workbook: (path: string, runTag: string, describer: Describer, options: XlsxResultsOptions) => Promise<XlsxResults> }
  );

/**
 * `itss diff`: the formats it takes, their order and which is a file only. Its writers are src/diff/diffOutputs.ts's,
 * a record keyed by exactly these formats (FormatOf<'diff'>), so that the two cannot drift: the diff's writers read
 * the diff, which comes after the reporters in the pipeline, and this table may not import it.
 */
interface DiffOutput extends Listed {
  fileOnly?: true;
}

/** The batch's own writers, loaded when a batch writes. */
const batchWriters = () => import('./batchWriters.js');

interface CommandOutputs {
  assess: AssessOutput;
  gap: GapOutput;
  batch: BatchOutput;
  diff: DiffOutput;
}

/** An output format: how files of it are named, and what each command that takes it writes in it. */
type OutputFormat = { extensions: readonly string[] } & Partial<CommandOutputs>;

/**
 * Every output format, and what each command writes in it (a command not named in a format does not take it). The
 * one place `--format` and the extension of `-o FILE` are read from: the CLI's choices, its errors and the inference of
 * a format from a file name all come from here. `extensions`: those that mean the format, the first the one named in
 * errors.
 */
export const outputFormats = {
  table: {
    extensions: ['txt'],
    // The terminal report: levels, then each shown specialty's next level and what it lacks; --detail: every level's
    // criteria (the full matrix).
    assess: { listed: 1, byDefault: true, writer: (options) => collected(tableReporter, options) },
    // The gap page arranged for the terminal.
    gap: { listed: 1, byDefault: true, report: (assessment, target, options) => gapReporter(assessment, targetsOf(assessment, target, options), options) },
    // Who went up or down, appeared or left, was blocked or unblocked, per specialty.
    diff: { listed: 1, byDefault: true },
  },
  json: {
    extensions: ['json'],
    // The result of cli.md ("JSON result"), indented; for several files or candidates an array, written a result at a
    // time.
    assess: { listed: 2, writer: (options) => indentedJsonWriter(options.array === true) },
    // The level aimed at as data (its criteria and gaps); without --target a list, every specialty's next level.
    gap: { listed: 2, report: (assessment, target) => gapJson(assessment, target) },
    // An array of batch records (cli.md "Batch record"; --detail: full results), one a line.
    batch: { listed: 3, writer: () => Promise.resolve(jsonArrayWriter()) },
    // The diff as data (cli.md "itss diff"): changes, added, removed, blocked, unblocked.
    diff: { listed: 2 },
  },
  jsonl: {
    extensions: ['jsonl', 'ndjson'],
    // JSON Lines, one result a line (the same writer as the batch's).
    assess: { listed: 3, writer: () => jsonLinesWriter() },
    // JSON Lines, one batch record a line: what a batch prints when nothing names a format.
    batch: { listed: 2, byDefault: true, writer: () => Promise.resolve(jsonLinesWriter()) },
  },
  csv: {
    extensions: ['csv'],
    // The results for Excel: a row per candidate, a few columns a specialty, UTF-8 with BOM and CRLF.
    batch: { listed: 1, writer: async (describer, options) => (await batchWriters()).csvResultWriter(describer, options) },
    // A row per change, for Excel.
    diff: { listed: 3 },
  },
  xlsx: {
    extensions: ['xlsx'],
    // The results workbook: the summary, the next level's criteria, the rejected rows.
    batch: { listed: 4, workbook: async (path, runTag, describer, options) => (await batchWriters()).XlsxResults.open(path, runTag, describer, options) },
    // The changes as a results-like sheet.
    diff: { listed: 4, fileOnly: true },
  },
  md: {
    extensions: ['md', 'markdown'],
    // A page per person: who, their levels, the engagements named, then each next level criterion by criterion.
    assess: { listed: 4, writer: (options) => collected(pagesOf(markdownPage), options) },
    // The gap page: the person, the levels aimed at, then each of them criterion by criterion.
    gap: { listed: 3, report: (assessment, target, options) => markdownPage([assessment], () => targetsOf(assessment, target, options), 'gap', options) },
    // The organisation summary: people per level and what blocks the next one, per specialty; everyone, closest first.
    batch: { listed: 6, writer: async (describer, options) => (await batchWriters()).organisationSummaryWriter('md', describer, options) },
    // The diff's page: the two runs, then per specialty who moved, appeared, left, was blocked or unblocked.
    diff: { listed: 5 },
  },
  html: {
    extensions: ['html', 'htm'],
    // The pages of md, as one self-contained HTML file to print (A4).
    assess: { listed: 5, writer: (options) => collected(pagesOf(htmlPage), options) },
    // The gap page of md, as HTML.
    gap: { listed: 4, report: (assessment, target, options) => htmlPage([assessment], () => targetsOf(assessment, target, options), 'gap', options) },
    // The organisation summary of md, with bar charts, and the everyone table sortable by any column.
    batch: { listed: 5, writer: async (describer, options) => (await batchWriters()).organisationSummaryWriter('html', describer, options) },
    // The page of md, with a chart of movements per specialty (inline SVG), printable on A4.
    diff: { listed: 6 },
  },
} satisfies Record<string, OutputFormat>;

export type OutputFormatName = keyof typeof outputFormats;

/** The formats a command takes: those whose entry names it. */
export type FormatOf<C extends OutputCommand> = { [F in OutputFormatName]: C extends keyof (typeof outputFormats)[F] ? F : never }[OutputFormatName];

/** The formats of `itss assess` and of the library's `reporters`. */
export type ReporterFormat = FormatOf<'assess'>;
/** The formats of `itss batch`. */
export type BatchFormat = FormatOf<'batch'>;
/** The formats of `itss diff`. */
export type DiffFormat = FormatOf<'diff'>;

const formatNames = Object.keys(outputFormats) as OutputFormatName[];
const entry = (format: OutputFormatName): OutputFormat => outputFormats[format];

/** What `command` writes in `format`. */
export function outputOf<C extends OutputCommand>(command: C, format: FormatOf<C>): CommandOutputs[C] {
  return entry(format)[command] as CommandOutputs[C];
}

/** A command's formats, in the order it lists them. */
export function formatsOf<C extends OutputCommand>(command: C): FormatOf<C>[] {
  const taken = formatNames.filter((format): format is FormatOf<C> => entry(format)[command] !== undefined);
  return taken.sort((a, b) => outputOf(command, a).listed - outputOf(command, b).listed);
}

/** The format a command writes when neither `--format` nor the extension of `-o FILE` names one. */
export function defaultFormatOf<C extends OutputCommand>(command: C): FormatOf<C> {
  return formatsOf(command).find((format) => outputOf(command, format).byDefault === true)!;
}

/** The format an extension (without its dot, lower case) means, if any. */
export function formatOfExtension(extension: string): OutputFormatName | undefined {
  return formatNames.find((format) => outputFormats[format].extensions.some((e) => e === extension));
}

/** A format that is a file and never text for a terminal (a workbook). */
export function isFileOnly<C extends OutputCommand>(command: C, format: FormatOf<C>): boolean {
  const output = outputOf(command, format);
  return 'workbook' in output || ('fileOnly' in output && output.fileOnly === true);
}

/**
 * The library's reporters: each format `itss assess` takes, over a list of assessments, as one string — what the
 * command prints for them (JSON: one object for one assessment, unless `array`).
 */
export const reporters = Object.fromEntries(
  formatsOf('assess').map((format) => [
    format,
    (assessments: Assessment[], options: ReportOptions) => {
      const writer = outputOf('assess', format).writer({ ...options, array: options.array === true || assessments.length !== 1 });
      let text = writer.begin();
      const write = (piece: string) => (text += piece);
      assessments.forEach((assessment, i) => writer.result(assessment, i === 0, write));
      return text + writer.end();
    },
  ]),
) as Record<ReporterFormat, (assessments: Assessment[], options: ReportOptions) => string>;

/**
 * A human report of `itss assess` (the terminal's, a page): made at the end, from every result. Results are kept
 * until then; the JSON formats keep none.
 */
function collected(report: (assessments: Assessment[], options: ReportOptions) => string, options: ReportOptions): ResultWriter<Assessment> {
  const assessments: Assessment[] = [];
  return {
    begin: () => '',
    result: (assessment) => void assessments.push(assessment),
    end: () => report(assessments, options),
  };
}

/** The assessment pages of a page renderer: each person's levels, then each shown specialty's next level. */
function pagesOf(render: typeof markdownPage): (assessments: Assessment[], options: ReportOptions) => string {
  return (assessments, options) => render(assessments, (a) => nextLevels(a, options), 'assessment', options);
}

/** The levels a gap report is about: the one aimed at, or each shown specialty's next level. */
function targetsOf(assessment: Assessment, target: GapTarget | undefined, options: ReportOptions): GapTarget[] {
  return target ? [target] : nextLevels(assessment, options);
}
