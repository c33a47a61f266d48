#!/usr/bin/python3
"""
The corpus of workbooks from real writers, for tests/xlsxCorpus.test.ts: one set of HR tables (DATA below)
written as CSV files and as XLSX workbooks made by openpyxl and pandas, repacked in other part orders, through a
stream (data descriptors), with every ja-JP date format Excel writes, with numbers Excel shows otherwise than
they are stored, and made hostile (error cells, sheets named twice, a zip bomb ...).

Run by hand from the repository's root, with Debian's python3 and its packages (no pip):

    apt-get install -y python3-openpyxl python3-pandas
    /usr/bin/python3 scripts/makeWorkbookCorpus.py

It rewrites tests/fixtures/workbooks/ (the outputs are committed; each a few KB, the zip bomb about 2 MB) and
is deterministic: run twice, it writes the same bytes (every zip entry is dated 2026-01-01).

What it writes, in tests/fixtures/workbooks/:
  csv/                      the tables as CSV (UTF-8, no BOM): the twin of every workbook below but two
  csv-ja-date-formats/      the twin of ja-date-formats*.xlsx (cells in formats without a day say the month)
  openpyxl.xlsx             openpyxl's own output (inline strings; parts: sheets before styles, workbook last)
  pandas.xlsx               DataFrame.to_excel through openpyxl
  excel-order.xlsx          openpyxl's parts with shared strings (as Excel writes them), in Excel's part order
  reordered.xlsx            the same parts in a hostile order: sheets first, shared strings after them,
                            the workbook and the relationships last
  streamed.xlsx             the same parts written to a stream that cannot seek: each entry has a data descriptor
  ja-date-formats.xlsx      every date cell in another date format: built-in ids 14, 17, 27-31, 34-36, 50-58
                            (styles.xml patched: no <numFmt> for them, as ja-JP Excel writes them) and the custom
                            [$-411]ge.m.d, [$-ja-JP-x-gannen]ggge"年"m"月"d"日", yyyy"年"m"月"d"日"
  ja-date-formats-1904.xlsx the same in the 1904 date system (workbookPr date1904="1", serials shifted)
  numbers.xlsx              420000000.00000006 stored for 420000000, staff counts in 0.00E+00, the id 1234 in
                            format 000000 (Excel shows 001234, as the CSV says)
  very-hidden.xlsx          the exams sheet (資格) with state="veryHidden"
  error-cells.xlsx          #N/A (t="e") in a money cell and in an id cell; formulas without a cached value
                            (openpyxl's <v></v>, and one with no <v> at all); a title row above the header
  duplicate-sheets.xlsx     two sheets named Exams and exams (workbook.xml patched)
  blank-header.xlsx         a column with a blank header between two headed ones, values under it and past the
                            last header
  zip-bomb.xlsx             sheet1.xml inflates to 2 GiB + 1 MiB of whitespace inside <sheetData> (deflate
                            blocks of 1 MiB of spaces repeated; nothing that large is ever in memory)
"""
import csv
import datetime
import html
import io
import os
import re
import shutil
import struct
import sys
import zipfile
import zlib
from xml.sax.saxutils import escape

import openpyxl
import pandas
from openpyxl.utils.datetime import CALENDAR_MAC_1904

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'tests', 'fixtures', 'workbooks')
ZIP_TIME = (2026, 1, 1, 0, 0, 0)

d = datetime.date

# ---------------------------------------------------------------------------------------------------------------
# The one set of data. Cells are str, int, float, datetime.date or None (empty). Dates are days (the CSV says
# 2019/4/15); 9999-12-31 is what HR systems write for a current position.
# ---------------------------------------------------------------------------------------------------------------
ENGAGEMENTS = ['社員番号', '氏名', '案件名', '専門分野', '役割', '開始', '終了', '結果', '複雑性', '活動', '要員数', '年間契約金額', '管理するピーク時の要員数', '対応するユーザ数（年間）']
DATA = {
    '業務経験': (ENGAGEMENTS, [
        ['E2001', '伊藤 真由美', '社内基幹システム 運用管理（サーバ・ストレージ）', '運用管理', 'メンバ', d(2015, 4, 15), d(2017, 3, 31), '成功', '高度な運用要件;体制', 'SLAに基づくサービス提供', 20, '1.8億円', None, None],
        ['E2001', '伊藤 真由美', '統合運用基盤 運用管理 リーダ', '運用管理', 'リーダ', d(2017, 4, 1), d(2020, 9, 15), '成功', '高度な運用要件;高度な基盤要件;体制', 'SLAに基づくサービス提供', 40, 420000000, None, None],
        ['E2001', '伊藤 真由美', '全社運用改革（運用設計・SLA再定義）責任者', '運用管理', '責任者', d(2020, 10, 1), None, '成功', '高度な運用要件;高度なシステムリスク;複雑な契約条件または完了条件', 'SLAに基づくサービス提供', 80, '8億円', None, None],
        ['E2002', '渡辺 健太', '問合せ窓口統合プロジェクト', 'サービスデスク', 'メンバ', d(2016, 4, 11), d(2017, 2, 28), '失敗', '高度なアプリケーション要件', 'サービスレベル管理', None, '3500万円', 5, 1200],
        ['E2002', '渡辺 健太', '社内ヘルプデスク 一次受付（インシデント受付）', 'サービスデスク', 'メンバ', d(2018, 7, 2), d(2020, 6, 30), '成功', '高度なサポート対象システム;体制', 'サービスレベル管理', None, None, 12, 2800],
        ['E2002', '渡辺 健太', '全社サービスデスク リーダ（ピーク時25名）', 'サービスデスク', 'リーダ', d(2020, 7, 1), None, '成功', '高度なサポート対象システム;高度なネットワーク要件;体制', 'サービスレベル管理', None, 150000000, 25, 12000],
        ['E2007', '𠮷田 優', '窓口業務 運用（現職）', 'サービスデスク', 'メンバ', d(2021, 1, 18), d(9999, 12, 31), '成功', '高度なサポート対象システム;体制', 'サービスレベル管理', None, None, 6, 1500],
        ['E2003', '中村 さくら', '共通運用基盤 設計・構築（統合監視・ジョブ管理）', 'システム管理', 'メンバ', d(2016, 10, 3), d(2019, 3, 29), '成功', '高度なシステム運用要件;複雑な運用システム', '共通運用基盤の設計;共通運用基盤の構築;システム受入基準の作成;受入評価', 30, '2億円', None, None],
        ['E2003', '中村 さくら', '共通運用基盤 維持管理 責任者', 'システム管理', '責任者', d(2019, 4, 1), None, '成功', '高度なシステム運用要件;複雑な運用システム;体制', '障害対応;構成変更;稼動分析', 90, '350,000千円', None, None],
        ['001234', '小林 大輔', 'データセンター 監視・オペレーション', 'オペレーション', 'メンバ', d(2019, 10, 16), d(2021, 9, 30), '成功', '複雑な運用システム;高度な業務要件', '作業改善・提案;非計画作業', None, None, None, None],
        ['001234', '小林 大輔', '夜間バッチ運用 リーダ', 'オペレーション', 'リーダ', d(2021, 10, 1), d(2024, 12, 20), '成功', '複雑な運用システム;高度な業務要件;体制', '作業改善・提案;非計画作業', 18, '3億円', None, None],
        ['001234', '小林 大輔', '運用自動化（ジョブ設計の標準化）', '運用管理', 'メンバ', d(2025, 1, 6), None, '成功', '高度なシステムリスク;体制', 'SLAに基づくサービス提供', 8, '5千万円', None, None],
        ['E2006', '山本 陽子', '自治体基幹業務 運用管理', '運用管理', 'メンバ', d(2012, 4, 2), d(2014, 3, 31), '成功', '高度な運用要件;体制', 'SLAに基づくサービス提供', 15, '1億2000万円', None, None],
        ['E2006', '山本 陽子', '広域行政クラウド 運用管理 リーダ', '運用管理', 'リーダ', d(2014, 4, 1), d(2018, 8, 31), '成功', '高度な運用要件;高度な基盤要件;体制', 'SLAに基づくサービス提供', 36, '3.6億円', None, None],
        ['E2006', '山本 陽子', '広域行政クラウド 運用管理 責任者', '運用管理', '責任者', d(2018, 9, 3), d(2023, 1, 13), '成功', '高度な運用要件;高度な基盤要件;高度なシステムリスク;体制', 'SLAに基づくサービス提供', 75, '７．５億円', None, None],
        ['E2006', '山本 陽子', '次期行政クラウド 移行・運用設計', '運用管理', '責任者', d(2023, 2, 1), d(2026, 10, 30), '成功', '高度な運用要件;体制;複雑な契約条件または完了条件', 'SLAに基づくサービス提供', 60, '6億円', None, None],
        ['E2006', '山本 陽子', '統合監視センター 立ち上げ', '運用管理', '責任者', d(2026, 6, 1), None, '成功', '高度な運用要件;体制', 'SLAに基づくサービス提供', 40, '4億円', None, None],
    ]),
    '専門性': (['社員番号', '専門分野', '領域', '深さ'], [
        ['E2001', '運用管理', 'サービスレベル管理;リスクに関する予防措置;サービスの安定提供;関連各機関とのネゴシエーション;運用ガイドラインの策定', '後進を指導'],
        ['E2002', 'サービスデスク', 'マネジメント;顧客満足度の獲得', '後進を指導'],
        ['E2003', 'システム管理', 'システムプラットフォーム管理;ネットワーク管理', '社内に貢献'],
        ['001234', 'オペレーション', 'ソフトウェア', '後進を指導'],
        ['E2005', '運用管理', 'サービスレベル管理', '独力で実践'],
        ['E2006', '運用管理', 'サービスレベル管理;リスクに関する予防措置;サービスの安定提供;関連各機関とのネゴシエーション;運用ガイドラインの策定', '社内に貢献'],
    ]),
    '技術の継承': (['社員番号', '種別', '専門分野', '題名', '日付'], [
        ['E2001', '社内論文掲載', '運用管理', '障害予兆検知の取り組み', d(2019, 6, 14)],
        ['E2001', '社内講師', None, '新任者向け 運用管理研修', d(2022, 10, 5)],
        ['E2002', '社内講師', 'サービスデスク', '問合せ対応品質向上研修', d(2023, 2, 16)],
        ['E2003', '社外講師', 'システム管理', '運用基盤セミナー「監視の自動化」', d(2021, 11, 25)],
        ['E2003', '学会、委員会等プロフェッショナルコミュニティ活動', 'システム管理', 'ITSM研究会 委員', d(2022, 4, 1)],
        ['001234', '社内論文掲載', 'オペレーション', '夜間バッチ異常の早期検知', d(2024, 5, 20)],
        ['E2006', '社外論文掲載', '運用管理', '行政クラウドのSLA設計', d(2020, 3, 10)],
        ['E2006', '特許出願', '運用管理', '障害影響範囲の推定方法', d(2026, 5, 12)],
    ]),
    '後進の育成': (['社員番号', '育成対象', '専門分野', '開始'], [
        ['E2001', '佐藤', '運用管理', d(2021, 4, 1)],
        ['E2002', '新人2名', 'サービスデスク', d(2022, 4, 4)],
        ['E2003', '若手SE', 'システム管理', d(2020, 4, 1)],
        ['001234', 'オペレータ3名', None, d(2023, 4, 3)],
        ['E2006', '運用チーム4名', '運用管理', d(2019, 4, 1)],
    ]),
    '資格': (['社員番号', '試験', '合格'], [
        ['E2001', '応用情報技術者試験', d(2014, 12, 19)],
        ['E2003', 'AP', d(2013, 6, 21)],
        ['001234', '基本情報技術者試験', d(2018, 12, 14)],
        ['E2005', '応用情報技術者試験', d(2026, 4, 19)],
        ['E2006', 'ITサービスマネージャ試験', d(2019, 10, 20)],
    ]),
}
SHEETS = list(DATA)

# Formats of ja-date-formats*.xlsx: built-in ids (no <numFmt> in styles.xml) and custom codes. Those that show
# no day show a month, and the twin says the month.
BUILTIN_DATE_IDS = [14, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]
CUSTOM_DATE_CODES = ['[$-411]ge.m.d', '[$-ja-JP-x-gannen]ggge"年"m"月"d"日"', 'yyyy"年"m"月"d"日"']
MONTH_IDS = {17, 34, 52, 55}


def placeholder(format_id):
    """A custom code standing for a built-in id until styles.xml is patched."""
    return f'"#id{format_id}#"yyyy/m/d'


# ---------------------------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------------------------
def csv_text(value, month=False):
    if value is None:
        return ''
    if isinstance(value, datetime.date):
        return f'{value.year}/{value.month}' if month else f'{value.year}/{value.month}/{value.day}'
    return str(value)


def write_csv(folder, months=frozenset()):
    """The tables as CSV; `months` holds the (sheet, row, column) cells written as their month."""
    path = os.path.join(OUT, folder)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    for sheet, (header, rows) in DATA.items():
        with open(os.path.join(path, f'{sheet}.csv'), 'w', encoding='utf-8', newline='') as f:
            out = csv.writer(f, lineterminator='\n')
            out.writerow(header)
            for r, row in enumerate(rows):
                out.writerow([csv_text(v, (sheet, r, c) in months) for c, v in enumerate(row)])


# ---------------------------------------------------------------------------------------------------------------
# Workbooks through openpyxl, and their parts
# ---------------------------------------------------------------------------------------------------------------
def openpyxl_book(date_format=lambda sheet, r, c: 'yyyy/m/d', cell=None, epoch1904=False, sheets=None):
    """The tables as an openpyxl workbook. `cell(sheet, r, c, value, ws_cell)` may change a cell after it is set."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    fixed_times(wb)
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    for sheet in sheets or SHEETS:
        header, rows = DATA[sheet]
        ws = wb.create_sheet(sheet)
        ws.append(header)
        for r, row in enumerate(rows):
            ws.append(row)
            for c, value in enumerate(row):
                target = ws.cell(row=r + 2, column=c + 1)
                if isinstance(value, datetime.date):
                    target.number_format = date_format(sheet, r, c)
                if cell:
                    cell(sheet, r, c, value, target)
    return wb


def fixed_times(wb):
    """docProps/core.xml's times (openpyxl writes the time of the run): fixed, so that a rerun writes the same bytes."""
    wb.properties.created = wb.properties.modified = datetime.datetime(*ZIP_TIME)


def book_parts(wb):
    """A workbook's parts, in the order its writer stored them."""
    data = io.BytesIO()
    wb.save(data)
    with zipfile.ZipFile(data) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write_zip(path, parts, stream=None):
    """A zip of the parts in the given order, deflated, dated ZIP_TIME; through `stream` when given."""
    target = stream if stream is not None else open(path, 'wb')
    with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, data)
    if stream is None:
        target.close()


def save(name, parts):
    write_zip(os.path.join(OUT, name), parts)


def patch(parts, name, change):
    out = []
    found = False
    for part, data in parts:
        if part == name:
            found = True
            data = change(data.decode('utf-8')).encode('utf-8')
        out.append((part, data))
    assert found, name
    return out


def to_shared_strings(parts):
    """Inline strings (openpyxl's) as shared strings (Excel's): each sheet's <is> becomes an index into
    xl/sharedStrings.xml, which the content types and the workbook's relationships then name."""
    strings = []
    index = {}

    def shared(m):
        # openpyxl writes every character past ASCII as a reference (&#31038;); Excel writes UTF-8.
        text = escape(html.unescape(m.group(2)))
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c{m.group(1)} t="s"><v>{index[text]}</v></c>'

    out = []
    for name, data in parts:
        if name.startswith('xl/worksheets/sheet'):
            xml = data.decode('utf-8')
            xml = re.sub(r'<c([^>]*?) t="inlineStr"><is><t(?: [^>]*)?>(.*?)</t></is></c>', shared, xml)
            assert 'inlineStr' not in xml
            data = xml.encode('utf-8')
        out.append((name, data))
    items = ''.join(f'<si><t xml:space="preserve">{s}</t></si>' if s != s.strip() else f'<si><t>{s}</t></si>' for s in strings)
    sst = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    out.append(('xl/sharedStrings.xml', sst.encode('utf-8')))
    out = patch(out, '[Content_Types].xml', lambda x: x.replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    out = patch(out, 'xl/_rels/workbook.xml.rels', lambda x: x.replace('</Relationships>', '<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    return out


def ordered(parts, keys):
    """The parts sorted by the first of `keys` (prefixes, or exact names) each matches."""
    def rank(item):
        name = item[0]
        for i, key in enumerate(keys):
            if name == key or (key.endswith('/') and name.startswith(key)):
                return (i, name)
        raise AssertionError(f'no place for {name}')
    return sorted(parts, key=rank)


EXCEL_ORDER = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/', 'xl/theme/', 'xl/styles.xml', 'xl/sharedStrings.xml', 'docProps/']


def hostile_order(parts):
    """Sheets first (last sheet first), shared strings after them, then the rest, the workbook and rels last."""
    sheets = sorted((p for p in parts if p[0].startswith('xl/worksheets/')), key=lambda p: p[0], reverse=True)
    rest = ordered([p for p in parts if not p[0].startswith('xl/worksheets/')], ['xl/sharedStrings.xml', 'docProps/', 'xl/theme/', 'xl/styles.xml', '[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', '_rels/.rels'])
    return sheets + rest


class Unseekable:
    """A pipe, as far as zipfile can tell: write only, no tell, no seek."""

    def __init__(self):
        self.data = bytearray()

    def write(self, b):
        self.data += b
        return len(b)

    def flush(self):
        pass


def patch_builtin_formats(parts):
    """styles.xml: each placeholder <numFmt> removed, and the cell styles using it given the built-in id."""
    def change(xml):
        ids = {}
        def drop(m):
            code = m.group(2)
            found = re.search(r'#id(\d+)#', code)
            if not found:
                return m.group(0)
            ids[m.group(1)] = found.group(1)
            return ''
        xml = re.sub(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\s*/>', drop, xml)
        left = len(re.findall(r'<numFmt ', xml))
        xml = re.sub(r'<numFmts count="\d+">', f'<numFmts count="{left}">', xml) if left else re.sub(r'<numFmts count="\d+">\s*</numFmts>|<numFmts count="\d+"\s*/>', '', xml)
        for custom, builtin in ids.items():
            xml = xml.replace(f'numFmtId="{custom}"', f'numFmtId="{builtin}"')
        assert sorted(map(int, ids.values())) == sorted(BUILTIN_DATE_IDS), ids
        return xml
    return patch(parts, 'xl/styles.xml', change)


# ---------------------------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------------------------
def date_cells():
    """Every date cell, (sheet, row, column, value), in sheet order."""
    return [(s, r, c, v) for s in SHEETS for r, row in enumerate(DATA[s][1]) for c, v in enumerate(row) if isinstance(v, datetime.date)]


def date_format_plan():
    """A format for each date cell, every format used: those showing a month go to days in mid-month (so that
    reading them as a day would differ), the rest in turn."""
    cells = date_cells()
    formats = [('id', i) for i in BUILTIN_DATE_IDS] + [('code', c) for c in CUSTOM_DATE_CODES]
    month_formats = [f for f in formats if f[0] == 'id' and f[1] in MONTH_IDS]
    others = [f for f in formats if f not in month_formats]
    plan = {}
    mid_month = [x for x in cells if x[0] == '業務経験' and 5 <= x[3].day <= 25]
    assert len(mid_month) >= len(month_formats)
    for cell, f in zip(mid_month, month_formats):
        plan[cell[:3]] = f
    rest = [x for x in cells if x[:3] not in plan]
    assert len(rest) >= len(others)
    for i, cell in enumerate(rest):
        plan[cell[:3]] = others[i % len(others)]
    return plan


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        if name.endswith('.xlsx'):
            os.remove(os.path.join(OUT, name))
    write_csv('csv')

    # openpyxl, pandas
    base = book_parts(openpyxl_book())
    save('openpyxl.xlsx', base)
    buffer = io.BytesIO()
    with pandas.ExcelWriter(buffer, engine='openpyxl', date_format='yyyy/m/d') as writer:
        for sheet, (header, rows) in DATA.items():
            pandas.DataFrame(rows, columns=header, dtype=object).to_excel(writer, sheet_name=sheet, index=False)
        fixed_times(writer.book)
    with zipfile.ZipFile(buffer) as z:
        save('pandas.xlsx', [(i.filename, z.read(i.filename)) for i in z.infolist()])

    # The same parts, with shared strings, in Excel's order, in a hostile one, and through a stream.
    shared = to_shared_strings(base)
    save('excel-order.xlsx', ordered(shared, EXCEL_ORDER))
    save('reordered.xlsx', hostile_order(shared))
    pipe = Unseekable()
    write_zip(None, ordered(shared, EXCEL_ORDER), stream=pipe)
    with open(os.path.join(OUT, 'streamed.xlsx'), 'wb') as f:
        f.write(pipe.data)

    # Every ja-JP date format, in both date systems.
    plan = date_format_plan()
    def date_format(sheet, r, c):
        kind, f = plan[(sheet, r, c)]
        return placeholder(f) if kind == 'id' else f
    months = frozenset(k for k, (kind, f) in plan.items() if kind == 'id' and f in MONTH_IDS)
    write_csv('csv-ja-date-formats', months)
    save('ja-date-formats.xlsx', patch_builtin_formats(book_parts(openpyxl_book(date_format))))
    book1904 = patch_builtin_formats(book_parts(openpyxl_book(date_format, epoch1904=True)))
    assert b'date1904="1"' in dict(book1904)['xl/workbook.xml']
    save('ja-date-formats-1904.xlsx', book1904)

    # Numbers Excel shows otherwise than they are stored.
    def numbers(sheet, r, c, value, target):
        header = DATA[sheet][0][c]
        if value == '001234' and c == 0:
            target.value = 1234
            target.number_format = '000000'
        elif value == 420000000:
            target.value = 420000000.00000006
        elif header in ('要員数', '管理するピーク時の要員数') and value is not None:
            target.number_format = '0.00E+00'
    parts = book_parts(openpyxl_book(cell=numbers))
    # openpyxl writes 16 significant digits (420000000.0000001, two steps off); Excel writes the shortest text
    # that reads back as the double: 420000000.00000006, one step above 420000000.
    assert repr(420000000.00000006) == '420000000.00000006' and 420000000.00000006 != 420000000
    parts = patch(parts, 'xl/worksheets/sheet1.xml', lambda x: x.replace('<v>420000000.0000001</v>', '<v>420000000.00000006</v>'))
    sheet1 = dict(parts)['xl/worksheets/sheet1.xml'].decode()
    assert '<v>420000000.00000006</v>' in sheet1 and '<v>1234</v>' in sheet1
    save('numbers.xlsx', parts)

    # The exams sheet very hidden.
    wb = openpyxl_book()
    wb['資格'].sheet_state = 'veryHidden'
    save('very-hidden.xlsx', book_parts(wb))

    # Error cells and formulas without a value, under a title row (so the sheet's rows are not the CSV's lines).
    wb = openpyxl_book()
    ws = wb['業務経験']
    ws.insert_rows(1, 2)
    ws['A1'] = '業務経験一覧（2026年4月1日現在）'
    rows = DATA['業務経験'][1]
    def at(candidate, nth):
        return [i for i, row in enumerate(rows) if row[0] == candidate][nth] + 4  # the sheet's row: header on 3
    money, staff, peak = ENGAGEMENTS.index('年間契約金額') + 1, ENGAGEMENTS.index('要員数') + 1, ENGAGEMENTS.index('管理するピーク時の要員数') + 1
    ws.cell(row=at('E2002', 2), column=money).value = '#N/A'
    ws.cell(row=at('001234', 1), column=staff).value = f'=K{at("001234", 0)}*2'
    ws.cell(row=at('E2003', 1), column=peak).value = f'=SUM(K{at("E2001", 0)}:K{at("E2001", 2)})'
    ws.append(['#N/A', '松本 恵', '障害対応手順の整備', '運用管理', 'メンバ', d(2020, 4, 1), d(2021, 3, 31), '成功', '高度な運用要件;体制', 'SLAに基づくサービス提供', 10, '1億円', None, None])
    ws.cell(row=ws.max_row, column=6).number_format = 'yyyy/m/d'
    ws.cell(row=ws.max_row, column=7).number_format = 'yyyy/m/d'
    parts = book_parts(wb)
    no_value = f'{openpyxl.utils.get_column_letter(peak)}{at("E2003", 1)}'
    def drop_value(xml):
        before = xml
        xml = re.sub(rf'(<c r="{no_value}"[^>]*><f>[^<]*</f>)<v\s*/>|(<c r="{no_value}"[^>]*><f>[^<]*</f>)<v></v>', lambda m: m.group(1) or m.group(2), xml)
        assert xml != before
        assert '<c r="A' in xml and 't="e"><v>#N/A</v>' in xml
        return xml
    save('error-cells.xlsx', patch(parts, 'xl/worksheets/sheet1.xml', drop_value))

    # Two sheets whose names differ only in case (openpyxl would call the second exams1).
    wb = openpyxl_book()
    wb['資格'].title = 'Exams'
    second = wb.create_sheet('exams')
    assert second.title == 'exams1', second.title
    for row in [DATA['資格'][0]] + DATA['資格'][1]:
        second.append(row)
    parts = book_parts(wb)
    parts = patch(parts, 'xl/workbook.xml', lambda x: x.replace('name="exams1"', 'name="exams"'))
    parts = patch(parts, 'docProps/app.xml', lambda x: x.replace('>exams1<', '>exams<'))
    save('duplicate-sheets.xlsx', parts)

    # A column with a blank header between two headed ones (after 役割), and a value past the last header.
    wb = openpyxl_book()
    ws = wb['業務経験']
    ws.insert_cols(ENGAGEMENTS.index('役割') + 2)
    ws.cell(row=[i for i, row in enumerate(rows) if row[0] == 'E2002'][1] + 2, column=ENGAGEMENTS.index('役割') + 2).value = '要確認（人事メモ）'
    ws.cell(row=[i for i, row in enumerate(rows) if row[0] == '001234'][2] + 2, column=len(ENGAGEMENTS) + 2).value = '備考: 兼務'
    save('blank-header.xlsx', book_parts(wb))

    write_zip_bomb(base)

    for name in sorted(os.listdir(OUT)):
        full = os.path.join(OUT, name)
        if os.path.isfile(full):
            print(f'{os.path.getsize(full):>9,}  {name}')


# ---------------------------------------------------------------------------------------------------------------
# The zip bomb: written by hand, its big part as raw deflate blocks put together.
# ---------------------------------------------------------------------------------------------------------------
BOMB_MIB = 2049  # 2 GiB + 1 MiB of whitespace


def deflated(data, mode):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(mode)


def write_zip_bomb(base):
    """openpyxl.xlsx's parts with sheet1.xml (業務経験) holding BOMB_MIB MiB of spaces inside <sheetData>. Each piece
    is a raw deflate stream ended by a full flush (byte-aligned, no final block, no reference to earlier pieces),
    so pieces put one after another are one valid stream; the last ends it. The sizes are the truth (the part
    declares its 2 GiB)."""
    sheet = dict(base)['xl/worksheets/sheet1.xml']
    cut = sheet.index(b'<sheetData>') + len(b'<sheetData>')
    head, tail = sheet[:cut], sheet[cut:]
    spaces = b' ' * (1 << 20)
    block = deflated(spaces, zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(BOMB_MIB):
        crc = zlib.crc32(spaces, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + BOMB_MIB * len(spaces) + len(tail)
    assert 2 ** 31 < size < 2 ** 32 - 1
    head_z, tail_z = deflated(head, zlib.Z_FULL_FLUSH), deflated(tail, zlib.Z_FINISH)
    # The stream checks out: its start and end inflate to the part (the middle is the block, repeated).
    assert zlib.decompress(head_z + block + tail_z, -15) == head + spaces + tail

    dos_time = (ZIP_TIME[3] << 11) | (ZIP_TIME[4] << 5) | (ZIP_TIME[5] // 2)
    dos_date = ((ZIP_TIME[0] - 1980) << 9) | (ZIP_TIME[1] << 5) | ZIP_TIME[2]
    central = []
    with open(os.path.join(OUT, 'zip-bomb.xlsx'), 'wb') as f:
        for name, data in base:
            if name == 'xl/worksheets/sheet1.xml':
                pieces, crc_, usize, csize = [head_z, (block, BOMB_MIB), tail_z], crc, size, len(head_z) + len(block) * BOMB_MIB + len(tail_z)
            else:
                z = deflated(data, zlib.Z_FINISH)
                pieces, crc_, usize, csize = [z], zlib.crc32(data), len(data), len(z)
            encoded = name.encode('utf-8')
            offset = f.tell()
            f.write(struct.pack('<IHHHHHIIIHH', 0x04034B50, 20, 0x0800, 8, dos_time, dos_date, crc_, csize, usize, len(encoded), 0) + encoded)
            for piece in pieces:
                if isinstance(piece, tuple):
                    for _ in range(piece[1]):
                        f.write(piece[0])
                else:
                    f.write(piece)
            central.append(struct.pack('<IHHHHHHIIIHHHHHII', 0x02014B50, 20, 20, 0x0800, 8, dos_time, dos_date, crc_, csize, usize, len(encoded), 0, 0, 0, 0, 0o600 << 16, offset) + encoded)
        start = f.tell()
        directory = b''.join(central)
        f.write(directory)
        f.write(struct.pack('<IHHHHIIH', 0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0))


if __name__ == '__main__':
    sys.exit(main())
