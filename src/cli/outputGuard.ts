import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { identity } from '../batch/expandInputs.js';
import { InputError, type Diagnostic } from '../input/diagnostic.js';

/**
 * The one guard for output files (cli.md "Files"), before any work: an output is never one of the inputs,
 * nor the other output, nor anything but a regular file in an existing folder — so a run can never replace
 * an HR export with its results, nor a device with a file.
 */
export function checkOutputs(outputs: readonly string[], inputs: readonly string[]): void {
  const diagnostics: Diagnostic[] = [];
  const inputFiles = new Map(inputs.flatMap((input) => (existsSync(input) ? [[identity(input), input] as const] : [])));
  const seen = new Map<string, string>();
  for (const output of outputs) {
    const folder = dirname(output);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      diagnostics.push({ code: 'unwritable', file: output, path: '', reason: 'no-such-folder' });
      continue;
    }
    if (existsSync(output)) {
      const stat = statSync(output);
      if (stat.isDirectory()) diagnostics.push({ code: 'unwritable', file: output, path: '', reason: 'is-a-folder' });
      else if (!stat.isFile()) diagnostics.push({ code: 'unwritable', file: output, path: '', reason: 'not-a-regular-file' });
    }
    const id = identity(output);
    const input = inputFiles.get(id);
    if (input !== undefined) diagnostics.push({ code: 'output-is-input', file: output, path: '', value: output, expected: [input] });
    const other = seen.get(id);
    if (other !== undefined) diagnostics.push({ code: 'outputs-collide', file: output, path: '', value: output, expected: [other] });
    seen.set(id, output);
  }
  if (diagnostics.length > 0) throw new InputError(diagnostics);
}
