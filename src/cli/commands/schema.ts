import { EXIT_OK, type CliIO } from '../cliIO.js';
import { option, withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { checkFormat, standardFor, type CommonOptions } from '../options.js';
import { SHIPPED_SCHEMA_PATH } from './init.js';

export const schemaCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withCommonOptions(program.command('schema'), d, ['json'])
    .description(d.t('help.schema'))
    .addOption(option('--path', d, 'help.option.path'))
    .action(async (options: CommonOptions & { path?: boolean }) => {
      run.exitCode = await schema(options, run.io);
    });
};

async function schema(options: CommonOptions & { path?: boolean }, io: CliIO): Promise<number> {
  checkFormat(options.format, ['json'], 'json');
  if (options.path) {
    io.stdout.write(`${SHIPPED_SCHEMA_PATH}\n`);
    return EXIT_OK;
  }
  // Loaded on demand: zod's JSON Schema generator is most of zod's size in the bundle.
  const { candidateJsonSchema } = await import('../../candidate/candidateJsonSchema.js');
  io.stdout.write(`${JSON.stringify(candidateJsonSchema(await standardFor(options)), null, 2)}\n`);
  return EXIT_OK;
}
