/**
 * The results workbook as it prints: converted to PDF by LibreOffice Calc (installed by .ci/run), every page A4
 * landscape and few of them (each sheet a page wide), read from the PDF itself (LibreOffice writes its page
 * objects uncompressed). Its level cells coloured by level, through shared formats. Fails, never skips, when
 * LibreOffice is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cliHarness.js';

const dir = mkdtempSync(join(tmpdir(), 'itss-print-'));
const profile = `file://${join(dir, 'profile')}`;
/** LibreOffice's first start (a new profile, a cold disk, a loaded machine) takes up to half a minute: once, here. */
const FIRST_START = 240_000;
const CONVERSIONS = 120_000;
const ASOF = ['--as-of', '2026-04-01'];

function toPdf(file: string, outdir: string): string {
  mkdirSync(outdir, { recursive: true });
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outdir, file], { stdio: 'pipe', timeout: FIRST_START });
  return join(outdir, `${file.split('/').pop()!.replace(/\.[^.]+$/, '')}.pdf`);
}

/** The PDF's pages and every MediaBox (the page tree's and each page's), as [width, height] in points. */
function pdfPages(file: string): { pages: number; boxes: number[][] } {
  const text = readFileSync(file, 'latin1');
  const pages = [...text.matchAll(/\/Type\s*\/Page(?![A-Za-z])/g)].length;
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
  return { pages, boxes };
}

/** A part of a zip, inflated (the workbook's parts are deflated, their sizes in the central directory). */
function part(file: string, name: string): string {
  const zip = readFileSync(file);
  let at = zip.readUInt32LE(zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16);
  for (;;) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [compressed, nameLength, extra, comment] = [zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28),
      zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    const local = zip.readUInt32LE(at + 42);
    if (zip.subarray(at + 46, at + 46 + nameLength).toString('utf8') === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      return inflateRawSync(zip.subarray(start, start + compressed)).toString('utf8');
    }
    at += 46 + nameLength + extra + comment;
  }
}

const SHEETS = 3;

describe('the results workbook printed (LibreOffice Calc to PDF)', () => {
  beforeAll(() => {
    const warm = join(dir, 'warm');
    mkdirSync(warm);
    writeFileSync(join(warm, 'start.csv'), 'a\n1\n');
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', warm, join(warm, 'start.csv')], { stdio: 'pipe', timeout: FIRST_START });
  }, FIRST_START);

  const cases: [string, string[]][] = [
    ['examples/hr-export', ['examples/hr-export']],
    [
      'examples/hr-mapping with its mapping',
      [...readdirSync('examples/hr-mapping').filter((f) => f.endsWith('.csv')).map((f) => join('examples/hr-mapping', f)), '--map', 'examples/hr-mapping/mapping.yaml'],
    ],
  ];
  for (const [name, inputs] of cases) {
    for (const lang of ['ja', 'en']) {
      it(`${name} (${lang}): every page A4 landscape; the summary legible with who on every page, the others a page wide`, async () => {
        const out = join(dir, `${name.replace(/\W+/g, '-')}-${lang}`);
        mkdirSync(out, { recursive: true });
        const workbook = join(out, 'results.xlsx');
        const run = await runCli(['batch', ...inputs, '-o', workbook, ...ASOF, '--lang', lang]);
        expect(run.code, run.stderr).toBe(0);
        const { pages, boxes } = pdfPages(toPdf(workbook, out));
        expect(pages).toBeGreaterThanOrEqual(SHEETS);
        // At most 6 candidates: the summary's 28 columns on a few pages (at 70%: two specialties a page or so), the
        // other sheets a page each — never the 20 pages of a sheet printed portrait five columns a page, nor its
        // columns shrunk to one page at 2.4 points.
        expect(pages).toBeLessThanOrEqual(SHEETS + 5);
        const summary = part(workbook, 'xl/worksheets/sheet1.xml');
        expect(summary).toMatch(/<pageSetup paperSize="9" scale="70" orientation="landscape"\/>/);
        expect(summary).not.toContain('fitToPage');
        expect(part(workbook, 'xl/workbook.xml')).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="0">'[^']+'!\$A:\$C,'[^']+'!\$1:\$1<\/definedName>/);
        expect(part(workbook, 'xl/worksheets/sheet2.xml')).toContain('fitToWidth="1"');
        expect(boxes.length).toBeGreaterThanOrEqual(pages);
        for (const [width, height] of boxes) {
          expect(width).toBeCloseTo(841.89, 0);
          expect(height).toBeCloseTo(595.28, 0);
        }
      }, CONVERSIONS);
    }
  }

  it('colours the level cells by level through a few shared formats, and leaves empty ones plain', async () => {
    const workbook = join(dir, 'levels.xlsx');
    expect((await runCli(['batch', 'examples/hr-export', '-o', workbook, ...ASOF, '--lang', 'ja'])).code).toBe(0);
    const styles = part(workbook, 'xl/styles.xml');
    const xfs = [...styles.match(/<cellXfs[^>]*>(.*)<\/cellXfs>/)![1].matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    const fills = [...styles.match(/<fills[^>]*>(.*)<\/fills>/)![1].matchAll(/<fill>.*?<\/fill>/g)].map((m) => m[0]);
    const fillOf = (style: number) => Number(/fillId="(\d+)"/.exec(xfs[style])![1]);
    expect(xfs.length).toBeLessThanOrEqual(12);
    const summary = part(workbook, 'xl/worksheets/sheet1.xml');
    // The first specialty's columns: level (D), levels below not met (E), exam level (F), next level (G), unmet count (H).
    const cells = [...summary.matchAll(/<c r="([D-H])(\d+)" s="(\d+)"(?: t="s")?(?:\/>|><v>([^<]*)<\/v>)/g)].filter((m) => m[2] !== '1');
    const byLevel = new Map<string, Set<number>>();
    for (const [, column, , style, value] of cells) {
      const fill = fillOf(Number(style));
      if (column === 'E' || column === 'H' || value === undefined) {
        // The levels below not met, the unmet count, and an empty level: no fill.
        expect(fill, `${column} ${value}`).toBe(0);
        continue;
      }
      expect(fill, `${column} ${value}`).toBeGreaterThan(2);
      if (!byLevel.has(value)) byLevel.set(value, new Set());
      byLevel.get(value)!.add(fill);
    }
    expect(byLevel.size).toBeGreaterThan(1);
    // One fill a level, a different one for each.
    for (const set of byLevel.values()) expect(set.size).toBe(1);
    expect(new Set([...byLevel.values()].map((s) => [...s][0])).size).toBe(byLevel.size);
    for (const fill of new Set([...byLevel.values()].flatMap((s) => [...s]))) expect(fills[fill]).toMatch(/patternType="solid"/);
    // The criteria sheet's next level (E) coloured too.
    const criteria = part(workbook, 'xl/worksheets/sheet2.xml');
    const next = [...criteria.matchAll(/<c r="E(\d+)" s="(\d+)"><v>(\d+)<\/v>/g)];
    expect(next.length).toBeGreaterThan(0);
    for (const [, , style, value] of next) expect(byLevel.get(value) ?? new Set([fillOf(Number(style))])).toContain(fillOf(Number(style)));
  });
});
