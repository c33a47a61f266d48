import { usageError } from '../input/diagnostic.js';
import { nullPrototype } from '../values/nullPrototype.js';
import type { CliIO } from './cliIO.js';
import { checkFormat } from './options.js';
import { checkOutputs } from './outputGuard.js';

/**
 * File extensions of the output formats (`-o report.html`, `-o results.csv`); a command takes its own formats.
 * Looked up by the user's file name: without a prototype, `-o x.constructor` finds nothing rather than a function.
 */
const EXTENSIONS = nullPrototype(Object.entries({ csv: 'csv', jsonl: 'jsonl', ndjson: 'jsonl', json: 'json', xlsx: 'xlsx', html: 'html', htm: 'html', md: 'md', markdown: 'md', txt: 'table' }));

/** The format of an output: `--format`, else the output's extension, else `fallback` (the command's first format). */
export function reportFormat<F extends string>(format: string | undefined, output: string | undefined, formats: readonly F[], fallback: F = formats[0]!): F {
  if (format !== undefined || output === undefined) return checkFormat(format, formats, fallback);
  const byExtension = EXTENSIONS[output.toLowerCase().match(/\.([a-z]+)$/)?.[1] ?? ''];
  const found = formats.find((f) => f === byExtension);
  // One extension a format, in the command's order (the others are accepted spellings: .htm, .ndjson).
  const expected = formats.flatMap((f) => {
    const ext = Object.keys(EXTENSIONS).find((e) => EXTENSIONS[e] === f);
    return ext ? [`.${ext}`] : [];
  });
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
  const { AtomicFile } = await import('../output/atomicFile.js');
  const file = new AtomicFile(output, String(process.pid));
  file.write(text);
  file.commit();
}
