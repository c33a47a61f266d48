import { usageError } from '../input/diagnostic.js';
import type { CliIO } from './cliIO.js';
import { checkFormat } from './options.js';
import { checkOutputs } from './outputGuard.js';

/** File extensions of the report formats (`-o report.html`). */
const EXTENSIONS: Record<string, string> = { md: 'md', markdown: 'md', html: 'html', htm: 'html', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl', txt: 'table' };

/** The format of a report: `--format`, else the output's extension, else the terminal table. */
export function reportFormat<F extends string>(format: string | undefined, output: string | undefined, formats: readonly F[]): F {
  const fallback = formats[0]!;
  if (format !== undefined || output === undefined) return checkFormat(format, formats, fallback);
  const byExtension = EXTENSIONS[output.toLowerCase().match(/\.([a-z]+)$/)?.[1] ?? ''];
  const found = formats.find((f) => f === byExtension);
  const expected = Object.entries(EXTENSIONS).filter(([, f]) => formats.some((g) => g === f)).map(([ext]) => `.${ext}`);
  if (found === undefined) throw usageError({ code: 'unknown-output-format', path: '--output', value: output, expected });
  return found;
}

/** Writes a report: to stdout, or (checked against the inputs first) atomically to `output`. */
export async function writeReport(text: string, output: string | undefined, inputs: readonly string[], io: CliIO): Promise<void> {
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  checkOutputs([output], inputs);
  // Loaded only when a report goes to a file.
  const { AtomicFile } = await import('../batch/atomicFile.js');
  const file = new AtomicFile(output, String(process.pid));
  file.write(text);
  file.commit();
}
