import { CommanderError } from 'commander';
import { InputError, fileProblem } from '../input/diagnostic.js';
import { Describer } from '../messages/describe.js';
import { builtinStandard } from '../standard/builtinStandard.js';
import { EXIT_FAILED, EXIT_OK, languageOf, type CliIO } from './cliIO.js';
import { commandLineError, itssProgram, type CommandRun, type RegisterCommand } from './commandLine.js';
import { assessCommand } from './commands/assess.js';
import { batchCommand } from './commands/batch.js';
import { diffCommand } from './commands/diff.js';
import { gapCommand } from './commands/gap.js';
import { initCommand } from './commands/init.js';
import { levelsCommand } from './commands/levels.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { checkLang, reportDiagnostics } from './options.js';
import { packageVersion } from './packageFiles.js';

export { localToday, type CliIO } from './cliIO.js';
export { batchHalf } from './batchHalf.js';

/** The commands, in the order `itss --help` lists them, each by the name it registers (tests/cli.test.ts checks). */
export const COMMANDS: readonly (readonly [string, RegisterCommand])[] = [
  ['assess', assessCommand], ['gap', gapCommand], ['batch', batchCommand], ['diff', diffCommand], ['levels', levelsCommand],
  ['validate', validateCommand], ['init', initCommand], ['schema', schemaCommand],
];

/** Runs `itss` with `argv` (without node and the script); returns the exit status of cli.md. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  // Help, parse errors and usage errors are worded in the run's language: known before parsing.
  const describer = new Describer(languageOf(argv, io.env), builtinStandard());
  const run: CommandRun = { io, describer, exitCode: EXIT_OK };
  const program = itssProgram(describer, io, packageVersion());
  // A run that names its command registers that command alone (all eight took `itss assess` about 5 ms of its start);
  // help, a misspelt command and no command get every one.
  const named = COMMANDS.find(([name]) => name === argv[0]);
  for (const [, register] of named ? [named] : COMMANDS) register(program, run);
  // Every command takes --lang: checked once, before any command's action (the run's words were chosen from it).
  program.hook('preAction', (_program, command) => checkLang(command.opts<{ lang?: string }>().lang));
  for (const command of [program, ...program.commands]) {
    command.exitOverride((error) => {
      throw commandLineError(error, command, argv);
    });
  }
  try {
    if (argv.length === 0) {
      // No command is a usage error (exit 2); the help goes where errors go.
      io.stderr.write(program.helpInformation());
      return EXIT_FAILED;
    }
    await program.parseAsync(argv, { from: 'user' });
    return run.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_FAILED;
    if (error instanceof InputError) {
      reportDiagnostics(error.diagnostics, describer, io);
      return EXIT_FAILED;
    }
    throw error;
  }
}

/**
 * The line for a failed write to standard output (a full disk, a closed device), in the run's language; the
 * process edge (bin/itss.js) prints it and exits 2. A closed pipe (EPIPE) is not reported, as Unix tools do.
 */
export function outputFailure(error: unknown, argv: readonly string[], env: CliIO['env']): string {
  const describer = new Describer(languageOf(argv, env), builtinStandard());
  return describer.diagnostic({ code: 'unwritable', file: describer.t('stdout'), path: '', ...fileProblem(error, 'no-such-file') });
}
