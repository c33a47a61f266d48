/**
 * The CSV reader reads UTF-8 as bytes (a line without a quote split at its commas, each cell found by its bytes)
 * and every other encoding as text through the parser. The two must read any file alike: the same file written
 * as UTF-8 and as UTF-16 (read as text) gives the same header, rows, row numbers and unreadable rows — on
 * generated files with quotes, line breaks in cells, stray quotes, blank and ragged lines, CRLF and a BOM, and on
 * files larger than the reader's chunks, where a character or a quoted record is cut by the chunk's end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, type CsvTable } from '../src/batch/readCsv.js';
import { fnv1a, RowStore } from '../src/batch/rowStore.js';

const dir = mkdtempSync(join(tmpdir(), 'itss-readcsv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf8 = (text: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);

/** What a reader made of a file, in plain data. */
function contents(table: CsvTable) {
  return {
    header: table.header,
    rows: Array.from({ length: table.rows.length }, (_, i) => table.rows.get(i)),
    rowNumbers: table.rowNumbers,
    badRows: table.badRows,
  };
}

let files = 0;
async function readBoth(text: string, bom: boolean) {
  const a = join(dir, `${files}-8.csv`);
  const b = join(dir, `${files++}-16.csv`);
  writeFileSync(a, utf8(text, bom));
  writeFileSync(b, utf16(text));
  const bytes = await readCsv(a);
  const decoded = await readCsv(b);
  expect(bytes.encoding).toBe('utf-8');
  expect(decoded.encoding).toBe('utf-16le');
  return { bytes: contents(bytes), decoded: contents(decoded) };
}

const cellText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('E1001', '山田 花子', '運用管理', '2019-04', '', ' ', '　', 'ア,イ', 'a"b', '1.5億円') },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('a', 'ア', ',', '"', '\n', '\r', ' ', '1'), maxLength: 6 }) },
);
/** A cell as an export writes it: plain, quoted properly, or quoted wrongly. */
const cell = fc.tuple(cellText, fc.constantFrom('plain', 'plain', 'plain', 'quoted', 'broken')).map(([text, how]) =>
  how === 'quoted' ? `"${text.replace(/"/g, '""')}"` : how === 'broken' ? `"${text}` : text,
);
const line = fc.oneof({ weight: 8, arbitrary: fc.array(cell, { minLength: 3, maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(cell, { minLength: 0, maxLength: 5 }) }).map((cells) => cells.join(','));
const csvText = fc
  .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([lines, eol, trailing]) => ['candidate_id,specialty,role', ...lines].join(eol) + (trailing ? eol : ''));

describe('reading UTF-8 as bytes and other encodings as text', () => {
  it('agree on generated files (quotes, line breaks in cells, stray quotes, blank and ragged lines)', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.boolean(), async (text, bom) => {
        const { bytes, decoded } = await readBoth(text, bom);
        expect(bytes).toEqual(decoded);
      }),
      { numRuns: 300 },
    );
  });

  it('agree across the reader’s chunks: a character, a line and a quoted record cut at a chunk’s end', async () => {
    // Lines of varying length put every kind of cut at one of the 1 MB boundaries of a 3.5 MB file.
    const lines = ['candidate_id,title,role'];
    for (let i = 0, length = 0; length < 1_200_000; i++) {
      const title = i % 97 === 0 ? `"案件,${i}\n二行目"` : i % 89 === 0 ? `"稼働""率""${i}"` : `業務${'ア'.repeat(i % 13)}${i}`;
      length += lines[lines.push(`E${i % 5000},${title},リーダ`) - 1]!.length + 2;
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const { bytes, decoded } = await readBoth(text, true);
    expect(bytes.rows.length).toBeGreaterThan(30_000);
    expect(bytes).toEqual(decoded);
  });

  it('names the line of a byte that is not UTF-8, in a file read as bytes', async () => {
    const file = join(dir, 'damaged.csv');
    const good = Buffer.from('candidate_id,specialty\nE1,運用管理\nE2,運用管理\n', 'utf8');
    writeFileSync(file, Buffer.concat([Buffer.from('candidate_id,specialty\n'), Buffer.from('E0,運用管理\n'.repeat(5000)), good.subarray(23), Buffer.from([0x45, 0x33, 0x2c, 0xff, 0x0a])]));
    await expect(readCsv(file, 'utf-8')).rejects.toMatchObject({ line: 5004 });
  });
});

describe('RowStore: one number per distinct text, whichever way it was read', () => {
  const bytesOf = (text: string) => Buffer.from(text, 'utf8');
  const viaBytes = (rows: RowStore, text: string) => {
    const bytes = bytesOf(`,${text},`); // the text inside a line, as the byte reader meets it
    return rows.internBytes(bytes, 1, bytes.length - 1, fnv1a(bytes, 1, bytes.length - 1));
  };
  it.each(['E1001', '山田 花子', '', '運用管理;体制'])('%j read as text and then as bytes, or the other way, is one text', (text) => {
    const textFirst = new RowStore();
    const first = textFirst.intern(text);
    expect(viaBytes(textFirst, text)).toBe(first);
    const bytesFirst = new RowStore();
    const number = viaBytes(bytesFirst, text);
    bytesFirst.intern('other');
    expect(bytesFirst.intern(text)).toBe(number);
    expect(viaBytes(bytesFirst, text)).toBe(number);
    expect(bytesFirst.texts).toEqual([text, 'other']);
  });
  it('keeps texts apart whose bytes hash alike in the table (thousands of them, read both ways)', () => {
    const rows = new RowStore();
    const texts = Array.from({ length: 5000 }, (_, i) => `S${String(i).padStart(7, '0')}`);
    const numbers = texts.map((t, i) => (i % 2 === 0 ? rows.intern(t) : viaBytes(rows, t)));
    expect(new Set(numbers).size).toBe(texts.length);
    texts.forEach((t, i) => expect([viaBytes(rows, t), rows.intern(t)]).toEqual([numbers[i], numbers[i]]));
  });
});
