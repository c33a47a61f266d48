import type { Standard } from '../standard/loadStandard.js';

/**
 * The HR tables of candidate-format.md "Batch inputs", joined on candidate_id. Each column names the field of
 * the candidate file it fills, and the Japanese headers HR exports use for it.
 */
export type TableName = 'engagements' | 'expertise' | 'knowledgeTransfer' | 'mentoring' | 'exams';

export interface ColumnDefinition {
  /** Canonical header (English, snake_case). */
  name: string;
  /** Japanese headers accepted for it. */
  ja: string[];
  /** Where the value goes in the record: a field, or `size.<field>`; `candidate_id` and `candidate_name` are the candidate's. */
  field: string;
}

export interface TableDefinition {
  name: TableName;
  /** File or sheet names (without extension), English and Japanese. */
  names: string[];
  columns: ColumnDefinition[];
}

const column = (name: string, field: string, ...ja: string[]): ColumnDefinition => ({ name, field, ja });
const ID = column('candidate_id', 'candidate_id', '社員番号', '従業員番号', '候補者ID');

/** snake_case of a camelCase id: annualContract → annual_contract. */
export function snakeCase(id: string): string {
  return id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/-/g, '_');
}

/** The tables for one standard: the size columns come from the standard's size fields. */
export function hrTables(standard: Standard): TableDefinition[] {
  const sizeColumns = standard.sizeFields.map((f) => column(snakeCase(f.id), `size.${f.id}`, f.label.ja, f.label.ja.replace(/^管理する/, '')));
  return [
    {
      name: 'engagements',
      names: ['engagements', '業務経験'],
      columns: [
        ID,
        column('candidate_name', 'candidate_name', '氏名', '名前'),
        column('title', 'title', '案件名', '業務名'),
        column('specialty', 'specialty', '専門分野'),
        column('role', 'role', '役割'),
        column('from', 'from', '開始', '開始日', '開始年月'),
        column('to', 'to', '終了', '終了日', '終了年月'),
        column('outcome', 'outcome', '結果', '成否'),
        column('complexity', 'complexity', '複雑性'),
        column('activities', 'activities', '活動', '実施内容'),
        ...sizeColumns,
      ],
    },
    {
      name: 'expertise',
      names: ['expertise', '専門性'],
      columns: [ID, column('specialty', 'specialty', '専門分野'), column('areas', 'areas', '領域'), column('depth', 'depth', '深さ', '専門性の深さ')],
    },
    {
      name: 'knowledgeTransfer',
      names: ['knowledge_transfer', 'knowledge-transfer', '技術の継承'],
      columns: [ID, column('kind', 'kind', '種別', '種類'), column('specialties', 'specialties', '専門分野'), column('title', 'title', '題名', 'タイトル'), column('date', 'date', '日付', '年月')],
    },
    {
      name: 'mentoring',
      names: ['mentoring', '後進の育成'],
      columns: [ID, column('mentee', 'mentee', '育成対象', '対象者'), column('specialties', 'specialties', '専門分野'), column('from', 'from', '開始', '開始日')],
    },
    {
      name: 'exams',
      names: ['exams', '資格', '試験'],
      columns: [ID, column('exam', 'exam', '試験', '試験名', '資格名'), column('passed', 'passed', '合格', '合格日', '合格年月')],
    },
  ];
}
