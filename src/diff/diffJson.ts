import type { PersonRef, ResultsDiff, RunInfo } from './diffResults.js';

/**
 * `itss diff --format json` (cli.md "itss diff OLD NEW"): ids and numbers, no sentences. `old` and `new` (file,
 * format, asOf and standard — null where a CSV or a workbook does not record them —, people), the specialties
 * compared, `changes`, `added`, `removed`, `blocking`, then what was said about the files: `warnings` (a code and
 * its arguments) and `excluded` (ids colliding after NFKC, left out). A person is always id, name, department (null
 * where the file has none).
 */
export function diffJson(diff: ResultsDiff): string {
  const who = (p: PersonRef) => ({ id: p.id, name: p.name, department: p.department });
  const run = (r: RunInfo) => ({ file: r.file, format: r.format, asOf: r.asOf, standard: r.standard, people: r.people });
  const value = {
    old: run(diff.old),
    new: run(diff.new),
    specialties: diff.specialties,
    changes: diff.changes.map((c) => ({ ...who(c), specialty: c.specialty, from: c.from, to: c.to })),
    added: diff.added.map(who),
    removed: diff.removed.map(who),
    blocking: diff.blocking.map((b) => ({ ...who(b), specialty: b.specialty, level: b.level, criterion: b.criterion, change: b.change })),
    warnings: diff.warnings.map((w) => ({ code: w.code, ...w.params })),
    excluded: diff.excluded.map((e) => ({
      file: e.file,
      ...(e.line !== undefined ? { line: e.line } : {}),
      ...(e.record !== undefined ? { record: e.record } : {}),
      id: e.params?.value,
      key: e.params?.key,
      other: e.params?.other,
    })),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}
