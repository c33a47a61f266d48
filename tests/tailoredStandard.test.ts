import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_STANDARD_PATH } from '../src/standard/builtinStandard.js';
import { InputError } from '../src/input/diagnostic.js';
import { evaluate } from '../src/engine/evaluate.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { loadStandard } from '../src/standard/loadStandard.js';

const builtinText = readFileSync(BUILTIN_STANDARD_PATH, 'utf8');
const exampleText = readFileSync('examples/yamada-hanako.yaml', 'utf8');
const verdicts = (standardText: string) => {
  const standard = loadStandard(standardText, 'tailored.yaml');
  const assessment = evaluate(standard, loadCandidate(exampleText, 'example.yaml', standard), { asOf: '2026-04-01' });
  return assessment.specialties.flatMap((s) => s.levels.flatMap((l) => l.criteria.map((c) => `${s.specialty}/${l.level}/${c.id}:${c.met}`)));
};

describe('a tailored standard (自社版ITSS, --standard)', () => {
  it('parsed from data/ is the standard the package ships precompiled (dist/standard.json), with the same results', () => {
    // dist/ is built before the tests (npm test's pretest); the CLI's built-in standard is this file.
    const shipped = JSON.parse(readFileSync('dist/standard.json', 'utf8'));
    expect(loadStandard(builtinText, 'tailored.yaml')).toEqual(shipped);
    const run = (...extra: string[]) => execFileSync(process.execPath, ['bin/itss.js', 'assess', 'examples/yamada-hanako.yaml', '--as-of', '2026-04-01', '--format', 'json', ...extra], { encoding: 'utf8' });
    expect(run('--standard', BUILTIN_STANDARD_PATH)).toBe(run());
  });

  it('changes exactly the verdicts its one edited threshold decides', () => {
    // 運用管理 level 5 size: 75人 → 40人. The example's 48-person 責任者 engagement (2023-04 .. ongoing, 36 months
    // on 2026-04-01) now meets level 5's size, so it also counts toward level 5's years (以上, rules.md §2.1).
    const edited = builtinText.replace(
      '              - anyOf: { staff: 75, annualContract: 750000000 }\n                source: 管理する要員数が７５人以上または年間契約金額７．５億円以上',
      '              - anyOf: { staff: 40, annualContract: 750000000 }\n                source: 管理する要員数が７５人以上または年間契約金額７．５億円以上',
    );
    expect(edited).not.toBe(builtinText);
    const before = verdicts(builtinText);
    const after = verdicts(edited);
    const changed = after.filter((v, i) => v !== before[i]);
    expect(changed).toEqual(['operation-management/5/responsibility:true', 'operation-management/5/size:true']);
  });

  it('is rejected, naming the unknown id and the ids that exist', () => {
    const broken = builtinText.replace('depth: company', 'depth: galaxy');
    try {
      loadStandard(broken, 'broken.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const [d] = (error as InputError).diagnostics;
      expect(d).toMatchObject({ code: 'unknown-id', file: 'broken.yaml', value: 'galaxy' });
      expect(d.path).toMatch(/^specialties\[0\]\.levels\[\d\]\.criteria\[3\]\.depth$/);
      expect(d.expected).toContain('industry-leader');
      expect(broken.split('\n')[d.line! - 1]).toContain('galaxy');
    }
  });

  it.each([
    ['a criterion kind that does not exist', (t: string) => t.replace('- kind: mentoring', '- kind: charisma'), 'not-allowed'],
    ['a threshold that is not a number', (t: string) => t.replace('staff: 250,', 'staff: many,'), 'wrong-type'],
    ['an unknown key', (t: string) => t.replace('    areasRequired: all', '    areasRequired: all\n    areasRequried: all'), 'unknown-key'],
    ['a wrong format', (t: string) => t.replace('format: itss-standard/v1', 'format: itss-standard/v9'), 'not-allowed'],
  ])('rejects %s', (_name, edit, code) => {
    const text = edit(builtinText);
    expect(text).not.toBe(builtinText);
    expect(() => loadStandard(text, 'x.yaml')).toThrow(InputError);
    try {
      loadStandard(text, 'x.yaml');
    } catch (error) {
      expect((error as InputError).diagnostics[0].code).toBe(code);
    }
  });
});
