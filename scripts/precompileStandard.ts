/**
 * Build step: validates the built-in standard once and writes what the package ships precompiled:
 * dist/standard.json (no YAML parsing or validation at CLI start-up) and dist/candidate.schema.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { candidateJsonSchema } from '../src/candidate/candidateJsonSchema.js';
import { InputError } from '../src/input/diagnostic.js';
import { loadStandard } from '../src/standard/loadStandard.js';

const out = process.argv[2] ?? 'dist';
try {
  // Read from data/ (the build runs in the package root), as builtinStandard() does from the sources.
  const standard = loadStandard(readFileSync('data/itss-v3-itsm.yaml', 'utf8'), 'data/itss-v3-itsm.yaml');
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}/standard.json`, JSON.stringify(standard));
  writeFileSync(`${out}/candidate.schema.json`, `${JSON.stringify(candidateJsonSchema(standard), null, 2)}\n`);
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  // A broken data file fails the build with the same located messages a user gets for --standard.
  for (const d of error.diagnostics) console.error(`${d.file}:${d.line}:${d.column}: ${d.code} ${d.path} ${JSON.stringify(d.value)} expected: ${(d.expected ?? []).join(', ')}`);
  process.exit(1);
}
