import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { detectEncoding, streamDecoder, type TextEncodingName } from './decodeText.js';
import { RowStore } from './rowStore.js';

/** Cells of a row are kept joined by this separator: one string per row keeps 500k rows within memory. */
export const CELL_SEPARATOR = '\u001f';

export interface CsvTable {
  file: string;
  encoding: TextEncodingName;
  header: string[];
  /** Data rows, cells joined by CELL_SEPARATOR. */
  rows: RowStore;
  /** Each row's number as a spreadsheet shows it (the header is row 1). */
  rowNumbers: number[];
  /** Rows whose number of cells differs from the header's: [row number, cells], kept out of `rows`. */
  raggedRows: { rowNumber: number; cells: string[] }[];
}

export class CsvDecodeError extends Error {
  constructor(
    readonly file: string,
    readonly encoding: TextEncodingName,
    readonly byteOffset: number,
  ) {
    super(`${file}: not valid ${encoding} near byte ${byteOffset}`);
  }
}

/** Decoded text of a file, chunk by chunk; the encoding is detected from the first chunk unless given. */
async function* decodedChunks(file: string, forced: TextEncodingName | undefined, onEncoding: (e: TextEncodingName) => void): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let encoding: TextEncodingName = forced ?? 'utf-8';
  let offset = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    if (!decoder) {
      encoding = forced ?? detectEncoding(bytes.subarray(0, 1 << 16));
      onEncoding(encoding);
      decoder = streamDecoder(encoding);
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw new CsvDecodeError(file, encoding, offset);
    }
    offset += bytes.length;
    if (text) yield text;
  }
  if (decoder) {
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw new CsvDecodeError(file, encoding, offset);
    }
    if (tail) yield tail;
  }
}

/** Streams a CSV file through papaparse, keeping each row as one joined string. */
export function readCsv(file: string, encoding?: TextEncodingName, onRow?: () => void): Promise<CsvTable> {
  const table: CsvTable = { file, encoding: encoding ?? 'utf-8', header: [], rows: new RowStore(), rowNumbers: [], raggedRows: [] };
  let rowNumber = 0;
  return new Promise((resolve, reject) => {
    const source = Readable.from(decodedChunks(file, encoding, (e) => (table.encoding = e)), { objectMode: true });
    source.on('error', reject);
    Papa.parse<string[]>(source as unknown as File, {
      header: false,
      // Always a comma: papaparse's guess can take the `;` of list cells for the delimiter in a small file.
      delimiter: ',',
      skipEmptyLines: false,
      step: (result) => {
        rowNumber++;
        const cells = result.data;
        if (rowNumber === 1) {
          table.header = cells.map((h) => h.replace(/^\uFEFF/, '').trim());
          return;
        }
        if (cells.every((c) => c.trim() === '')) return; // blank line, e.g. Excel's trailing one
        if (cells.length !== table.header.length) {
          // A cell too many or too few shifts every value after it: the row is not read, but reported.
          table.raggedRows.push({ rowNumber, cells });
          return;
        }
        table.rows.push(cells.join(CELL_SEPARATOR));
        table.rowNumbers.push(rowNumber);
        onRow?.();
      },
      complete: () => {
        table.rows.seal();
        resolve(table);
      },
      error: (error: Error) => reject(error),
    });
  });
}
