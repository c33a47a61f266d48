import { usageError } from '../input/diagnostic.js';
import type { AtomicFile } from '../output/atomicFile.js';
import { defaultFormatOf, formatOfExtension, formatsOf, outputFormats, type FormatOf, type OutputCommand } from '../reporters/outputFormats.js';
import type { CliIO } from './cliIO.js';
import { checkFormat } from './options.js';
import { checkOutputs } from './outputGuard.js';

/**
 * The format of a command's output (outputFormats): `--format`, else the extension of `-o FILE`, else the command's
 * default.
 */
export function reportFormat<C extends OutputCommand>(command: C, format: string | undefined, output: string | undefined): FormatOf<C> {
  const formats = formatsOf(command);
  if (format !== undefined || output === undefined) return checkFormat(format, formats, defaultFormatOf(command));
  const byExtension = formatOfExtension(output.toLowerCase().match(/\.([a-z]+)$/)?.[1] ?? '');
  const found = formats.find((f) => f === byExtension);
  // One extension a format, in the command's order (the others are accepted spellings: .htm, .ndjson).
  if (found === undefined) throw usageError({ code: 'unknown-output-format', path: '--output', value: output, expected: formats.map((f) => `.${outputFormats[f].extensions[0]}`) });
  return found;
}

/**
 * Where a report goes as it is made: stdout, or a file written atomically (checked against the inputs when opened,
 * so a command that opens it before any work refuses a bad `-o` at once). Text comes in pieces: a file encodes each
 * as it comes; stdout gets what was written since the last flush in one write, so a result is never printed in half.
 */
export class ReportOutput {
  private pending = '';

  private constructor(
    private readonly io: CliIO,
    private readonly file: AtomicFile | undefined,
  ) {}

  static async open(output: string | undefined, inputs: readonly string[], io: CliIO): Promise<ReportOutput> {
    if (output === undefined) return new ReportOutput(io, undefined);
    checkOutputs([output], inputs);
    // Loaded only when a report goes to a file.
    const { AtomicFile } = await import('../output/atomicFile.js');
    return new ReportOutput(io, new AtomicFile(output, String(process.pid)));
  }

  readonly write = (text: string): void => {
    if (this.file) this.file.write(text);
    else this.pending += text;
  };

  /** Prints to stdout what was written since the last flush (a file has it already). */
  flush(): void {
    if (this.pending === '') return;
    this.io.stdout.write(this.pending);
    this.pending = '';
  }

  /** The report is whole: printed, or the file put in place. */
  commit(): void {
    this.flush();
    this.file?.commit();
  }

  /** Nothing to report: no file is left, and nothing more is printed. */
  abort(): void {
    this.pending = '';
    this.file?.abort();
  }
}

/** Writes a whole report: to stdout, or (checked against the inputs first) atomically to `output`. */
export async function writeReport(text: string, output: string | undefined, inputs: readonly string[], io: CliIO): Promise<void> {
  const report = await ReportOutput.open(output, inputs, io);
  report.write(text);
  report.commit();
}
