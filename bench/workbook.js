// Workbook benchmark: the batch benchmark's export (N seeded synthetic candidates) as ONE XLSX workbook, a sheet per
// table, read by `itss batch book.xlsx -o out.jsonl` against the same tables as CSV files (workbook in), and
// `-o results.xlsx` against `-o out.csv` from the CSV tables (workbook out), side by side in one run, interleaved.
// Prints wall time, candidates/s, peak RSS and each ratio, for each N (default 10k and 100k; BATCH_SIZES=1000,5000
// to change; RUNS=3 runs each, medians). Goals: each ratio ≤ 2, peak RSS ≤ 512 MB. A run is stopped after
// 10 minutes (BENCH_TIMEOUT=seconds to change); a variant that times out or fails is not run again at that size.
//
// The workbook is written here, as Excel stores one: parts in Excel's order (workbook first, the sheets, then the
// styles and the shared strings after them), text as shared strings, numbers as numbers, YYYY-MM cells as date
// cells (the month's first day, a `yyyy-mm` format), empty cells left out, every row and cell with its reference.
// Made once from the CSV tables of bench/batch.js and kept next to them (tmp/bench-N/book.xlsx).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, createDeflateRaw } from 'node:zlib';
import { generateHrExport } from './generateHrExport.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sizes = (process.env.BATCH_SIZES ?? '10000,100000').split(',').map(Number);
const runs = Number(process.env.RUNS ?? 3);
const timeout = Number(process.env.BENCH_TIMEOUT ?? 600);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The tables, in the order of their sheets. */
const TABLES = ['engagements', 'expertise', 'knowledge_transfer', 'mentoring', 'exams'];

// ---- The workbook ----------------------------------------------------------------------------------------------

/** A CSV file's records (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes). */
function* csvRecords(text) {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const cells = [];
    for (;;) {
      let cell;
      if (text[i] === '"') {
        cell = '';
        for (i++; ; ) {
          const q = text.indexOf('"', i);
          cell += text.slice(i, q);
          i = q + 1;
          if (text[i] !== '"') break;
          cell += '"';
          i++;
        }
      } else {
        let end = i;
        while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
        cell = text.slice(i, end);
        i = end;
      }
      cells.push(cell);
      if (text[i] === ',') i++;
      else break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    yield cells;
  }
}

const escapeXml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const columnLetters = (column) => {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};
/** Days since 1899-12-30 (the 1900 date system, past its false 29 February 1900). */
const serial = (year, month) => Date.UTC(year, month - 1, 1) / 86400000 + 25569;

/** A zip file written part by part, each deflated as it comes; sizes and CRC patched into the local header after. */
class ZipWriter {
  constructor(file) {
    this.fd = openSync(file, 'w');
    this.position = 0;
    this.entries = [];
  }
  write(bytes, at = this.position) {
    writeSync(this.fd, bytes, 0, bytes.length, at);
    if (at === this.position) this.position += bytes.length;
  }
  /** A part from strings (or an iterable of them), deflated. */
  async part(name, chunks) {
    const offset = this.position;
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    this.write(Buffer.concat([header, nameBytes]));
    const deflate = createDeflateRaw({ level: 6 });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    deflate.on('data', (b) => {
      this.write(b);
      compressed += b.length;
    });
    const ended = once(deflate, 'end');
    let pending = [];
    let pendingLength = 0;
    const flush = async () => {
      const bytes = Buffer.from(pending.join(''));
      pending = [];
      pendingLength = 0;
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    };
    for (const chunk of typeof chunks === 'string' ? [chunks] : chunks) {
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength > 1 << 20) await flush();
    }
    await flush();
    deflate.end();
    await ended;
    const fields = [0x04034b50, 20, 0, 8, 0, 0x5c81, crc, compressed, size, nameBytes.length, 0]; // 2026-04-01 00:00
    const widths = [4, 2, 2, 2, 2, 2, 4, 4, 4, 2, 2];
    let at = 0;
    fields.forEach((v, i) => {
      if (widths[i] === 4) header.writeUInt32LE(v >>> 0, at);
      else header.writeUInt16LE(v, at);
      at += widths[i];
    });
    this.write(header, offset);
    this.entries.push({ nameBytes, offset, crc, compressed, size });
  }
  close() {
    const start = this.position;
    for (const e of this.entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt16LE(0, 12);
      c.writeUInt16LE(0x5c81, 14);
      c.writeUInt32LE(e.crc >>> 0, 16);
      c.writeUInt32LE(e.compressed, 20);
      c.writeUInt32LE(e.size, 24);
      c.writeUInt16LE(e.nameBytes.length, 28);
      c.writeUInt32LE(e.offset, 42);
      this.write(Buffer.concat([c, e.nameBytes]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.position - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    closeSync(this.fd);
  }
}

/** A sheet's XML from a CSV table, its text cells numbered in the workbook's shared strings as they come. */
function* sheetXml(text, strings) {
  let rows = 0;
  let width = 0;
  for (const cells of csvRecords(text)) {
    rows++;
    width = Math.max(width, cells.length);
  }
  yield `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:${columnLetters(width)}${rows}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>`;
  const letters = Array.from({ length: width }, (_, i) => columnLetters(i + 1));
  let r = 0;
  for (const cells of csvRecords(text)) {
    r++;
    let xml = `<row r="${r}" spans="1:${width}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === '') continue;
      const ref = `${letters[i]}${r}`;
      let month;
      if (r > 1 && (month = /^(\d{4})-(\d{2})$/.exec(v))) xml += `<c r="${ref}" s="1"><v>${serial(Number(month[1]), Number(month[2]))}</v></c>`;
      else if (r > 1 && /^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(v)) xml += `<c r="${ref}"><v>${v}</v></c>`;
      else {
        let index = strings.index.get(v);
        if (index === undefined) strings.index.set(v, (index = strings.index.size));
        strings.count++;
        xml += `<c r="${ref}" t="s"><v>${index}</v></c>`;
      }
    }
    yield xml + '</row>';
  }
  yield '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
}

/** Writes the CSV tables of `folder` as one workbook, a sheet per table. */
export async function writeWorkbook(folder, file) {
  const partial = `${file}.partial`;
  const zip = new ZipWriter(partial);
  const sheets = TABLES.map((name, i) => ({ name, part: `xl/worksheets/sheet${i + 1}.xml` }));
  const override = (part, type) => `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-${type}+xml"/>`;
  await zip.part(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      override('xl/workbook.xml', 'officedocument.spreadsheetml.sheet.main') +
      sheets.map((s) => override(s.part, 'officedocument.spreadsheetml.worksheet')).join('') +
      override('xl/styles.xml', 'officedocument.spreadsheetml.styles') +
      override('xl/sharedStrings.xml', 'officedocument.spreadsheetml.sharedStrings') +
      override('docProps/core.xml', 'package.core-properties') +
      override('docProps/app.xml', 'officedocument.extended-properties') +
      '</Types>',
  );
  await zip.part(
    '_rels/.rels',
    `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  await zip.part(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr defaultThemeVersion="164011"/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets><calcPr calcId="191029"/></workbook>',
  );
  await zip.part(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="${PKG_REL}">` +
      sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  const strings = { index: new Map(), count: 0 };
  for (const s of sheets) await zip.part(s.part, sheetXml(readFileSync(join(folder, `${s.name}.csv`), 'utf8'), strings));
  await zip.part(
    'xl/styles.xml',
    `${XML}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm"/></numFmts><fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`,
  );
  await zip.part(
    'xl/sharedStrings.xml',
    (function* () {
      yield `${XML}<sst xmlns="${MAIN}" count="${strings.count}" uniqueCount="${strings.index.size}">`;
      for (const s of strings.index.keys()) yield /^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${escapeXml(s)}</t></si>` : `<si><t>${escapeXml(s)}</t></si>`;
      yield '</sst>';
    })(),
  );
  await zip.part(
    'docProps/core.xml',
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>itss bench</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2026-04-01T00:00:00Z</dcterms:created></cp:coreProperties>`,
  );
  await zip.part(
    'docProps/app.xml',
    `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application></Properties>`,
  );
  zip.close();
  renameSync(partial, file);
}

// ---- The measurements ------------------------------------------------------------------------------------------

/**
 * Runs a node script under GNU time (and `timeout`): wall seconds and peak RSS in MB, or what went wrong. The file
 * system's dirty pages are written out first (`sync`, not timed), as in bench/batch.js.
 */
function measure(args) {
  spawnSync('sync');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', 'timeout', '-k', '10', String(timeout), process.execPath, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = run.stderr.trim().split('\n').pop();
  const [seconds, kb] = last.split(' ').map(Number);
  const result = { seconds, rssMb: kb / 1024 };
  if (run.status === 124 || run.status === 137) return { ...result, failure: `timed out after ${timeout} s` };
  if (run.status !== 0 && run.status !== 1) {
    const lines = run.stderr.trim().split('\n').slice(0, -1);
    const what = lines.find((l) => /error|heap|memory/i.test(l)) ?? lines.pop() ?? '';
    return { ...result, failure: `exited ${run.status}: ${what.trim().slice(0, 300)}` };
  }
  return result;
}

/** Lines in a file (its results, one a line), counted in chunks. */
function lineCount(file) {
  if (!existsSync(file)) return -1;
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let lines = 0;
  for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) for (let i = chunk.indexOf(10); i !== -1 && i < read; i = chunk.indexOf(10, i + 1)) lines++;
  closeSync(fd);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync('/usr/bin/time')) {
    console.error('bench needs GNU time (/usr/bin/time): apt-get install time');
    process.exit(2);
  }
  const build = spawnSync(process.execPath, ['scripts/build.js', '--no-types'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 2);

  for (const n of sizes) {
    const folder = join(root, 'tmp', `bench-${n}`);
    if (!existsSync(join(folder, 'exams.csv'))) generateHrExport(n, folder);
    const book = join(folder, 'book.xlsx');
    if (!existsSync(book)) {
      const start = performance.now();
      await writeWorkbook(folder, book);
      console.log(`(wrote ${book} in ${((performance.now() - start) / 1000).toFixed(1)} s)`);
    }
    const files = readdirSync(folder).filter((f) => f.endsWith('.csv')).map((f) => join(folder, f));
    const csvMb = files.reduce((s, f) => s + statSync(f).size, 0) / 1e6;
    const out = (name) => join(root, 'tmp', `bench-${n}-${name}`);
    const variants = [
      { key: 'csvIn', label: 'CSV tables → out.jsonl   ', inputs: files, output: out('csv-in.jsonl') },
      { key: 'bookIn', label: 'book.xlsx  → out.jsonl   ', inputs: [book], output: out('book-in.jsonl') },
      { key: 'csvOut', label: 'CSV tables → out.csv     ', inputs: files, output: out('out.csv') },
      { key: 'bookOut', label: 'CSV tables → results.xlsx', inputs: files, output: out('results.xlsx') },
    ];
    const results = Object.fromEntries(variants.map((v) => [v.key, []]));
    const failures = {};
    const counted = {};
    // Interleaved, so that the machine's noise falls on all alike; each run writes a new file (see bench/batch.js).
    for (let i = 0; i < runs; i++) {
      for (const v of variants) {
        if (failures[v.key]) continue;
        rmSync(v.output, { force: true });
        const r = measure(['bin/itss.js', 'batch', ...v.inputs, '-o', v.output, '--as-of', '2026-04-01']);
        if (r.failure) failures[v.key] = r;
        else results[v.key].push(r);
        if (i === 0 && !r.failure && v.output.endsWith('.jsonl')) counted[v.key] = lineCount(v.output);
      }
    }
    for (const v of variants) rmSync(v.output, { force: true });
    console.log(`${n} candidates (${csvMb.toFixed(1)} MB of CSV, ${(statSync(book).size / 1e6).toFixed(1)} MB workbook), median of ${runs}:`);
    const line = (v, against) => {
      const rs = results[v.key];
      let text = `  itss batch ${v.label}  `;
      if (rs.length > 0) {
        const s = median(rs.map((r) => r.seconds));
        const rss = Math.max(...rs.map((r) => r.rssMb));
        text += `${s.toFixed(2)} s   ${Math.round(n / s)} candidates/s   peak RSS ${rss.toFixed(0)} MB`;
        const base = against && results[against.key].length > 0 ? median(results[against.key].map((r) => r.seconds)) : undefined;
        if (base !== undefined) text += `   ratio ${(s / base).toFixed(2)}${s / base <= 2 && rss <= 512 ? '' : '   (goal: ≤ 2, ≤ 512 MB: not met)'}`;
        if (rs.length < runs) text += `   (${rs.length} of ${runs} runs)`;
      }
      const f = failures[v.key];
      if (f) text += `${rs.length > 0 ? '; then ' : ''}${f.failure} (${f.seconds.toFixed(1)} s, peak RSS ${f.rssMb.toFixed(0)} MB)`;
      console.log(text);
    };
    line(variants[0]);
    line(variants[1], variants[0]);
    if (counted.bookIn !== undefined && counted.csvIn !== undefined && counted.bookIn !== counted.csvIn) console.log(`  (results: ${counted.bookIn} lines from the workbook, ${counted.csvIn} from the CSV tables)`);
    line(variants[2]);
    line(variants[3], variants[2]);
  }
}
