/**
 * vitest's global setup: every temporary file of a run — the tests' own folders (mkdtemp under os.tmpdir()), the
 * CLI's, LibreOffice's and Chromium's profiles — goes under one folder made for the run, removed when it ends. The
 * tests make some hundred folders a run; left in the system's temporary folder, they gathered by the thousand.
 * Workers and the processes they start inherit TMPDIR (os.tmpdir() reads it at each call).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'itss-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}
