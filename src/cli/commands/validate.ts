import { extname } from 'node:path';
import type { Mapping } from '../../hr/loadMapping.js';
import { MAPPING_FORMAT } from '../../hr/mappingFormat.js';
import { InputError, usageError, type Diagnostic } from '../../input/diagnostic.js';
import { parseYamlSource } from '../../input/parseYamlSource.js';
import { Describer } from '../../messages/describe.js';
import type { Standard } from '../../standard/loadStandard.js';
import { STANDARD_FORMAT } from '../../standard/standardFormat.js';
import { ENCODING_NAMES, encodingName } from '../../tabular/decodeText.js';
import { hrTables } from '../../hr/hrTables.js';
import { EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, exitFor, type CliIO } from '../cliIO.js';
import { option, withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { checkFormat, readText, reportDiagnostics, standardFor, type CommonOptions } from '../options.js';
import { TABLE_FILE, WORKBOOK_TABLE_FILE } from '../../batch/expandInputs.js';
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
    .addOption(option('--map <file>', d, 'help.option.validate-map'))
    .addOption(option('--encoding <name>', d, 'help.option.encoding', { choices: ENCODING_NAMES.join(', ') }))
    .action(async (files: string[], options: ValidateOptions) => {
      // HR tables alone (CSV files, workbooks) are checked as an export in the tool's own column names, as batch reads them.
      const tablesOnly = files.length > 0 && files.every((f) => TABLE_FILE.has(extname(f).toLowerCase()) || WORKBOOK_TABLE_FILE.has(extname(f).toLowerCase()));
      run.exitCode = options.map === undefined && !tablesOnly ? await validate(files, options, run.io, d.lang)
        : await validateExport(files, options, run.io, d.lang);
    });
};

interface ValidateOptions extends CommonOptions {
  map?: string;
  encoding?: string;
}

/**
 * `itss validate [--map MAPPING] FILE…`: the mapping (none: the tool's own column names) checked against the export's files — their headers, every
 * value of a mapped column against the value maps and the standard's labels, dates and quantities — without
 * scoring. Each problem listed (file, row, the export's header, the value, what was expected, did-you-mean).
 */
async function validateExport(files: string[], options: ValidateOptions, io: CliIO, lang: Describer['lang']): Promise<number> {
  const format = checkFormat(options.format, FORMATS, 'table');
  const encoding = options.encoding === undefined ? undefined : encodingName(options.encoding);
  if (options.encoding !== undefined && !encoding) throw usageError({ code: 'bad-choice', path: '--encoding', value: options.encoding, expected: ENCODING_NAMES });
  const standard = await standardFor(options);
  const describer = new Describer(lang, standard);
  // Without --map: the tool's own column names and values, and no mapping for a message to send the user to.
  let mapping: { mapping: Mapping; text: string; file: string } | undefined;
  if (options.map !== undefined) {
    const text = readText(options.map);
    const { loadMapping } = await import('../../hr/loadMapping.js');
    mapping = { mapping: loadMapping(text, options.map, standard), text, file: options.map };
  }
  // Loaded here: only this form of validate reads HR tables.
  const { checkExport } = await import('../../batch/checkExport.js');
  const checked = await checkExport(files, { standard, ...(mapping ? { mapping } : {}), ...(encoding ? { encoding } : {}) });
  const names = new Map(hrTables(standard).map((t) => [t.name, lang === 'ja' ? (t.names.find((n) => /[^\x00-\x7f]/.test(n)) ?? t.names[0]!) : t.names[0]!]));
  if (format === 'json') {
    const message = (d: Diagnostic) => ({ ...d, message: describer.diagnosticMessage(d) });
    const tables = checked.tables.map((t) => ({ ...t, valid: !checked.problems.some((d) => d.file === t.file) }));
    io.stdout.write(`${JSON.stringify({ mapping: options.map ?? null, valid: checked.problems.length === 0, tables, problems: checked.problems.map(message), notices: checked.notices.map(message) }, null, 2)}\n`);
  } else {
    for (const notice of checked.notices) io.stderr.write(`${describer.diagnostic(notice)}\n`);
    reportDiagnostics(checked.problems, describer, io);
    for (const t of checked.tables) {
      const n = checked.problems.filter((d) => d.file === t.file).length;
      io.stdout.write(`${describer.t(n === 0 ? 'validate.table' : 'validate.table.problems', { file: t.file, table: names.get(t.table) ?? t.table, rows: t.rows, n })}\n`);
    }
    if (checked.tables.length === 0 && files.length === 0 && options.map !== undefined) io.stdout.write(`${describer.t('validate.document', { file: options.map, format: MAPPING_FORMAT })}\n`);
  }
  if (checked.problems.length === 0) return EXIT_OK;
  // Some table read, its problems listed: partly done. No table could be read (or none given): nothing done.
  return checked.tables.length > 0 ? EXIT_PARTIAL : EXIT_FAILED;
}

async function validate(files: string[], options: CommonOptions, io: CliIO, lang: Describer['lang']): Promise<number> {
  const format = checkFormat(options.format, FORMATS, 'table');
  const standard = await standardFor(options);
  const describer = new Describer(lang, standard);
  if (files.length === 0) {
    if (options.standard === undefined) throw usageError({ code: 'nothing-to-validate', path: '' });
    const result: Validation = { file: options.standard, valid: true, format: STANDARD_FORMAT, diagnostics: [] };
    io.stdout.write(format === 'json' ? `${JSON.stringify([result], null, 2)}\n` : `${describer.t('validate.document', { file: options.standard, format: STANDARD_FORMAT })}\n`);
    return EXIT_OK;
  }
  const results: Validation[] = [];
  for (const file of files) results.push(await validateFile(file, standard));
  if (format === 'json') {
    // Diagnostics as data (code, location, value, expected, suggestion) with their sentence beside them.
    const withMessages = results.map((r) => ({ ...r, diagnostics: r.diagnostics.map((d) => ({ ...d, message: describer.diagnosticMessage(d) })) }));
    io.stdout.write(`${JSON.stringify(withMessages, null, 2)}\n`);
  } else {
    for (const r of results) {
      if (!r.valid) reportDiagnostics(r.diagnostics, describer, io);
      else io.stdout.write(`${r.format ? describer.t('validate.document', { file: r.file, format: r.format }) : describer.t('validate.candidates', { file: r.file, n: r.candidates ?? 0 })}\n`);
      // A mapping alone says nothing of the export it maps: how to check the two together.
      if (r.valid && r.format === MAPPING_FORMAT) io.stderr.write(`${describer.t('validate.mapping-hint', { file: r.file })}\n`);
    }
  }
  const valid = results.filter((r) => r.valid).length;
  return exitFor(valid, results.length - valid);
}

async function validateFile(file: string, standard: Standard): Promise<Validation> {
  try {
    const text = extname(file).toLowerCase() === '.csv' ? undefined : readText(file);
    const format = text === undefined ? undefined : documentFormat(text, file);
    if (text !== undefined && (format === STANDARD_FORMAT || format === MAPPING_FORMAT)) {
      // The loaders (and their schemas), loaded only for such a file (see standardFor).
      if (format === STANDARD_FORMAT) (await import('../../standard/loadStandard.js')).loadStandard(text, file);
      else (await import('../../hr/loadMapping.js')).loadMapping(text, file, standard);
      return { file, valid: true, format, diagnostics: [] };
    }
    const loaded = candidatesOfFile(file, standard, text);
    return loaded.diagnostics.length > 0 ? { file, valid: false, diagnostics: loaded.diagnostics }
      : { file, valid: true, candidates: loaded.candidates.length, diagnostics: [] };
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
