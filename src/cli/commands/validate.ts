import { extname } from 'node:path';
import { loadMapping, MAPPING_FORMAT } from '../../batch/loadMapping.js';
import { InputError, usageError, type Diagnostic } from '../../input/diagnostic.js';
import { parseYamlSource } from '../../input/parseYamlSource.js';
import { Describer } from '../../messages/describe.js';
import { loadStandard, type Standard } from '../../standard/loadStandard.js';
import { STANDARD_FORMAT } from '../../standard/standardSchema.js';
import { EXIT_OK, exitFor, type CliIO } from '../cliIO.js';
import { withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { checkFormat, readText, reportDiagnostics, standardFor, type CommonOptions } from '../options.js';
import { candidatesOfFile } from './assess.js';

const FORMATS = ['table', 'json'] as const;

/** One file's verdict: valid (a number of candidates, or a document format) or its diagnostics. */
interface Validation {
  file: string;
  valid: boolean;
  format?: string;
  candidates?: number;
  diagnostics: Diagnostic[];
}

export const validateCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withCommonOptions(program.command('validate').argument('[files...]', d.t('help.validate.files')), d, FORMATS)
    .description(d.t('help.validate'))
    .action((files: string[], options: CommonOptions) => {
      run.exitCode = validate(files, options, run.io, d.lang);
    });
};

function validate(files: string[], options: CommonOptions, io: CliIO, lang: Describer['lang']): number {
  const format = checkFormat(options.format, FORMATS, 'table');
  const standard = standardFor(options);
  const describer = new Describer(lang, standard);
  if (files.length === 0) {
    if (options.standard === undefined) throw usageError({ code: 'nothing-to-validate', path: '' });
    const result: Validation = { file: options.standard, valid: true, format: STANDARD_FORMAT, diagnostics: [] };
    io.stdout.write(format === 'json' ? `${JSON.stringify([result], null, 2)}\n` : `${describer.t('validate.document', { file: options.standard, format: STANDARD_FORMAT })}\n`);
    return EXIT_OK;
  }
  const results = files.map((file) => validateFile(file, standard));
  if (format === 'json') {
    // Diagnostics as data (code, location, value, expected, suggestion) with their sentence beside them.
    const withMessages = results.map((r) => ({ ...r, diagnostics: r.diagnostics.map((d) => ({ ...d, message: describer.diagnosticMessage(d) })) }));
    io.stdout.write(`${JSON.stringify(withMessages, null, 2)}\n`);
  } else {
    for (const r of results) {
      if (!r.valid) reportDiagnostics(r.diagnostics, describer, io);
      else io.stdout.write(`${r.format ? describer.t('validate.document', { file: r.file, format: r.format }) : describer.t('validate.candidates', { file: r.file, n: r.candidates ?? 0 })}\n`);
    }
  }
  const valid = results.filter((r) => r.valid).length;
  return exitFor(valid, results.length - valid);
}

function validateFile(file: string, standard: Standard): Validation {
  try {
    const text = extname(file).toLowerCase() === '.csv' ? undefined : readText(file);
    const format = text === undefined ? undefined : documentFormat(text, file);
    if (text !== undefined && (format === STANDARD_FORMAT || format === MAPPING_FORMAT)) {
      if (format === STANDARD_FORMAT) loadStandard(text, file);
      else loadMapping(text, file, standard);
      return { file, valid: true, format, diagnostics: [] };
    }
    const loaded = candidatesOfFile(file, standard, text);
    return loaded.diagnostics.length > 0 ? { file, valid: false, diagnostics: loaded.diagnostics } : { file, valid: true, candidates: loaded.candidates.length, diagnostics: [] };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { file, valid: false, diagnostics: error.diagnostics };
  }
}

/** The `format:` of a one-document file (a standard or a mapping), if it has one. */
function documentFormat(text: string, file: string): unknown {
  const { documents } = parseYamlSource(text, file);
  const [first] = documents;
  return documents.length === 1 && first && first.value !== null && typeof first.value === 'object' && 'format' in first.value ? first.value.format : undefined;
}
