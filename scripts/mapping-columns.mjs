// Prints the column tables of docs/mapping.md (`en`) or docs/mapping.ja.md (`ja`) from src/hr/hrTables.ts, as
// built in dist/ (`node scripts/build.js --no-types` first). tests/mappingDocs.test.ts checks the pages against it.
//   node scripts/mapping-columns.mjs ja
import { hrTables } from '../dist/batch.js';
import { builtinStandard } from '../dist/index.js';

const ja = process.argv[2] === 'ja';
const japanese = (names) => names.filter((n) => /[^\x00-\x7f]/.test(n));
for (const table of hrTables(builtinStandard())) {
  console.log(`\n### \`${table.names[0]}\` — ${japanese(table.names).join('、')}\n`);
  console.log(ja ? '| 列（マッピングでの名前） | 読む日本語の見出し | 必須 | リスト |' : "| column (the mapping's name) | Japanese headers read | required | list |");
  console.log('|---|---|---|---|');
  for (const c of table.columns) console.log(`| \`${c.name}\` | ${[...new Set(c.ja)].join('、')} | ${c.required ? '✓' : ''} | ${c.list ? '✓' : ''} |`);
}
