/**
 * List cells (candidate-format.md): items separated by `;`, `|`, a line break, `、` or `，`, a known label that
 * itself holds `、` matched whole wherever and however often it appears, and no split within brackets.
 */
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadCandidates } from '../src/candidate/loadCandidate.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';

const standard = builtinStandard();
const INTERNATIONAL = '国際的な運用管理（文化的、社会的並びに、国際的、政治的に厳しい環境）';

function complexityOf(cell: string) {
  const text = stringify({ id: 'L1', engagements: [{ specialty: 'operation-management', role: 'member', from: '2020-04', complexity: cell }] });
  const { candidates, diagnostics } = loadCandidates(text, 'list.yaml', standard);
  return { ids: candidates[0]?.engagements[0]?.complexity, diagnostics };
}

describe('list cells', () => {
  it.each([
    [`${INTERNATIONAL};${INTERNATIONAL}`, ['international']],
    [`${INTERNATIONAL}、高度な運用要件、${INTERNATIONAL}`, ['international', 'advanced-operations']],
    ['国際的な運用管理;高度な運用要件|複雑な契約条件または完了条件', ['international', 'advanced-operations', 'complex-contract']],
  ])('%s reads as %j', (cell, ids) => {
    const { ids: read, diagnostics } = complexityOf(cell);
    expect(diagnostics).toEqual([]);
    expect([...(read ?? [])].sort()).toEqual([...ids].sort());
  });

  it('does not split an unknown item within its brackets: the message names it whole (in NFKC form, as it was matched)', () => {
    const { diagnostics } = complexityOf('高度な運用要件、未知の条件（文化的、社会的）');
    expect(diagnostics.map((d) => [d.code, d.value])).toEqual([['unknown-value', '未知の条件(文化的、社会的)']]);
  });
});
