import { evaluate } from '../../engine/evaluate.js';
import { InputError, usageError } from '../../input/diagnostic.js';
import { closestForm } from '../../input/suggestion.js';
import { Describer } from '../../messages/describe.js';
import type { GapTarget } from '../../reporters/gapReporter.js';
import { formatsOf, outputOf } from '../../reporters/outputFormats.js';
import type { Standard } from '../../standard/loadStandard.js';
import type { SpecialtyDefinition } from '../../standard/standardSchema.js';
import { LabelIndex } from '../../values/labelIndex.js';
import { EXIT_FAILED, EXIT_OK, type CliIO } from '../cliIO.js';
import { option, withAsOf, withCommonOptions, type RegisterCommand } from '../commandLine.js';
import { asOfOption, reportDiagnostics, standardFor, layoutFor, type CommonOptions } from '../options.js';
import { reportFormat, writeReport } from '../reportOutput.js';
import type { ReportOptions } from '../../reporters/reportOptions.js';
import { candidatesOfFile } from './assess.js';

export const gapCommand: RegisterCommand = (program, run) => {
  const d = run.describer;
  withAsOf(withCommonOptions(program.command('gap').argument('<file>', d.t('help.gap.file')), d, formatsOf('gap')), d)
    .description(d.t('help.gap'))
    .addOption(option('--target <specialty:level>', d, 'help.option.target'))
    .addOption(option('--all-specialties', d, 'help.option.allSpecialties'))
    .addOption(option('-o, --output <file>', d, 'help.option.reportOutput'))
    .action(async (file: string, options: GapOptions) => {
      run.exitCode = await gap(file, options, run.io, d.lang);
    });
};

type GapOptions = CommonOptions & { target?: string; allSpecialties?: boolean; output?: string };

async function gap(file: string, options: GapOptions, io: CliIO, lang: Describer['lang']): Promise<number> {
  const format = reportFormat('gap', options.format, options.output);
  const asOf = asOfOption(options.asOf, io);
  const standard = await standardFor(options);
  const describer = new Describer(lang, standard);
  const target = options.target === undefined ? undefined : targetNamed(standard, options.target);
  const loaded = candidatesOfFile(file, standard);
  if (loaded.diagnostics.length > 0) {
    reportDiagnostics(loaded.diagnostics, describer, io);
    return EXIT_FAILED;
  }
  const [candidate] = loaded.candidates;
  if (!candidate || loaded.candidates.length !== 1) throw new InputError([{ code: 'one-candidate-only', file, path: '', count: loaded.candidates.length }]);
  const assessment = evaluate(standard, candidate, { asOf });
  const inputs = [file, ...[options.standard].filter((f) => f !== undefined)];
  const reportOptions: ReportOptions = {
    lang,
    standard,
    ...(await layoutFor(options, io)),
    allSpecialties: options.allSpecialties === true,
    // The pages name the engagements their criteria refer to; the result holds only their indexes and titles.
    engagementsOf: () => candidate.engagements,
  };
  // Without --target: each shown specialty's next level (none for a specialty at its top level); JSON, as data, every
  // specialty's (cli.md). A target names its specialty explicitly, so it is shown even where the person has no
  // practice in it.
  await writeReport(outputOf('gap', format).report(assessment, target, reportOptions), options.output, inputs, io);
  return EXIT_OK;
}

/** `SPECIALTY:LEVEL` (an id or a label; NFKC, so 運用管理：５ with a full-width colon and digit is 運用管理:5). */
function targetNamed(standard: Standard, text: string): GapTarget {
  const m = /^(.+):(\d+)$/.exec(text.normalize('NFKC').trim());
  if (!m) throw usageError({ code: 'bad-target', path: '--target', value: text, expected: standard.specialties.map((s) => s.id) });
  const specialty = specialtyNamed(standard, m[1] ?? '', '--target');
  return { specialty: specialty.id, level: levelNamed(specialty, m[2] ?? '', '--target') };
}

/** A specialty named on the command line, read as candidate files read it (id, ja or en label, NFKC). */
export function specialtyNamed(standard: Standard, name: string, path: string): SpecialtyDefinition {
  const index = new LabelIndex(standard.specialties);
  const id = index.resolve(name);
  const specialty = standard.specialties.find((s) => s.id === id);
  if (specialty) return specialty;
  const suggestion = closestForm(name, index.ids, (i) => standard.specialties.find((s) => s.id === i)?.label.ja);
  throw usageError({ code: 'unknown-specialty', path, value: name, expected: index.ids, ...(suggestion ? { suggestion } : {}) });
}

/** One of the specialty's levels, by its number (full-width digits too). */
export function levelNamed(specialty: SpecialtyDefinition, text: string, path: string): number {
  const level = specialty.levels.find((l) => String(l.level) === text.normalize('NFKC').trim());
  if (level) return level.level;
  throw usageError({ code: 'unknown-level', path, value: text, specialty: specialty.id, expected: specialty.levels.map((l) => String(l.level)) });
}
