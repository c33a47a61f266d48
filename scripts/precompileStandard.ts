/**
 * Build step: validates the built-in standard once and writes what the package ships precompiled:
 * dist/standard.json (no YAML parsing or validation at CLI start-up) and dist/candidate.schema.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { builtinStandard } from '../src/builtinStandard.js';
import { candidateJsonSchema } from '../src/candidateJsonSchema.js';
import { InputError } from '../src/diagnostic.js';

const out = process.argv[2] ?? 'dist';
try {
  const standard = builtinStandard();
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}/standard.json`, JSON.stringify(standard));
  writeFileSync(`${out}/candidate.schema.json`, `${JSON.stringify(candidateJsonSchema(standard), null, 2)}\n`);
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  // A broken data file fails the build with the same located messages a user gets for --standard.
  for (const d of error.diagnostics) console.error(`${d.file}:${d.line}:${d.column}: ${d.code} ${d.path} ${JSON.stringify(d.value)} expected: ${(d.expected ?? []).join(', ')}`);
  process.exit(1);
}
