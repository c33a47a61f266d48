import { Command, CommanderError, Help, Option } from 'commander';
import { InputError, usageError } from '../input/diagnostic.js';
import { closestForm } from '../input/suggestion.js';
import type { Describer } from '../messages/describe.js';
import type { MessageKey } from '../messages/messageTable.js';
import { displayWidth } from '../values/displayWidth.js';
import type { CliIO } from './cliIO.js';

/** What a command's action needs from the run, and where it leaves its exit status. */
export interface CommandRun {
  io: CliIO;
  /** Words of the run's language (with the built-in standard's labels). */
  describer: Describer;
  exitCode: number;
}

/** Adds one command to the program; its action sets `run.exitCode`. */
export type RegisterCommand = (program: Command, run: CommandRun) => void;

/**
 * The `itss` program, every word of its help in the run's language: commander's own headings ("Usage:",
 * "Options:") and placeholders ("[options]") are replaced through its Help hooks, and its own error messages
 * are never printed (see commandLineError).
 */
export function itssProgram(d: Describer, io: CliIO, version: string): Command {
  const headings: Record<string, string> = {
    'Usage:': d.t('help.usage'),
    'Arguments:': d.t('help.arguments'),
    'Options:': d.t('help.options'),
    'Commands:': d.t('help.commands'),
  };
  const placeholders = (text: string) => text.replace('[options]', d.t('help.options-placeholder')).replace('[command]', d.t('help.command-placeholder'));
  return new Command('itss')
    .description(d.t('help.program'))
    .version(version, '-V, --version', d.t('help.option.version'))
    .helpOption('-h, --help', d.t('help.option.help'))
    .helpCommand('help [command]', d.t('help.command.help'))
    .configureHelp({
      styleTitle: (title) => headings[title] ?? title,
      // Japanese takes two columns a character: measured so, the help's columns line up.
      displayWidth: (text) => displayWidth(text),
      commandUsage: (cmd) => placeholders(Help.prototype.commandUsage.call(new Help(), cmd)),
      subcommandTerm: (cmd) => placeholders(Help.prototype.subcommandTerm.call(new Help(), cmd)),
    })
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: () => undefined })
    .showHelpAfterError(false)
    .showSuggestionAfterError(false);
}

/** `--format`, `--lang`, `--standard`, `--no-color`, described in the run's language. */
export function withCommonOptions(command: Command, d: Describer, formats: readonly string[]): Command {
  return command
    .option('--format <format>', d.t('help.option.format', { choices: formats.join(', ') }))
    .option('--lang <lang>', d.t('help.option.lang'))
    .option('--standard <file>', d.t('help.option.standard'))
    .option('--no-color', d.t('help.option.no-color'));
}

export function withAsOf(command: Command, d: Describer): Command {
  return command.option('--as-of <date>', d.t('help.option.as-of'));
}

/** A described option (the description a message key). */
export function option(flags: string, d: Describer, key: MessageKey, params: Record<string, string> = {}): Option {
  return new Option(flags, d.t(key, params));
}

/**
 * Commander's parse errors as diagnostics of the command line, so they are worded in the run's language with
 * a did-you-mean; help and version (exit 0) stay commander's own. Known by their codes; what they are about (the
 * option, the argument, the counts) is read from the command's own state and the command line, never from
 * commander's English message.
 */
export function commandLineError(error: CommanderError, command: Command, argv: readonly string[]): InputError | CommanderError {
  switch (error.code) {
    case 'commander.unknownOption': {
      // Options commander knew were consumed: the first word left that looks like an option is the unknown one.
      const flag = command.args.find((arg) => arg.startsWith('-') && arg !== '-') ?? '';
      const expected = command.options.flatMap((o) => (o.long ? [o.long] : [])).concat('--help');
      // `--fromat=json`: the name is what is misspelt.
      const suggestion = closestForm(flag.split('=')[0]!, expected);
      return usageError({ code: 'unknown-option', path: flag, value: flag, expected, ...(suggestion ? { suggestion } : {}) });
    }
    case 'commander.unknownCommand': {
      const name = command.args[0] ?? '';
      const expected = [...command.commands.map((c) => c.name()), 'help'];
      const suggestion = closestForm(name, expected);
      return usageError({ code: 'unknown-command', path: name, value: name, expected, ...(suggestion ? { suggestion } : {}) });
    }
    case 'commander.missingArgument': {
      const missing = command.registeredArguments.find((argument, i) => argument.required && command.args[i] === undefined)?.name() ?? '';
      return usageError({ code: 'missing-argument', path: missing, value: missing });
    }
    case 'commander.optionMissingArgument': {
      // The option given last on the command line without its value (nothing after it, or another option).
      const valued = command.options.filter((o) => o.required);
      let at = -1;
      argv.forEach((arg, i) => {
        if (valued.some((o) => arg === o.long || arg === o.short) && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('-'))) at = i;
      });
      const flags = valued.find((o) => argv[at] === o.long || argv[at] === o.short)?.flags ?? argv[at] ?? '';
      return usageError({ code: 'option-needs-value', path: flags, value: flags });
    }
    case 'commander.missingMandatoryOptionValue': {
      const flags = command.options.find((o) => o.mandatory && command.getOptionValue(o.attributeName()) === undefined)?.flags ?? '';
      return usageError({ code: 'missing-option', path: flags, value: flags });
    }
    case 'commander.excessArguments':
      return usageError({ code: 'too-many-arguments', path: command.name(), limit: command.registeredArguments.length, count: command.args.length });
    default:
      return error;
  }
}
