import type { Describer } from '../messages/describe.js';
import { hrTables, type ColumnDefinition, type TableDefinition } from '../hr/hrTables.js';
import { sizeFieldsRead } from '../standard/criterionOfKind.js';

/** Rows each sheet of the template offers drop-downs and input messages for. */
const ROWS = 1_000;

/** The instructions sheet's columns: what the list is, the label (the drop-downs' values), the id. */
const WIDTHS = [28, 56, 34];

interface Choice {
  id: string;
  label: string;
}

type Labelled = { id: string; label?: { ja: string; en: string } };

/** Enumerated columns whose list is the same whatever the row, each with its items (labels and ids of the standard). */
function choices(d: Describer): Record<string, Choice[]> {
  const { standard, lang } = d;
  const labelled = (items: readonly Labelled[]) => items.map((i) => ({ id: i.id, label: i.label?.[lang] ?? i.id }));
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

/** Columns whose list depends on the row's specialty: the specialty's own list of that name. */
const PER_SPECIALTY = { complexity: 'complexity', activities: 'activities', areas: 'areas' } as const;

/** A column's header in the template's language: its first Japanese header, or its canonical name. */
const headerOf = (column: ColumnDefinition, d: Describer) => (d.lang === 'ja' && column.ja[0] !== undefined ? column.ja[0] : column.name);

/** A sheet's name: the table's Japanese name, or the canonical one (`knowledge_transfer`). */
const sheetOf = (names: string[], d: Describer) => (d.lang === 'ja' ? (names.find((n) => /[^\x00-\x7f]/.test(n)) ?? names[0]!) : names[0]!);

/** The list a column chooses from: `specialties` (a list of specialties) from the specialty list. */
const listOf = (column: ColumnDefinition) => (column.name === 'specialties' ? 'specialty' : column.name);

/** How wide a text shows, in the units of column widths: CJK and full-width characters count twice. */
function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1;
  return width;
}

/** Lines a text takes when wrapped in a cell `width` wide (a little narrower than the width, for the margins). */
function linesIn(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, width - 2))), 0);
}

/** Points per wrapped line of 11-point text (Japanese glyphs are taller than Latin ones). */
const LINE_HEIGHT = 15;

/**
 * `itss init FILE.xlsx`: an input workbook to fill in — a sheet per HR table with its headers in the chosen
 * language, a drop-down (data validation) on every enumerated column whose list does not depend on the row
 * (specialty, role, outcome, depth, kind, exam, and the specialties of knowledge transfer and mentoring), an
 * input message on every cell that takes several values saying how to separate them, a frozen header, and an
 * instructions sheet first: how to fill in, how to write several values, dates and money, and every label the
 * standard accepts for each coded column (complexity, activities and areas per specialty), label first, id
 * after, wrapped and fitted to A4 portrait one page wide when printed. The workbook reads back with
 * `itss batch FILE.xlsx` as it is. Made in memory (it is small), written by the caller.
 */
export async function xlsxTemplate(d: Describer): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  type Worksheet = import('exceljs').Worksheet;
  type Row = import('exceljs').Row;
  type DataValidation = import('exceljs').DataValidation;
  const book = new Excel.Workbook();
  const tables = hrTables(d.standard);
  const lists = choices(d);
  const instructions = book.addWorksheet(d.t('xlsx.sheet.instructions'), {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
  });
  instructions.columns = WIDTHS.map((width) => ({ width }));
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  /** A paragraph across the three columns, wrapped, its height fitted to its lines. */
  const paragraph = (text: string, bold = false): Row => {
    const row = instructions.addRow([text]);
    instructions.mergeCells(row.number, 1, row.number, WIDTHS.length);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (bold) row.font = { bold: true };
    row.height = linesIn(text, total) * LINE_HEIGHT + 3;
    return row;
  };
  /** A row of the lists, every cell wrapped, its height fitted to its longest cell. */
  const listRow = (cells: string[], bold = false): Row => {
    const row = instructions.addRow(cells);
    cells.forEach((_, i) => (row.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' }));
    if (bold) row.font = { bold: true };
    const lines = Math.max(...cells.map((c, i) => linesIn(c, WIDTHS[i]!)));
    if (lines > 1) row.height = lines * LINE_HEIGHT + 3;
    return row;
  };

  // Where each table's coded columns are, to name them in the instructions (`専門分野（技術の継承、後進の育成）`).
  const listColumns = new Map<string, string[]>();
  for (const table of tables) {
    for (const column of table.columns) {
      if (!column.list) continue;
      const header = headerOf(column, d);
      listColumns.set(header, [...(listColumns.get(header) ?? []), sheetOf(table.names, d)]);
    }
  }
  const separator = d.table.listSeparator;
  const columnsWithSheets = [...listColumns].map(([header, sheets]) => d.t('xlsx.instructions.in', { column: header, sheets: sheets.join(separator) })).join(separator);
  // An example of several values: two labels of one specialty's list, as a person would write them.
  const pair = d.standard.specialties.flatMap((s) => [s.complexity, s.activities, s.areas]).find((items) => items.length >= 2) ?? [];
  const example = pair.slice(0, 2).map((i) => i.label[d.lang]).join(d.lang === 'ja' ? '、' : '; ');
  const sizeNames = (unit: 'yen' | 'people') => d.standard.sizeFields.filter((f) => f.unit === unit).map((f) => headerOf(tables[0]!.columns.find((c) => c.field === `size.${f.id}`)!, d)).join(separator);

  paragraph(d.t('xlsx.instructions.title'), true).font = { bold: true, size: 14 };
  instructions.getRow(1).height = 22;
  paragraph(d.t('xlsx.instructions.text'));
  instructions.addRow([]);
  paragraph(d.t('xlsx.instructions.section.values'), true);
  paragraph(d.t('xlsx.instructions.values', { columns: columnsWithSheets, example }));
  paragraph(d.t('xlsx.instructions.section.dates'), true);
  paragraph(d.t('xlsx.instructions.dates'));
  paragraph(d.t('xlsx.instructions.section.money'), true);
  paragraph(d.t('xlsx.instructions.money', { money: sizeNames('yen'), people: sizeNames('people') }));
  addEngagementNotes();
  instructions.addRow([]);
  paragraph(d.t('xlsx.instructions.section.lists'), true);
  listRow([d.t('xlsx.instructions.list'), d.t('xlsx.instructions.label'), 'id'], true).eachCell((cell) => {
    cell.border = { bottom: { style: 'thin' } };
  });

  /**
   * What an engagement's row means beyond its cells: an empty outcome is a success, and which size columns each
   * specialty's size criteria read (サービスデスク reads peak staff, not staff) — from the standard in use, which
   * `--standard` may have tailored, so that a figure is not put where it counts for nothing.
   */
  function addEngagementNotes(): void {
    const engagements = tables.find((t) => t.name === 'engagements')!;
    const headerOfField = (field: string) => {
      const column = engagements.columns.find((c) => c.field === field);
      return column ? headerOf(column, d) : field;
    };
    const failed = lists.outcome?.find((o) => o.id === 'failed')?.label ?? 'failed';
    paragraph(d.t('xlsx.instructions.section.engagements'), true);
    paragraph(d.t('xlsx.instructions.outcome', { outcome: headerOfField('outcome'), failed }));
    paragraph(d.t('xlsx.instructions.size'));
    for (const specialty of d.standard.specialties) {
      const columns = sizeFieldsRead(specialty, d.standard.sizeFields).map((id) => headerOfField(`size.${id}`));
      const name = d.specialtyName(specialty.id);
      paragraph(
        columns.length > 0
          ? d.t('xlsx.instructions.size.specialty', { specialty: name, columns: columns.join(separator) })
          : d.t('xlsx.instructions.size.none', { specialty: name }),
      );
    }
  }

  /** A coded column's name in the instructions: its header where it is a column of the template. */
  const nameOf = (name: string) => {
    for (const table of tables) {
      const column = table.columns.find((c) => c.name === name);
      if (column) return headerOf(column, d);
    }
    return name;
  };
  // The drop-downs' lists live on the instructions sheet (a list typed into the validation is limited to 255
  // characters): each list's labels, one block of rows of column B per list, blocks apart.
  const ranges: Record<string, string> = {};
  const quoted = `'${instructions.name.replace(/'/g, "''")}'`;
  for (const [list, items] of Object.entries(lists)) {
    if (items.length === 0) continue;
    const first = instructions.rowCount + 1;
    items.forEach((item, i) => listRow([i === 0 ? nameOf(list) : '', item.label, item.id]));
    ranges[list] = `${quoted}!$B$${first}:$B$${first + items.length - 1}`;
  }
  for (const specialty of d.standard.specialties) {
    for (const [column, field] of Object.entries(PER_SPECIALTY)) {
      const items: readonly Labelled[] = specialty[field];
      const name = d.t('xlsx.instructions.per', { list: nameOf(column), specialty: d.specialtyName(specialty.id) });
      items.forEach((item, i) => listRow([i === 0 ? name : '', item.label?.[d.lang] ?? item.id, item.id]));
    }
  }

  for (const definition of tables) addTableSheet(book.addWorksheet(sheetOf(definition.names, d), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  }), definition);

  /** A table's sheet: its headers, a drop-down on each column with a fixed list, an input message on each list cell. */
  function addTableSheet(sheet: Worksheet, definition: TableDefinition): void {
    sheet.columns = definition.columns.map((c) => ({ header: headerOf(c, d), width: Math.max(12, displayWidth(headerOf(c, d)) + 4) }));
    sheet.getRow(1).font = { bold: true };
    definition.columns.forEach((column, i) => {
      const range = ranges[listOf(column)];
      const letter = sheet.getColumn(i + 1).letter;
      if (column.list) sheet.getColumn(i + 1).width = Math.max(sheet.getColumn(i + 1).width ?? 12, 30);
      // A list cell takes several values: a drop-down (when its list is fixed) that lets any text through, and how to separate values.
      const validation: DataValidation | undefined = column.list
        ? range
          ? { type: 'list' as const, allowBlank: true, formulae: [range], showInputMessage: true, promptTitle: d.t('xlsx.input.list.title'), prompt: d.t('xlsx.input.list.pick') }
          : // Any value (exceljs writes no type for `any`, which its types leave out): only the input message.
            ({ type: 'any', allowBlank: true, showInputMessage: true, promptTitle: d.t('xlsx.input.list.title'), prompt: d.t('xlsx.input.list') } as unknown as DataValidation)
        : range
          ? { type: 'list' as const, allowBlank: true, formulae: [range] }
          : undefined;
      if (!validation) return;
      // One range per column, given whole: exceljs squeezes validations set cell by cell into ranges that overlap
      // (it sorts D10 before D2 and writes D10:D1001 and D2:D1001), which Excel reports as a damaged file.
      (sheet as unknown as { dataValidations: { add(address: string, validation: DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${ROWS + 1}`, validation);
    });
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
