import { describe, expect, it } from 'vitest';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { loadCandidates } from '../src/candidate/loadCandidate.js';

const standard = builtinStandard();
const load = (text: string) => loadCandidates(text, 'c.yaml', standard);
const engagement = (lines: string) => `id: E1\nengagements:\n  - specialty: operation-management\n    role: leader\n    from: 2019-04\n${lines}`;

describe('candidate values by id or label (rules.md §8)', () => {
  it('resolves Japanese labels, full source wording and full-width forms within each field', () => {
    const { candidates, diagnostics } = load(`id: 1234
engagements:
  - specialty: 運用管理
    role: 責任者
    from: ２０１９年４月
    to: 2022/3/31
    outcome: 成功
    complexity: "体制（複雑な協業関係、複数の関係部門）；高度な運用要件"
    activities: [サービスレベルアグリーメントに基づき、…最適コストでのサービス提供]
    size: { staff: "1,200", annualContract: ７．５億円 }
expertise:
  - { specialty: サービスデスク, areas: 運用管理, depth: 独力で実践 }
knowledgeTransfer:
  - { kind: 学会、委員会等プロフェッショナルコミュニティ活動, specialties: 運用管理、サービスデスク }
`);
    expect(diagnostics).toEqual([]);
    const [c] = candidates;
    expect(c.id).toBe('1234');
    expect(c.engagements[0]).toMatchObject({
      specialty: 'operation-management',
      role: 'manager',
      outcome: 'success',
      complexity: ['complex-organization', 'advanced-operations'],
      activities: ['sla-based-delivery'],
      size: { staff: 1200, annualContract: 750000000 },
    });
    // 運用管理 is a specialty in one field and a サービスデスク area in another.
    expect(c.expertise[0]).toEqual({ specialty: 'service-desk', areas: ['operations-management'], depth: 'independent' });
    expect(c.knowledgeTransfer[0]).toMatchObject({ kind: 'community', specialties: ['operation-management', 'service-desk'] });
  });

  it('reads katakana with or without the final long-vowel mark (リーダー = リーダ)', () => {
    const { candidates, diagnostics } = load(`id: E2
engagements:
  - { specialty: サービスデスク, role: リーダー, from: 2020-04 }
expertise:
  - { specialty: サービスデスク, areas: [テクノロジー], depth: 独力で実践 }
`);
    expect(diagnostics).toEqual([]);
    expect(candidates[0].engagements[0].role).toBe('leader');
    expect(candidates[0].expertise[0].areas).toEqual(['technology']);
  });

  it('accepts a candidate with no engagements', () => {
    expect(load('id: E9\n').candidates).toHaveLength(1);
  });

  it('reads several YAML documents as several candidates', () => {
    expect(load('id: A\n---\nid: B\n').candidates.map((c) => c.id)).toEqual(['A', 'B']);
  });
});

describe('bad input names file, line, column, path, value and what was expected', () => {
  it.each([
    ['an unknown key', 'id: E1\nengagments: []\n', { code: 'unknown-key', line: 2, column: 1, path: 'engagments', value: 'engagments' }],
    ['__proto__', 'id: E1\n__proto__: { polluted: true }\n', { code: 'unknown-key', line: 2, path: '__proto__' }],
    ['a missing id', 'name: x\n', { code: 'missing', path: 'id' }],
    ['an unknown specialty', engagement('').replace('operation-management', 'devops'), { code: 'unknown-value', line: 3, path: 'engagements[0].specialty', value: 'devops' }],
    ['a condition of another specialty', engagement('    complexity: [advanced-supported-systems]\n'), { code: 'unknown-value', line: 6, path: 'engagements[0].complexity[0]', value: 'advanced-supported-systems' }],
    ['a bad date', engagement('    to: 2022-13\n'), { code: 'bad-date', line: 6, path: 'engagements[0].to', value: '2022-13' }],
    ['to before from', engagement('    to: 2018-03\n'), { code: 'to-before-from', line: 6, path: 'engagements[0].to' }],
    ['negative people', engagement('    size: { staff: -3 }\n'), { code: 'bad-people', line: 6, path: 'engagements[0].size.staff', value: -3 }],
    ['fractional people', engagement('    size: { staff: 2.5 }\n'), { code: 'bad-people', path: 'engagements[0].size.staff' }],
    ['bad money', engagement('    size: { annualContract: 四億 }\n'), { code: 'bad-yen', path: 'engagements[0].size.annualContract', value: '四億' }],
    ['an unknown size field', engagement('    size: { people: 3 }\n'), { code: 'unknown-key', path: 'engagements[0].size.people' }],
    ['a YAML syntax error', 'id: [E1\n', { code: 'syntax' }],
    ['a list instead of a candidate', '- id: E1\n', { code: 'not-an-object' }],
  ])('%s', (_name, text, expected) => {
    const { candidates, diagnostics } = load(text);
    expect(candidates).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ file: 'c.yaml', ...expected });
    expect(diagnostics[0].line).toBeGreaterThan(0);
  });

  it('lists the valid ids of the field when a value is unknown', () => {
    const { diagnostics } = load(engagement('    complexity: [nope]\n'));
    expect(diagnostics[0].expected).toContain('complex-organization');
    expect(diagnostics[0].expected).toContain('international');
  });

  it('bounds YAML alias expansion', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}]`);
    const { diagnostics } = load(`id: E1\n${bomb.join('\n')}\n`);
    expect(diagnostics[0].code).toBe('too-many-aliases');
  });
});
