import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStandard, type Standard } from './loadStandard.js';

const DATA_FILE = join('data', 'itss-v3-itsm.yaml');

/** The shipped data file: in the nearest folder above this module that has it (sources and bundles alike). */
function builtinStandardPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, DATA_FILE)) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, DATA_FILE);
}

/**
 * The built-in ITSS V3 ITSM standard. From source (tests) it is read and validated from data/ on first use;
 * the build (scripts/build.js) replaces this module with the standard validated at build time, so the CLI
 * does not parse and validate YAML at every start.
 */
export const BUILTIN_STANDARD_PATH = builtinStandardPath();

let cached: Standard | undefined;

export function builtinStandard(): Standard {
  cached ??= loadStandard(readFileSync(BUILTIN_STANDARD_PATH, 'utf8'), BUILTIN_STANDARD_PATH);
  return cached;
}
