// The parse-only pass of the batch benchmark: the same CSV files streamed through papaparse (as itss batch
// reads them), counting rows — no decoding of values, no validation, no join.
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

let rows = 0;
for (const file of process.argv.slice(2)) {
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), { step: () => rows++, complete: resolve, error: reject });
  });
}
console.log(rows);
