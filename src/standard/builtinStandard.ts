import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadStandard, type Standard } from './loadStandard.js';

/**
 * The built-in ITSS V3 ITSM standard. From source (tests) it is read and validated from data/ on first use;
 * the build (scripts/build.js) replaces this module with the standard validated at build time, so the CLI
 * does not parse and validate YAML at every start.
 */
export const BUILTIN_STANDARD_PATH = fileURLToPath(new URL('../../data/itss-v3-itsm.yaml', import.meta.url));

let cached: Standard | undefined;

export function builtinStandard(): Standard {
  cached ??= loadStandard(readFileSync(BUILTIN_STANDARD_PATH, 'utf8'), BUILTIN_STANDARD_PATH);
  return cached;
}
