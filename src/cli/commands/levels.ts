import { Describer } from '../../messages/describe.js';
import { levelsReporter } from '../../reporters/levelsReporter.js';
import { EXIT_OK, type CliIO } from '../cliIO.js';
import { withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { checkFormat, standardFor, styleFor, type CommonOptions } from '../options.js';
import { levelNamed, specialtyNamed } from './gap.js';

export const levelsCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withCommonOptions(program.command('levels').argument('[specialty]', d.t('help.levels.specialty')).argument('[level]', d.t('help.levels.level')), d, ['table'])
    .description(d.t('help.levels'))
    .action(async (specialty: string | undefined, level: string | undefined, options: CommonOptions) => {
      run.exitCode = await levels(specialty, level, options, run.io, d.lang);
    });
};

async function levels(specialtyName: string | undefined, levelText: string | undefined, options: CommonOptions, io: CliIO, lang: Describer['lang']): Promise<number> {
  checkFormat(options.format, ['table'], 'table');
  const standard = await standardFor(options);
  const specialty = specialtyName === undefined ? undefined : specialtyNamed(standard, specialtyName, 'specialty');
  const level = specialty && levelText !== undefined ? levelNamed(specialty, levelText, 'level') : undefined;
  io.stdout.write(levelsReporter({ lang, standard, style: await styleFor(options, io),
    ...(specialty ? { specialty: specialty.id } : {}), ...(level !== undefined ? { level } : {}) }));
  return EXIT_OK;
}
