import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { WORKBOOK_TABLE_FILE, namedFileProblem } from '../../batch/expandInputs.js';
import type { Engagement } from '../../candidate/candidate.js';
import { loadCandidates, type LoadedCandidates } from '../../candidate/loadCandidate.js';
import type { Assessment } from '../../engine/assessment.js';
import { evaluate } from '../../engine/evaluate.js';
import { InputError } from '../../input/diagnostic.js';
import { Describer } from '../../messages/describe.js';
import { formatsOf, outputOf } from '../../reporters/outputFormats.js';
import type { ResultWriter } from '../../reporters/resultWriter.js';
import type { Standard } from '../../standard/loadStandard.js';
import { exitFor, type CliIO } from '../cliIO.js';
import { cleanUpOnSignal } from '../cleanUpOnSignal.js';
import { option, withAsOf, withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { asOfOption, readText, reportDiagnostics, standardFor, layoutFor, type CommonOptions } from '../options.js';
import { ReportOutput, reportFormat } from '../reportOutput.js';
import type { ReportOptions } from '../../reporters/reportOptions.js';

export const assessCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withAsOf(withCommonOptions(program.command('assess').argument('<files...>', d.t('help.assess.files')), d, formatsOf('assess')), d)
    .description(d.t('help.assess'))
    .addOption(option('--detail', d, 'help.option.assessDetail'))
    .addOption(option('--all-specialties', d, 'help.option.allSpecialties'))
    .addOption(option('-o, --output <file>', d, 'help.option.reportOutput'))
    .action(async (files: string[], options: AssessOptions) => {
      run.exitCode = await assess(files, options, run.io, d.lang);
    });
};

type AssessOptions = CommonOptions & { detail?: boolean; allSpecialties?: boolean; output?: string };

/**
 * Assesses each candidate of each file in turn and hands the result to the format's writer as it is made: JSON and
 * JSON Lines are written out at once and let go (a thousand files' results never held together), the human reports
 * keep them for the end. A file that cannot be used is reported on stderr and the others go on, so the output is
 * whole (a JSON array closed) whichever files fail; when none is assessed nothing is written.
 */
async function assess(files: string[], options: AssessOptions, io: CliIO, lang: Describer['lang']): Promise<number> {
  const format = reportFormat('assess', options.format, options.output);
  const asOf = asOfOption(options.asOf, io);
  const standard = await standardFor(options);
  const describer = new Describer(lang, standard);
  // The pages name the engagements their criteria refer to; the result holds only their indexes and titles. Weakly
  // held: the engagements go with a result the writer has let go.
  const engagements = new WeakMap<Assessment, readonly Engagement[]>();
  const reportOptions: ReportOptions = {
    lang,
    standard,
    // Colour and the terminal's width only on the terminal.
    ...(await layoutFor(options, io)),
    detail: options.detail === true,
    allSpecialties: options.allSpecialties === true,
    engagementsOf: (assessment) => engagements.get(assessment),
  };
  const run = async () => {
    // The output is checked before any work (cli.md "Files"): a results file never replaces an input.
    const output = await ReportOutput.open(options.output, [...files, ...[options.standard].filter((f) => f !== undefined)], io);
    let writer: ResultWriter<Assessment> | undefined;
    let assessed = 0;
    let rejected = 0;
    try {
      for (const file of files) {
        const loaded = candidatesOfFile(file, standard);
        if (loaded.diagnostics.length > 0) {
          rejected++;
          reportDiagnostics(loaded.diagnostics, describer, io);
        }
        for (const candidate of loaded.candidates) {
          const assessment = evaluate(standard, candidate, { asOf });
          engagements.set(assessment, candidate.engagements);
          if (!writer) {
            // JSON is an array for several files or candidates: known by now (one file's candidates are all loaded).
            writer = outputOf('assess', format).writer({ ...reportOptions, array: files.length > 1 || loaded.candidates.length > 1 });
            output.write(writer.begin());
          }
          writer.result(assessment, assessed === 0, output.write);
          output.flush();
          assessed++;
          // A signal (Ctrl-C while a file is written) is handled here, between results.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (writer) output.write(writer.end());
      if (assessed > 0) output.commit();
      else output.abort();
    } catch (error) {
      output.abort();
      throw error;
    }
    return exitFor(assessed, rejected);
  };
  // A file being written is removed if the run is interrupted (Ctrl-C, SIGTERM, SIGHUP).
  return options.output === undefined ? run() : cleanUpOnSignal(io, run);
}

/**
 * The candidates of a YAML/JSON file, with the problems of the documents that could not be used. A CSV file is
 * an HR table: pointed to `itss batch` instead of misread; a file of a kind itss does not read is refused by name.
 */
export function candidatesOfFile(file: string, standard: Standard, text?: string): LoadedCandidates {
  if (extname(file).toLowerCase() === '.csv' || WORKBOOK_TABLE_FILE.has(extname(file).toLowerCase())) return { candidates: [], diagnostics: [{ code: 'use-batch', file, path: '' }] };
  // A file that is not there is said to be missing, whatever its name (by the reading below).
  const problem = text === undefined && !existsSync(file) ? undefined : namedFileProblem(file);
  if (problem) return { candidates: [], diagnostics: [problem] };
  try {
    return loadCandidates(text ?? readText(file), file, standard);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { candidates: [], diagnostics: error.diagnostics };
  }
}
