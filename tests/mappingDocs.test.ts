import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hrTables } from '../src/hr/hrTables.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';

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
        const own = section(page, table.names[0]!);
        expect(own, `${file}: table ${table.names[0]}`).not.toBe('');
        for (const name of table.names.filter((n) => /[^\x00-\x7f]/.test(n))) expect(own, `${file}: ${table.names[0]} name ${name}`).toContain(name);
        for (const column of table.columns) {
          expect(own, `${file}: ${table.names[0]}.${column.name}`).toContain(`| \`${column.name}\` |`);
          for (const ja of column.ja) expect(own, `${file}: ${table.names[0]}.${column.name} header ${ja}`).toContain(ja);
        }
      }
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
