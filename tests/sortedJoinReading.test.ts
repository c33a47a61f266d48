/**
 * The readings the sorted join makes of a CSV file (src/tabular/readCsv.ts): a chunk at a time (its store emptied
 * for the next), with only some columns' cells read (the first reading, which looks at the ids), and again in the
 * encoding a whole reading ended in — each giving the rows, row numbers and bad rows the whole reading gives.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvDecodeError, readCsv, readCsvChunks, readCsvChunksAs, readCsvKept, type CsvTable, type RowFilter } from '../src/tabular/readCsv.js';
import { fnv1a, RowStore } from '../src/tabular/rowStore.js';

/** Every text of a store, by number. */
const textsOf = (store: RowStore) => Array.from({ length: store.textCount }, (_, number) => store.text(number));

const dir = mkdtempSync(join(tmpdir(), 'itss-chunks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A whole reading, in plain data; `only`: those columns' cells. */
function whole(table: CsvTable, only?: readonly number[]) {
  const rows = Array.from({ length: table.rows.length }, (_, i) => table.rows.get(i));
  const cells = only ? rows.map((r) => only.map((c) => r[c])) : rows;
  return { header: table.header, encoding: table.encoding, rows: cells, rowNumbers: table.rowNumbers, badRows: table.badRows };
}

/** A whole reading's rows at the places `keep` keeps, in plain data (as readCsvKept should give them). */
function kept(all: ReturnType<typeof whole>, keep: (row: number) => boolean) {
  const places = all.rows.map((_, i) => i).filter(keep);
  return { ...all, rows: places.map((i) => all.rows[i]), rowNumbers: places.map((i) => all.rowNumbers[i]) };
}

/** A filter keeping the rows `keep` keeps (`rows` set by the reading). */
function filter(keep: (row: number) => boolean): RowFilter {
  return { keep, rows: -1 };
}

/** The steps of a chunked reading joined, in plain data (from the last time the header was read). */
async function chunked(steps: AsyncGenerator<CsvTable>, only?: readonly number[], headers?: { count: number }) {
  let rows: string[][] = [];
  let rowNumbers: number[] = [];
  let last: CsvTable | undefined;
  let seen = headers?.count ?? 0;
  let chunks = 0;
  for await (const step of steps) {
    if (headers && headers.count !== seen) {
      // Read again from the start (in another encoding): what came before is void.
      [rows, rowNumbers, seen] = [[], [], headers.count];
    }
    chunks++;
    last = step;
    for (let i = 0; i < step.rows.length; i++) rows.push(only ? only.map((c) => step.rows.get(i)[c]) : step.rows.get(i));
    rowNumbers.push(...step.rowNumbers);
  }
  return { table: { header: last!.header, encoding: last!.encoding, rows, rowNumbers, badRows: last!.badRows }, chunks };
}

let files = 0;
const file = (bytes: Buffer | string) => {
  const path = join(dir, `${files++}.csv`);
  writeFileSync(path, bytes);
  return path;
};

const cellText = fc.constantFrom('E1001', 'E1002', '山田 花子', '', ' ', '　', '\t', 'ア,イ', 'a"b', '1.5億円', 'x\ny');
const cell = fc.tuple(cellText, fc.constantFrom('plain', 'plain', 'quoted', 'broken')).map(([text, how]) =>
  how === 'quoted' ? `"${text.replace(/"/g, '""')}"` : how === 'broken' ? `"${text}` : text.replace(/[",\n]/g, ''),
);
const csvText = fc
  .array(fc.oneof({ weight: 8, arbitrary: fc.array(cell, { minLength: 3, maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(cell, { maxLength: 5 }) }),
    { maxLength: 15 })
  .chain((lines) => fc.tuple(fc.constant(lines), fc.constantFrom('\n', '\r\n', '\r')))
  .map(([lines, eol]) => ['candidate_id,title,role', ...lines.map((cells) => cells.join(','))].join(eol) + eol);

describe('reading a CSV file a chunk at a time', () => {
  it('gives, step by step, the rows a whole reading gives; with some columns only, their cells and the same rows', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.constantFrom([0], [1], [0, 2], []), async (text, only) => {
        const path = file(text);
        const all = whole(await readCsv(path));
        expect((await chunked(readCsvChunks(path))).table).toEqual(all);
        expect((await chunked(readCsvChunksAs(path, 'utf-8'))).table).toEqual(all);
        expect((await chunked(readCsvChunks(path, undefined, { only: () => only }), only)).table).toEqual(whole(await readCsv(path), only));
      }),
      { numRuns: 200 },
    );
  });

  it('across the reader’s chunks of a file of several megabytes: lines, quoted records and CRLFs cut by a chunk’s end', async () => {
    const lines = ['candidate_id,title,role'];
    for (let i = 0, length = 0; length < 3_500_000; i++) {
      const title = i % 97 === 0 ? `"案件,${i}\r\n二行目"` : i % 89 === 0 ? `"稼働""率""${i}"` : i % 83 === 0 ? '　' : `業務${'ア'.repeat(i % 13)}${i}`;
      const line = i % 101 === 0 ? ',　,' : i % 103 === 0 ? `E${i},ragged` : i % 107 === 0 ? `E${i},"open,リーダ` : `E${Math.floor(i / 3)},${title},リーダ`;
      length += lines[lines.push(line) - 1].length + 2;
    }
    const path = file(`\uFEFF${lines.join('\r\n')}\r\n`);
    const all = whole(await readCsv(path));
    expect(all.rows.length).toBeGreaterThan(40_000);
    expect(all.badRows.length).toBeGreaterThan(100);
    const steps = await chunked(readCsvChunks(path));
    expect(steps.chunks).toBeGreaterThan(3);
    expect(steps.table).toEqual(all);
    expect((await chunked(readCsvChunksAs(path, 'utf-8'))).table).toEqual(all);
    for (const only of [[0], [1, 2]]) {
      expect((await chunked(readCsvChunks(path, undefined, { only: () => only }), only)).table).toEqual(whole(await readCsv(path), only));
    }
  });

  it('read a few kilobytes at a time (chunkBytes, as a table assumed sorted is first read): the rows of a whole reading, in more steps, UTF-8 and Shift_JIS', async () => {
    const sjis = (text: string) => Buffer.from(text.split('').flatMap((c) => ({ 鈴: [0x97, 0xe9], 木: [0x96, 0xd8] })[c as '鈴'] ?? [c.charCodeAt(0)]));
    const rows = Array.from({ length: 3000 }, (_, i) => `E${i},${i % 7 === 0 ? `"鈴木,${i}\r\n木"` : `鈴木${i}`},member`);
    const utf8 = file(`candidate_id,title,role\r\n${rows.join('\r\n')}\r\n`);
    const shiftJis = file(Buffer.concat([Buffer.from('candidate_id,title,role\r\n'), ...rows.map((row) => sjis(`${row}\r\n`))]));
    for (const [path, encoding] of [[utf8, 'utf-8'], [shiftJis, 'shift_jis']] as const) {
      const all = whole(await readCsv(path));
      expect(all.encoding).toBe(encoding);
      expect(all.rows).toHaveLength(3000);
      const [whole1MB, small] = [await chunked(readCsvChunks(path)), await chunked(readCsvChunks(path, undefined, { chunkBytes: 4096 }))];
      expect(small.table).toEqual(all);
      expect(small.chunks).toBeGreaterThan(whole1MB.chunks + 10);
    }
  });

  it('keeping a share of the rows gives those of a whole reading, their row numbers, every bad row, and how many rows there are', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), async (text, pattern) => {
        const path = file(text);
        const all = whole(await readCsv(path));
        const keep = (row: number) => pattern[row % pattern.length];
        const rows = filter(keep);
        const share = await readCsvKept(path, 'utf-8', rows);
        expect(whole(share)).toEqual(kept(all, keep));
        expect(rows.rows).toBe(all.rows.length);
      }),
      { numRuns: 200 },
    );
  });

  it('keeping a share of a large file (plain, quoted and bad rows across chunks) holds only that share’s texts', async () => {
    const lines = ['candidate_id,title,role'];
    for (let i = 0, length = 0; length < 2_500_000; i++) {
      const title = i % 7 === 0 ? `"案件,${i}\r\n二行目"` : i % 11 === 0 ? `"稼働""率""${i}"` : i % 83 === 0 ? '　' : `業務${i}`;
      const line = i % 101 === 0 ? ',　,' : i % 103 === 0 ? `E${i},ragged` : i % 107 === 0 ? `E${i},"open,リーダ` : `E${i},${title},リーダ`;
      length += lines[lines.push(line) - 1].length + 2;
    }
    const path = file(`${lines.join('\r\n')}\r\n`);
    const all = whole(await readCsv(path));
    for (const keep of [(row: number) => row % 3 === 1, () => false, () => true]) {
      const rows = filter(keep);
      const share = await readCsvKept(path, 'utf-8', rows);
      expect(whole(share)).toEqual(kept(all, keep));
      expect(rows.rows).toBe(all.rows.length);
      // Each row has an id of its own: the share's store holds the ids of its rows, and none of the rows not kept
      // (a bad row's cells may be looked at before it is found bad).
      const own = new Set([...whole(share).rows.map((row) => row[0]), ...all.badRows.map((bad) => bad.cells[0])]);
      const ids = textsOf(share.rows).filter((t) => t.startsWith('E'));
      expect(ids.filter((id) => !own.has(id))).toEqual([]);
      expect(ids.length).toBeGreaterThanOrEqual(share.rows.length);
    }
  });

  it('a row not kept leaves no text in the share, even when its first cell is not ASCII (a name column first)', async () => {
    // Whether a row not kept is blank is read from its first cell that is not white space: a cell past ASCII is
    // decoded to tell, never kept, or each pass would hold a text of every row of the file.
    const lines = ['candidate_name,candidate_id', ...Array.from({ length: 500 }, (_, i) => (i % 2 ? `山田${i},E${i}` : `"佐藤${i}",E${i}`)), '　,', '"　",'];
    const path = file(`${lines.join('\n')}\n`);
    const all = whole(await readCsv(path));
    const rows = filter((row) => row === 7);
    const share = await readCsvKept(path, 'utf-8', rows);
    expect(whole(share)).toEqual(kept(all, (row) => row === 7));
    expect(rows.rows).toBe(500);
    expect(textsOf(share.rows).filter((t) => /[山佐]/.test(t))).toEqual(['山田7']);
  });

  it('keeping a share of a Shift_JIS file gives those rows of a whole reading', async () => {
    const sjis = (text: string) => Buffer.from(text.split('').flatMap((c) => ({ 鈴: [0x97, 0xe9], 木: [0x96, 0xd8], 花: [0x89, 0xd4], 子: [0x8e, 0x71] })[c as '鈴'] ?? [c.charCodeAt(0)]));
    const path = file(Buffer.concat([Buffer.from('candidate_id,candidate_name\r\n'), ...Array.from({ length: 40 }, (_, i) => Buffer.concat([Buffer.from(`E${i},"`), sjis(i % 3 ? '鈴木花子' : '木'), Buffer.from(i % 5 ? '"\r\n' : '"\r\n\r\n')]))]));
    const all = whole(await readCsv(path));
    expect(all.encoding).toBe('shift_jis');
    const rows = filter((row) => row % 4 === 0);
    expect(whole(await readCsvKept(path, 'shift_jis', rows))).toEqual(kept(all, (row) => row % 4 === 0));
    expect(rows.rows).toBe(40);
  });

  it('a file guessed UTF-8 that turns out Shift_JIS past its first 64 KB starts over: its header told again, its rows from the first', async () => {
    // Shift_JIS bytes of the few characters used here (Node has no Shift_JIS encoder).
    const sjis = (text: string) => Buffer.from(text.split('').flatMap((c) => ({ 鈴: [0x97, 0xe9], 木: [0x96, 0xd8], 花: [0x89, 0xd4], 子: [0x8e, 0x71] })[c as '鈴'] ?? [c.charCodeAt(0)]));
    const ascii = Buffer.from('E0,operation\r\n'.repeat(6000));
    const path = file(Buffer.concat([Buffer.from('candidate_id,candidate_name\r\n'), ascii, ...Array.from({ length: 50 }, (_, i) => Buffer.concat([Buffer.from(`E${i + 1},`), sjis('鈴木花子'), Buffer.from('\r\n')]))]));
    const all = whole(await readCsv(path));
    expect(all.encoding).toBe('shift_jis');
    const headers = { count: 0 };
    const steps = await chunked(readCsvChunks(path, undefined, { onHeader: () => void headers.count++ }), undefined, headers);
    expect(headers.count).toBe(2);
    expect(steps.table).toEqual(all);
    expect((await chunked(readCsvChunksAs(path, 'shift_jis'))).table).toEqual(all);
  });

  it('a file refused whole is refused after its last step, as a whole reading refuses it', async () => {
    const bad = Buffer.concat([Buffer.from('candidate_id,name\n'), ...['E1', 'E2'].map((id) => Buffer.concat([Buffer.from(`${id},`), Buffer.from([0xff]), Buffer.from('\n')])), Buffer.from('E3,x\n')]);
    const path = file(bad);
    await expect(readCsv(path, 'utf-8')).rejects.toBeInstanceOf(CsvDecodeError);
    await expect(chunked(readCsvChunks(path, 'utf-8'))).rejects.toMatchObject({ line: 2, column: 2 });
  });
});

describe('a store of rows', () => {
  const bytesOf = (text: string) => {
    const bytes = Buffer.from(text);
    return [bytes, 0, bytes.length, fnv1a(bytes, 0, bytes.length)] as const;
  };

  it('compacted as a store of texts only, keeps its texts as strings, and takes texts again', () => {
    const store = new RowStore(true);
    for (const text of ['a', '運用', '']) store.add(text);
    store.pushNumbers(Int32Array.of(0, 1, 2), 3);
    store.compact();
    expect([textsOf(store), store.get(0)]).toEqual([['a', '運用', ''], ['a', '運用', '']]);
    expect(store.add('b')).toBe(3);
  });

  it('compacted, keeps its rows and texts, and finds a text by its text or bytes again when one is added', () => {
    const store = new RowStore();
    for (let i = 0; i < 5000; i++) store.push([`E${i % 700}`, i % 3 ? '運用管理' : '', 'x']);
    const before = Array.from({ length: store.length }, (_, i) => store.get(i));
    const texts = textsOf(store);
    store.compact();
    expect(Array.from({ length: store.length }, (_, i) => store.get(i))).toEqual(before);
    expect(textsOf(store)).toEqual(texts);
    expect(store.isBlank(texts.indexOf(''))).toBe(true);
    expect(store.intern('運用管理')).toBe(texts.indexOf('運用管理'));
    expect(store.internBytes(...bytesOf('E699'))).toBe(texts.indexOf('E699'));
    expect(store.internBytes(...bytesOf('new'))).toBe(texts.length);
    expect(store.intern('new')).toBe(texts.length);
    store.push(['E1', 'new', 'y']);
    expect(store.get(store.length - 1)).toEqual(['E1', 'new', 'y']);
    expect(store.isBlank(store.intern(''))).toBe(true);
  });

  it.each([
    ['', true], [' ', true], ['\t\r\n', true], ['\u3000', true], [' \u00a0\ufeff', true], ['\u2028', true],
    ['0', false], [' 1', false], ['運用', false], ['\u3000a', false], ['\u200b', false],
  ])('says whether a text read as bytes (%j) is blank, as trim does, being read and compacted', (text, blank) => {
    const store = new RowStore();
    const number = store.internBytes(...bytesOf(text));
    expect(store.isBlank(number)).toBe(blank);
    expect(store.isBlank(number)).toBe(text.trim() === '');
    store.pushNumbers(Int32Array.of(number), 1);
    store.compact();
    expect(store.isBlank(number)).toBe(blank);
    const given = new RowStore();
    expect(given.isBlank(given.intern(text))).toBe(blank);
  });

  it('emptied for a next chunk, numbers its texts afresh and says it was', () => {
    const store = new RowStore();
    store.push(['a', 'b']);
    store.internBytes(...bytesOf('c'));
    store.clear();
    expect([store.length, store.textCount, store.columnCount, store.emptied]).toEqual([0, 0, 0, 1]);
    expect(store.internBytes(...bytesOf('b'))).toBe(0);
    store.push(['x', 'b', 'z']);
    expect(store.get(0)).toEqual(['x', 'b', 'z']);
  });

  it('a text with a lone surrogate (which no decoding makes) is its own, not another whose bytes it would encode to', () => {
    const store = new RowStore();
    const texts = ['\uD800', '\uFFFD', '\uDBFF', 'a\uDC00', 'a\uFFFD', '\uD83D\uDE00'];
    const numbers = texts.map((text) => store.intern(text));
    expect(new Set(numbers).size).toBe(texts.length);
    expect(texts.map((text) => store.intern(text))).toEqual(numbers);
    expect(numbers.map((n) => store.text(n))).toEqual(texts);
    // A well-formed text asked as text is found by the bytes the byte reader kept it by, and the other way.
    expect(store.internBytes(...bytesOf('\uD83D\uDE00'))).toBe(numbers[5]);
    expect(store.internBytes(...bytesOf('\uFFFD'))).toBe(numbers[1]);
  });

  it('gives its rows from a row on in a new store (what a reading goes on in, its rows before handed on)', () => {
    for (const textsOnly of [false, true]) {
      const store = new RowStore(textsOnly);
      const rows = Array.from({ length: 300 }, (_, i) => [`E${Math.floor(i / 3)}`, i % 4 ? '運用管理' : '', `案件${i}`]);
      for (const row of rows) store.push(row);
      for (const first of [0, 1, 150, 299, 300]) {
        const rest = store.rowsFrom(first);
        expect(Array.from({ length: rest.length }, (_, i) => rest.get(i))).toEqual(rows.slice(first));
        // Only the texts of its rows, each once.
        expect(textsOf(rest).sort()).toEqual([...new Set(rows.slice(first).flat())].sort());
        if (!textsOnly && rest.length > 0) expect(rest.internBytes(...bytesOf('運用管理'))).toBe(rest.intern('運用管理'));
      }
    }
  });

  it('gives its rows from a row on when its texts were read as bytes (decoded only when asked for)', () => {
    const store = new RowStore();
    const rows = Array.from({ length: 300 }, (_, i) => [`E${Math.floor(i / 3)}`, i % 4 ? '運用管理' : '', `案件${i}`]);
    for (const row of rows) store.pushNumbers(Int32Array.from(row, (text) => store.internBytes(...bytesOf(text))), 3);
    for (const first of [0, 150, 299]) {
      const rest = store.rowsFrom(first);
      expect(Array.from({ length: rest.length }, (_, i) => rest.get(i))).toEqual(rows.slice(first));
      expect(rest.internBytes(...bytesOf('運用管理'))).toBe(rest.intern('運用管理'));
    }
    expect(Array.from({ length: store.length }, (_, i) => store.get(i))).toEqual(rows);
  });

  it('of texts only, takes texts as given (a copy numbered already), each a number of its own', () => {
    const store = new RowStore(true);
    expect([store.add('a'), store.add('a'), store.intern('a')]).toEqual([0, 1, 1]);
    expect(() => new RowStore().add('a')).toThrow();
  });
});
