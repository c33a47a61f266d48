import type { BatchJob } from '../../batch/batchJob.js';
import { ENCODING_NAMES, encodingName } from '../../tabular/decodeText.js';
import { usageError } from '../../input/diagnostic.js';
import type { Describer } from '../../messages/describe.js';
import { exitFor, type CliIO } from '../cliIO.js';
import { option, withAsOf, withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { formatsOf, isFileOnly } from '../../reporters/outputFormats.js';
import { cleanUpOnSignal } from '../cleanUpOnSignal.js';
import { reportFormat } from '../reportOutput.js';
import { asOfOption, mappingFor, standardFor, type CommonOptions } from '../options.js';
import { checkOutputs } from '../outputGuard.js';

interface BatchCliOptions extends CommonOptions {
  detail?: boolean;
  output?: string;
  map?: string;
  encoding?: string;
  errors?: string;
  allSpecialties?: boolean;
}

export const batchCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withAsOf(withCommonOptions(program.command('batch').argument('<inputs...>', d.t('help.batch.inputs')), d, formatsOf('batch')), d)
    .description(d.t('help.batch'))
    .addOption(option('-o, --output <file>', d, 'help.option.output'))
    .addOption(option('--map <file>', d, 'help.option.map'))
    .addOption(option('--encoding <name>', d, 'help.option.encoding', { choices: ENCODING_NAMES.join(', ') }))
    .addOption(option('--errors <file>', d, 'help.option.errors'))
    .addOption(option('--detail', d, 'help.option.detail'))
    .addOption(option('--all-specialties', d, 'help.option.allSpecialties'))
    .action(async (inputs: string[], options: BatchCliOptions) => {
      run.exitCode = await batch(inputs, options, run.io, d.lang);
    });
};

async function batch(inputs: string[], options: BatchCliOptions, io: CliIO, lang: Describer['lang']): Promise<number> {
  const asOf = asOfOption(options.asOf, io);
  // The results or the organisation summary (outputFormats says which format is which); JSON Lines by default.
  const format = reportFormat('batch', options.format, options.output);
  // A workbook is a file, not a stream for a terminal.
  if (isFileOnly('batch', format) && options.output === undefined) {
    throw usageError({ code: 'bad-choice', path: '--format', value: format, expected: formatsOf('batch').filter((f) => !isFileOnly('batch', f)) });
  }
  const encoding = options.encoding === undefined ? undefined : encodingName(options.encoding);
  if (options.encoding !== undefined && !encoding) throw usageError({ code: 'bad-choice', path: '--encoding', value: options.encoding, expected: ENCODING_NAMES });
  const standard = await standardFor(options);
  const mapping = await mappingFor(options.map, standard);
  // Loaded here, not at start-up: `assess` has no use for the CSV parser and the batch machinery.
  const [{ runBatchJob }, { expandInputs }, { isOwnOutputFile }, { setFlagsFromString }, { availableParallelism }, { startHalfOn }] = await Promise.all([
    import('../../batch/batchJob.js'),
    import('../../batch/expandInputs.js'),
    import('../../batch/readInputs.js'),
    import('node:v8'),
    import('node:os'),
    import('../batchHalf.js'),
  ]);
  // Before any work: no output may be an input (the HR export, named or found in a folder — unless it is a file
  // itss wrote, which a rerun replaces), the other output, or anything but a regular file.
  const outputs = [options.output, options.errors].filter((path) => path !== undefined);
  // Files itss wrote are left out whether found in a folder or given (`in/*` takes an earlier run's results too):
  // they are not read, so a rerun may replace them, in any of the output formats.
  const { files } = expandInputs(inputs);
  const own = new Set<string>();
  for (const file of new Set([...files, ...inputs])) if (await isOwnOutputFile(file, standard)) own.add(file);
  const found = files.filter((file) => !own.has(file));
  checkOutputs(outputs, [...inputs.filter((input) => !own.has(input)), ...found, ...[options.map, options.standard].filter((path) => path !== undefined)]);
  const job: BatchJob = {
    inputs,
    standard,
    asOf,
    format,
    lang,
    // A progress line only on a terminal, and never on the one the results are printed to.
    progress: io.stderr.isTTY === true && (options.output !== undefined || io.stdout.isTTY !== true),
    ...(options.detail ? { detail: true } : {}),
    ...(options.allSpecialties ? { allSpecialties: true } : {}),
    runTag: String(process.pid),
    ...(mapping ? { mapping } : {}),
    ...(encoding ? { encoding } : {}),
    ...(options.output !== undefined ? { output: options.output } : {}),
    ...(options.errors !== undefined ? { errors: options.errors } : {}),
  };
  // What a batch keeps is small (about 130 MB of heap at 100k candidates), but V8 may let the old generation grow
  // fourfold past it before collecting, by its own reading of the machine's speed: at 100k, one run in three
  // then peaked at 670 MB and 25% slower. A fixed growth (twice what is live) measured 380 MB every run.
  setFlagsFromString('--heap-growing-percent=100');
  // And V8 may start allocating a candidate's short-lived objects straight into the old generation when a few of
  // them outlived a scavenge (allocation-site pretenuring): one 100k run in four or five then kept 7 MB of each
  // scavenge, collected the old generation every half second and ran 30% slower at 450 MB. Without it, 8 runs in
  // 8 ran at the speed and size of the good ones.
  setFlagsFromString('--no-allocation-site-pretenuring');
  // With a second core, a large batch of sorted tables may split in two, its other half on a worker thread
  // (splitBatch.ts), which loads the standard and the mapping again from their files.
  const { standard: _standard, mapping: _mapping, ...halfJob } = job;
  const startOtherHalf = io.worker && availableParallelism() >= 2
    ? startHalfOn(io.worker, { ...halfJob, ...(options.standard === undefined ? {} : { standardFile: options.standard }),
      ...(options.map === undefined ? {} : { mapFile: options.map }) }) : undefined;
  const startHalf = startOtherHalf ? { startHalf: () => {
    // Where it splits, two threads compile the same code, each for itself, on the same two cores: V8's optimising
    // compiler inlines less into each function from now on (bytecode of 300 in all, not 920), its work costing more
    // than the calls it saves. Its compile jobs took 2.4 s on one thread at 100k. Counted by callgrind (`node
    // --single-threaded`, one thread): on half the diverse 100k export (a split's half) 31.95–32.36 billion
    // instructions against 31.17 (460: 31.23, 150: 31.48); on the whole, 56.44 against 56.08 — the code a little
    // slower as the work grows, so a batch of one thread (small, or past the split's size) keeps V8's inlining. The
    // split batch on the diverse 100k export, 10 pairs: 0.93× the wall time (0.74–1.06), 0.91× the CPU; 8 more:
    // 0.96×. (A split given up goes on as one thread with both settings: a rare run, left so.)
    setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
    // And each young-generation collection is one thread's work, not shared out to V8's helper threads: with both
    // cores busy running the two halves, a helper only takes its core from the other half. Three sets of 8–10 pairs
    // (one of them an earlier round's): 0.978, 0.94 and 0.979× the wall time.
    setFlagsFromString('--no-parallel-scavenge');
    return startOtherHalf();
  } } : {};
  // An interrupted run leaves no half file: the temporary files go, the targets stay as they were.
  const summary = await cleanUpOnSignal(io, (beforeExit) => runBatchJob(job, { ...io, interrupted: beforeExit, ...startHalf }));
  return exitFor(summary.assessed, summary.rejected);
}
