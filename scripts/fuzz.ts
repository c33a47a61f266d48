/**
 * The long fuzzer (`npm run fuzz`, through scripts/fuzzRunner.js which bundles this file to tmp/fuzz.mjs).
 *
 *   npm run fuzz -- [--time SECONDS | --cases N] [--seed N] [--target candidate,standard,mapping,batch]
 *                   [--rss-mb 1024] [--minimize-time SECONDS | --no-minimize] [--replay tmp/fuzz-failures/X.json [--json]]
 *                   [--log-slower MS]   (print, without failing, every case slower than MS)
 *
 * Env: FUZZ_SEED, FUZZ_TIME, FUZZ_CASES do the same as the options. Default: 60 s, a random seed, all targets.
 *
 * This process generates the cases (fast-check, from the seed: a run replays with `--seed N`) and sends them one
 * at a time to a child process (this same file with --child) that runs them (scripts/fuzzTargets.ts: targets and
 * oracle, shared with tests/fuzz.test.ts). A child is a process, not a worker thread, so that it runs as the CLI
 * does (a main thread's stack, a heap limit) and so that a fatal V8 error (an abort, which no try/catch sees)
 * kills only the child and is reported with the case that caused it. The child is replaced every 200 cases and
 * after a hang, a crash or a memory failure; it starts unwarmed, and every deeply nested input is run again in a
 * new child (twice), so that what only goes wrong in a fresh process (V8 compiling lazily deep in a recursion that
 * exhausts the stack) is reached too. A case that does not come back within 5× its time bound (at least 10 s) is a hang;
 * a child's RSS above --rss-mb after a case, or its heap exhausted, is a memory failure. Each new distinct failure
 * is printed as found (target, what happened, the input) and saved to tmp/fuzz-failures/ for --replay; at the
 * end each is minimised, and the run exits 1 if anything failed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  DEEP_REGRESSIONS,
  REGRESSIONS,
  TARGETS,
  caseArbitrary,
  caseSize,
  contextData,
  contextFromData,
  createFuzzContext,
  isDeep,
  describeCase,
  minimizeCase,
  runCase,
  timeBoundMs,
  type Failure,
  type FuzzCase,
  type FuzzContextData,
  type TargetName,
  type Verdict,
} from './fuzzTargets.js';

interface Request {
  id: number;
  c: FuzzCase;
  timed: boolean;
}

type Reply = { ready: true } | { id: number; verdict: Verdict; rss: number; warnings: string[] };
type Init = { init: FuzzContextData };

// ---------------------------------------------------------------------------------------------------------------
// Child: runs cases

async function childMain(workBase: string) {
  // The context comes from the parent as data: until its first case, this process has parsed no YAML, like the
  // CLI (which reads the built-in standard precompiled).
  const data = await new Promise<FuzzContextData>((resolve) => process.once('message', (m: Init) => resolve(m.init)));
  const ctx = contextFromData(data, workBase);
  // Process warnings (a library's `Warning: …` on stderr) are passed on as notes with the case that caused them.
  let warnings: string[] = [];
  process.removeAllListeners('warning');
  process.on('warning', (w) => warnings.push(`${w.name}: ${w.message}`));
  process.on('message', async (request: Request) => {
    warnings = [];
    const verdict = await runCase(ctx, request.c, { timed: request.timed });
    process.send!({ id: request.id, verdict, rss: process.memoryUsage().rss / 2 ** 20, warnings } satisfies Reply);
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true } satisfies Reply);
}

// ---------------------------------------------------------------------------------------------------------------
// Main: generates, supervises, reports

interface Options {
  seed: number;
  timeMs: number;
  cases: number;
  targets: TargetName[];
  rssMb: number;
  minimizeMs: number;
  replay?: string;
  json: boolean;
  /** Print (not fail) cases slower than this many ms. */
  logSlowerMs: number;
}

function parseOptions(argv: string[]): Options {
  const env = process.env;
  const options: Options = {
    seed: env.FUZZ_SEED ? Number(env.FUZZ_SEED) : (Math.random() * 2 ** 31) | 0,
    timeMs: env.FUZZ_TIME ? Number(env.FUZZ_TIME) * 1000 : 60_000,
    cases: env.FUZZ_CASES ? Number(env.FUZZ_CASES) : Infinity,
    targets: [...TARGETS],
    rssMb: 1024,
    minimizeMs: 15_000,
    json: false,
    logSlowerMs: Infinity,
  };
  let timeGiven = Boolean(env.FUZZ_TIME);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    const number = () => {
      const v = Number(value());
      if (!Number.isFinite(v)) usage(`${flag} needs a number`);
      return v;
    };
    switch (flag) {
      case '--seed':
        options.seed = number() | 0;
        break;
      case '--time':
        options.timeMs = number() * 1000;
        timeGiven = true;
        break;
      case '--cases':
        options.cases = number();
        break;
      case '--target':
      case '--targets': {
        const names = value().split(',');
        const unknown = names.filter((n) => !(TARGETS as readonly string[]).includes(n));
        if (unknown.length > 0) usage(`unknown target ${unknown.join(', ')}; targets: ${TARGETS.join(', ')}`);
        options.targets = names as TargetName[];
        break;
      }
      case '--rss-mb':
        options.rssMb = number();
        break;
      case '--minimize-time':
        options.minimizeMs = number() * 1000;
        break;
      case '--no-minimize':
        options.minimizeMs = 0;
        break;
      case '--replay':
        options.replay = value();
        break;
      case '--json':
        options.json = true;
        break;
      case '--log-slower':
        options.logSlowerMs = number();
        break;
      case '--help':
      case '-h':
        usage();
        break;
      default:
        usage(`unknown option ${arg}`);
    }
  }
  // A number of cases alone runs until that many, however long it takes.
  if (Number.isFinite(options.cases) && !timeGiven) options.timeMs = Infinity;
  return options;
}

function usage(problem?: string): never {
  if (problem) console.error(`fuzz: ${problem}`);
  console.error('usage: npm run fuzz -- [--time SECONDS | --cases N] [--seed N] [--target candidate,standard,mapping,batch] [--rss-mb MB] [--minimize-time SECONDS | --no-minimize] [--replay FILE.json [--json]] [--log-slower MS]');
  process.exit(problem ? 2 : 0);
}

/** One child process at a time, replaced when a case hangs, kills it or leaves it too big, and every 200 cases. */
class Supervisor {
  private child: ChildProcess | undefined;
  private nextId = 0;
  private casesInChild = 0;
  private waiting: ((reply: Reply | Error) => void) | undefined;
  /** The end of the child's stderr: the line of a fatal error. */
  private stderrTail = '';
  restarts = 0;
  readonly notes = new Map<string, FuzzCase>();
  /** No notes (while minimising). */
  quiet = false;

  constructor(
    private readonly workBase: string,
    private readonly rssMb: number,
    private readonly data: FuzzContextData,
  ) {}

  async start(): Promise<void> {
    const child = fork(fileURLToPath(import.meta.url), ['--child', this.workBase], {
      execArgv: ['--enable-source-maps', `--max-old-space-size=${this.rssMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.child = child;
    this.casesInChild = 0;
    this.stderrTail = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    child.on('message', (reply: Reply) => this.waiting?.(reply));
    child.send({ init: this.data } satisfies Init);
    child.on('exit', (code, signal) => {
      if (this.child === child) {
        this.child = undefined;
        // Let the last of stderr arrive before the failure is described.
        setTimeout(() => this.waiting?.(new Error(`child exited with ${signal ?? `code ${code}`}`)), 50);
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.waiting = (reply) => (reply instanceof Error ? reject(new Error(`${reply.message}\n${this.stderrTail}`)) : resolve());
    });
    this.waiting = undefined;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    this.waiting = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }

  async restart(): Promise<void> {
    this.restarts++;
    await this.stop();
    await this.start();
  }

  /** Runs a case in a new child, twice (the second run is where lazily compiled code tiers up). */
  async runFresh(c: FuzzCase, timed = false): Promise<Verdict> {
    await this.restart();
    const failures: Failure[] = [];
    let ms = 0;
    for (let k = 0; k < 2 && failures.length === 0; k++) {
      const verdict = await this.run(c, timed && k === 0);
      ms += verdict.ms;
      failures.push(...verdict.failures.map((f) => ({ ...f, message: `in a fresh process: ${f.message}` })));
    }
    return { ms, failures };
  }

  /** Runs one case; a hang, a dead child or an oversized one is a failure of the case. */
  async run(c: FuzzCase, timed = true): Promise<Verdict> {
    if (!this.child || this.casesInChild >= 200) await this.restart();
    this.casesInChild++;
    const hardMs = Math.max(10_000, 5 * timeBoundMs(c));
    const id = this.nextId++;
    const started = performance.now();
    this.stderrTail = '';
    const reply = await new Promise<Reply | Error | 'timeout'>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), hardMs);
      this.waiting = (r) => {
        if (r instanceof Error || !('id' in r) || r.id === id) {
          clearTimeout(timer);
          resolve(r);
        }
      };
      this.child!.send({ id, c, timed } satisfies Request);
    });
    this.waiting = undefined;
    if (reply === 'timeout') {
      await this.restart();
      return { ms: hardMs, failures: [{ kind: 'hang', message: `no result after ${hardMs} ms (bound ${Math.round(timeBoundMs(c))} ms for ${caseSize(c)} chars): process killed`, signature: `${c.target} hang` }] };
    }
    if (reply instanceof Error) {
      const fatal = /FATAL ERROR: ([^\n]*)/.exec(this.stderrTail)?.[1]?.trim();
      const uncaught = /^(\w*Error: [^\n]*)/m.exec(this.stderrTail)?.[1];
      await this.restart();
      const failure: Failure = fatal && /heap out of memory/i.test(fatal)
        ? { kind: 'memory', message: `the process ran out of its ${this.rssMb} MB heap (${reply.message}): ${fatal}`, signature: `${c.target} memory` }
        : {
            kind: 'crash',
            message: `the process died (${reply.message}): ${fatal ?? uncaught ?? (this.stderrTail.trim().split('\n').pop() || 'no message')}`,
            signature: `${c.target} crash: ${(fatal ?? uncaught ?? reply.message).replace(/\d+/g, 'N')}`,
          };
      return { ms: performance.now() - started, failures: [failure] };
    }
    if (!('verdict' in reply)) return { ms: 0, failures: [] };
    const verdict = reply.verdict;
    for (const warning of reply.warnings) {
      // One note per kind of warning: its words before the first quote or colon of its details.
      const key = warning.split(/["':]/, 3).join(':').slice(0, 80);
      if (!this.quiet && !this.notes.has(key)) {
        this.notes.set(key, c);
        console.log(`\nNOTE [${c.target}] the code under test emitted a process warning (printed on stderr): ${warning.slice(0, 300)}\n${describeCase(c, 600)}`);
      }
    }
    if (reply.rss > this.rssMb) {
      verdict.failures.push({ kind: 'memory', message: `RSS ${Math.round(reply.rss)} MB > ${this.rssMb} MB after this case`, signature: `${c.target} memory` });
      // A fresh process: the next case is not judged by the memory this one left.
      await this.restart();
    }
    return verdict;
  }
}

interface Found {
  failure: Failure;
  c: FuzzCase;
  count: number;
  file: string;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const root = process.cwd();
  const workBase = mkdtempSync(join(tmpdir(), 'itss-fuzz-run-'));
  const failuresDir = join(root, 'tmp', 'fuzz-failures');
  mkdirSync(failuresDir, { recursive: true });
  const ctx = createFuzzContext(root, workBase);
  const supervisor = new Supervisor(workBase, options.rssMb, contextData(ctx));
  let stopping = false;
  process.on('SIGINT', () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.error('\nfuzz: interrupted; finishing (Ctrl-C again to quit now)');
  });
  try {
    if (options.replay) {
      process.exitCode = await replay(supervisor, options.replay, options.json);
      return;
    }
    const found = new Map<string, Found>();
    const stats = new Map<TargetName, { cases: number; ms: number; work: number }>(options.targets.map((t) => [t, { cases: 0, ms: 0, work: 0 }]));
    console.log(`fuzz: seed ${options.seed} (replay with: npm run fuzz -- --seed ${options.seed}), targets ${options.targets.join(', ')}, ` + `${Number.isFinite(options.timeMs) ? `${options.timeMs / 1000} s` : 'no time limit'}${Number.isFinite(options.cases) ? `, ${options.cases} cases` : ''}`);
    const started = Date.now();
    let lastProgress = started;
    let total = 0;
    const CHUNK = 20;
    const done = () => stopping || total >= options.cases || Date.now() - started >= options.timeMs;
    const handle = async (c: FuzzCase) => {
      const target = c.target;
      const before = performance.now();
      const verdict = await supervisor.run(c);
      // Deep inputs again in a fresh process: what V8 compiles lazily (or tiers up) deep in a recursion that
      // exhausts the stack is an abort no catch sees (RegExpCompiler Allocation failed).
      if (verdict.failures.length === 0 && isDeep(c)) verdict.failures.push(...(await supervisor.runFresh(c)).failures);
      const stat = stats.get(target)!;
      stat.cases++;
      stat.ms += performance.now() - before;
      stat.work += verdict.ms;
      total++;
      if (verdict.ms > options.logSlowerMs) console.log(`fuzz: slow but within its bound: ${Math.round(verdict.ms)} ms (bound ${Math.round(timeBoundMs(c))} ms) for ${caseSize(c)} chars, [${target}] ${c.origin}`);
      for (const failure of verdict.failures) {
        const known = found.get(failure.signature);
        if (known) {
          known.count++;
          // Keep the smallest input of each failure.
          if (caseSize(c) < caseSize(known.c)) {
            known.c = c;
            writeFileSync(known.file, JSON.stringify(c));
          }
          continue;
        }
        const file = join(failuresDir, `${found.size + 1}-${target}-${failure.kind}.json`);
        writeFileSync(file, JSON.stringify(c));
        found.set(failure.signature, { failure, c, count: 1, file });
        console.log(`\nFAILURE #${found.size} [${target}] ${failure.kind}: ${failure.message}\n${describeCase(c)}\n(saved: ${file}; replay: npm run fuzz -- --replay ${file})`);
      }
      if (Date.now() - lastProgress > 10_000) {
        lastProgress = Date.now();
        console.log(`fuzz: ${Math.round((Date.now() - started) / 1000)} s, ${total} cases, ${found.size} distinct failures`);
      }
    };
    // The reproducers of what fuzzing found first, then generated cases, a chunk per target in turn.
    for (const c of [...REGRESSIONS, ...DEEP_REGRESSIONS]) if (options.targets.includes(c.target) && !done()) await handle(c);
    outer: for (let chunk = 0; ; chunk++) {
      for (const [t, target] of options.targets.entries()) {
        // One deterministic seed per chunk and target, derived from the run's seed.
        const chunkSeed = (options.seed ^ Math.imul(chunk * TARGETS.length + t + 1, 0x9e3779b1)) | 0;
        for (const c of fc.sample(caseArbitrary(ctx, target, 'long'), { seed: chunkSeed, numRuns: CHUNK })) {
          if (done()) break outer;
          await handle(c);
        }
      }
    }
    const elapsed = (Date.now() - started) / 1000;
    console.log(`\nfuzz: seed ${options.seed}, ${total} cases in ${elapsed.toFixed(1)} s, ${supervisor.restarts} child processes started`);
    for (const [target, s] of stats) {
      if (s.cases === 0) continue;
      console.log(`  ${target.padEnd(9)} ${String(s.cases).padStart(7)} cases  ${(s.cases / (s.ms / 1000)).toFixed(1).padStart(8)} cases/s  (${(s.work / s.cases).toFixed(1)} ms in the code under test per case)`);
    }
    if (found.size === 0) {
      console.log('fuzz: no failures');
      return;
    }
    process.exitCode = 1;
    console.log(`\nfuzz: ${found.size} distinct failures:`);
    for (const [signature, f] of found) console.log(`  ${String(f.count).padStart(6)}×  ${signature}`);
    if (options.minimizeMs > 0) {
      console.log('\nfuzz: minimising each failure…');
      let n = 0;
      for (const [signature, f] of found) {
        n++;
        if (stopping) break;
        // Timing matters only to a slow case; a hang or an exhausted heap costs seconds an attempt, so those get
        // three times the budget.
        const costly = f.failure.kind === 'hang' || f.failure.kind === 'memory' || f.failure.kind === 'crash' || f.failure.kind === 'slow';
        const fresh = f.failure.message.startsWith('in a fresh process');
        supervisor.quiet = true;
        const runIt = (c: FuzzCase) => (fresh ? supervisor.runFresh(c) : supervisor.run(c, f.failure.kind === 'slow'));
        const small = await minimizeCase(f.c, signature, runIt, Date.now() + options.minimizeMs * (costly || fresh ? 3 : 1));
        // What the small case does (its own message: the value it quotes is the small one's).
        const message = small === f.c ? f.failure.message : ((await runIt(small)).failures.find((x) => x.signature === signature)?.message ?? f.failure.message);
        supervisor.quiet = false;
        const file = f.file.replace(/\.json$/, '.min.json');
        writeFileSync(file, JSON.stringify(small));
        console.log(`\n#${n} ${signature}\n  ${message}\n  ${describeCase(small, 600).replace(/\n/g, '\n  ')}\n  (${caseSize(small)} chars, from ${caseSize(f.c)}; saved: ${file})`);
      }
    }
  } finally {
    await supervisor.stop();
    rmSync(workBase, { recursive: true, force: true });
  }
}

/**
 * Runs saved cases (a case or an array of cases, as saved in tmp/fuzz-failures/), each in a fresh process (a deep
 * one twice, as the fuzzing loop does), and prints their verdicts; with --json, one JSON array of the verdicts.
 */
async function replay(supervisor: Supervisor, file: string, json: boolean): Promise<number> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as FuzzCase | FuzzCase[];
  const verdicts: Verdict[] = [];
  for (const c of Array.isArray(parsed) ? parsed : [parsed]) {
    let verdict: Verdict;
    if (isDeep(c)) verdict = await supervisor.runFresh(c, true);
    else {
      await supervisor.restart();
      verdict = await supervisor.run(c);
    }
    verdicts.push(verdict);
    if (json) continue;
    console.log(`${describeCase(c)}\n  ${Math.round(verdict.ms)} ms`);
    for (const f of verdict.failures) console.log(`  FAILURE ${f.kind}: ${f.message}\n    signature: ${f.signature}`);
    if (verdict.failures.length === 0) console.log('  ok');
  }
  if (json) console.log(JSON.stringify(verdicts));
  return verdicts.some((v) => v.failures.length > 0) ? 1 : 0;
}

// Last, so that every class and function above is defined before it runs.
if (process.argv[2] === '--child') await childMain(process.argv[3]!);
else await main();
