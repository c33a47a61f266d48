/**
 * What a start of `itss assess` loads of Node's own modules: none of those only other commands need (the batch's
 * V8 settings and worker thread, commander's child processes). Each is a few milliseconds of a start that must stay
 * within 1.5× `node -e 0` (README: Performance); a static import of one, anywhere in the bundle's eager part, loads it
 * at every start. Runs bin/itss.js as a user does (`npm test` builds first), recording Node's module list as it ends.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'itss-modules-'));
const preload = join(dir, 'recordModules.cjs');
writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(process.env.ITSS_TEST_MODULES, process.moduleLoadList.join('\\n')));\n`);

/** Node's public modules a run of bin/itss.js with `args` loaded. */
function modulesLoaded(args: string[]): string[] {
  const out = join(dir, `modules-${args.join('-').replace(/\W/g, '_')}.txt`);
  const run = spawnSync(process.execPath, ['--require', preload, join(root, 'bin', 'itss.js'), ...args], {
    cwd: root, env: { ...process.env, ITSS_TEST_MODULES: out }, encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(out, 'utf8').split('\n').filter((m) => m.startsWith('NativeModule ') && !m.includes('internal/')).map((m) => m.slice('NativeModule '.length));
}

const NOT_AT_START = ['v8', 'worker_threads', 'child_process'];

describe('a start of itss assess', () => {
  it.each([['table', []], ['JSON', ['--format', 'json']]])('as a %s loads none of the modules other commands need', (_name, format) => {
    const loaded = modulesLoaded(['assess', 'examples/yamada-hanako.yaml', '--as-of', '2026-04-01', ...format]);
    expect(loaded).toContain('fs');
    expect(loaded.filter((m) => NOT_AT_START.includes(m))).toEqual([]);
  });

  it('the list is what the run loaded: a batch loads v8 (its heap settings)', () => {
    const out = join(dir, 'batch.jsonl');
    expect(modulesLoaded(['batch', 'examples/hr-export', '-o', out, '--as-of', '2026-04-01'])).toContain('v8');
  });
});
