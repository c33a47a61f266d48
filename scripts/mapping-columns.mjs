// Prints the column tables of docs/mapping.md (`en`) or docs/mapping.ja.md (`ja`) from src/hr/hrTables.ts, and the
// size columns each specialty's size criteria read, as built in dist/ (`node scripts/build.js --no-types` first).
// tests/mappingDocs.test.ts checks the pages against it.
//   node scripts/mapping-columns.mjs ja
import { hrTables } from '../dist/batch.js';
import { builtinStandard, criterionOfKind } from '../dist/index.js';

const ja = process.argv[2] === 'ja';
const japanese = (names) => names.filter((n) => /[^\x00-\x7f]/.test(n));
const standard = builtinStandard();
const tables = hrTables(standard);
for (const table of tables) {
  console.log(`\n### \`${table.names[0]}\` — ${japanese(table.names).join('、')}\n`);
  console.log(ja ? '| 列（マッピングでの名前） | 読む日本語の見出し | 必須 | リスト |' : "| column (the mapping's name) | Japanese headers read | required | list |");
  console.log('|---|---|---|---|');
  for (const c of table.columns) console.log(`| \`${c.name}\` | ${[...new Set(c.ja)].join('、')} | ${c.required ? '✓' : ''} | ${c.list ? '✓' : ''} |`);
}

// The size columns a specialty's size criteria read (the fields of their options), in the standard's order.
const engagements = tables.find((t) => t.name === 'engagements');
console.log(ja ? '\n### 専門分野ごとに読むサイズの列\n' : '\n### Size columns each specialty reads\n');
console.log(ja ? '| 専門分野 | サイズの基準が読む列 |' : "| specialty | size columns its size criteria read |");
console.log('|---|---|');
for (const specialty of standard.specialties) {
  const read = new Set(specialty.levels.flatMap((level) => criterionOfKind(level, 'size')?.options ?? []).flatMap((option) => Object.keys(option.anyOf)));
  const columns = standard.sizeFields.filter((f) => read.has(f.id)).map((f) => engagements.columns.find((c) => c.field === `size.${f.id}`));
  const cells = columns.map((c) => (ja ? `\`${c.name}\`（${c.ja[0]}）` : `\`${c.name}\` (${c.ja[0]})`)).join(ja ? '、' : ', ');
  console.log(`| \`${specialty.id}\` — ${specialty.label.ja} | ${cells || (ja ? 'なし' : 'none')} |`);
}
