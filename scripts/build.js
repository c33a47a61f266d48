// Builds dist/: the bundled CLI (start-up speed) and its V8 code cache, the library (deps external), the precompiled
// standard, the candidate JSON Schema and the type declarations.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
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
// chalk detects colour support when it loads (node:tty and node:os, a few milliseconds): itss never asks it, and
// makes its Chalk with the level it decides itself (src/cli/options.ts), so the bundle gets no detection.
const noColorDetection = {
  name: 'no-color-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, (args) => (/[\\/]chalk[\\/]/.test(args.importer) ? { path: 'supports-color', namespace: 'no-color-detection' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'no-color-detection' }, () => ({ loader: 'js', contents: 'export const stdout = false; export const stderr = false; export default { stdout, stderr };' }));
  },
};
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', plugins: [precompiledStandard], logLevel: 'error', legalComments: 'none' };
// The CLI is one CommonJS script, dist/cli.cjs, which bin/loadBundle.cjs runs through vm.Script with a V8 code cache
// (see there): one script so that one cache holds all of it. Commands' rarely used parts (batch, the JSON Schema
// generator) stay in it, wrapped by esbuild so that they run only when first needed; exceljs, a megabyte that only
// workbooks need, is a script of its own beside it, required on first use.
const exceljsBeside = {
  name: 'exceljs-beside',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, () => ({ path: './exceljs.cjs', external: true }));
  },
};
/**
 * esbuild writes non-ASCII as \u escapes in strings but leaves it in regular expressions (the Japanese dates and
 * katakana of src/values and src/hr), which would make V8 hold the whole script as two-byte text. Written as \u
 * escapes they mean the same, with or without the u flag; anything else non-ASCII is left alone.
 */
function asciiRegExps(text) {
  const file = ts.createSourceFile('cli.cjs', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const spans = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && /[^\x00-\x7f]/.test(node.text)) spans.push([node.getStart(file), node.end]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    at = end;
  }
  return out + text.slice(at);
}

/** The bundle with its hash on a last line, which names its code cache (bin/loadBundle.cjs). */
function stampedBundle(text) {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${body}//# itssBundleHash=${createHash('sha256').update(body).digest('hex').slice(0, 32)}\n`;
}

const cli = await build({
  ...common,
  format: 'cjs',
  plugins: [precompiledStandard, yamlModules, lazyChildProcess, noColorDetection, exceljsBeside],
  entryPoints: ['src/cli/program.ts'],
  outfile: 'dist/cli.cjs',
  // NO_MINIFY=1: a readable bundle, for CPU profiles whose frames name the functions (bench/, README: Performance).
  minify: !process.env.NO_MINIFY,
  write: false,
  // import() of builtins and of exceljs.cjs become require(): a vm.Script has no module loader of its own.
  supported: { 'dynamic-import': false },
  // The script is a function of what a CommonJS module is given, and of the bundle's import.meta.url.
  define: { 'import.meta.url': '__itssImportMetaUrl' },
  banner: { js: '(function (exports, require, module, __filename, __dirname, __itssImportMetaUrl) {' },
  footer: { js: '})' },
});
writeFileSync('dist/cli.cjs', stampedBundle(asciiRegExps(cli.outputFiles[0].text)));
await build({ ...common, format: 'cjs', plugins: [], entryPoints: ['node_modules/exceljs/excel.js'], outfile: 'dist/exceljs.cjs', minify: true });
// dist/cli.js: the CLI as an ES module, for whoever imports it rather than running bin/itss.js.
writeFileSync(
  'dist/cli.js',
  `// The itss CLI as an ES module: dist/cli.cjs run by bin/loadBundle.cjs, as bin/itss.js does.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const { loadBundle } = createRequire(import.meta.url)('../bin/loadBundle.cjs');
export const { localToday, main, outputFailure } = loadBundle(fileURLToPath(new URL('./cli.cjs', import.meta.url))).exports;
`,
);
// The library: `itss` and `itss/batch` as two entries sharing one chunk of the pipeline, dependencies external.
await build({ ...common, entryPoints: { index: 'src/index.ts', batch: 'src/batch/index.ts' }, outdir: 'dist', splitting: true, chunkNames: 'lib/[name]-[hash]', packages: 'external' });

// 3. The CLI's code cache, from representative runs (scripts/codeCache.js).
execFileSync(process.execPath, ['scripts/codeCache.js'], { stdio: 'inherit' });

// 4. Type declarations for the library API.
if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '--emitDeclarationOnly', '-p', '.'], { stdio: 'inherit' });
}
