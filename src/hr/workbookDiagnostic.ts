import type { Diagnostic } from '../input/diagnostic.js';
import type { WorkbookError } from '../tabular/readXlsx.js';

/** Why a workbook was refused whole, as the batch and the diff say it. */
export function workbookDiagnostic(file: string, error: WorkbookError): Diagnostic {
  const detail = error.detail;
  switch (detail.problem) {
    case 'duplicate-sheet':
      return { code: 'duplicate-sheet', file, path: '', value: detail.sheets[0], expected: [detail.sheets[1]] };
    case 'too-large':
      return { code: 'workbook-too-large', file, path: '', value: detail.part, limit: detail.limit };
    default:
      return { code: 'bad-workbook', file, path: '', ...(detail.part ? { value: detail.part } : {}) };
  }
}
