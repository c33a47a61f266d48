import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Chalk } from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import type { Assessment } from '../engine/assessment.js';
import type { BatchJob } from '../batch/batchJob.js';
import { ENCODING_NAMES, encodingName } from '../batch/decodeText.js';
import { loadMapping, MAPPING_FORMAT } from '../batch/loadMapping.js';
import type { BatchFormat } from '../batch/resultWriters.js';
import type { BatchSummary } from '../batch/runBatch.js';
import { builtinStandard } from '../standard/builtinStandard.js';
import { candidateTemplate } from '../candidate/candidateTemplate.js';
import { InputError, fileErrorReason, type Diagnostic } from '../input/diagnostic.js';
import { evaluate } from '../engine/evaluate.js';
import { loadCandidates } from '../candidate/loadCandidate.js';
import { loadStandard, type Standard } from '../standard/loadStandard.js';
import { Describer, type Lang } from '../messages/describe.js';
import { LabelIndex } from '../values/labelIndex.js';
import { parseYamlSource } from '../input/parseYamlSource.js';
import { gapReporter } from '../reporters/gapReporter.js';
import { levelsReporter } from '../reporters/levelsReporter.js';
import { plainStyle, type Style } from '../reporters/reportOptions.js';
import { reporters, type ReporterFormat } from '../reporters/reporters.js';
import { packageFile, packageVersion } from './packageFiles.js';
import { STANDARD_FORMAT } from '../standard/standardSchema.js';

/** The process edge, injected so that the CLI runs in tests without spawning. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Today in the local time zone, YYYY-MM-DD (the default --as-of). */
  today(): string;
}

export const EXIT_OK = 0;
export const EXIT_PARTIAL = 1;
export const EXIT_FAILED = 2;

/** The schema file shipped in the package (written by the build), for `# yaml-language-server: $schema=`. */
const SHIPPED_SCHEMA_PATH = packageFile('dist/candidate.schema.json');

interface CommonOptions {
  asOf?: string;
  format?: string;
  lang?: string;
  standard?: string;
  color: boolean;
}

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function defaultLang(env: CliIO['env']): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Raised for bad options: reported in one line, exit 2. */
class UsageError extends Error {}

export async function main(argv: string[], io: CliIO): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('itss')
    .description('ITSS V3 IT Service Management: assess levels from experience, with the gaps to the next level')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError(false);

  const common = (command: Command, formats: string[]) =>
    command
      .addOption(new Option('--format <format>', 'output format').choices(formats))
      .option('--lang <lang>', 'language of the report: ja or en (default from LC_ALL/LANG)')
      .option('--standard <file>', 'a tailored standard file (itss-standard/v1) instead of the built-in one')
      .option('--no-color', 'plain output (also NO_COLOR, or when not a terminal)');

  common(program.command('assess').argument('<files...>', 'candidate files (YAML or JSON)'), ['table', 'json', 'jsonl'])
    .description('assess one or more candidate files')
    .option('--as-of <date>', 'assessment date YYYY-MM-DD (default: today)')
    .action((files: string[], options: CommonOptions) => {
      exitCode = assessCommand(files, options, io);
    });

  common(program.command('gap').argument('<file>', 'a candidate file'), ['table', 'json'])
    .description('what is missing to reach one level, criterion by criterion, with quantities')
    .requiredOption('--target <specialty:level>', 'the level aimed at, e.g. operation-management:5 or 運用管理:5')
    .option('--as-of <date>', 'assessment date YYYY-MM-DD (default: today)')
    .action((file: string, options: CommonOptions & { target: string }) => {
      exitCode = gapCommand(file, options, io);
    });

  common(program.command('batch').argument('<inputs...>', 'HR tables (CSV), candidate files (YAML, JSON, JSON Lines) or folders of them'), ['csv', 'jsonl', 'json'])
    .description("score many candidates: a whole company's HR export")
    .option('-o, --output <file>', 'results file; its extension (.csv, .jsonl, .json) sets the format (default: JSON Lines on stdout)')
    .option('--as-of <date>', 'assessment date YYYY-MM-DD (default: today)')
    .option('--map <file>', 'mapping of an HR system\'s own files, headers and values (itss-mapping/v1)')
    .option('--encoding <name>', `encoding of the CSV files (default: detected): ${ENCODING_NAMES.join(', ')}`)
    .option('--errors <file>', 'also write the rejected rows and candidates to this CSV file')
    .action(async (inputs: string[], options: BatchCliOptions) => {
      exitCode = await batchCommand(inputs, options, io);
    });

  common(program.command('levels').argument('[specialty]').argument('[level]'), ['table'])
    .description('print the indicators as the data encodes them, with their source wording')
    .action((specialty: string | undefined, level: string | undefined, options: CommonOptions) => {
      exitCode = levelsCommand(specialty, level, options, io);
    });

  common(program.command('validate').argument('[files...]', 'candidate files, or standard files (format: itss-standard/v1)'), ['table'])
    .description('check candidate files (or standard files) without assessing')
    .action((files: string[], options: CommonOptions) => {
      exitCode = validateCommand(files, options, io);
    });

  common(program.command('init').argument('[file]', 'where to write the template (default: stdout)'), ['yaml'])
    .description('write a commented candidate template')
    .option('--force', 'overwrite an existing file')
    .action((file: string | undefined, options: CommonOptions & { force?: boolean }) => {
      exitCode = initCommand(file, options, io);
    });

  common(program.command('schema'), ['json'])
    .description("print the candidate file's JSON Schema")
    .option('--path', 'print the path of the schema file shipped in the package instead')
    .action(async (options: CommonOptions & { path?: boolean }) => {
      exitCode = await schemaCommand(options, io);
    });

  try {
    if (argv.length === 0) {
      // No command is a usage error (exit 2); the help goes where errors go.
      io.stderr.write(program.helpInformation());
      return EXIT_FAILED;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_FAILED;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`itss: ${error.message}\n`);
      return EXIT_FAILED;
    }
    if (error instanceof InputError) {
      reportDiagnostics(error.diagnostics, resolveLang(undefined, io), io);
      return EXIT_FAILED;
    }
    throw error;
  }
}

function resolveLang(option: string | undefined, io: CliIO): Lang {
  if (option === undefined) return defaultLang(io.env);
  if (option !== 'ja' && option !== 'en') throw new UsageError(`--lang must be ja or en, got "${option}"`);
  return option;
}

function styleFor(options: CommonOptions, io: CliIO): Style {
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  if (!options.color || noColorEnv || !io.stdout.isTTY) return plainStyle;
  const chalk = new Chalk({ level: 1 });
  return { ok: chalk.green, bad: chalk.red, dim: chalk.dim, bold: chalk.bold };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError([{ code: 'unreadable', file, line: 0, column: 0, path: '', value: fileErrorReason(error, 'no such file') }]);
  }
}

function standardFor(options: CommonOptions): Standard {
  return options.standard === undefined ? builtinStandard() : loadStandard(readText(options.standard), options.standard);
}

function reportDiagnostics(diagnostics: Diagnostic[], lang: Lang, io: CliIO, standard: Standard = builtinStandard()): void {
  const describer = new Describer(lang, standard);
  for (const d of diagnostics) io.stderr.write(`${describer.diagnostic(d)}\n`);
}

function checkAsOf(asOf: string | undefined, io: CliIO): string {
  if (asOf === undefined) return io.today();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (!m) throw new UsageError(`--as-of expects a date YYYY-MM-DD, got "${asOf}"`);
  const valid = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === asOf;
  if (!valid) throw new UsageError(`--as-of: there is no such day as ${asOf}`);
  return asOf;
}

/** Fails early, before any work, when a file could not be written there. */
function checkWritable(path: string): void {
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError([{ code: 'unwritable', file: path, path: '', value: `no such folder ${folder}` }]);
  if (existsSync(path) && statSync(path).isDirectory()) throw new InputError([{ code: 'unwritable', file: path, path: '', value: 'is a folder' }]);
}

/** Exit status of cli.md: 0 all done, 1 some inputs rejected, 2 nothing could be done. */
function exitFor(done: number, rejected: number): number {
  if (rejected === 0) return EXIT_OK;
  return done > 0 ? EXIT_PARTIAL : EXIT_FAILED;
}

function assessCommand(files: string[], options: CommonOptions, io: CliIO): number {
  const lang = resolveLang(options.lang, io);
  const asOf = checkAsOf(options.asOf, io);
  const standard = standardFor(options);
  const assessments: Assessment[] = [];
  let rejected = 0;
  for (const file of files) {
    let loaded;
    try {
      loaded = loadCandidateFile(file, standard);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      loaded = { candidates: [], diagnostics: error.diagnostics };
    }
    if (loaded.diagnostics.length > 0) {
      rejected++;
      reportDiagnostics(loaded.diagnostics, lang, io, standard);
    }
    for (const candidate of loaded.candidates) assessments.push(evaluate(standard, candidate, { asOf }));
  }
  const format = (options.format ?? 'table') as ReporterFormat;
  if (assessments.length > 0) {
    const array = files.length > 1 || assessments.length > 1;
    io.stdout.write(reporters[format](assessments, { lang, standard, array, style: styleFor(options, io), width: io.stdout.columns ?? 120 }));
  }
  return exitFor(assessments.length, rejected);
}

interface BatchCliOptions extends CommonOptions {
  output?: string;
  map?: string;
  encoding?: string;
  errors?: string;
}

function batchFormat(options: BatchCliOptions): BatchFormat {
  if (options.format) return options.format as BatchFormat;
  const ext = options.output?.toLowerCase().match(/\.(csv|jsonl|ndjson|json)$/)?.[1];
  if (ext === undefined && options.output !== undefined) throw new UsageError(`cannot tell the format of ${options.output}; name it .csv, .jsonl or .json, or give --format`);
  return ext === 'csv' ? 'csv' : ext === 'json' ? 'json' : 'jsonl';
}

async function batchCommand(inputs: string[], options: BatchCliOptions, io: CliIO): Promise<number> {
  const lang = resolveLang(options.lang, io);
  const asOf = checkAsOf(options.asOf, io);
  const format = batchFormat(options);
  const encoding = options.encoding === undefined ? undefined : encodingName(options.encoding);
  if (options.encoding !== undefined && !encoding) throw new UsageError(`--encoding must be one of ${ENCODING_NAMES.join(', ')}, got "${options.encoding}"`);
  const standard = standardFor(options);
  const mapping = options.map === undefined ? undefined : loadMapping(readText(options.map), options.map);
  const job: BatchJob = {
    inputs,
    standard,
    asOf,
    format,
    lang,
    progress: io.stderr.isTTY === true,
    ...(mapping ? { mapping } : {}),
    ...(encoding ? { encoding } : {}),
    ...(options.output !== undefined ? { output: options.output } : {}),
    ...(options.errors !== undefined ? { errors: options.errors } : {}),
  };
  for (const path of [options.output, options.errors]) if (path !== undefined) checkWritable(path);
  // Loaded here, not at start-up: `assess` has no use for the CSV parser and the batch machinery.
  const [{ AtomicFile }, { runBatchJob }] = await Promise.all([import('../batch/atomicFile.js'), import('../batch/batchJob.js')]);
  // An interrupted run leaves no half file: the temporary files go, the targets stay as they were.
  const onSignal = () => {
    for (const path of [options.output, options.errors]) if (path !== undefined) rmSync(AtomicFile.temporaryPath(path), { force: true });
    io.stderr.write('\n');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const heapMb = await batchHeapLimitMb(inputs);
    const summary = heapMb !== undefined && job.output !== undefined && existsSync(BATCH_WORKER_FILE) ? await runBatchOnWorker(job, heapMb, io) : await runBatchJob(job, io);
    return exitFor(summary.assessed, summary.rejected);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** The batch worker, built beside the bundled CLI; absent when running from source (tests), so no worker there. */
const BATCH_WORKER_FILE = fileURLToPath(new URL('./batchWorker.js', import.meta.url));

/**
 * A heap cap for a large batch, from the size of its inputs (what stays live is about the CSV's size plus the
 * YAML/JSON documents parsed whole), or undefined for a small batch, which runs here. ITSS_BATCH_WORKER=1 forces
 * the worker (tests); =0 disables it.
 */
async function batchHeapLimitMb(inputs: string[]): Promise<number | undefined> {
  const { expandInputs } = await import('../batch/runBatch.js');
  const { files } = expandInputs(inputs);
  let tableMb = 0;
  let documentMb = 0;
  for (const file of files) {
    let size = 0;
    try {
      size = statSync(file).size / 1e6;
    } catch {
      continue;
    }
    if (extname(file).toLowerCase() === '.csv') tableMb += size;
    else documentMb += size;
  }
  const forced = process.env.ITSS_BATCH_WORKER;
  if (forced === '0' || (forced !== '1' && tableMb + documentMb < 20)) return undefined;
  return Math.ceil(160 + 1.25 * tableMb + 30 * documentMb);
}

/** Runs the job on a worker thread with a capped heap; if that runs out of memory, runs it again here, uncapped. */
async function runBatchOnWorker(job: BatchJob, heapMb: number, io: CliIO): Promise<BatchSummary> {
  const [{ AtomicFile }, { runBatchJob }] = await Promise.all([import('../batch/atomicFile.js'), import('../batch/batchJob.js')]);
  return new Promise((resolve, reject) => {
    let summary: BatchSummary | undefined;
    let failure: Error | undefined;
    // A larger young generation promotes less of each candidate's short-lived garbage: 43 s -> 38 s at 100k.
    const worker = new Worker(BATCH_WORKER_FILE, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48 } });
    worker.on('message', (message: { summary?: BatchSummary; diagnostics?: Diagnostic[] }) => {
      if (message.summary) summary = message.summary;
      if (message.diagnostics) failure = new InputError(message.diagnostics);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(error);
      for (const path of [job.output, job.errors]) if (path !== undefined) rmSync(AtomicFile.temporaryPath(path), { force: true });
      io.stderr.write(`itss: the batch needed more than ${heapMb} MB; running it again without a memory cap\n`);
      runBatchJob(job, io).then(resolve, reject);
    });
    worker.on('exit', () => {
      if (summary) resolve(summary);
      else if (failure) reject(failure);
    });
  });
}

function gapCommand(file: string, options: CommonOptions & { target: string }, io: CliIO): number {
  const lang = resolveLang(options.lang, io);
  const asOf = checkAsOf(options.asOf, io);
  const standard = standardFor(options);
  const m = /^(.+):(\d+)$/.exec(options.target.trim());
  const specialty = m ? findSpecialty(standard, m[1]!) : undefined;
  if (!m || !specialty) throw new UsageError(`--target expects SPECIALTY:LEVEL with one of ${standard.specialties.map((s) => s.id).join(', ')}, got "${options.target}"`);
  const level = Number(m[2]);
  if (!specialty.levels.some((l) => l.level === level)) throw new UsageError(`${specialty.id} has no level ${level}; expected one of: ${specialty.levels.map((l) => l.level).join(', ')}`);
  const candidates = loadCandidates(readText(file), file, standard);
  if (candidates.diagnostics.length > 0) {
    reportDiagnostics(candidates.diagnostics, lang, io, standard);
    return EXIT_FAILED;
  }
  if (candidates.candidates.length !== 1) throw new UsageError(`${file} holds ${candidates.candidates.length} candidates; gap takes a file with one`);
  const assessment = evaluate(standard, candidates.candidates[0]!, { asOf });
  const target = { specialty: specialty.id, level };
  if (options.format === 'json') {
    const result = assessment.specialties.find((s) => s.specialty === specialty.id)!.levels.find((l) => l.level === level)!;
    io.stdout.write(`${JSON.stringify({ candidate: assessment.candidate, asOf: assessment.asOf, standard: assessment.standard, specialty: specialty.id, ...result, gaps: result.criteria.filter((c) => !c.met), warnings: assessment.warnings }, null, 2)}\n`);
  } else io.stdout.write(gapReporter(assessment, target, { lang, standard, style: styleFor(options, io) }));
  return EXIT_OK;
}

/** A specialty named on the command line, read as candidate files read it (id, ja or en label, NFKC). */
function findSpecialty(standard: Standard, name: string) {
  const id = new LabelIndex(standard.specialties).resolve(name);
  return standard.specialties.find((s) => s.id === id);
}

function levelsCommand(specialty: string | undefined, level: string | undefined, options: CommonOptions, io: CliIO): number {
  const lang = resolveLang(options.lang, io);
  const standard = standardFor(options);
  let specialtyId: string | undefined;
  if (specialty !== undefined) {
    const found = findSpecialty(standard, specialty);
    if (!found) throw new UsageError(`unknown specialty "${specialty}"; expected one of: ${standard.specialties.map((s) => s.id).join(', ')}`);
    specialtyId = found.id;
    if (level !== undefined && !found.levels.some((l) => String(l.level) === level)) {
      throw new UsageError(`${found.id} has no level "${level}"; expected one of: ${found.levels.map((l) => l.level).join(', ')}`);
    }
  }
  const out = levelsReporter({ lang, standard, style: styleFor(options, io), ...(specialtyId ? { specialty: specialtyId } : {}), ...(level !== undefined ? { level: Number(level) } : {}) });
  io.stdout.write(out);
  return EXIT_OK;
}

function validateCommand(files: string[], options: CommonOptions, io: CliIO): number {
  const lang = resolveLang(options.lang, io);
  const standard = standardFor(options);
  if (files.length === 0) {
    if (options.standard === undefined) throw new UsageError('validate needs FILE… or --standard FILE');
    io.stdout.write(`${new Describer(lang, standard).t('validate.document', { file: options.standard, format: STANDARD_FORMAT })}\n`);
    return EXIT_OK;
  }
  let valid = 0;
  let rejected = 0;
  for (const file of files) {
    let diagnostics: Diagnostic[];
    let count = 0;
    let kind: string | undefined;
    try {
      const text = readText(file);
      const format = extname(file).toLowerCase() === '.csv' ? undefined : documentFormat(text, file);
      if (format === STANDARD_FORMAT || format === MAPPING_FORMAT) {
        if (format === STANDARD_FORMAT) loadStandard(text, file);
        else loadMapping(text, file);
        diagnostics = [];
        kind = format;
      } else {
        const loaded = loadCandidateFile(file, standard, text);
        diagnostics = loaded.diagnostics;
        count = loaded.candidates.length;
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      diagnostics = error.diagnostics;
    }
    if (diagnostics.length > 0) {
      rejected++;
      reportDiagnostics(diagnostics, lang, io, standard);
    } else {
      valid++;
      const describer = new Describer(lang, standard);
      io.stdout.write(`${kind ? describer.t('validate.document', { file, format: kind }) : describer.t('validate.candidates', { file, n: count })}\n`);
    }
  }
  return exitFor(valid, rejected);
}

/** The `format:` of a one-document file (a standard or a mapping), if it has one. */
function documentFormat(text: string, file: string): unknown {
  const { documents } = parseYamlSource(text, file);
  const first = documents[0]?.value;
  return documents.length === 1 && first !== null && typeof first === 'object' ? (first as Record<string, unknown>).format : undefined;
}

/** Candidates of a YAML/JSON file; a CSV file is an HR table, pointed to `itss batch` instead of misread. */
function loadCandidateFile(file: string, standard: Standard, text?: string) {
  if (extname(file).toLowerCase() === '.csv') return { candidates: [], diagnostics: [{ code: 'use-batch' as const, file, path: '' }] };
  return loadCandidates(text ?? readText(file), file, standard);
}

function initCommand(file: string | undefined, options: CommonOptions & { force?: boolean }, io: CliIO): number {
  const lang = resolveLang(options.lang, io);
  // The editor schema, as a path from where the template is written (absolute on stdout).
  const schema = file === undefined ? SHIPPED_SCHEMA_PATH : relative(dirname(file), SHIPPED_SCHEMA_PATH);
  const template = candidateTemplate(lang, schema);
  if (file === undefined) {
    io.stdout.write(template);
    return EXIT_OK;
  }
  checkWritable(file);
  if (existsSync(file) && !options.force) throw new UsageError(`${file} exists; use --force to overwrite it`);
  writeFileSync(file, template);
  io.stderr.write(`${new Describer(lang, builtinStandard()).t('init.written', { file })}\n`);
  return EXIT_OK;
}

async function schemaCommand(options: CommonOptions & { path?: boolean }, io: CliIO): Promise<number> {
  if (options.path) {
    io.stdout.write(`${SHIPPED_SCHEMA_PATH}\n`);
    return EXIT_OK;
  }
  // Loaded on demand: zod's JSON Schema generator is most of zod's size in the bundle.
  const { candidateJsonSchema } = await import('../candidate/candidateJsonSchema.js');
  io.stdout.write(`${JSON.stringify(candidateJsonSchema(standardFor(options)), null, 2)}\n`);
  return EXIT_OK;
}
