import { InputError, formatPath, type Diagnostic } from '../input/diagnostic.js';
import { parseYamlSource } from '../input/parseYamlSource.js';
import { closestForm } from '../input/suggestion.js';
import { checkStandardReferences, standardSchema, type StandardDocument } from './standardSchema.js';
import { zodDiagnostics } from '../input/zodDiagnostics.js';

/** A validated standard: plain data, safe to serialise (the built-in one ships precompiled as JSON). */
export type Standard = StandardDocument;

/**
 * Parses and validates a standard file (`itss-standard/v1`, YAML or JSON).
 * Throws InputError with located diagnostics when the file is malformed or refers to unknown ids.
 */
export function loadStandard(text: string, file = '<standard>'): Standard {
  const { documents, diagnostics } = parseYamlSource(text, file);
  if (diagnostics.length > 0) throw new InputError(diagnostics);
  if (documents.length !== 1) {
    throw new InputError([{ code: documents.length === 0 ? 'empty' : 'not-allowed', file, line: 1, column: 1, path: '', value: documents.length, expected: ['1 document'] }]);
  }
  const source = documents[0]!;
  const result = standardSchema.safeParse(source.value, { reportInput: true });
  if (!result.success) throw new InputError(zodDiagnostics(result.error, standardSchema, source, file));
  const references = checkStandardReferences(result.data);
  if (references.length > 0) {
    throw new InputError(
      references.map((issue): Diagnostic => {
        const suggestion = issue.code === 'unknown-id' ? closestForm(issue.value, issue.expected) : undefined;
        return { code: issue.code, file, ...source.locate(issue.path), path: formatPath(issue.path),
          value: issue.value, expected: issue.expected, ...(suggestion ? { suggestion } : {}) };
      }),
    );
  }
  return sortLevels(result.data);
}

/** Levels lowest first, whatever order the file lists them in (the source lists them top down). */
function sortLevels(doc: StandardDocument): StandardDocument {
  return {
    ...doc,
    specialties: doc.specialties.map((s) => ({ ...s, levels: [...s.levels].sort((a, b) => a.level - b.level) })),
  };
}
