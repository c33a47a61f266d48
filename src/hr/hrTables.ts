import type { Standard } from '../standard/loadStandard.js';

/**
 * The HR tables of candidate-format.md "Batch inputs", joined on candidate_id: every fact about them in one
 * place — their names, their columns with the Japanese headers HR exports use, which columns a table cannot do
 * without, which header tells a table apart, and which cells hold lists. Each table fills the candidate file's
 * list of the same name; `people` (社員マスタ) fills the person's name and department.
 */
export const TABLE_NAMES = ['engagements', 'expertise', 'knowledgeTransfer', 'mentoring', 'exams', 'people'] as const;

export type TableName = (typeof TABLE_NAMES)[number];

export interface ColumnDefinition {
  /** Canonical header (English, snake_case). */
  name: string;
  /** Japanese headers accepted for it. */
  ja: string[];
  /** Where the value goes in the record: a field, or `size.<field>`; `candidate_id`, `candidate_name` and `department` are the candidate's. */
  field: string;
  /** Every row would fail without it: a file lacking it is rejected once, not row by row. */
  required: boolean;
  /** A list cell (`a;b`, `a、b`): a mapping translates its items one by one. */
  list: boolean;
}

export interface TableDefinition {
  name: TableName;
  /** File or sheet names (without extension), English and Japanese. */
  names: string[];
  /** The column whose header tells this table apart from the others when its file name does not. */
  signature: string;
  columns: ColumnDefinition[];
}

interface ColumnFlags {
  required?: boolean;
  list?: boolean;
}

const column = (name: string, field: string, ja: string[], flags: ColumnFlags = {}): ColumnDefinition =>
  ({ name, field, ja, required: flags.required ?? false, list: flags.list ?? false });
const REQUIRED = { required: true };
const LIST = { list: true };
const ID = column('candidate_id', 'candidate_id', ['社員番号', '従業員番号', '候補者ID'], REQUIRED);

/** snake_case of a camelCase id: annualContract → annual_contract. */
function snakeCase(id: string): string {
  return id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/-/g, '_');
}

/** The tables for one standard: the size columns come from the standard's size fields. */
export function hrTables(standard: Standard): TableDefinition[] {
  const sizeColumns = standard.sizeFields.map((f) => column(snakeCase(f.id), `size.${f.id}`, [f.label.ja, f.label.ja.replace(/^管理する/, '')]));
  return [
    {
      name: 'engagements',
      names: ['engagements', '業務経験'],
      signature: 'role',
      columns: [
        ID,
        column('candidate_name', 'candidate_name', ['氏名', '名前']),
        column('title', 'title', ['案件名', '業務名']),
        column('specialty', 'specialty', ['専門分野'], REQUIRED),
        column('role', 'role', ['役割'], REQUIRED),
        column('from', 'from', ['開始', '開始日', '開始年月'], REQUIRED),
        column('to', 'to', ['終了', '終了日', '終了年月']),
        column('outcome', 'outcome', ['結果', '成否']),
        column('complexity', 'complexity', ['複雑性'], LIST),
        column('activities', 'activities', ['活動', '実施内容'], LIST),
        ...sizeColumns,
      ],
    },
    {
      name: 'expertise',
      names: ['expertise', '専門性'],
      signature: 'depth',
      columns: [ID, column('specialty', 'specialty', ['専門分野'], REQUIRED), column('areas', 'areas', ['領域'], { required: true, list: true }), column('depth', 'depth', ['深さ', '専門性の深さ'], REQUIRED)],
    },
    {
      name: 'knowledgeTransfer',
      names: ['knowledge_transfer', 'knowledge-transfer', '技術の継承'],
      signature: 'kind',
      columns: [ID, column('kind', 'kind', ['種別', '種類'], REQUIRED), column('specialties', 'specialties', ['専門分野'], LIST), column('title', 'title', ['題名', 'タイトル']), column('date', 'date', ['日付', '年月'])],
    },
    {
      name: 'mentoring',
      names: ['mentoring', '後進の育成'],
      signature: 'mentee',
      columns: [ID, column('mentee', 'mentee', ['育成対象', '対象者']), column('specialties', 'specialties', ['専門分野'], LIST), column('from', 'from', ['開始', '開始日'])],
    },
    {
      name: 'people',
      names: ['people', '社員', '社員マスタ', '従業員', '従業員マスタ'],
      signature: 'department',
      columns: [ID, column('candidate_name', 'candidate_name', ['氏名', '名前']), column('department', 'department', ['所属', '部署', '部門'])],
    },
    {
      name: 'exams',
      names: ['exams', '資格', '試験'],
      signature: 'exam',
      columns: [ID, column('exam', 'exam', ['試験', '試験名', '資格名'], REQUIRED), column('passed', 'passed', ['合格', '合格日', '合格年月'])],
    },
  ];
}
