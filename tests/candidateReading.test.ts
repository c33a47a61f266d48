import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { yamlFiles } from './helpers.js';
import { candidateSchemaFor, readCandidateDirectly } from '../src/candidate/candidateSchema.js';
import { parseWithLibrary } from '../src/input/parseYamlSource.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { loadStandard } from '../src/standard/loadStandard.js';
import type { Standard } from '../src/standard/loadStandard.js';
import { candidateArb } from './arbitraries.js';

const builtin = builtinStandard();
const tailored = loadStandard(readFileSync('tests/fixtures/made-up-standard.yaml', 'utf8'), 'made-up-standard.yaml');

/**
 * The direct reading's promise: whatever it reads, the schema reads too, to the same candidate; whatever the schema
 * refuses, it leaves. Returns whether it read the value.
 */
function expectAgreement(value: unknown, standard: Standard): boolean {
  const direct = readCandidateDirectly(value, standard);
  const schema = candidateSchemaFor(standard).safeParse(value, { reportInput: true });
  if (direct === undefined) return false;
  expect(schema.success, `the schema refuses what was read directly: ${JSON.stringify(value)}`).toBe(true);
  expect(direct).toStrictEqual(schema.data);
  return true;
}

const exampleValue = parseWithLibrary(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'e.yaml').documents[0].value;
const madeUpValue = parseWithLibrary(readFileSync('tests/fixtures/made-up-candidate.yaml', 'utf8'), 'c.yaml').documents[0].value;

/** Values a field may be changed to: of every kind, valid and not, labels and ids, dates and amounts in many forms. */
const replacements: unknown[] = [
  null, undefined, '', ' ', 0, -0, 1, 12, 1.5, NaN, Infinity, -Infinity, 1e309, true, [], {}, [1, 'x'], ['a', null], { staff: 3 },
  '運用管理', 'operation-management', 'サービスデスク', 'service-desk', 'devops', 'リーダ', 'リーダー', 'leader', 'member', 'メンバ', 'boss',
  '2019-04', '2019-04-01', '2019/4/1', '令和2年4月1日', 'R2.4.1', '2019-13', '9999-12-31', '2030-01', '1800-01', 2019, 201904,
  '1.8億円', '4億2000万円', '¥420,000,000', '12人', 'many', '高度な運用要件', ['高度な運用要件', '体制'], '高度な運用要件、体制', 'advanced-operations;体制',
  'sla-based-delivery', 'SLAに基づくサービス提供', '後進を指導', 'lead-others', '社内講師', 'success', 'failed', '失敗', 'itss-candidate/v1', 'itss-candidate/v2',
  'サービスレベル管理', ['サービスレベル管理', 'nothing'], 'E0001', '\u0000',
];

/** A path to a field of a document, and the document with that field changed, removed or added. */
function mutated(value: unknown, choices: number[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let at: Record<string, unknown> | unknown[] = copy;
  for (const choice of choices.slice(0, -2)) {
    const keys = Object.keys(at);
    if (keys.length === 0) break;
    const key = keys[choice % keys.length];
    const next = (at)[key];
    if (next === null || typeof next !== 'object') break;
    at = next as Record<string, unknown>;
  }
  const keys = Object.keys(at);
  const [pick, what] = choices.slice(-2) as [number, number];
  const key = keys.length > 0 ? keys[pick % keys.length] : 'x';
  const target = at;
  if (what % 7 === 0) delete target[key];
  else if (what % 7 === 1) target[`unknown${what % 3}`] = replacements[what % replacements.length];
  else target[key] = replacements[what % replacements.length];
  return copy;
}

describe('readCandidateDirectly: the schema\'s candidate, or nothing', () => {
  it('reads the shipped example and the made-up candidate (its tailored standard) directly, as the schema does', () => {
    expect(expectAgreement(exampleValue, builtin)).toBe(true);
    expect(expectAgreement(madeUpValue, tailored)).toBe(true);
  });

  it('agrees with the schema on every candidate file of the project', () => {
    let read = 0;
    const files = ['examples', 'tests/fixtures'].flatMap(yamlFiles);
    for (const file of files) {
      for (const document of parseWithLibrary(readFileSync(file, 'utf8'), file).documents) {
        if (expectAgreement(document.value, builtin)) read++;
      }
    }
    expect(read).toBeGreaterThan(5);
  });

  it('agrees with the schema on generated candidates', () => {
    let read = 0;
    fc.assert(fc.property(candidateArb('mixed'), (candidate) => {
      if (expectAgreement({ id: 'E1', ...candidate }, builtin)) read++;
    }), { numRuns: 300 });
    expect(read).toBeGreaterThan(200);
  });

  it('agrees with the schema on documents with a field changed, removed or added at random', () => {
    let read = 0;
    const runs = Number(process.env.CANDIDATE_READING_RUNS ?? 3000);
    const documents = fc.constantFrom([exampleValue, builtin] as const, [madeUpValue, tailored] as const);
    fc.assert(fc.property(documents, fc.array(fc.nat(), { minLength: 2, maxLength: 6 }),
      ([value, standard], choices) => {
        if (expectAgreement(mutated(value, choices), standard)) read++;
      }), { numRuns: runs });
    // Many changes leave a document still valid: the property is not held by declining everything.
    expect(read).toBeGreaterThan(runs / 20);
  });

  it('leaves every problem to the schema, which words it', () => {
    const first = (exampleValue as { engagements: object[] }).engagements[0];
    const withEngagement = (change: Record<string, unknown>) => ({ ...(exampleValue as object), engagements: [{ ...first, ...change }] });
    for (const value of [
      withEngagement({ role: 'boss' }), withEngagement({ from: '2019-13' }), withEngagement({ to: '2010-01' }), withEngagement({ size: { staff: 'many' } }),
      withEngagement({ extra: 1 }), { ...(exampleValue as object), id: ' ' }, { ...(exampleValue as object), format: 'v2' }, { ...(exampleValue as object), exams: null },
    ]) {
      expect(readCandidateDirectly(value, builtin)).toBeUndefined();
      expect(candidateSchemaFor(builtin).safeParse(value).success).toBe(false);
    }
  });
});
