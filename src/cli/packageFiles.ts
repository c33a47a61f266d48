import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's own folder: the nearest folder above this module holding package.json. The bundled CLI
 * (dist/cli.js) and the sources (src/cli/) sit at different depths, so no fixed `../` would do for both.
 */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const root = packageRoot();

/** A file shipped in the package, by its path from the package root. */
export function packageFile(path: string): string {
  return join(root, path);
}

/** The version of package.json (the one source of it). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}
