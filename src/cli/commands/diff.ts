import type { DiffProblem } from '../../diff/diffProblem.js';
import type { ResultsDiff } from '../../diff/diffResults.js';
import { InputError, usageError } from '../../input/diagnostic.js';
import { Describer } from '../../messages/describe.js';
import { formatsOf, isFileOnly } from '../../reporters/outputFormats.js';
import { EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, type CliIO } from '../cliIO.js';
import { option, withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { reportDiagnostics, standardFor, layoutFor, type CommonOptions } from '../options.js';
import { checkOutputs } from '../outputGuard.js';
import { reportFormat, writeReport } from '../reportOutput.js';

type DiffOptions = CommonOptions & { output?: string };

export const diffCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withCommonOptions(program.command('diff').argument('<old>', d.t('help.diff.old')).argument('<new>', d.t('help.diff.new')), d, formatsOf('diff'))
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
  // --format, else the extension of -o FILE, else the terminal report (outputFormats).
  const format = reportFormat('diff', options.format, options.output);
  // A workbook is a file, not a stream for a terminal.
  if (isFileOnly('diff', format) && options.output === undefined) {
    throw usageError({ code: 'bad-choice', path: '--format', value: format, expected: formatsOf('diff').filter((f) => !isFileOnly('diff', f)) });
  }
  const standard = await standardFor(options);
  const d = new Describer(lang, standard);
  const inputs = [oldFile, newFile, ...[options.standard].filter((f) => f !== undefined)];
  // Before any work: the output is never one of the files compared.
  if (options.output !== undefined) checkOutputs([options.output], inputs);
  // Loaded here, not at start-up: `assess` has no use for the readers of results.
  const [{ ResultsFileError, diffProblemText }, { readResults, sameRun }, { diffResults }, { diffOutputs }] = await Promise.all([
    import('../../diff/diffProblem.js'),
    import('../../diff/readResults.js'),
    import('../../diff/diffResults.js'),
    import('../../diff/diffOutputs.js'),
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
  const output = diffOutputs[format];
  if ('workbook' in output) await output.workbook(options.output!, String(process.pid), result, d);
  else {
    const text = await output.text(result, d, await layoutFor(options, io));
    await writeReport(text, options.output, inputs, io);
  }
  return result.excluded.length > 0 ? EXIT_PARTIAL : EXIT_OK;
}
