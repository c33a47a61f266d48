import { existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { candidateTemplate } from '../../reporters/candidateTemplate.js';
import { InputError, usageError } from '../../input/diagnostic.js';
import { EXIT_OK, type CliIO } from '../cliIO.js';
import { option, withCommonOptions, type CommandRun, type RegisterCommand } from '../commandLine.js';
import { Describer } from '../../messages/describe.js';
import { checkFormat, standardFor, type CommonOptions } from '../options.js';
import { checkOutputs } from '../outputGuard.js';
import { packageFile } from '../packageFiles.js';

/** The schema file shipped in the package (written by the build), for `# yaml-language-server: $schema=`. */
export const SHIPPED_SCHEMA_PATH = packageFile('dist/candidate.schema.json');

export const initCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withCommonOptions(program.command('init').argument('[file]', d.t('help.init.file')), d, ['yaml', 'xlsx'])
    .description(d.t('help.init'))
    .addOption(option('--force', d, 'help.option.force'))
    .action(async (file: string | undefined, options: CommonOptions & { force?: boolean }) => {
      run.exitCode = await init(file, options, run.io, run);
    });
};

async function init(file: string | undefined, options: CommonOptions & { force?: boolean }, io: CliIO, run: CommandRun): Promise<number> {
  checkFormat(options.format, ['yaml', 'xlsx'], file?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'yaml');
  const d = run.describer;
  if (file !== undefined && /\.xlsx$/i.test(file)) {
    // An input workbook: a sheet per HR table, with drop-downs (the batch machinery, loaded only now).
    checkOutputs([file], []);
    if (existsSync(file) && !options.force) throw new InputError([{ code: 'file-exists', file, path: '' }]);
    const { xlsxTemplate } = await import('../../reporters/xlsxTemplate.js');
    await writeAtomically(file, await xlsxTemplate(new Describer(d.lang, await standardFor(options))));
    io.stderr.write(`${d.t('init.written.xlsx', { file })}\n`);
    return EXIT_OK;
  }
  // The editor schema, as a path from where the template is written (absolute on stdout).
  const schema = file === undefined ? SHIPPED_SCHEMA_PATH : relative(dirname(file), SHIPPED_SCHEMA_PATH);
  // From the standard in use (--standard), worded in the run's language.
  const template = candidateTemplate(new Describer(d.lang, await standardFor(options)), schema);
  if (file === undefined) {
    io.stdout.write(template);
    return EXIT_OK;
  }
  // A candidate template is YAML: a name ending otherwise would hold something other than its name says.
  if (!/\.ya?ml$/i.test(file)) throw usageError({ code: 'template-name', path: 'file', value: file });
  checkOutputs([file], []);
  if (existsSync(file) && !options.force) throw new InputError([{ code: 'file-exists', file, path: '' }]);
  await writeAtomically(file, Buffer.from(template, 'utf8'));
  io.stderr.write(`${d.t('init.written', { file })}\n`);
  return EXIT_OK;
}

/** Through the one atomic writer: a full disk or a read-only folder leaves no half file, and says why (exit 2). */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  // Loaded only when a file is written (start-up of the other commands).
  const { AtomicFile } = await import('../../output/atomicFile.js');
  const out = new AtomicFile(file, String(process.pid));
  out.writeBytes(bytes);
  out.commit();
}
