/**
 * How a mapping binds an export's files to the HR tables: one file feeding several tables (each reading its own
 * columns of the same rows), and the value maps a column reads (`specialty` for the `specialties` lists too).
 */
import { describe, expect, it } from 'vitest';
import { candidateFromDocument } from '../src/candidate/loadCandidate.js';
import { readInputs } from '../src/batch/readInputs.js';
import { bindHrTables, identifyTables } from '../src/hr/bindHrTable.js';
import { hrTables } from '../src/hr/hrTables.js';
import { joinHrTables } from '../src/hr/joinHrTables.js';
import { loadMapping, valueMap } from '../src/hr/loadMapping.js';
import type { CsvTable } from '../src/tabular/readCsv.js';
import { RowStore } from '../src/tabular/rowStore.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { tempFolder } from './cliHarness.js';

const standard = builtinStandard();
const definitions = hrTables(standard);
const mapping = (yaml: string) => loadMapping(`format: itss-mapping/v1\n${yaml}`, 'mapping.yaml', standard);

function csv(file: string, header: string[], rows: string[][]): CsvTable {
  const table: CsvTable = { file, encoding: 'utf-8', header, rows: new RowStore(), rowNumbers: [], badRows: [] };
  rows.forEach((row, i) => {
    table.rows.push(row);
    table.rowNumbers.push(i + 2);
  });
  return table;
}

describe('identifyTables', () => {
  const header = ['社員番号', '氏名', '所属', '専門分野', '役割', '開始'];
  const both = 'tables: { people: { files: [職務経歴] }, engagements: { files: [職務経歴.csv] } }';
  const people = 'tables: { people: { files: [職務経歴] } }';
  const others = 'tables: { people: { files: [社員マスタ] } }';
  it.each([
    ['the mapping names the file for two tables: both, in the standard’s order of tables', both, header, ['engagements', 'people']],
    ['the mapping names it for one: that one, whatever its headers', people, header, ['people']],
    ['the mapping names other files: told by its headers (役割 is the engagements’ signature)', others, ['社員番号', '役割'], ['engagements']],
    ['the mapping names other files, and the headers fit two tables (所属, 役割): none', others, header, []],
  ])('%s', (_case, yaml, headers, tables) => {
    expect(identifyTables('/x/職務経歴.csv', headers, definitions, mapping(yaml)).map((d) => d.name)).toEqual(tables);
  });

  it('without a mapping, one table by the file’s name', () => {
    expect(identifyTables('/x/業務経験.csv', ['社員番号', '所属'], definitions, undefined).map((d) => d.name)).toEqual(['engagements']);
  });
});

describe('bindHrTables: one file, several tables', () => {
  const engagements = definitions.find((d) => d.name === 'engagements')!;
  const people = definitions.find((d) => d.name === 'people')!;

  it('binds each table to its own columns of the same rows, under the mapping', () => {
    const file = csv('職務経歴.csv', ['社員CD', '氏名', '部署', '職種', '役職', '着任日'], [['E1', '山田 花子', '運用部', '運用管理', 'リーダ', '2019/04/01']]);
    const map = mapping(
      'tables:\n  people: { files: [職務経歴], columns: { candidate_id: 社員CD, department: 部署 } }\n' +
        '  engagements: { files: [職務経歴], columns: { candidate_id: 社員CD, specialty: 職種, role: 役職, from: 着任日 } }\n',
    );
    const { tables, diagnostics } = bindHrTables(file, [engagements, people], map);
    expect(diagnostics).toEqual([]);
    expect(tables.map((t) => [t.table, t.csv === file, t.columns.map((c) => `${c.name}←${c.header}`)])).toEqual([
      // 氏名, a header of candidate_name that neither names, is read by both as it is.
      ['engagements', true, ['candidate_id←社員CD', 'candidate_name←氏名', 'specialty←職種', 'role←役職', 'from←着任日']],
      ['people', true, ['candidate_id←社員CD', 'candidate_name←氏名', 'department←部署']],
    ]);
    expect(tables.every((t) => t.underMapping)).toBe(true);
  });

  it('without `columns`, a header is unknown only when no table of the file reads it', () => {
    const file = csv('export.csv', ['社員番号', '氏名', '所属', '専門分野', '役割', '開始', '備考'], []);
    const map = mapping('tables: { people: { files: [export] }, engagements: { files: [export] } }\n');
    const { tables, diagnostics } = bindHrTables(file, [engagements, people], map);
    // 所属 is the person master's, 専門分野 the engagements': only 備考 is read by neither.
    expect(tables).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.value, d.column])).toEqual([['unknown-column', '備考', 7]]);
    // Bound alone, the engagements table would have 所属 unknown too.
    expect(bindHrTables(file, [engagements], undefined).diagnostics.map((d) => d.value)).toEqual(['所属', '備考']);
  });

  it('marks a table read without a mapping, for messages to say there is none to add to', () => {
    const file = csv('業務経験.csv', ['社員番号', '専門分野', '役割', '開始'], []);
    expect(bindHrTables(file, [engagements], undefined).tables.map((t) => t.underMapping)).toEqual([false]);
    expect(bindHrTables(file, [engagements], mapping('ignore: [x]\n')).tables.map((t) => t.underMapping)).toEqual([true]);
  });

  it('joins the rows of a shared file once per table: a person’s name and department from the rows of their engagements', () => {
    const file = csv('職務経歴.csv', ['社員番号', '氏名', '所属', '専門分野', '役割', '開始'], [
      ['E1', '山田 花子', '運用部', '運用管理', 'リーダ', '2019/04/01'],
      ['', '無記名', '運用部', '運用管理', 'リーダ', '2019/04/01'],
      ['E1', '山田 花子', '運用部', 'サービスデスク', 'メンバ', '2020/04/01'],
    ]);
    const map = mapping('tables: { people: { files: [職務経歴] }, engagements: { files: [職務経歴] } }\n');
    const { tables } = bindHrTables(file, [engagements, people], map);
    const joined = joinHrTables(tables, standard);
    // The row without an id, once (not once per table).
    expect(joined.diagnostics.map((d) => [d.code, d.line])).toEqual([['no-candidate-id', 3]]);
    const candidate = joined.units[0].candidate!()!;
    expect([candidate.id, candidate.name, candidate.department]).toEqual(['E1', '山田 花子', '運用部']);
    expect(candidate.engagements.map((e) => e.specialty)).toEqual(['operation-management', 'service-desk']);
  });
});

describe('valueMap: the maps a column reads, later ones winning', () => {
  const map = mapping(
    [
      'values:',
      '  specialty: { ヘルプデスク: service-desk, 運用設計: operation-management, 基盤: system-management }',
      '  specialties: { 基盤: operation }',
      'tables:',
      '  engagements: { values: { specialty: { 運用設計: operation } } }',
      '  mentoring: { values: { specialties: { ヘルプデスク: operation-management } } }',
      '',
    ].join('\n'),
  );
  // What ヘルプデスク, 運用設計 and 基盤 read as.
  const reads = (ヘルプデスク: string, 運用設計: string, 基盤: string) => ({ ヘルプデスク, 運用設計, 基盤 });
  it.each([
    ['knowledge transfer’s specialties: the shared specialty map, the shared specialties over it', 'knowledgeTransfer', 'specialties',
      reads('service-desk', 'operation-management', 'operation')],
    ['mentoring’s specialties: its own specialties map over both', 'mentoring', 'specialties',
      reads('operation-management', 'operation-management', 'operation')],
    ['engagements’ specialty: its own map over the shared one (no specialties map)', 'engagements', 'specialty',
      reads('service-desk', 'operation', 'system-management')],
    ['expertise’s specialty: the shared map alone (not another table’s)', 'expertise', 'specialty',
      reads('service-desk', 'operation-management', 'system-management')],
  ] as const)('%s', (_case, table, column, expected) => {
    expect(Object.fromEntries(valueMap(map, table, column) ?? [])).toEqual(expected);
  });

  it('has no map for specialties when no specialty or specialties map is given', () => {
    expect(valueMap(mapping('values: { role: { 主任: leader } }\n'), 'knowledgeTransfer', 'specialties')).toBeUndefined();
  });

  it('reads a knowledge transfer’s and a mentoring’s specialties through the specialty map, on the fast path and the schema’s alike', async () => {
    const folder = tempFolder('itss-specialties-map-');
    const files = [
      folder.write('業務経験.csv', '社員番号,専門分野,役割,開始\nE1,ヘルプデスク,リーダ,2019/04/01\n'),
      folder.write('技術の継承.csv', '社員番号,種別,専門分野\nE1,社内論文掲載,ヘルプデスク、運用設計\n'),
      folder.write('後進の育成.csv', '社員番号,育成対象,専門分野\nE1,佐藤,"運用設計;基盤"\n'),
    ];
    const read = await readInputs(files, { standard, mapping: map });
    expect(read.rejections).toEqual([]);
    const [unit] = joinHrTables(read.tables, standard).units;
    const fast = unit.candidate!()!;
    const schema = candidateFromDocument(unit.document(), unit.file, standard);
    expect(schema.diagnostics).toEqual([]);
    for (const candidate of [fast, schema.candidate!]) {
      expect(candidate.knowledgeTransfer.map((k) => k.specialties)).toEqual([['service-desk', 'operation-management']]);
      expect(candidate.mentoring.map((m) => m.specialties)).toEqual([['operation-management', 'operation']]);
    }
  });
});
