/**
 * The hostile corpus (tests/fixtures/hostile/): inputs that once destroyed files, lost records, crashed or gave
 * the wrong exit, each a folder with its `input/` files and a `case.json`: the command, the exit status of
 * cli.md, a needle of its English message, and for a batch the candidate ids it holds — every one of which
 * must end assessed or rejected, never both, never neither. Inputs too large or too binary to keep in the
 * repository are generated here by name (`generate`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

interface HostileCase {
  class: string;
  args: string[];
  exit: number;
  /** A piece of stderr (LANG=C); empty when stderr must hold no error. */
  needle: string;
  /** Candidate ids of the inputs: each assessed (results.jsonl) or rejected (errors.csv), exactly once. */
  ids?: string[];
  /** Input files that must be byte for byte as they were. */
  unchanged?: string[];
  /** Files that must not exist after the run. */
  absent?: string[];
  /** `>/dev/full`, `|closed`, or a piece of stdout. */
  stdout?: string;
  generate?: string;
}

const corpus = resolve('tests/fixtures/hostile');
const cli = resolve('bin/itss.js');
const cases = readdirSync(corpus)
  .filter((name) => existsSync(join(corpus, name, 'case.json')))
  .map((name) => [name, JSON.parse(readFileSync(join(corpus, name, 'case.json'), 'utf8')) as HostileCase] as const);

const builtin = readFileSync('data/itss-v3-itsm.yaml', 'utf8');
const engagement = '  - specialty: operation\n    role: leader\n    from: 2020-04\n';

/** Inputs made at run time: too large, too deep or derived from the shipped standard. */
const generators: Record<string, (dir: string) => void> = {
  'deep-json-lines': (dir) => {
    const deep = `{"id":"X","engagements":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    writeFileSync(join(dir, 'people.jsonl'), `{"id":"E1","engagements":[]}\n${deep}\n{"id":"E2","engagements":[]}\n`);
  },
  'deep-yaml': (dir) => writeFileSync(join(dir, 'deep.yaml'), `id: E1\nname: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
  'big-yaml': (dir) => writeFileSync(join(dir, 'big.yaml'), `id: E1\nengagements:\n${engagement.repeat(110_000)}`),
  'standard-charisma': (dir) => writeFileSync(join(dir, 'standard.yaml'), builtin.replace('- kind: mentoring', '- kind: charisma')),
  'standard-level-zero': (dir) => writeFileSync(join(dir, 'standard.yaml'), builtin.replace('level: 7', 'level: 0')),
  // A mapping saved as UTF-16 LE and a tailored standard as UTF-16 BE, each with its BOM (Windows Notepad's "Unicode").
  'hr-mapping-in-utf-16': (dir) => {
    mkdirSync(join(dir, 'in'));
    for (const f of readdirSync('examples/hr-mapping').filter((f) => f.endsWith('.csv'))) cpSync(join('examples/hr-mapping', f), join(dir, 'in', f));
    writeFileSync(join(dir, 'mapping.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync('examples/hr-mapping/mapping.yaml', 'utf8'), 'utf16le')]));
    writeFileSync(join(dir, 'standard.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(builtin, 'utf16le').swap16()]));
  },
  'old-results': (dir) => {
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'engagements.csv'), 'candidate_id,specialty,role,from\nE1,operation,leader,2020-04\n');
    execFileSync(process.execPath, [cli, 'batch', 'in', '-o', 'in/old-results.csv'], { cwd: dir, stdio: 'ignore' });
  },
  // An earlier run's results workbook in the export's folder, where the rerun writes it again.
  'old-results-workbook': (dir) => {
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'engagements.csv'), 'candidate_id,specialty,role,from\nE1,operation,leader,2020-04\n');
    execFileSync(process.execPath, [cli, 'batch', 'in', '-o', 'in/results.xlsx'], { cwd: dir, stdio: 'ignore' });
  },
  // Earlier runs' workbook, summaries and errors under names of the user's choosing: told by their contents.
  'old-results-under-other-names': (dir) => {
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'engagements.csv'), 'candidate_id,specialty,role,from\nE1,operation,leader,2020-04\n');
    for (const [output, lang] of [['in/前回の結果.xlsx', 'ja_JP.UTF-8'], ['in/summary.md', 'C'], ['in/組織.html', 'ja_JP.UTF-8']]) {
      execFileSync(process.execPath, [cli, 'batch', 'in', '-o', output, '--errors', 'in/errors.csv'], { cwd: dir, stdio: 'ignore', env: { ...process.env, LANG: lang, LC_ALL: '' } });
    }
  },
};

/** Runs a case in a fresh copy of its inputs, as a user would from a shell in that folder. */
function run(name: string, c: HostileCase) {
  const dir = mkdtempSync(join(tmpdir(), `itss-hostile-${name}-`));
  if (existsSync(join(corpus, name, 'input'))) cpSync(join(corpus, name, 'input'), dir, { recursive: true });
  if (c.generate) generators[c.generate](dir);
  const before = new Map((c.unchanged ?? []).map((f) => [f, readFileSync(join(dir, f))]));
  const env = { ...process.env, LANG: 'C', LC_ALL: '' };
  const started = Date.now();
  let status: number | null;
  let stdout = '';
  let stderr: string;
  if (c.stdout === '>/dev/full' || c.stdout === '|closed') {
    // Through a shell: the redirection or a reader that closes the pipe at once.
    const quoted = [process.execPath, cli, ...c.args].map((a) => `'${a}'`).join(' ');
    const script = c.stdout === '>/dev/full' ? `${quoted} >/dev/full` : `${quoted} | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}`;
    const r = spawnSync('bash', ['-c', script], { cwd: dir, env, encoding: 'utf8' });
    [status, stderr] = [r.status, r.stderr];
  } else {
    const r = spawnSync(process.execPath, [cli, ...c.args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
    [status, stdout, stderr] = [r.status, r.stdout, r.stderr];
  }
  return { dir, status, stdout, stderr, before, seconds: (Date.now() - started) / 1000 };
}

/** Candidate ids of the run's results (JSON Lines) and of its errors file's candidate_id column. */
function accounting(dir: string) {
  const results = existsSync(join(dir, 'results.jsonl')) ? readFileSync(join(dir, 'results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).candidate.id as string) : [];
  const rows = existsSync(join(dir, 'errors.csv')) ? readFileSync(join(dir, 'errors.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n').slice(1).filter(Boolean) : [];
  const rejected = new Set(rows.map((row) => row.split(',')[3]).filter((id) => id !== ''));
  return { assessed: results, rejected: [...rejected] };
}

describe('the hostile corpus', () => {
  it('covers every class of the safety issue', () => {
    expect([...new Set(cases.map(([, c]) => c.class))].sort()).toEqual(['crashes', 'files-destroyed', 'records-lost', 'size', 'unclear', 'valid-values', 'wrong-exits']);
  });

  it.each(cases)('%s', (name, c) => {
    const { dir, status, stdout, stderr, before, seconds } = run(name, c);
    expect({ status, stderr: stderr.includes(c.needle) }).toEqual({ status: c.exit, stderr: true });
    if (c.needle === '') expect(stderr).not.toMatch(/error|cannot|not read|rejected/i);
    expect(stderr).not.toMatch(/\n\s+at |internal error/); // never a stack trace
    expect(seconds).toBeLessThan(20);
    for (const [file, bytes] of before) expect(readFileSync(join(dir, file)).equals(bytes)).toBe(true);
    for (const file of c.absent ?? []) expect(existsSync(join(dir, file))).toBe(false);
    if (c.stdout && !c.stdout.startsWith('>') && !c.stdout.startsWith('|')) expect(stdout).toContain(c.stdout);
    // No temporary file is ever left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    if (c.ids) {
      const { assessed, rejected } = accounting(dir);
      expect(assessed.filter((id) => rejected.includes(id))).toEqual([]); // never both
      expect([...assessed, ...rejected].sort()).toEqual([...c.ids].sort()); // never neither, never twice
    }
  });

  it('leaves devices as they were', () => {
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
