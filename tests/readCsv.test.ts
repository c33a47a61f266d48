/**
 * The CSV reader reads UTF-8 as bytes (a line without a quote split at its commas, each cell found by its bytes)
 * and every other encoding as text through the parser. The two must read any file alike: the same file written
 * as UTF-8 and as UTF-16 (read as text) gives the same header, rows, row numbers and unreadable rows — on
 * generated files with quotes, line breaks in cells, stray quotes, blank and ragged lines, LF, CRLF and lone CR
 * mixed, a BOM, and characters that do not decode; and on files larger than the reader's chunks, where a
 * character, a CRLF or a quoted record is cut by the chunk's end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, type CsvRecord } from '../src/tabular/csvParser.js';
import { detectEncoding } from '../src/tabular/decodeText.js';
import { CsvDecodeError, readCsv, type CsvTable } from '../src/tabular/readCsv.js';
import { fnv1a, RowStore } from '../src/tabular/rowStore.js';

const dir = mkdtempSync(join(tmpdir(), 'itss-readcsv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A character that does not decode, in generated text: written as a byte UTF-8 has no use for (0xFF), and in UTF-16
 * as a lone surrogate. Either reads leniently as one U+FFFD.
 */
const UNDECODABLE = '\uE000';
const written = (text: string, encode: (part: string) => Buffer, bad: Buffer) =>
  Buffer.concat(text.split(UNDECODABLE).flatMap((part, i) => (i === 0 ? [encode(part)] : [bad, encode(part)])));
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), written(text, (part) => Buffer.from(part, 'utf16le'), Buffer.from([0x00, 0xd8]))]);
const utf8 = (text: string, bom: boolean) =>
  Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), written(text, (part) => Buffer.from(part, 'utf8'), Buffer.from([0xff]))]);

/** What a reader made of a file, in plain data. */
function contents(table: CsvTable) {
  return {
    header: table.header,
    rows: Array.from({ length: table.rows.length }, (_, i) => table.rows.get(i)),
    rowNumbers: table.rowNumbers,
    badRows: table.badRows,
  };
}

/** What a reader made of a file, or where it refused the file (its header, or most of its rows, not decoding). */
async function outcome(read: Promise<CsvTable>, encoding: string) {
  try {
    const table = await read;
    expect(table.encoding).toBe(encoding);
    return contents(table);
  } catch (error) {
    if (!(error instanceof CsvDecodeError)) throw error;
    return { refused: { line: error.line, column: error.column, value: error.value } };
  }
}

let files = 0;
async function readBoth(text: string, bom: boolean) {
  const a = join(dir, `${files}-8.csv`);
  const b = join(dir, `${files++}-16.csv`);
  writeFileSync(a, utf8(text, bom));
  writeFileSync(b, utf16(text));
  // A damaged file is named UTF-8 (the detection of a file's encoding is not what is compared here).
  const bytes = await outcome(readCsv(a, text.includes(UNDECODABLE) ? 'utf-8' : undefined), 'utf-8');
  const decoded = await outcome(readCsv(b), 'utf-16le');
  return { bytes, decoded };
}

const cellText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('E1001', '山田 花子', '運用管理', '2019-04', '', ' ', '　', 'ア,イ', 'a"b', '1.5億円') },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('a', 'ア', ',', '"', '\n', '\r', '\r\n', ' ', '1'), maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(`山${UNDECODABLE}花子`, UNDECODABLE, `"${UNDECODABLE}"`, `a\n${UNDECODABLE}`) },
);
/** A cell as an export writes it: plain, quoted properly, or quoted wrongly. */
const cell = fc.tuple(cellText, fc.constantFrom('plain', 'plain', 'plain', 'quoted', 'broken')).map(([text, how]) =>
  how === 'quoted' ? `"${text.replace(/"/g, '""')}"` : how === 'broken' ? `"${text}` : text,
);
const line = fc.oneof({ weight: 8, arbitrary: fc.array(cell, { minLength: 3, maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(cell, { minLength: 0, maxLength: 5 }) }).map((cells) => cells.join(','));
/** Lines end as one program writes them (LF, CRLF or CR), or mixed as pasted together. */
const eol = fc.constantFrom('\n', '\r\n', '\r');
const csvText = fc
  .tuple(fc.array(fc.tuple(line, eol), { maxLength: 12 }), fc.oneof(eol, fc.constant('mixed')), fc.boolean())
  .map(([lines, ending, trailing]) => {
    const endOf = (own: string) => (ending === 'mixed' ? own : ending);
    const text = ['candidate_id,specialty,role', ...lines.map(([l]) => l)].map((l, i) => (i === 0 ? l : `${endOf(lines[i - 1][1])}${l}`)).join('');
    return trailing ? text + endOf(lines.at(-1)?.[1] ?? '\n') : text;
  });

describe('reading UTF-8 as bytes and other encodings as text', () => {
  it('agree on generated files (quotes, line breaks in cells, stray quotes, blank and ragged lines, LF, CRLF and CR, bytes that do not decode)', async () => {
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
      length += lines[lines.push(`E${i % 5000},${title},リーダ`) - 1].length + 2;
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const { bytes, decoded } = await readBoth(text, true);
    expect('rows' in bytes && bytes.rows.length).toBeGreaterThan(30_000);
    expect(bytes).toEqual(decoded);
  });

  it('agree when a CRLF is cut in two by the reader’s chunks (its CR the last byte of one, its LF the first of the next)', async () => {
    for (const [name, bytesPerChar, before] of [['utf-8', 1, 0], ['utf-16le', 2, 2]] as const) {
      // Filler lines of ASCII up to the chunk's last byte (UTF-16: its last code unit), which is a CR.
      const target = (1 << 20) / bytesPerChar - before / bytesPerChar - 1;
      const lines = ['candidate_id,title,role'];
      let length = lines[0].length + 2;
      for (let i = 0; length + 40 < target; i++) length += lines[lines.push(`E${i},job${'x'.repeat(i % 17)},leader`) - 1].length + 2;
      const last = `E-last,${'y'.repeat(target - length - ',leader'.length - 'E-last,'.length)},leader`;
      const text = `${lines.join('\r\n')}\r\n${last}\r\nE-after,z,leader\r\n`;
      expect(text.indexOf(`${last}\r`) + last.length).toBe(target);
      const file = join(dir, `crlf-cut-${name}.csv`);
      writeFileSync(file, name === 'utf-8' ? Buffer.from(text, 'utf8') : utf16(text));
      const table = await readCsv(file);
      expect(table.badRows).toEqual([]);
      // No blank row between the two halves of the CRLF: the rows are numbered on, one a line.
      expect(table.rowNumbers.at(-1)).toBe(lines.length + 2);
      expect(table.rows.get(table.rows.length - 1)).toEqual(['E-after', 'z', 'leader']);
    }
  });

  it('read CR-only lines (Excel for Mac’s “CSV (Macintosh)”) as rows, keeping a CR inside a quoted cell in its cell', async () => {
    const text = 'candidate_id,title,role\rE1,"二期\r基盤",leader\rE2,"a""b",member\r\rE3,c,member';
    const { bytes, decoded } = await readBoth(text, false);
    expect(bytes).toEqual(decoded);
    expect(bytes).toMatchObject({ header: ['candidate_id', 'title', 'role'], rows: [['E1', '二期\r基盤', 'leader'], ['E2', 'a"b', 'member'], ['E3', 'c', 'member']], rowNumbers: [2, 3, 5], badRows: [] });
  });
});

describe('a line that does not decode', () => {
  const read = async (name: string, bytes: Buffer, encoding?: 'utf-8' | 'shift_jis') => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return readCsv(file, encoding);
  };
  const sjis = (text: string) => Buffer.from(new Uint8Array(text.split('').flatMap((c) => [...SJIS[c]])));
  // Shift_JIS bytes of the few characters used here (Node has no Shift_JIS encoder).
  const SJIS: Record<string, number[]> = { 鈴: [0x97, 0xe9], 木: [0x96, 0xd8], 花: [0x89, 0xd4], 子: [0x8e, 0x71], ' ': [0x20] };
  const header = 'candidate_id,candidate_name,specialty\n';

  it('rejects its row alone, with the cells before the bytes (the id) and the cell as it reads; the rest is read', async () => {
    const table = await read(
      'pasted-sjis.csv',
      Buffer.concat([Buffer.from(`${header}E1,佐藤,運用管理\nE2,`), sjis('鈴木 花子'), Buffer.from(',運用管理\nE3,高橋,運用管理\n')]),
    );
    expect(table.encoding).toBe('utf-8');
    expect(contents(table).rows).toEqual([['E1', '佐藤', '運用管理'], ['E3', '高橋', '運用管理']]);
    expect(table.rowNumbers).toEqual([2, 4]);
    expect(table.badRows).toEqual([{ rowNumber: 3, cells: ['E2'], problem: 'bad-encoding', column: 2, value: new TextDecoder().decode(sjis('鈴木 花子')) }]);
  });

  it('in a Shift_JIS file, rejects a line of UTF-8 Japanese (which would read as mojibake), shown as UTF-8', async () => {
    const line = (id: string, name: string) => Buffer.concat([Buffer.from(`${id},`), sjis(name), Buffer.from(',x\r\n')]);
    const table = await read('pasted-utf8.csv', Buffer.concat([Buffer.from('candidate_id,candidate_name,specialty\r\n'), line('E1', '鈴木'), Buffer.from('E2,山田 太郎,x\r\n'), line('E3', '花子')]));
    expect(table.encoding).toBe('shift_jis');
    expect(contents(table).rows).toEqual([['E1', '鈴木', 'x'], ['E3', '花子', 'x']]);
    expect(table.badRows).toEqual([{ rowNumber: 3, cells: ['E2'], problem: 'bad-encoding', column: 2, value: '山田 太郎' }]);
  });

  it('rejects the record a quoted cell spanning lines makes, wherever in it the bytes are', async () => {
    const table = await read('quoted.csv', Buffer.concat([Buffer.from(`${header}E1,"佐藤\r\n`), Buffer.from([0xff]), Buffer.from('一郎",運用管理\r\nE2,高橋,運用管理\r\n')]), 'utf-8');
    expect(contents(table).rows).toEqual([['E2', '高橋', '運用管理']]);
    expect(table.badRows).toMatchObject([{ rowNumber: 2, cells: ['E1'], problem: 'bad-encoding', column: 2 }]);
  });

  it('names the row of a byte that is not UTF-8 far into a file read as bytes, past the reader’s first chunk', async () => {
    const rows = Buffer.from('E0,運用管理\n'.repeat(100_000));
    const table = await read('damaged.csv', Buffer.concat([Buffer.from('candidate_id,specialty\n'), rows, Buffer.from([0x45, 0x33, 0x2c, 0xff, 0x0a]), Buffer.from('E4,運用管理\n')]), 'utf-8');
    expect(table.rows.length).toBe(100_001);
    expect(table.badRows).toEqual([{ rowNumber: 100_002, cells: ['E3'], problem: 'bad-encoding', column: 2, value: '\uFFFD' }]);
  });

  it('refuses the file when its header does not decode, or when more rows do not than do (a file in another encoding)', async () => {
    await expect(read('header.csv', Buffer.concat([Buffer.from('candidate_id,'), sjis('花子'), Buffer.from('\nE1,x\n')]), 'utf-8')).rejects.toMatchObject({ line: 1, column: 2, encoding: 'utf-8' });
    const mostly = Buffer.concat([Buffer.from(header), ...['E1', 'E2'].map((id) => Buffer.concat([Buffer.from(`${id},`), sjis('鈴木'), Buffer.from(',x\n')])), Buffer.from('E3,Sato,x\n')]);
    await expect(read('mostly.csv', mostly, 'utf-8')).rejects.toMatchObject({ line: 2, column: 2, encoding: 'utf-8' });
    // Half and half is two lines pasted into a file, not a file in another encoding.
    const half = Buffer.concat([Buffer.from(header), Buffer.from('E1,'), sjis('鈴木'), Buffer.from(',x\nE3,Sato,x\n')]);
    expect((await read('half.csv', half, 'utf-8')).badRows).toHaveLength(1);
  });

  it('a file that starts in plain ASCII and then is damaged UTF-8 stays UTF-8 (the line rejected), not read again as Shift_JIS', async () => {
    const ascii = Buffer.from('E0,operation\n'.repeat(6000));
    const table = await read('late.csv', Buffer.concat([Buffer.from('candidate_id,specialty\n'), ascii, Buffer.from('E1,'), Buffer.from([0xff, 0xfe]), Buffer.from('運用\nE2,運用管理\n')]));
    expect(table.encoding).toBe('utf-8');
    expect(table.badRows).toMatchObject([{ rowNumber: 6002, cells: ['E1'], problem: 'bad-encoding' }]);
    expect(contents(table).rows.at(-1)).toEqual(['E2', '運用管理']);
  });

  it('UTF-16: a lone surrogate rejects its row', async () => {
    const table = await read('lone.csv', utf16(`${header}E1,${UNDECODABLE}x,運用管理\r\nE2,b,運用管理\r\n`));
    expect(table.encoding).toBe('utf-16le');
    expect(table.badRows).toEqual([{ rowNumber: 2, cells: ['E1'], problem: 'bad-encoding', column: 2, value: '\uFFFDx' }]);
    expect(contents(table).rows).toEqual([['E2', 'b', '運用管理']]);
  });
});

describe('the parser', () => {
  it('reads a CRLF cut in two between chunks as one line break, and a lone CR as one', () => {
    const records: CsvRecord[] = [];
    const parser = new CsvParser({ record: (r) => records.push(r), unbalanced: () => undefined, undecodable: () => undefined });
    for (const chunk of ['a,b\r', '\nc,d\r', 'e,f\r', '\r\n', 'g,"h\r', 'i"\r']) parser.feed(chunk);
    parser.end();
    expect(records).toEqual([
      { cells: ['a', 'b'], row: 1 },
      { cells: ['c', 'd'], row: 2 },
      { cells: ['e', 'f'], row: 3 },
      { cells: [''], row: 4 },
      { cells: ['g', 'h\ri'], row: 5 },
    ]);
  });
});

describe('detecting a file’s encoding', () => {
  it('a UTF-8 file with a long name pasted in Shift_JIS is UTF-8 (its other lines read as UTF-8)', () => {
    const sjisName = Buffer.from([0x8d, 0xb2, 0x93, 0xa1, 0x20, 0x88, 0xea, 0x98, 0x59, 0x8e, 0x71]); // 佐藤 一郎子
    const sample = Buffer.concat([Buffer.from('社員番号,氏名\nE1,山田 花子\nE2,'), sjisName, Buffer.from('\nE3,高橋 次郎\n')]);
    expect(detectEncoding(sample)).toEqual({ encoding: 'utf-8', certain: true });
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
    expect([bytesFirst.text(0), bytesFirst.text(1), bytesFirst.textCount]).toEqual([text, 'other', 2]);
  });
  it('keeps texts apart whose bytes hash alike in the table (thousands of them, read both ways)', () => {
    const rows = new RowStore();
    const texts = Array.from({ length: 5000 }, (_, i) => `S${String(i).padStart(7, '0')}`);
    const numbers = texts.map((t, i) => (i % 2 === 0 ? rows.intern(t) : viaBytes(rows, t)));
    expect(new Set(numbers).size).toBe(texts.length);
    texts.forEach((t, i) => expect([viaBytes(rows, t), rows.intern(t)]).toEqual([numbers[i], numbers[i]]));
  });
});
