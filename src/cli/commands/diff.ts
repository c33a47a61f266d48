import type { DiffProblem } from '../../diff/diffProblem.js';
import type { ResultsDiff } from '../../diff/diffResults.js';
import { InputError, usageError } from '../../input/diagnostic.js';
import { Describer } from '../../messages/describe.js';
import { formatOfExtension, outputFormats } from '../../reporters/outputFormats.js';
import { plainStyle } from '../../reporters/reportOptions.js';
import { EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, type CliIO } from '../cliIO.js';
import { option, withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { checkFormat, reportDiagnostics, standardFor, styleFor, type CommonOptions } from '../options.js';
import { checkOutputs } from '../outputGuard.js';
import { writeReport } from '../reportOutput.js';

const FORMATS = ['table', 'json', 'csv', 'xlsx', 'md', 'html'] as const;
type DiffFormat = (typeof FORMATS)[number];

type DiffOptions = CommonOptions & { output?: string };

export const diffCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withCommonOptions(program.command('diff').argument('<old>', d.t('help.diff.old')).argument('<new>', d.t('help.diff.new')), d, FORMATS)
    .description(d.t('help.diff'))
    .addOption(option('-o, --output <file>', d, 'help.option.diffOutput'))
    .action(async (oldFile: string, newFile: string, options: DiffOptions) => {
      run.exitCode = await diff(oldFile, newFile, options, run.io, d.lang);
    });
};

/**
 * `itss diff OLD NEW`: exit 0 when both files were compared whole (whatever changed: the changes are the output, not
 * a failure), 1 when some people were left out (ids colliding after NFKC within a file), 2 when a file is not results
 * itss wrote, OLD and NEW are one run, or on a usage error. Different standards are a warning.
 */
async function diff(oldFile: string, newFile: string, options: DiffOptions, io: CliIO, lang: Describer['lang']): Promise<number> {
  const format = diffFormat(options.format, options.output);
  // A workbook is a file, not a stream for a terminal.
  if (format === 'xlsx' && options.output === undefined) throw usageError({ code: 'bad-choice', path: '--format', value: 'xlsx', expected: FORMATS.filter((f) => f !== 'xlsx') });
  const standard = standardFor(options);
  const d = new Describer(lang, standard);
  const inputs = [oldFile, newFile, ...[options.standard].filter((f) => f !== undefined)];
  // Before any work: the output is never one of the files compared.
  if (options.output !== undefined) checkOutputs([options.output], inputs);
  // Loaded here, not at start-up: `assess` has no use for the readers of results.
  const [{ ResultsFileError, diffProblemText }, { readResults, sameRun }, { diffResults }] = await Promise.all([
    import('../../diff/diffProblem.js'),
    import('../../diff/readResults.js'),
    import('../../diff/diffResults.js'),
  ]);
  const said = (problems: readonly DiffProblem[]) => {
    for (const p of problems) io.stderr.write(`${diffProblemText(p, d)}\n`);
  };
  const same = await sameRun(oldFile, newFile);
  if (same) {
    said([same]);
    return EXIT_FAILED;
  }
  // Both files read, whatever the first holds: what is wrong with each is said at once.
  let failed = false;
  const read = async (file: string) => {
    try {
      return await readResults(file, standard, lang);
    } catch (error) {
      if (error instanceof InputError) reportDiagnostics(error.diagnostics, d, io);
      else if (error instanceof ResultsFileError) said(error.problems);
      else throw error;
      failed = true;
      return undefined;
    }
  };
  const [oldRun, newRun] = [await read(oldFile), await read(newFile)];
  if (failed || !oldRun || !newRun) return EXIT_FAILED;
  const result: ResultsDiff = diffResults(oldRun, newRun);
  // Warnings (different standards, OLD later than NEW) and who was left out: on stderr, whatever the output.
  said([...result.warnings, ...result.excluded]);
  if (format === 'xlsx') {
    const { writeDiffWorkbook } = await import('../../diff/diffWorkbook.js');
    writeDiffWorkbook(options.output!, String(process.pid), result, d);
  } else {
    const onTerminal = options.output === undefined;
    let text: string;
    if (format === 'json') text = (await import('../../diff/diffJson.js')).diffJson(result);
    else if (format === 'csv') text = (await import('../../diff/diffCsv.js')).diffCsv(result, d);
    else if (format === 'md') text = (await import('../../diff/diffPage.js')).diffMarkdown(result, d);
    else if (format === 'html') text = (await import('../../diff/diffPage.js')).diffHtml(result, d);
    else text = (await import('../../diff/diffReport.js')).diffReport(result, d, { style: onTerminal ? styleFor(options, io) : plainStyle, width: onTerminal ? (io.stdout.columns ?? 120) : 120 });
    await writeReport(text, options.output, inputs, io);
  }
  return result.excluded.length > 0 ? EXIT_PARTIAL : EXIT_OK;
}

/**
 * The diff's format: `--format`, else the extension of `-o FILE` (read as every command reads it: outputFormats), else
 * the terminal report.
 */
function diffFormat(format: string | undefined, output: string | undefined): DiffFormat {
  if (format !== undefined || output === undefined) return checkFormat(format, FORMATS, 'table');
  const byExtension = formatOfExtension(output.toLowerCase().match(/\.([a-z]+)$/)?.[1] ?? '');
  const found = FORMATS.find((f) => f === byExtension);
  if (found === undefined) throw usageError({ code: 'unknown-output-format', path: '--output', value: output, expected: FORMATS.map((f) => `.${outputFormats[f].extensions[0]!}`) });
  return found;
}
