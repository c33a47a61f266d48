import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hrTables } from '../src/hr/hrTables.js';
import { loadMapping } from '../src/hr/loadMapping.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { sizeFieldsRead } from '../src/standard/criterionOfKind.js';

// The mapping reference (docs/mapping.md, docs/mapping.ja.md) lists the tool's column names per table: every name and
// Japanese header of hrTables.ts, in that table's section, so that the pages cannot drift from the code.
const pages = { en: 'docs/mapping.md', ja: 'docs/mapping.ja.md' };

/** A table's section of a page: from its `### \`name\`` heading to the next heading. */
function section(page: string, table: string): string {
  const start = page.indexOf(`### \`${table}\``);
  if (start < 0) return '';
  const next = page.slice(start + 4).search(/\n#{2,3} /);
  return next < 0 ? page.slice(start) : page.slice(start, start + 4 + next);
}

describe('the mapping reference', () => {
  for (const [lang, file] of Object.entries(pages)) {
    const page = readFileSync(file, 'utf8');
    it(`lists every column of every table, with its Japanese headers (${lang})`, () => {
      for (const table of hrTables(builtinStandard())) {
        const own = section(page, table.names[0]);
        expect(own, `${file}: table ${table.names[0]}`).not.toBe('');
        for (const name of table.names.filter((n) => /[^\x00-\x7f]/.test(n))) expect(own, `${file}: ${table.names[0]} name ${name}`).toContain(name);
        for (const column of table.columns) {
          expect(own, `${file}: ${table.names[0]}.${column.name}`).toContain(`| \`${column.name}\` |`);
          for (const ja of column.ja) expect(own, `${file}: ${table.names[0]}.${column.name} header ${ja}`).toContain(ja);
        }
      }
    });

    it(`lists the size columns each specialty's size criteria read, as the standard has them (${lang})`, () => {
      const standard = builtinStandard();
      const engagements = hrTables(standard).find((t) => t.name === 'engagements')!;
      const heading = lang === 'ja' ? '### 専門分野ごとに読むサイズの列' : '### Size columns each specialty reads';
      const own = page.slice(page.indexOf(heading), page.indexOf('\n## ', page.indexOf(heading)));
      expect(page.indexOf(heading), heading).toBeGreaterThan(0);
      for (const specialty of standard.specialties) {
        const row = own.split('\n').find((line) => line.startsWith(`| \`${specialty.id}\` — ${specialty.label.ja} |`));
        expect(row, `${file}: ${specialty.id}`).toBeDefined();
        const named = [...row!.split('|')[2].matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
        const read = sizeFieldsRead(specialty, standard.sizeFields).map((id) => engagements.columns.find((c) => c.field === `size.${id}`)!.name);
        expect(named, `${file}: ${specialty.id}`).toEqual(read);
      }
      // サービスデスク: the peak staff, never the staff.
      expect(own).toMatch(/\| `service-desk` — サービスデスク \| `annual_contract`.*`peak_staff`.*`users_per_year`/);
    });

    it(`shows a mapping naming one file for two tables that itss reads as it is (${lang})`, () => {
      const heading = lang === 'ja' ? '### 一つのファイルを複数の表に' : '### One file, several tables';
      const at = page.indexOf(heading);
      expect(at, heading).toBeGreaterThan(0);
      const yaml = /```yaml\n([\s\S]*?)```/.exec(page.slice(at))![1];
      const mapping = loadMapping(`format: itss-mapping/v1\n${yaml}`, file);
      expect([mapping.tables.people?.files, mapping.tables.engagements?.files]).toEqual([['職務経歴'], ['職務経歴']]);
      expect(mapping.tables.people?.columns.get('department')).toBe('部署');
    });

    it(`says an empty outcome is a success, and that a specialty map reads the specialties lists (${lang})`, () => {
      const [outcome, specialties] =
        lang === 'ja'
          ? ['結果（`outcome`。見出しは 結果・成否）が空欄の業務は成功として数えます', '`values:` の `specialty` の読み替えは、技術の継承']
          : ['An empty `outcome` (結果, 成否) counts as a success', 'A shared `specialty` map (under the top-level `values:`) also maps the `specialties` lists'];
      expect(page).toContain(outcome);
      expect(page).toContain(specialties);
    });

    it(`links only to sections the READMEs have (${lang})`, () => {
      // GitHub's anchors: the heading in lower case, punctuation dropped, spaces as hyphens.
      const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
      const anchors = (readme: string) => [...readFileSync(readme, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]));
      const links = [...page.matchAll(/\]\(\.\.\/(README(?:\.ja)?\.md)#([^)]+)\)/g)];
      expect(links.length, file).toBeGreaterThan(0);
      for (const [, readme, anchor] of links) expect(anchors(readme), `${file} → ${readme}#${anchor}`).toContain(decodeURIComponent(anchor));
      // The README section on how values are written, by its name: README.ja.md has none of that name.
      expect(page).not.toContain('README の「候補者ファイル」');
    });

    it(`documents every field of the format (${lang})`, () => {
      for (const field of ['format', 'ignore', 'values', 'tables', 'files', 'columns', 'join', 'separator', 'scale', 'carry', 'itss validate --map', 'examples/hr-mapping/mapping.yaml']) expect(page).toContain(field);
    });
  }

  it('is linked from both READMEs', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('docs/mapping.md');
    expect(readFileSync('README.ja.md', 'utf8')).toContain('docs/mapping.ja.md');
  });
});
