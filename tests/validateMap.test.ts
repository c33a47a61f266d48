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
