import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Assessment, CriterionResult } from '../src/engine/assessment.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { loadStandard, type Standard } from '../src/standard/loadStandard.js';
import { evaluate } from '../src/engine/evaluate.js';

export const madeUpStandard: Standard = loadStandard(readFileSync(new URL('./fixtures/made-up-standard.yaml', import.meta.url), 'utf8'), 'made-up-standard.yaml');

/** Assesses a candidate given as a plain object (serialised to YAML so it goes through the real loader). */
export function assess(standard: Standard, candidate: Record<string, unknown>, asOf = '2026-04-01'): Assessment {
  return evaluate(standard, loadCandidate(stringify({ id: 'T1', ...candidate }), 'test.yaml', standard), { asOf });
}

export function criterionOf(assessment: Assessment, specialty: string, level: number, id: string): CriterionResult {
  const s = assessment.specialties.find((x) => x.specialty === specialty);
  const l = s?.levels.find((x) => x.level === level);
  const c = l?.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} at ${specialty} level ${level}`);
  return c;
}

export function specialtyOf(assessment: Assessment, specialty: string) {
  const s = assessment.specialties.find((x) => x.specialty === specialty);
  if (!s) throw new Error(`no specialty ${specialty}`);
  return s;
}

/** A network-ops engagement (made-up standard) that qualifies for level 2 years on its own; cases override one field. */
export const lead = (over: Record<string, unknown> = {}) => ({
  specialty: 'network-ops',
  role: 'lead',
  from: '2019-04',
  to: '2021-03',
  complexity: ['global', 'multi-site'],
  activities: ['on-call', 'design'],
  size: { staff: 100 },
  ...over,
});

/** The scales and size fields of a small standard: ids (and ranks), each labelled by its id in both languages. */
export interface SmallScales {
  role?: [id: string, rank: number][];
  depth?: [id: string, rank: number][];
  knowledgeTransfer?: string[];
  exams?: string[];
  sizeFields?: [id: string, unit: 'people' | 'yen'][];
}

/**
 * A standard of the engine's tests, loaded: the YAML of its `specialties:` block as written (indented two spaces), under
 * scales that default to one role (junior), one depth (basic), one kind of knowledge transfer (talk), no exams and no
 * size fields, so that a test writes only what it is about.
 */
export function smallStandard(id: string, specialties: string, scales: SmallScales = {}): Standard {
  const label = (name: string) => `label: { ja: ${name}, en: ${name} }`;
  const list = (items: string[]) => (items.length === 0 ? ' []' : items.map((item) => `\n    - { ${item} }`).join(''));
  const ranked = (items: [string, number][]) => list(items.map(([name, rank]) => `id: ${name}, rank: ${rank}, ${label(name)}`));
  const named = (items: string[]) => list(items.map((name) => `id: ${name}, ${label(name)}`));
  const sizeFields = (scales.sizeFields ?? []).map(([name, unit]) => `id: ${name}, unit: ${unit}, ${label(name)}`);
  return loadStandard(
    `format: itss-standard/v1
id: ${id}
title: { ja: ${id}, en: ${id} }
scales:
  role:${ranked(scales.role ?? [['junior', 1]])}
  depth:${ranked(scales.depth ?? [['basic', 1]])}
  knowledgeTransfer:${named(scales.knowledgeTransfer ?? ['talk'])}
  exams:${named(scales.exams ?? [])}
sizeFields:${sizeFields.length === 0 ? ' []' : sizeFields.map((field) => `\n  - { ${field} }`).join('')}
specialties:
${specialties}`,
    `${id}.yaml`,
  );
}

/** Every YAML and JSON file under `dir`, at any depth (the project's candidate, standard and mapping files). */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}
