import { formatEpochDay, readDate, startDay } from '../values/calendarDate.js';
import { InputError, capDiagnostics, fileProblem, usageError, type Diagnostic } from '../input/diagnostic.js';
import { readTextFile, undecodableDiagnostics, type TextFile } from '../input/readTextFile.js';
import type { Describer, Lang } from '../messages/describe.js';
import { plainStyle, type Style } from '../reporters/reportOptions.js';
import { builtinStandard } from '../standard/builtinStandard.js';
import type { Standard } from '../standard/loadStandard.js';
import type { Mapping } from '../hr/loadMapping.js';
import type { CliIO } from './cliIO.js';

/** Options every command takes (cli.md "Common options"). */
export interface CommonOptions {
  asOf?: string;
  format?: string;
  lang?: string;
  standard?: string;
  color: boolean;
}

const LANGS: readonly Lang[] = ['ja', 'en'];

/** `--lang`, checked (the run's language was taken from it before parsing, when valid). */
export function checkLang(option: string | undefined): void {
  if (option !== undefined && !LANGS.some((l) => l === option)) throw usageError({ code: 'bad-choice', path: '--lang', value: option, expected: [...LANGS] });
}

/** `--format`, one of the command's formats. */
export function checkFormat<F extends string>(option: string | undefined, formats: readonly F[], fallback: F): F {
  if (option === undefined) return fallback;
  const format = formats.find((f) => f === option);
  if (format === undefined) throw usageError({ code: 'bad-choice', path: '--format', value: option, expected: [...formats] });
  return format;
}

/**
 * `--as-of`: a day in any form a file's dates may take (2026-04-01, 2026/4/1, 令和8年4月1日), as YYYY-MM-DD;
 * or today.
 */
export function asOfOption(asOf: string | undefined, io: CliIO): string {
  if (asOf === undefined) return io.today();
  const date = readDate(asOf);
  if ('problem' in date || date.day === undefined) throw usageError({ code: 'bad-as-of', path: '--as-of', value: asOf });
  return formatEpochDay(startDay(date));
}

/**
 * How a report is laid out where it goes: on the terminal, in colour (unless told not to) and as wide as it is; in a
 * file, plain and 120 columns wide.
 */
export async function layoutFor(options: CommonOptions & { output?: string }, io: CliIO): Promise<{ style: Style; width: number }> {
  const onTerminal = options.output === undefined;
  return { style: onTerminal ? await styleFor(options, io) : plainStyle, width: onTerminal ? (io.stdout.columns ?? 120) : 120 };
}

/** Colour on a terminal unless told not to. chalk is loaded only then: building its styles costs a start a millisecond. */
export async function styleFor(options: CommonOptions, io: CliIO): Promise<Style> {
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  if (!options.color || noColorEnv || !io.stdout.isTTY) return plainStyle;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  // One argument each: chalk joins all it is given, and a style passed to map() is given the index and the array too.
  return { ok: (text) => chalk.green(text), bad: (text) => chalk.red(text), dim: (text) => chalk.dim(text), bold: (text) => chalk.bold(text) };
}

/**
 * A file's text (a candidate file, a standard, a mapping; UTF-8 or, by its byte-order mark, UTF-16), or an
 * `unreadable` diagnostic saying why not, or a `bad-encoding` at each line with bytes that do not decode.
 */
export function readText(file: string): string {
  let read: TextFile;
  try {
    read = readTextFile(file);
  } catch (error) {
    throw new InputError([{ code: 'unreadable', file, path: '', ...fileProblem(error, 'no-such-file') }]);
  }
  if (read.undecodable.length > 0) throw new InputError(capDiagnostics(undecodableDiagnostics(file, read), file));
  return read.text;
}

/**
 * The run's standard: the built-in one, or `--standard FILE`, whose loader (and the schema it checks the file with)
 * is loaded only then: a run with the built-in standard, precompiled, never builds that schema.
 */
export async function standardFor(options: CommonOptions): Promise<Standard> {
  if (options.standard === undefined) return builtinStandard();
  const { loadStandard } = await import('../standard/loadStandard.js');
  return loadStandard(readText(options.standard), options.standard);
}

/**
 * The run's mapping (`--map FILE`), checked against its standard, or undefined without one: its loader (and schema)
 * loaded only then. `itss batch` and the other half of a split batch (batchHalf.ts) load it so.
 */
export async function mappingFor(file: string | undefined, standard: Standard): Promise<Mapping | undefined> {
  if (file === undefined) return undefined;
  const { loadMapping } = await import('../hr/loadMapping.js');
  return loadMapping(readText(file), file, standard);
}

export function reportDiagnostics(diagnostics: readonly Diagnostic[], describer: Describer, io: CliIO): void {
  for (const d of diagnostics) io.stderr.write(`${describer.diagnostic(d)}\n`);
}
