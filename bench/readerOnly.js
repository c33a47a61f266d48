// The second floor of the batch benchmark: itss's own CSV reader alone over the same files, counting rows — the
// first phase of `itss batch` (bytes checked as UTF-8, each line split at its commas, each cell's bytes hashed and
// found among the table's texts, rows kept as cell numbers; quoted records through the text parser), with nothing
// after it: no headers bound, no value read as a label, date or amount, no join, no scoring, no output.
//
// dist/ exports no reader, so `node bench/readerOnly.js --prepare` (bench/batch.js runs it once, untimed) writes
// tmp/bench-reader.mjs: dist/batch.js — the library build of the same sources the CLI bundles — with its relative
// imports made absolute and `readCsv` exported. `node bench/readerOnly.js FILE…` then reads each file and prints the
// row count. It fails, saying so, when a rebuilt dist/ no longer has a top-level `readCsv`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reader = `${root}tmp/bench-reader.mjs`;

if (process.argv[2] === '--prepare') {
  const source = readFileSync(`${root}dist/batch.js`, 'utf8');
  if (!/^async function readCsv\(/m.test(source)) {
    console.error('dist/batch.js has no top-level readCsv: bench/readerOnly.js needs updating');
    process.exit(2);
  }
  const distUrl = pathToFileURL(`${root}dist/`).href;
  mkdirSync(`${root}tmp`, { recursive: true });
  writeFileSync(reader, source.replace(/(from |import )"\.\//g, `$1"${distUrl}`) + '\nexport { readCsv as benchReadCsv };\n');
} else {
  const { benchReadCsv } = await import(pathToFileURL(reader).href);
  let rows = 0;
  for (const file of process.argv.slice(2)) {
    const table = await benchReadCsv(file);
    rows += table.rows.length + table.badRows.length;
  }
  console.log(rows);
}
