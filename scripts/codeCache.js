// Writes the CLI's V8 code cache (bin/loadBundle.cjs) after representative runs — `itss assess` on the shipped
// example, to a terminal and as JSON — so that it holds the functions a start runs, not just the top level.
// Run by the build. If the example does not assess, the build goes on without a cache (the first run writes one)
// and the tests say what is wrong.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const { loadBundle } = createRequire(import.meta.url)('../bin/loadBundle.cjs');
const bundle = loadBundle(fileURLToPath(new URL('../dist/cli.cjs', import.meta.url)), { save: 'never', useCache: false });
const example = fileURLToPath(new URL('../examples/yamada-hanako.yaml', import.meta.url));
const sink = (isTTY) => ({ isTTY, columns: 100, write: () => true });
try {
  for (const format of [[], ['--format', 'json']]) {
    const io = { stdout: sink(format.length === 0), stderr: sink(false), env: {}, today: () => '2026-04-01' };
    const status = await bundle.exports.main(['assess', example, '--as-of', '2026-04-01', ...format], io);
    if (status !== 0) throw new Error(`itss assess ${format.join(' ')} exited ${status}`);
  }
  bundle.saveCache();
} catch (error) {
  process.stderr.write(`build: no code cache written (${error instanceof Error ? error.message : error}); the first run writes one\n`);
}
