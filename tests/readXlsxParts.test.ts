/**
 * The parts of the workbook reader, each alone: number formats as Excel shows them, the XML scanner fed in
 * chunks of any size, the zip read by its directory and bounded.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellReading, numberText, paddedText, readingOfCode, serialDateText } from '../src/tabular/excelNumberFormat.js';
import { attribute, decodeExcelEscapes, XmlError, XmlScanner, type XmlHandler } from '../src/tabular/xmlScanner.js';
import { ZipArchive, ZipError } from '../src/tabular/zipArchive.js';
import { SheetTableBuilder } from '../src/tabular/sheetTableBuilder.js';
import { SheetReader } from '../src/tabular/xlsxSheetReader.js';

describe('number formats: how a number cell reads', () => {
  it.each([
    // Built-in ids without a code: the locale's dates (ja-JP's 27–36 and 50–58), times, numbers.
    ...[14, 15, 16, 22, 27, 28, 29, 30, 31, 35, 36, 50, 51, 53, 54, 56, 57, 58].map((id) => [id, 'day'] as const),
    ...[17, 34, 52, 55].map((id) => [id, 'month'] as const),
    ...[0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 18, 19, 20, 21, 32, 33, 37, 38, 45, 46, 47, 48, 49].map((id) => [id, 'number'] as const),
  ])('built-in id %i reads as a %s', (id, kind) => {
    expect(cellReading(id, undefined).kind).toBe(kind);
  });

  it.each([
    ['yyyy/m/d', 'day'],
    ['yyyy-mm-dd', 'day'],
    ['[$-411]ge.m.d', 'day'],
    ['[$-ja-JP-x-gannen]ggge"年"m"月"d"日"', 'day'],
    ['[$-ja-JP]ggge"年"', 'day'],
    ['yyyy"年"m"月"d"日"', 'day'],
    ['yyyy"年"m"月"', 'month'],
    ['[$-411]ggge"年"m"月"', 'month'],
    ['mmm-yy', 'month'],
    ['m/d/yy h:mm', 'day'],
    ['yyyy/m/d;@', 'day'],
    ['0.00E+00', 'number'],
    ['##0.0E+0', 'number'],
    ['General', 'number'],
    ['#,##0', 'number'],
    ['"¥"#,##0;[Red]"¥"-#,##0', 'number'],
    ['#,##0"円"', 'number'],
    ['0%', 'number'],
    ['h:mm AM/PM', 'number'],
    ['mm:ss', 'number'],
    ['[h]:mm:ss', 'number'],
    ['h"時"mm"分"', 'number'],
    ['@', 'number'],
    ['"day"0', 'number'],
    ['\\d0', 'number'],
  ])('%s reads as a %s', (code, kind) => {
    expect(readingOfCode(code).kind).toBe(kind);
  });

  it('a code of zeros pads whole numbers (employee numbers as 001234)', () => {
    expect(readingOfCode('000000')).toEqual({ kind: 'padded', digits: 6 });
    expect(paddedText(1234, 6)).toBe('001234');
    expect(paddedText(12.5, 6)).toBe('12.5');
  });

  it.each([
    [45017, false, 'day', '2023-04-01'],
    [45017.75, false, 'day', '2023-04-01'],
    [45017, false, 'month', '2023-04'],
    [1, false, 'day', '1900-01-01'],
    [59, false, 'day', '1900-02-28'],
    [60, false, 'day', '1900-02-29'],
    [61, false, 'day', '1900-03-01'],
    [0, true, 'day', '1904-01-01'],
    [42460, true, 'day', '2020-04-01'],
    [-1, false, 'day', '-1'],
  ] as const)('serial %d (1904: %s) as a %s is %s', (serial, date1904, reading, text) => {
    expect(serialDateText(serial, date1904, reading)).toBe(text);
  });

  it.each([
    [420000000.00000006, '420000000'],
    [0.1 + 0.2, '0.3'],
    [3500, '3500'],
    [1.5e-7, '1.5e-7'],
    [123456789012345680, '123456789012346000'],
  ])('%d shows as %s (15 significant digits)', (value, text) => {
    expect(numberText(value)).toBe(text);
  });
});

/** The events a scanner reports, as text. */
function events(chunks: string[]): string[] {
  const out: string[] = [];
  let text = '';
  const handler: XmlHandler = {
    wantsText: true,
    open(name, source, start, end, selfClosing) {
      if (text) out.push(`text:${text}`);
      text = '';
      out.push(`open:${name}:${attribute(source, start, end, 'r') ?? ''}:${attribute(source, start, end, 't') ?? ''}${selfClosing ? '/' : ''}`);
    },
    close(name) {
      if (text) out.push(`text:${text}`);
      text = '';
      out.push(`close:${name}`);
    },
    text(raw, cdata) {
      text += cdata ? `[${raw}]` : raw;
    },
  };
  const scanner = new XmlScanner(handler);
  for (const chunk of chunks) scanner.feed(chunk);
  scanner.end();
  return out;
}

const SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- a comment > with a bracket -->' +
  '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c>' +
  '<x:c r=\'B2\' t="inlineStr"><x:is><x:t>業務知識 &amp; 運用&#x2460;</x:t></x:is></x:c><c r="C2" t="str"><f>"a>b"</f><v><![CDATA[<raw>]]></v></c>' +
  '<c r="D2" s="1" t="e" attr="x > y"/></x:row></x:sheetData></x:worksheet>';

describe('XmlScanner', () => {
  it('reports elements by local name, attributes and text, whatever `>` an attribute or comment holds', () => {
    expect(events([SHEET])).toEqual([
      'text:\n',
      'open:worksheet::',
      'open:sheetData::',
      'open:row:2:',
      'open:c:A2:s',
      'open:v::',
      'text:0',
      'close:v',
      'close:c',
      'open:c:B2:inlineStr',
      'open:is::',
      'open:t::',
      'text:業務知識 &amp; 運用&#x2460;',
      'close:t',
      'close:is',
      'close:c',
      'open:c:C2:str',
      'open:f::',
      'text:"a>b"',
      'close:f',
      'open:v::',
      'text:[<raw>]',
      'close:v',
      'close:c',
      'open:c:D2:e/',
      'close:c',
      'close:row',
      'close:sheetData',
      'close:worksheet',
    ]);
  });

  it('reports the same, cut into chunks anywhere (a tag, an entity or a character split between two)', () => {
    const whole = events([SHEET]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: SHEET.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), SHEET.length];
        const chunks = points.slice(1).map((end, i) => SHEET.slice(points[i], end));
        expect(events(chunks)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a DOCTYPE, and markup left open at the end', () => {
    expect(() => events(['<!DOCTYPE x [<!ENTITY a "b">]><x/>'])).toThrow(XmlError);
    expect(() => events(['<a><b c="d'])).toThrow(XmlError);
  });

  it('decodes Excel\'s escapes of characters', () => {
    expect(decodeExcelEscapes('a_x000D_b_x005F_c')).toBe('a\rb_c');
  });
});

/** A zip of the given parts, in the given order, deflated (method 8) or stored (0). */
function zipOf(parts: { name: string; data: Buffer; method?: 0 | 8; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const method = part.method ?? 8;
    const body = method === 8 ? deflateRawSync(part.data) : part.data;
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(part.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(part.declaredSize ?? part.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(part.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(part.declaredSize ?? part.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const dir = mkdtempSync(join(tmpdir(), 'itss-zip-'));
const LIMIT = { bytes: 1 << 20, ratio: 400, ratioFrom: 1 << 16 };

async function partText(zip: ZipArchive, name: string, limit = LIMIT): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of zip.bytes(name, limit)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describe('ZipArchive', () => {
  it('reads parts by name from the directory, in any stored order, deflated or stored, names without case or leading slash', async () => {
    const file = join(dir, 'order.zip');
    writeFileSync(file, zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<sheet/>') }, { name: 'xl/workbook.xml', data: Buffer.from('<workbook>運用</workbook>'), method: 0 }]));
    const zip = ZipArchive.open(file);
    expect(await partText(zip, '/XL/Workbook.xml')).toBe('<workbook>運用</workbook>');
    expect(await partText(zip, 'xl/worksheets/sheet1.xml')).toBe('<sheet/>');
    expect(zip.has('xl/styles.xml')).toBe(false);
    zip.close();
  });

  it('stops a part at its limit, at a ratio no workbook has, and at the size its directory declares', async () => {
    const bomb = Buffer.alloc(4 << 20, 0x20);
    const file = join(dir, 'bomb.zip');
    writeFileSync(file, zipOf([{ name: 'big.xml', data: bomb }, { name: 'liar.xml', data: bomb, declaredSize: 1000 }]));
    const zip = ZipArchive.open(file);
    await expect(partText(zip, 'big.xml')).rejects.toMatchObject({ problem: 'too-large', part: 'big.xml' });
    await expect(partText(zip, 'big.xml', { bytes: 8 << 20, ratio: 400, ratioFrom: 1 << 16 })).rejects.toMatchObject({ problem: 'too-large' });
    await expect(partText(zip, 'liar.xml', { bytes: 8 << 20, ratio: 1e9, ratioFrom: 8 << 20 })).rejects.toMatchObject({ problem: 'damaged' });
    zip.close();
  });

  it('refuses what is not a zip, a truncated one, and two parts of one name', () => {
    const notZip = join(dir, 'not.zip');
    writeFileSync(notZip, 'name,id\n');
    expect(() => ZipArchive.open(notZip)).toThrow(ZipError);
    const whole = zipOf([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
    const cut = join(dir, 'cut.zip');
    writeFileSync(cut, whole.subarray(0, whole.length - 5));
    expect(() => ZipArchive.open(cut)).toThrow(ZipError);
    const twice = join(dir, 'twice.zip');
    writeFileSync(twice, zipOf([{ name: 'a.xml', data: Buffer.from('<a/>') }, { name: 'A.xml', data: Buffer.from('<b/>') }]));
    expect(() => ZipArchive.open(twice)).toThrow(ZipError);
  });
});

describe('SheetReader: a worksheet read as bytes', () => {
  const strings = ['社員番号', '氏名', '専門分野', 'E1', '運用 太郎', 'オペレーション'];
  // Style 0 General, 1 a date (id 14), 2 a month (yyyy"年"m"月").
  const styles = [cellReading(0, undefined), cellReading(14, undefined), readingOfCode('yyyy"年"m"月"')];
  const xml =
    '<?xml version="1.0"?><worksheet><cols><col min="3" max="3" hidden="1"/></cols><sheetData>' +
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>開始</t></is></c><c r="E1" t="inlineStr"><is><t>終了</t></is></c></row>' +
    '<row r="3" hidden="1"><c r="A3" t="s"><v>3</v></c><c r="B3" t="inlineStr"><is><r><t>運用</t></r><r><t xml:space="preserve"> 花子</t></r><rPh sb="0" eb="2"><t>ウンヨウ</t></rPh></is></c><c r="C3" t="s"><v>5</v></c><c r="D3" s="1"><v>43556</v></c><c r="E3" s="2"><v>45017.5</v></c></row>' +
    '<row r="4"><c r="A4" t="str"><f>"E"&amp;"2"</f><v>E2</v></c><c r="B4" t="e"><v>#N/A</v></c></row>' +
    '<row r="5"><c r="A5"><v>1234</v></c><c r="C5" t="s"><v>5</v></c><c r="D5"><f>D4+1</f></c></row>' +
    '<row r="6"><c r="A6" t="b"><v>1</v></c><c r="F6" t="inlineStr"><is><t><![CDATA[a<b & c]]></t></is></c></row>' +
    '</sheetData></worksheet>';
  const bytes = Buffer.from(xml, 'utf8');

  function read(chunks: Buffer[]) {
    const builder = new SheetTableBuilder('book.xlsx[s]', { ids: new Set(['社員番号']), columns: new Set(['開始', '終了']) }, () => {});
    const hidden = { rows: [] as number[], columns: [] as string[] };
    const reader = new SheetReader(builder, hidden, strings, styles, false);
    for (const chunk of chunks) reader.feed(chunk);
    reader.end();
    const table = builder.finish();
    return { header: table.header, rows: Array.from({ length: table.rows.length }, (_, i) => table.rows.get(i)),
      rowNumbers: table.rowNumbers, bad: table.badRows, hidden };
  }

  it('reads cells as Excel shows them, rows by their numbers, bad cells at their reference, hidden rows and columns', () => {
    const whole = read([bytes]);
    expect(whole.header).toEqual(['社員番号', '氏名', '専門分野', '開始', '終了']);
    expect(whole.rows).toEqual([['E1', '運用 花子', 'オペレーション', '2019-04-01', '2023-04']]);
    expect(whole.rowNumbers).toEqual([3]);
    expect(whole.bad.map((b) => [b.rowNumber, b.problem, b.cell, b.value])).toEqual([
      [4, 'error-cell', 'B4', '#N/A'],
      [5, 'formula-without-value', 'D5', '=D4+1'],
      [6, 'value-without-header', 'F6', 'a<b & c'],
    ]);
    expect(whole.bad[0].cells[0]).toBe('E2');
    expect(whole.bad[2].cells[0]).toBe('TRUE');
    expect(whole.hidden).toEqual({ rows: [3], columns: ['C'] });
  });

  it('reads the same, cut into chunks anywhere (a tag, a cell, a character split between two)', () => {
    const whole = read([bytes]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }), (cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
        expect(read(points.slice(1).map((end, i) => bytes.subarray(points[i], end)))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses bytes that are not UTF-8 in a value, and a sheet cut short', () => {
    const bad = Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\xff</t></is></c></row></sheetData></worksheet>', 'latin1');
    expect(() => read([bad])).toThrow(XmlError);
    expect(() => read([bytes.subarray(0, bytes.length - 200)])).toThrow(XmlError);
  });
});
