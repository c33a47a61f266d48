import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempFolder } from './cliHarness.js';

const EXAMPLE = 'examples/hr-mapping';

/** The shipped example export, copied, with a mapping and history changed by `edit`. */
function export_(editMapping: (text: string) => string = (t) => t, extraRows = '') {
  const folder = tempFolder('itss-validate-map-');
  for (const file of ['社員マスタ.csv', '部署一覧.csv']) copyFileSync(join(EXAMPLE, file), join(folder.dir, file));
  const history = folder.write('職務経歴.csv', readFileSync(join(EXAMPLE, '職務経歴.csv'), 'utf8') + extraRows);
  const mapping = folder.write('mapping.yaml', editMapping(readFileSync(join(EXAMPLE, 'mapping.yaml'), 'utf8')));
  return { folder, mapping, files: [join(folder.dir, '社員マスタ.csv'), history, join(folder.dir, '部署一覧.csv')], history };
}

describe('itss validate --map', () => {
  it('passes the shipped example: every table read, nothing assessed, exit 0', async () => {
    const { mapping, files } = export_();
    const run = await runCli(['validate', '--map', mapping, ...files]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('社員マスタ.csv: valid (people, 3 row(s))');
    expect(run.stdout).toContain('職務経歴.csv: valid (engagements, 3 row(s))');
  });

  it('lists every unknown value with its file, row, header, the valid values, a did-you-mean and how to map it; exit 1', async () => {
    const rows = 'A-0103,x,基盤運用,係長,2019/13/01,,abc,,大規模,\nA-0104,y,基盤運用,係長,2019/04/01,,3,,,\nA-0105,z,運用設計・運用管理,leadr,2019/04/01,,3,,,\n';
    const { mapping, files, history } = export_(undefined, rows);
    const run = await runCli(['validate', '--map', mapping, ...files]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    // 係長 once, at its first row, its other row named; the export's header, not engagements[3].role.
    const role = lines.filter((l) => l.includes('“係長”'));
    expect(role).toHaveLength(1);
    expect(role[0]).toContain(`${history}:5:4: column “役職”: unknown value “係長”`);
    expect(role[0]).toContain('rows 6 too');
    expect(role[0]).toContain('under `role:` of `values:` in the mapping');
    expect(run.stderr).not.toMatch(/engagements\[\d\]/);
    expect(lines.find((l) => l.includes("“leadr”"))).toContain("did you mean “leader”");
    expect(lines.find((l) => l.includes('2019/13/01'))).toContain('column “着任日”');
    expect(lines.find((l) => l.includes('“abc”'))).toContain('column “要員数（名）”');
    expect(lines.find((l) => l.includes('“大規模”'))).toContain('column “複雑性区分”');
    expect(run.stdout).toContain('職務経歴.csv: 5 problem(s) (engagements, 6 row(s))');
  });

  it('names a mapped header the file lacks, with a did-you-mean from its headers, and a value map itss cannot read', async () => {
    const { mapping, files } = export_((t) => t.replace('title: プロジェクト名', 'title: プロジェクト命').replace('主任: leader', '主任: leeder'));
    const run = await runCli(['validate', '--map', mapping, ...files], { LANG: 'ja_JP.UTF-8' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('列「プロジェクト命」がありません');
    expect(run.stderr).toContain('「プロジェクト名」の誤りではありませんか');
    // At the line of the mapping's value map for roles.
    const line = readFileSync('examples/hr-mapping/mapping.yaml', 'utf8').split('\n').findIndex((l) => l.startsWith('  role:')) + 1;
    expect(run.stderr).toMatch(new RegExp(`mapping\\.yaml:${line}:\\d+: values\\.role\\.主任: 不明な値「leeder」.*「leader」の誤りではありませんか`));
  });

  it('words its problems in Japanese, with how to map an unknown value', async () => {
    const { mapping, files } = export_(undefined, 'A-0103,x,基盤運用,係長,2019/04/01,,3,,,\n');
    const run = await runCli(['validate', '--map', mapping, ...files], { LANG: 'ja_JP.UTF-8' });
    expect(run.stderr).toContain('列「役職」: 不明な値「係長」');
    expect(run.stderr).toContain('`values:` の `role:` の下に「係長: 上の使える値のどれか」を加えてください');
    expect(run.stdout).toContain('職務経歴.csv: 問題1件（業務経験、4行）');
  });

  it('gives its problems as data with --format json', async () => {
    const { mapping, files } = export_(undefined, 'A-0103,x,基盤運用,係長,2019/04/01,,3,,,\n');
    const run = await runCli(['validate', '--map', mapping, '--format', 'json', ...files]);
    const out = JSON.parse(run.stdout) as { valid: boolean; problems: Record<string, unknown>[] };
    expect(out.valid).toBe(false);
    expect(out.problems).toEqual([expect.objectContaining({ code: 'unknown-value', line: 5, header: '役職', mapColumn: 'role', value: '係長', message: expect.stringContaining('values:') })]);
  });

  it('exits 2 when the mapping is invalid or no table can be read', async () => {
    const bad = export_((t) => t.replace('carry:', 'cary:'));
    expect((await runCli(['validate', '--map', bad.mapping, ...bad.files])).code).toBe(2);
    const { mapping, folder } = export_();
    const other = folder.write('other.csv', 'a,b\n1,2\n');
    const run = await runCli(['validate', '--map', mapping, other]);
    expect(run.code).toBe(2);
  });

  it('without --map, says a mapping was checked alone and how to check it against the export', async () => {
    const { mapping } = export_();
    const run = await runCli(['validate', mapping]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`itss validate --map ${mapping} FILE…`);
  });
});

describe('batch messages about an HR export', () => {
  it("name the export's header and row, not the candidate's internal path, and say how to map an unknown value", async () => {
    const { mapping, files, folder } = export_(undefined, 'A-0103,x,基盤運用,係長,2019/04/01,,3,,,\n');
    const run = await runCli(['batch', ...files, '--map', mapping, '-o', join(folder.dir, 'out.jsonl')], { LANG: 'ja_JP.UTF-8' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('職務経歴.csv:5:4: 列「役職」: 不明な値「係長」');
    expect(run.stderr).toContain('`values:` の `role:` の下に');
    expect(run.stderr).not.toMatch(/engagements\[\d\]/);
  });

  it('suggest the nearest header for a misspelt mapped column', async () => {
    const { mapping, files, folder } = export_((t) => t.replace('from: 着任日', 'from: 着任目'));
    const errors = join(folder.dir, 'errors.csv');
    await runCli(['batch', ...files, '--map', mapping, '-o', join(folder.dir, 'out.jsonl'), '--errors', errors]);
    // The errors file's code, value and suggestion columns: the verdict, whatever the sentence says.
    const rows = readFileSync(errors, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
    expect(rows.map((cells) => [cells[5], cells[6], cells[8]])).toContainEqual(['missing-column', '着任目', '着任日']);
  });
});

/** A career export holding the person master's columns too (部署 nowhere else), and a mapping naming it for both tables. */
function careerExport(rows = '') {
  const folder = tempFolder('itss-one-file-');
  const history = folder.write(
    '職務経歴.csv',
    '社員CD,氏名,部署,職種,役職,着任日\nE1,山田 花子,運用部,運用管理,リーダ,2019/04/01\nE1,山田 花子,運用部,運用管理,メンバ,2018/04/01\nE2,佐藤 一郎,基盤部,システム管理,メンバ,2020/04/01\n' + rows,
  );
  const mapping = folder.write(
    'mapping.yaml',
    [
      'format: itss-mapping/v1',
      'tables:',
      '  people:',
      '    files: [職務経歴]',
      '    columns: { candidate_id: 社員CD, candidate_name: 氏名, department: 部署 }',
      '  engagements:',
      '    files: [職務経歴]',
      '    columns: { candidate_id: 社員CD, specialty: 職種, role: 役職, from: 着任日 }',
      '',
    ].join('\n'),
  );
  return { folder, history, mapping };
}

describe('one file feeding two tables (a career export with 部署, no person master)', () => {
  it('itss validate --map reads the file as each table it is named for', async () => {
    const { history, mapping } = careerExport();
    const run = await runCli(['validate', '--map', mapping, '--format', 'json', history]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { valid: boolean; tables: { file: string; table: string; rows: number; valid: boolean }[] };
    expect(out.valid).toBe(true);
    expect(out.tables).toEqual([
      { file: history, table: 'engagements', rows: 3, valid: true },
      { file: history, table: 'people', rows: 3, valid: true },
    ]);
    const ja = await runCli(['validate', '--map', mapping, history], { LANG: 'ja_JP.UTF-8' });
    expect(ja.stdout.trim().split('\n')).toEqual([`${history}: 問題ありません（業務経験、3行）`, `${history}: 問題ありません（社員、3行）`]);
  });

  it('itss batch carries each person’s 部署 into the results (所属), from the same rows as their engagements', async () => {
    const { folder, history, mapping } = careerExport();
    const out = join(folder.dir, 'results.csv');
    const run = await runCli(['batch', '--map', mapping, history, '-o', out, '--as-of', '2026-04-01'], { LANG: 'ja_JP.UTF-8' });
    expect(run.code).toBe(0);
    const rows = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((line) => line.split(',').slice(0, 3));
    expect(rows).toEqual([
      ['社員番号', '氏名', '所属'],
      ['E1', '山田 花子', '運用部'],
      ['E2', '佐藤 一郎', '基盤部'],
    ]);
  });

  it('reports a bad row and a row without an id once, not once per table; two departments of one person are a conflict', async () => {
    const { folder, history, mapping } = careerExport('E3,鈴木 次郎,運用部,運用管理\n,無記名,運用部,運用管理,メンバ,2020/04/01\nE1,山田 花子,基盤部,運用管理,メンバ,2017/04/01\n');
    const errors = join(folder.dir, 'errors.csv');
    const run = await runCli(['batch', '--map', mapping, history, '-o', join(folder.dir, 'out.jsonl'), '--errors', errors, '--as-of', '2026-04-01']);
    expect(run.code).toBe(1);
    // code, row and candidate of each error: the ragged row, the row without an id, E1's second department.
    const rows = readFileSync(errors, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
    expect(rows.map((cells) => [cells[5], cells[1], cells[3]]).sort()).toEqual([
      ['conflicting-departments', '7', 'E1'],
      ['no-candidate-id', '6', ''],
      ['ragged-row', '5', ''],
    ]);
    const check = await runCli(['validate', '--map', mapping, '--format', 'json', history]);
    const problems = (JSON.parse(check.stdout) as { problems: { code: string; line: number }[] }).problems;
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['ragged-row', 5],
      ['no-candidate-id', 6],
    ]);
  });

  it('refuses the file for every table when a header a table names is missing, saying it once', async () => {
    const { history, mapping } = careerExport();
    const misspelt = readFileSync(mapping, 'utf8').replaceAll('candidate_id: 社員CD', 'candidate_id: 社員ID');
    const folder = tempFolder('itss-one-file-bad-');
    const run = await runCli(['validate', '--map', folder.write('mapping.yaml', misspelt), '--format', 'json', history]);
    expect(run.code).toBe(2);
    const out = JSON.parse(run.stdout) as { tables: unknown[]; problems: { code: string; value: string; suggestion?: string }[] };
    expect(out.tables).toEqual([]);
    expect(out.problems.map((p) => [p.code, p.value, p.suggestion])).toEqual([
      ['missing-column', '社員ID', '社員CD'],
      ['missing-column', 'candidate_id', undefined],
    ]);
  });
});

describe('an unknown value without a mapping (the tool’s own column names)', () => {
  /** An engagements table in itss's own names, with a specialty no list holds. */
  function ownExport() {
    const folder = tempFolder('itss-own-names-');
    const file = folder.write('engagements.csv', 'candidate_id,specialty,role,from\nE1,運用かんり,leader,2019-04\n');
    return { folder, file };
  }

  it('itss validate says to write one of the listed values, not to map it (there is no mapping)', async () => {
    const { file } = ownExport();
    const en = await runCli(['validate', '--format', 'json', file]);
    expect(en.code).toBe(1);
    const [problem] = (JSON.parse(en.stdout) as { problems: Record<string, unknown>[] }).problems;
    expect(problem).toMatchObject({ code: 'unknown-value', line: 2, header: 'specialty', value: '運用かんり' });
    expect(problem).not.toHaveProperty('mapColumn');
    expect(problem.message).toBe(
      'column “specialty”: unknown value “運用かんり”; expected one of: operation-management, system-management, operation, service-desk;' +
        ' write one of those values instead (an id or its label: in the input workbook, on its “instructions” sheet or in the drop-down)',
    );
    const ja = await runCli(['validate', file], { LANG: 'ja_JP.UTF-8' });
    expect(ja.stderr).toContain('列「specialty」: 不明な値「運用かんり」。使える値: operation-management（運用管理）');
    expect(ja.stderr).toContain('。上の使える値のどれか（id またはラベル。入力用ブックでは「記入方法」シートの一覧、またはドロップダウンの値）で書いてください');
    expect(ja.stderr).not.toContain('values:');
  });

  it('itss batch says the same, in both languages; with a mapping, how to map it', async () => {
    const { folder, file } = ownExport();
    const out = join(folder.dir, 'out.jsonl');
    const ja = await runCli(['batch', file, '-o', out], { LANG: 'ja_JP.UTF-8' });
    expect(ja.stderr).toContain('「記入方法」シートの一覧、またはドロップダウンの値）で書いてください');
    expect(ja.stderr).not.toContain('マッピング');
    const en = await runCli(['batch', file, '-o', out]);
    expect(en.stderr).toContain('write one of those values instead (an id or its label: in the input workbook, on its “instructions” sheet');
    expect(en.stderr).not.toContain('values:');
    // The same file under a mapping (which names none of its columns): map the value under `values:`.
    const mapped = await runCli(['batch', file, '-o', out, '--map', folder.write('mapping.yaml', 'format: itss-mapping/v1\n')]);
    expect(mapped.stderr).toContain('; to map it, add `運用かんり: <one of those values>` under `specialty:` of `values:` in the mapping');
    expect(mapped.stderr).not.toContain('write one of those values instead');
  });
});

describe('a shared value map of specialty', () => {
  it('reads the specialties lists of knowledge transfer and mentoring too, item by item', async () => {
    const folder = tempFolder('itss-specialties-');
    const files = [
      folder.write('業務経験.csv', '社員番号,専門分野,役割,開始\nE1,ヘルプデスク,リーダ,2019/04/01\n'),
      folder.write('技術の継承.csv', '社員番号,種別,専門分野\nE1,社内論文掲載,ヘルプデスク、運用設計\n'),
      folder.write('後進の育成.csv', '社員番号,育成対象,専門分野\nE1,佐藤,運用設計\n'),
    ];
    const mapping = folder.write('mapping.yaml', 'format: itss-mapping/v1\nvalues:\n  specialty: { ヘルプデスク: service-desk, 運用設計: operation-management }\n');
    const run = await runCli(['validate', '--map', mapping, '--format', 'json', ...files]);
    expect((JSON.parse(run.stdout) as { problems: unknown[] }).problems).toEqual([]);
    expect(run.code).toBe(0);
    const out = join(folder.dir, 'out.jsonl');
    expect((await runCli(['batch', '--map', mapping, ...files, '-o', out, '--as-of', '2026-04-01'])).code).toBe(0);
  });
});
