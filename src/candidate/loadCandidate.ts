import { InputError, type Diagnostic } from '../input/diagnostic.js';
import type { Candidate } from './candidate.js';
import { candidateSchemaFor, readCandidateDirectly } from './candidateSchema.js';
import { japaneseLabels } from '../standard/japaneseLabels.js';
import type { Standard } from '../standard/loadStandard.js';
import { checkShape, parseYamlSource, type SourceDocument } from '../input/parseYamlSource.js';
import { zodDiagnostics } from '../input/zodDiagnostics.js';

/** Records a candidate's list may hold (a career of engagements, exams …). */
const MAX_RECORDS = 1_000;

export interface LoadedCandidates {
  candidates: Candidate[];
  /** Problems of documents that could not be used; the other documents still load. */
  diagnostics: Diagnostic[];
}

/** Validates one parsed document as a candidate. */
export function candidateFromDocument(source: SourceDocument, file: string, standard: Standard): { candidate?: Candidate; diagnostics: Diagnostic[] } {
  if (source.value === null || typeof source.value !== 'object' || Array.isArray(source.value)) {
    return { diagnostics: [{ code: 'not-an-object', file, ...source.locate([]), path: '', value: Array.isArray(source.value) ? '[…]' : source.value, expected: ['a mapping with id, engagements, …'] }] };
  }
  // Documents assembled from HR tables were not parsed as YAML: their cells are checked here (control characters).
  const shape = checkShape(source, file);
  if (shape.length > 0) return { diagnostics: shape };
  // No person has thousands of engagements: such a list is refused before validation would build an issue per cell.
  for (const list of ['engagements', 'expertise', 'knowledgeTransfer', 'mentoring', 'exams']) {
    const records = (source.value as Record<string, unknown>)[list];
    if (Array.isArray(records) && records.length > MAX_RECORDS) return { diagnostics: [{ code: 'too-many-records', file, ...source.locate([list]), path: list, limit: MAX_RECORDS, count: records.length }] };
  }
  // Plainly valid documents are read without the schema; it judges and words everything else.
  const direct = readCandidateDirectly(source.value, standard);
  if (direct) return { candidate: direct, diagnostics: [] };
  const schema = candidateSchemaFor(standard);
  const result = schema.safeParse(source.value, { reportInput: true });
  if (result.success) return { candidate: result.data, diagnostics: [] };
  const labels = japaneseLabels(standard);
  return { diagnostics: zodDiagnostics(result.error, schema, source, file, (id) => labels.get(id)) };
}

/** Every candidate of a YAML or JSON text (several YAML documents give several candidates). */
export function loadCandidates(text: string, file: string, standard: Standard): LoadedCandidates {
  const parsed = parseYamlSource(text, file);
  const out: LoadedCandidates = { candidates: [], diagnostics: [...parsed.diagnostics] };
  for (const document of parsed.documents) {
    const { candidate, diagnostics } = candidateFromDocument(document, file, standard);
    if (candidate) out.candidates.push(candidate);
    out.diagnostics.push(...diagnostics);
  }
  if (out.candidates.length === 0 && out.diagnostics.length === 0) {
    out.diagnostics.push({ code: 'empty', file, line: 1, column: 1, path: '', expected: ['a candidate'] });
  }
  return out;
}

/** Exactly one candidate from a text; throws InputError otherwise. */
export function loadCandidate(text: string, file: string, standard: Standard): Candidate {
  const { candidates, diagnostics } = loadCandidates(text, file, standard);
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  if (candidates.length !== 1) throw new InputError([{ code: 'not-allowed', file, line: 1, column: 1, path: '', value: candidates.length, expected: ['1 document'] }]);
  return candidates[0]!;
}
