import { extname } from 'node:path';
import { WORKBOOK_FILE, WORKBOOK_TABLE_FILE } from '../../batch/expandInputs.js';
import type { Engagement } from '../../candidate/candidate.js';
import { loadCandidates, type LoadedCandidates } from '../../candidate/loadCandidate.js';
import type { Assessment } from '../../engine/assessment.js';
import { evaluate } from '../../engine/evaluate.js';
import { InputError } from '../../input/diagnostic.js';
import { Describer } from '../../messages/describe.js';
import { reporters, type ReporterFormat } from '../../reporters/reporters.js';
import type { Standard } from '../../standard/loadStandard.js';
import { exitFor, type CliIO } from '../cliIO.js';
import { option, withAsOf, withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { asOfOption, readText, reportDiagnostics, standardFor, styleFor, type CommonOptions } from '../options.js';
import { reportFormat, writeReport } from '../reportOutput.js';
import { plainStyle } from '../../reporters/reportOptions.js';

const FORMATS: readonly ReporterFormat[] = ['table', 'json', 'jsonl', 'md', 'html'];

export const assessCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withAsOf(withCommonOptions(program.command('assess').argument('<files...>', d.t('help.assess.files')), d, FORMATS), d)
    .description(d.t('help.assess'))
    .addOption(option('--detail', d, 'help.option.assessDetail'))
    .addOption(option('--all-specialties', d, 'help.option.allSpecialties'))
    .addOption(option('-o, --output <file>', d, 'help.option.reportOutput'))
    .action(async (files: string[], options: AssessOptions) => {
      run.exitCode = await assess(files, options, run.io, d.lang);
    });
};

type AssessOptions = CommonOptions & { detail?: boolean; allSpecialties?: boolean; output?: string };

async function assess(files: string[], options: AssessOptions, io: CliIO, lang: Describer['lang']): Promise<number> {
  const format = reportFormat(options.format, options.output, FORMATS);
  const asOf = asOfOption(options.asOf, io);
  const standard = standardFor(options);
  const describer = new Describer(lang, standard);
  const assessments: Assessment[] = [];
  // The pages name the engagements their criteria refer to; the result holds only their indexes and titles.
  const engagements = new Map<Assessment, readonly Engagement[]>();
  let rejected = 0;
  for (const file of files) {
    const loaded = candidatesOfFile(file, standard);
    if (loaded.diagnostics.length > 0) {
      rejected++;
      reportDiagnostics(loaded.diagnostics, describer, io);
    }
    for (const candidate of loaded.candidates) {
      const assessment = evaluate(standard, candidate, { asOf });
      assessments.push(assessment);
      engagements.set(assessment, candidate.engagements);
    }
  }
  if (assessments.length > 0) {
    const array = files.length > 1 || assessments.length > 1;
    // Colour and the terminal's width only on the terminal.
    const onTerminal = options.output === undefined;
    const report = reporters[format](assessments, {
      lang,
      standard,
      array,
      style: onTerminal ? styleFor(options, io) : plainStyle,
      width: onTerminal ? (io.stdout.columns ?? 120) : 120,
      detail: options.detail === true,
      allSpecialties: options.allSpecialties === true,
      engagementsOf: (assessment) => engagements.get(assessment),
    });
    await writeReport(report, options.output, [...files, ...[options.standard].filter((f) => f !== undefined)], io);
  }
  return exitFor(assessments.length, rejected);
}

/**
 * The candidates of a YAML/JSON file, with the problems of the documents that could not be used. A CSV file is
 * an HR table: pointed to `itss batch` instead of misread.
 */
export function candidatesOfFile(file: string, standard: Standard, text?: string): LoadedCandidates {
  if (extname(file).toLowerCase() === '.csv' || WORKBOOK_TABLE_FILE.has(extname(file).toLowerCase())) return { candidates: [], diagnostics: [{ code: 'use-batch', file, path: '' }] };
  if (WORKBOOK_FILE.has(extname(file).toLowerCase())) return { candidates: [], diagnostics: [{ code: 'workbook-file', file, path: '' }] };
  try {
    return loadCandidates(text ?? readText(file), file, standard);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { candidates: [], diagnostics: error.diagnostics };
  }
}
