import type { Describer } from '../messages/describe.js';
import { PAGE_STYLE, html, htmlDocument, markdownText } from '../reporters/reportPage.js';
import type { ResultsDiff } from './diffResults.js';
import { diffView, type BlockingLine, type ChangeLine, type DiffView, type PersonLine, type SpecialtyGroup } from './diffView.js';
import { levelText } from './diffReport.js';

interface Table {
  header: string[];
  rows: string[][];
}

/** The page's tables, the same in Markdown and HTML: per specialty, a row per person, department first. */
function tables(view: DiffView, d: Describer) {
  const who = [d.t('csv.department'), d.t('csv.candidate_id'), d.t('csv.name')];
  const whoCells = (p: PersonLine) => [p.department, p.id, p.name];
  const grouped = <L extends PersonLine>(groups: SpecialtyGroup<L>[], header: string[], cells: (l: L) => string[]) =>
    groups.map((g) => ({
      name: g.name,
      table: { header: [...who, ...header], rows: g.departments.flatMap((dep) => dep.lines.map((l) => [...whoCells(l), ...cells(l)])) },
    }));
  const changeCells = (c: ChangeLine) => [levelText(c.from), levelText(c.to), c.delta === '' ? (c.direction === 1 ? '↑' : '↓') : c.delta];
  const blockingCells = (b: BlockingLine) => [String(b.level), b.criteria.join(d.table.listSeparator)];
  const people = (list: PersonLine[]): Table => ({ header: who, rows: list.map(whoCells) });
  const byDepartment: Table = {
    header: [d.t('csv.department'), ...view.movements.map((m) => m.name)],
    rows: view.departments.map((dep) => [dep.department, ...dep.movements.map((m) => (m.up + m.down === 0 ? '—' : `↑${m.up} ↓${m.down}`))]),
  };
  return {
    changes: grouped(view.changes, [d.t('diff.header.from'), d.t('diff.header.to'), d.t('diff.header.delta')], changeCells),
    blocked: grouped(view.blocked, [d.t('diff.header.next'), d.t('diff.header.criterion')], blockingCells),
    unblocked: grouped(view.unblocked, [d.t('diff.header.next'), d.t('diff.header.criterion')], blockingCells),
    added: people(view.added),
    removed: people(view.removed),
    byDepartment,
  };
}

const md = markdownText;

function markdownTable(table: Table): string[] {
  const row = (cells: string[]) => `| ${cells.map(md).join(' | ')} |`;
  return [row(table.header), `|${table.header.map(() => '---').join('|')}|`, ...table.rows.map(row), ''];
}

/** `itss diff -o changes.md`: the page as Markdown (every text from the files escaped as text). */
export function diffMarkdown(diff: ResultsDiff, d: Describer): string {
  const view = diffView(diff, d);
  const t = tables(view, d);
  const out = [`# ${md(view.title)}`, ''];
  for (const f of view.files) out.push(`- **${md(f.label)}**: ${md(f.file)} — ${md(f.details)}`);
  out.push('', md(view.summary), '');
  for (const n of view.notices) out.push(`> ⚠ ${md(n)}`, '');
  if (view.empty) return `${[...out, md(view.none), ''].join('\n')}`;
  out.push(md(view.note), '');
  for (const [heading, groups] of [[view.sections.changes, t.changes], [view.sections.blocked, t.blocked], [view.sections.unblocked, t.unblocked]] as const) {
    if (groups.length === 0) continue;
    out.push(`## ${md(heading)}`, '');
    for (const g of groups) out.push(`### ${md(g.name)}`, '', ...markdownTable(g.table));
  }
  for (const [heading, table] of [[view.sections.added, t.added], [view.sections.removed, t.removed]] as const) {
    if (table.rows.length > 0) out.push(`## ${md(d.t('diff.section.count', { heading, n: table.rows.length }))}`, '', ...markdownTable(table));
  }
  if (t.byDepartment.rows.length > 0) out.push(`## ${md(view.sections.departments)}`, '', ...markdownTable(t.byDepartment));
  return out.join('\n');
}

/**
 * Movements per specialty as a diverging bar chart in inline SVG: down to the left of the axis, up to the right, each
 * bar with its count; labels escaped, drawn in code, nothing loaded. Bars are people, on one scale for every row.
 */
function movementChart(view: DiffView, d: Describer): string {
  const title = d.t('diff.chart');
  const [labelWidth, room, half, rowHeight] = [190, 80, 170, 26];
  const max = Math.max(1, ...view.movements.flatMap((m) => [m.up, m.down]));
  const axis = labelWidth + room + half;
  const width = axis + half + room;
  const height = view.movements.length * rowHeight + 8;
  const rows = view.movements.map((m, i) => {
    const y = i * rowHeight + 4;
    const [up, down] = [m.up, m.down].map((n) => Math.round((n / max) * half)) as [number, number];
    return `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${html(m.name)}</text>`
      + `<rect x="${axis - down}" y="${y + 4}" width="${down}" height="${rowHeight - 8}" class="down"></rect>`
      + `<text x="${axis - down - 6}" y="${y + 17}" text-anchor="end">${html(d.t('diff.chart.down', { n: m.down }))}</text>`
      + `<rect x="${axis}" y="${y + 4}" width="${up}" height="${rowHeight - 8}" class="up"></rect>`
      + `<text x="${axis + up + 6}" y="${y + 17}">${html(d.t('diff.chart.up', { n: m.up }))}</text>`;
  });
  const line = `<line x1="${axis}" y1="0" x2="${axis}" y2="${height}" class="axis"></line>`;
  return `<figure><svg class="chart" role="img" aria-label="${html(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${rows.join('')}${line}</svg><figcaption>${html(title)}</figcaption></figure>`;
}

/**
 * The page prints on A4 portrait: the chart scales to the page's width, a table's header row repeats on each page, no
 * row is split across pages, and a heading stays with what follows it. Who (department, id, name) stays on one line;
 * the criteria wrap.
 */
const DIFF_STYLE = `
svg.chart { max-width: 100%; height: auto; font-size: 13px; } svg.chart text { fill: #1f2328; }
svg.chart rect.up { fill: var(--ok); } svg.chart rect.down { fill: var(--bad); } svg.chart line.axis { stroke: var(--muted); stroke-width: 1; }
figure { margin: 1rem 0; } figcaption { color: var(--muted); font-size: .9em; }
table.diff { width: 100%; } table.diff td { overflow-wrap: anywhere; } table.diff td:nth-child(-n+3) { white-space: nowrap; }
.files dd { overflow-wrap: anywhere; }
@media print {
  h2, h3 { break-after: avoid; } figure, tr { break-inside: avoid; } thead { display: table-header-group; }
  table.diff { font-size: 9pt; } th, td { padding: .15rem .4rem; }
}
`;

function htmlTable(table: Table): string {
  const head = table.header.map((h) => `<th>${html(h)}</th>`).join('');
  const rows = table.rows.map((row) => `<tr>${row.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`);
  return [`<table class="diff"><thead><tr>${head}</tr></thead><tbody>`, ...rows, '</tbody></table>'].join('\n');
}

/** `itss diff -o changes.html`: one self-contained page (no script, nothing loaded from elsewhere), printable on A4. */
export function diffHtml(diff: ResultsDiff, d: Describer): string {
  const view = diffView(diff, d);
  const t = tables(view, d);
  const out = [`<h1>${html(view.title)}</h1>`, '<dl class="files">'];
  for (const f of view.files) out.push(`<dt>${html(f.label)}</dt><dd>${html(f.file)} — ${html(f.details)}</dd>`);
  out.push('</dl>', `<p><strong>${html(view.summary)}</strong></p>`);
  for (const n of view.notices) out.push(`<p class="warning">⚠ ${html(n)}</p>`);
  if (view.empty) out.push(`<p>${html(view.none)}</p>`);
  else {
    out.push(`<p class="subtitle">${html(view.note)}</p>`);
    if (view.movements.length > 0) out.push(movementChart(view, d));
    for (const [heading, groups] of [[view.sections.changes, t.changes], [view.sections.blocked, t.blocked], [view.sections.unblocked, t.unblocked]] as const) {
      if (groups.length === 0) continue;
      out.push('<section>', `<h2>${html(heading)}</h2>`);
      for (const g of groups) out.push(`<h3>${html(g.name)}</h3>`, htmlTable(g.table));
      out.push('</section>');
    }
    for (const [heading, table] of [[view.sections.added, t.added], [view.sections.removed, t.removed]] as const) {
      if (table.rows.length > 0) out.push('<section>', `<h2>${html(d.t('diff.section.count', { heading, n: table.rows.length }))}</h2>`, htmlTable(table), '</section>');
    }
    if (t.byDepartment.rows.length > 0) out.push('<section>', `<h2>${html(view.sections.departments)}</h2>`, htmlTable(t.byDepartment), '</section>');
  }
  return htmlDocument(d.lang, view.title, `${PAGE_STYLE}${DIFF_STYLE}`, out.join('\n'));
}
