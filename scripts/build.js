// Builds dist/: the bundled CLI (start-up speed), the library (deps external), the precompiled standard,
// the candidate JSON Schema and the type declarations.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
// `--no-types` (npm test's pretest) rebuilds the code and keeps the declarations of the last full build, so
// that running the tests never leaves a TypeScript user of the library without types.
const keepTypes = process.argv.includes('--no-types');
if (keepTypes && existsSync('dist')) for (const entry of readdirSync('dist')) entry !== 'types' && rmSync(`dist/${entry}`, { recursive: true, force: true });
else rmSync('dist', { recursive: true, force: true });
mkdirSync('tmp', { recursive: true });

// 1. Validate the standard and write dist/standard.json + dist/candidate.schema.json.
await build({ entryPoints: ['scripts/precompileStandard.ts'], bundle: true, platform: 'node', format: 'esm', outfile: 'tmp/precompileStandard.mjs', packages: 'external', logLevel: 'error' });
execFileSync(process.execPath, ['tmp/precompileStandard.mjs', 'dist'], { stdio: 'inherit' });

// 2. Bundles, with builtinStandard.ts replaced by the standard validated above.
const standardJson = readFileSync('dist/standard.json', 'utf8');
const precompiledStandard = {
  name: 'precompiled-standard',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]standard[\\/]builtinStandard\.ts$/ }, () => ({
      loader: 'js',
      contents: `import { fileURLToPath } from 'node:url';
export const BUILTIN_STANDARD_PATH = fileURLToPath(new URL('../data/itss-v3-itsm.yaml', import.meta.url));
const standard = JSON.parse(${JSON.stringify(standardJson)});
export function builtinStandard() { return standard; }`,
    }));
  },
};
// The yaml package's ES module build (its "browser" files, the same code): bundled as modules, it is shaken of what
// itss does not use and starts without CommonJS wrappers.
const yamlModules = {
  name: 'yaml-modules',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: `${root}node_modules/yaml/browser/index.js` }));
  },
};
// commander requires node:child_process at load, for subcommands run as programs, which itss has none of: loading
// it (with net, dgram and the streams) cost `assess` a few milliseconds of start-up. Given it on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({ loader: 'js', contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });" }));
  },
};
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', plugins: [precompiledStandard], logLevel: 'error', legalComments: 'none' };
await build({
  ...common,
  plugins: [precompiledStandard, yamlModules, lazyChildProcess],
  entryPoints: { cli: 'src/cli/program.ts' },
  outdir: 'dist',
  // Commands' rarely used parts (the JSON Schema generator) load on demand from chunks.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  // cli-table3 and its dependencies are CommonJS: give them a require.
  banner: { js: "import { createRequire as __itssCreateRequire } from 'node:module'; const require = __itssCreateRequire(import.meta.url);" },
});
// The library: `itss` and `itss/batch` as two entries sharing one chunk of the pipeline, dependencies external.
await build({ ...common, entryPoints: { index: 'src/index.ts', batch: 'src/batch/index.ts' }, outdir: 'dist', splitting: true, chunkNames: 'lib/[name]-[hash]', packages: 'external' });

// 3. Type declarations for the library API.
if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '--emitDeclarationOnly', '-p', '.'], { stdio: 'inherit' });
}
