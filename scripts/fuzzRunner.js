// `npm run fuzz [-- options]`: bundles scripts/fuzz.ts (and the sources it fuzzes) to tmp/fuzz.mjs, as
// scripts/build.js does for precompileStandard.ts, and runs it in the package root with the same arguments.
// See scripts/fuzz.ts for the options.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('tmp', { recursive: true });
await build({ entryPoints: ['scripts/fuzz.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: 'tmp/fuzz.mjs', packages: 'external', sourcemap: 'inline', logLevel: 'error' });
// Ctrl-C reaches the fuzzer too (same process group): it finishes and reports; the runner waits for it.
process.on('SIGINT', () => {});
const result = spawnSync(process.execPath, ['--enable-source-maps', 'tmp/fuzz.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.error) throw result.error;
process.exit(result.status ?? (result.signal ? 128 + 2 : 1));
