import type { Describer } from '../messages/describe.js';
import { hrTables, type ColumnDefinition } from './hrTables.js';

/** Rows each sheet of the template offers drop-downs for. */
const ROWS = 1_000;

/** Single-valued enumerated columns, each with the list it chooses from (ids and labels of the standard). */
function choices(d: Describer): Partial<Record<string, { id: string; label: string }[]>> {
  const { standard, lang } = d;
  const labelled = (items: { id: string; label?: { ja: string; en: string } }[]) => items.map((i) => ({ id: i.id, label: i.label?.[lang] ?? i.id }));
  return {
    specialty: labelled(standard.specialties),
    role: labelled(standard.scales.role),
    depth: labelled(standard.scales.depth),
    kind: labelled(standard.scales.knowledgeTransfer),
    exam: labelled(standard.scales.exams),
    outcome: [
      { id: 'success', label: lang === 'ja' ? '成功' : 'success' },
      { id: 'failed', label: lang === 'ja' ? '失敗' : 'failed' },
    ],
  };
}

/** A column's header in the template's language: its first Japanese header, or its canonical name. */
const headerOf = (column: ColumnDefinition, d: Describer) => (d.lang === 'ja' && column.ja[0] !== undefined ? column.ja[0] : column.name);

/** A sheet's name: the table's Japanese name, or the canonical one (`knowledge_transfer`). */
const sheetOf = (names: string[], d: Describer) => (d.lang === 'ja' ? (names.find((n) => /[^\x00-\x7f]/.test(n)) ?? names[0]!) : names[0]!);

/**
 * `itss init FILE.xlsx`: an input workbook to fill in — a sheet per HR table with its headers in the chosen
 * language, a drop-down (data validation) on every single-valued enumerated column (specialty, role, outcome,
 * depth, kind, exam), a frozen header, and an instructions sheet listing every list's ids and labels. The
 * workbook reads back with `itss batch FILE.xlsx` as it is. Made in memory (it is small), written by the caller.
 */
export async function xlsxTemplate(d: Describer): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  const lists = choices(d);
  const instructions = book.addWorksheet(d.t('xlsx.sheet.instructions'));
  instructions.columns = [{ width: 24 }, { width: 30 }, { width: 48 }];
  instructions.addRow([d.t('xlsx.instructions.title')]).font = { bold: true };
  instructions.addRow([d.t('xlsx.instructions.text')]);
  instructions.addRow([]);
  instructions.addRow([d.t('xlsx.instructions.list'), 'id', d.t('xlsx.instructions.label')]).font = { bold: true };
  // The drop-downs' lists live on the instructions sheet (a list typed into the validation is limited to 255 characters).
  const ranges: Record<string, string> = {};
  for (const [column, items] of Object.entries(lists)) {
    if (!items || items.length === 0) continue;
    const first = instructions.rowCount + 1;
    for (const item of items) instructions.addRow([column, item.id, item.label]);
    ranges[column] = `'${instructions.name}'!$C$${first}:$C$${first + items.length - 1}`;
  }
  for (const definition of hrTables(d.standard)) {
    const sheet = book.addWorksheet(sheetOf(definition.names, d), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = definition.columns.map((c) => ({ header: headerOf(c, d), width: Math.max(12, headerOf(c, d).length * 2 + 2) }));
    sheet.getRow(1).font = { bold: true };
    definition.columns.forEach((column, i) => {
      const range = ranges[column.name];
      if (!range || column.list) return;
      const letter = sheet.getColumn(i + 1).letter;
      for (let row = 2; row <= ROWS + 1; row++) sheet.getCell(`${letter}${row}`).dataValidation = { type: 'list', allowBlank: true, formulae: [range] };
    });
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
