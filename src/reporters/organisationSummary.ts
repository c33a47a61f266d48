import type { AssessmentRecord } from '../engine/assessment.js';
import type { CriterionKind } from '../standard/standardSchema.js';
import type { Describer } from '../messages/describe.js';
import { PAGE_STYLE, html, htmlDocument, markdownText } from './reportPage.js';
import { showsNextLevel, type ResultWriter, type ResultsOptions } from './resultWriter.js';

/**
 * One person as the summary's table shows them: per specialty the level, the next level and what it lacks (`shown`
 * false: a specialty they do not practise, left empty).
 */
interface PersonRow {
  id: string;
  name: string;
  department: string;
  specialties: { shown: boolean; level: number | null; next: number | null; unmet: CriterionKind[]; shortfall: string }[];
}

/** What the summary counts while the batch runs: only numbers and the table's rows are kept. */
class Tally {
  /**
   * The people the table may show, by closeness (fewest unmet criteria for some next level; Infinity: every
   * specialty at its top level), each in input order: only the closest MAX_TABLE_ROWS are kept.
   */
  private readonly byCloseness = new Map<number, PersonRow[]>();
  private kept = 0;
  /** Everyone counted. */
  total = 0;
  /** Per specialty: the people counted in it (who practise it, or everyone with allSpecialties). */
  readonly counted: number[];
  /** Per specialty: level (or 'none') → people, of those counted in it. */
  readonly levels: Map<string, number>[];
  /** Per specialty: `next level\u0000criterion` → people whom it blocks; and next level → people aiming at it. */
  readonly blocking: Map<string, number>[];
  readonly aiming: Map<number, number>[];
  /** Department → per specialty: level → people. */
  readonly departments = new Map<string, Map<string, number>[]>();

  constructor(
    private readonly specialties: number,
    private readonly d: Describer,
    readonly allSpecialties: boolean,
  ) {
    this.counted = Array.from({ length: specialties }, () => 0);
    this.levels = Array.from({ length: specialties }, () => new Map<string, number>());
    this.blocking = Array.from({ length: specialties }, () => new Map<string, number>());
    this.aiming = Array.from({ length: specialties }, () => new Map<number, number>());
  }

  add(record: AssessmentRecord): void {
    this.total++;
    const department = record.candidate.department ?? '';
    let byDepartment = this.departments.get(department);
    if (!byDepartment) this.departments.set(department, (byDepartment = Array.from({ length: this.specialties }, () => new Map<string, number>())));
    // Only who practises a specialty is counted in it: the others' 'no level' and what blocks them is noise.
    record.specialties.forEach((s, i) => {
      if (!showsNextLevel(s, this.allSpecialties)) return;
      this.counted[i]!++;
      const level = s.level === null ? 'none' : String(s.level);
      increment(this.levels[i]!, level);
      increment(byDepartment[i]!, level);
      if (!s.next) return;
      increment(this.aiming[i]!, s.next.level);
      for (const g of s.next.gaps) increment(this.blocking[i]!, `${s.next.level}\u0000${g.id}`);
    });
    // The table's row, made only for who may be among the closest (a shortfall in words costs).
    const closeness = Math.min(...record.specialties.map((s) => (s.next === null || !showsNextLevel(s, this.allSpecialties) ? Infinity : s.next.gaps.length)));
    if (this.closerThan(closeness) >= MAX_TABLE_ROWS) return;
    const row: PersonRow = {
      id: record.candidate.id,
      name: record.candidate.name ?? '',
      department,
      specialties: record.specialties.map((s) => {
        const shown = showsNextLevel(s, this.allSpecialties);
        const next = shown ? s.next : null;
        return { shown, level: s.level, next: next?.level ?? null, unmet: next?.gaps.map((g) => g.id) ?? [], shortfall: next ? this.d.shortfall(s.specialty, next.level, next.gaps) : '' };
      }),
    };
    this.keep(row, closeness);
  }

  /** People kept who come before one of this closeness (as close or closer, earlier in the input). */
  private closerThan(closeness: number): number {
    let n = 0;
    for (const [c, rows] of this.byCloseness) if (c <= closeness) n += rows.length;
    return n;
  }

  private keep(row: PersonRow, closeness: number): void {
    let rows = this.byCloseness.get(closeness);
    if (!rows) this.byCloseness.set(closeness, (rows = []));
    rows.push(row);
    // Now and then, drop who can no longer be among the closest MAX_TABLE_ROWS.
    if (++this.kept < 2 * MAX_TABLE_ROWS) return;
    let before = 0;
    for (const closenessValue of [...this.byCloseness.keys()].sort((a, b) => a - b)) {
      const bucket = this.byCloseness.get(closenessValue)!;
      if (before >= MAX_TABLE_ROWS) {
        this.byCloseness.delete(closenessValue);
        continue;
      }
      if (before + bucket.length > MAX_TABLE_ROWS) bucket.length = MAX_TABLE_ROWS - before;
      before += bucket.length;
    }
    this.kept = before;
  }

  /** The closest people, closest first, in input order within. */
  closest(): PersonRow[] {
    return [...this.byCloseness.keys()].sort((a, b) => a - b).flatMap((c) => this.byCloseness.get(c)!).slice(0, MAX_TABLE_ROWS);
  }
}

function increment<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The organisation summary of a batch (`-o summary.html`, `-o summary.md`): counted as results come, written at the end. */
export function organisationSummaryWriter(format: 'html' | 'md', d: Describer, options: ResultsOptions = {}): ResultWriter {
  const tally = new Tally(d.standard.specialties.length, d, options.allSpecialties === true);
  return {
    begin: () => '',
    result: (record) => tally.add(record),
    end: (run) => {
      const warnings = (run?.missingTables ?? []).map((m) => d.missingTable(m));
      return format === 'html' ? htmlSummary(tally, d, warnings) : markdownSummary(tally, d, warnings);
    },
  };
}

/** A specialty's levels, lowest first, then "no level". */
function levelKeys(d: Describer, specialty: number): string[] {
  return [...d.standard.specialties[specialty]!.levels.map((l) => String(l.level)), 'none'];
}

const levelLabel = (d: Describer, key: string) => (key === 'none' ? d.t('levelNone') : d.t('level', { level: Number(key) }));

/** The criteria that most often block a specialty's next level: the people it blocks, of those aiming at that level. */
function blockers(tally: Tally, specialty: number): { level: number; criterion: CriterionKind; people: number; aiming: number; share: number }[] {
  return [...tally.blocking[specialty]!]
    .map(([key, people]) => {
      const [level, criterion] = key.split('\u0000') as [string, CriterionKind];
      const aiming = tally.aiming[specialty]!.get(Number(level)) ?? people;
      return { level: Number(level), criterion, people, aiming, share: people / aiming };
    })
    .sort((a, b) => b.people - a.people || a.level - b.level)
    .slice(0, 8);
}

/** A department's people per level, a cell per specialty (`Level 3: 4, Level 4: 1, no level: 2`). */
function departmentCells(bySpecialty: Map<string, number>[], d: Describer): string[] {
  return bySpecialty.map((levels, i) => levelKeys(d, i).filter((k) => levels.has(k)).map((k) => `${levelLabel(d, k)}: ${levels.get(k)}`).join(d.table.listSeparator) || '—');
}

/**
 * Rows of the people table: a page of 100,000 rows (160 MB with their shortfalls) would not open in a browser,
 * so beyond MAX_TABLE_ROWS the table holds the people closest to a next level, and says where everyone is.
 */
const MAX_TABLE_ROWS = 10_000;

/**
 * The everyone table's rows per row group (`<tbody>`): on screen a group off the screen is not laid out (until it
 * first is, it is as high as its rows are thought to be), so a sort lays out about one group, not 10,000 rows.
 */
const ROWS_PER_GROUP = 50;

function tableRows(tally: Tally, d: Describer): { shown: PersonRow[]; note?: string } {
  const shown = tally.closest();
  return tally.total <= MAX_TABLE_ROWS ? { shown } : { shown, note: d.t('summary.people.capped', { shown: MAX_TABLE_ROWS, total: tally.total }) };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * A horizontal bar chart as inline SVG: each label escaped, drawn in code, nothing loaded. Bars are people, drawn to
 * `scale` people (the same for every chart of the page, so that 1 person and 5 people never look alike).
 */
function barChart(title: string, bars: { label: string; value: number; text: string }[], scale: number): string {
  const max = Math.max(1, scale, ...bars.map((b) => b.value));
  const [labelWidth, barWidth, rowHeight] = [240, 300, 24];
  const height = bars.length * rowHeight + 8;
  const rows = bars.map((b, i) => {
    const y = i * rowHeight + 4;
    const w = Math.round((b.value / max) * barWidth);
    return `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${html(b.label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" rx="3" class="bar"></rect><text x="${labelWidth + w + 6}" y="${y + 16}">${html(b.text)}</text>`;
  });
  return `<figure><svg class="chart" role="img" aria-label="${html(title)}" viewBox="0 0 ${labelWidth + barWidth + 120} ${height}" width="${labelWidth + barWidth + 120}" height="${height}" xmlns="http://www.w3.org/2000/svg">${rows.join('')}</svg><figcaption>${html(title)}</figcaption></figure>`;
}

/**
 * The page prints on A4: charts and the departments portrait, the everyone table on landscape pages of its own (a
 * named page), small enough that its headings break between words, never one character a line.
 *
 * On screen the everyone table (up to MAX_TABLE_ROWS people) is laid out row group by row group: each row a grid of
 * fixed columns (peopleColumns), so that no row's width depends on another's, and each group of ROWS_PER_GROUP rows
 * skipped (content-visibility) until it nears the screen. Laid out as one table, 10,000 people took Chromium 7–8 s
 * to open and seconds a sort; now about a second and a tenth. The elements stay a table's (Chromium still exposes a
 * table, rows and cells, though, as with any content-visibility, not a skipped group's until it nears the screen),
 * find in page still finds any row, the head stays in sight while the rows scroll, and printed it is one table again,
 * its head repeated on each page.
 */
const SUMMARY_STYLE = `
svg.chart { max-width: 100%; height: auto; font-size: 13px; } svg.chart text { fill: #1f2328; } svg.chart rect.bar { fill: #0969da; }
figure { margin: 1rem 0; } figcaption { color: var(--muted); font-size: .9em; }
table.people th { cursor: pointer; user-select: none; word-break: keep-all; } table.people th[aria-sort="ascending"]::after { content: " ▲"; }
table.people th[aria-sort="descending"]::after { content: " ▼"; }
td.number { text-align: right; } body { max-width: 80rem; } table.people td:nth-child(-n+3) { white-space: nowrap; }
table.departments td, table.departments th { word-break: keep-all; }
@media screen {
  table.people { display: block; } table.people thead, table.people tbody { display: block; }
  table.people thead { position: sticky; top: 0; z-index: 1; }
  table.people tbody { content-visibility: auto; }
  table.people tr { display: grid; border-left: 1px solid var(--line); } table.people thead tr { border-top: 1px solid var(--line); }
  table.people th, table.people td { border-width: 0 1px 1px 0; } table.people th, table.people td:nth-child(-n+3) { white-space: normal; overflow-wrap: anywhere; }
}
@page wide { size: A4 landscape; margin: 12mm; }
@media print {
  section.specialty { break-inside: avoid; } h2 { break-after: avoid; } .screen-only { display: none; }
  section.everyone { page: wide; break-before: page; } table.people { font-size: 8pt; width: 100%; } table.people th::after { content: ""; }
  table.people th, table.people td { padding: .15rem .3rem; } table.people thead { display: table-header-group; } table.people tr { break-inside: avoid; }
}
`;

/**
 * Sorts the people table by a clicked header (numbers as numbers, text collated in the page's language; stable, so
 * ties keep their order): the page's only script, inline. A column's keys are read from its cells once, on its
 * first sort (not once a comparison), and the rows go back into the row groups, as many as each had.
 */
const SORT_SCRIPT = `
const collator = new Intl.Collator(document.documentElement.lang || undefined);
const keysByColumn = new Map();
document.querySelectorAll('table.people th').forEach((th, column) => th.addEventListener('click', () => {
  const bodies = [...th.closest('table').tBodies];
  const descending = th.getAttribute('aria-sort') === 'ascending';
  th.closest('tr').querySelectorAll('th').forEach((other) => other.removeAttribute('aria-sort'));
  th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  const sizes = bodies.map((body) => body.rows.length);
  const rows = bodies.flatMap((body) => [...body.rows]);
  // A row's key in a column: its cell's data-sort, else its text; a number when it reads as one.
  let keys = keysByColumn.get(column);
  if (!keys) keysByColumn.set(column, (keys = new Map(rows.map((row) => {
    const cell = row.cells[column];
    const text = cell.getAttribute('data-sort') ?? cell.textContent;
    return [row, { row, text, number: text !== '' && !isNaN(text) ? Number(text) : NaN }];
  }))));
  const keyed = rows.map((row) => keys.get(row));
  const sign = descending ? -1 : 1;
  keyed.sort((a, b) => sign * (!isNaN(a.number) && !isNaN(b.number) ? a.number - b.number : collator.compare(a.text, b.text)));
  let next = 0;
  bodies.forEach((body, i) => body.replaceChildren(...keyed.slice(next, (next += sizes[i])).map((k) => k.row)));
}));
`;

/** The common scale of the page's charts: the most people counted in any specialty. */
const chartScale = (tally: Tally) => Math.max(1, ...tally.counted);

/** Who a specialty counts: `n` practisers of all (everyone, with --all-specialties). */
const countedText = (tally: Tally, d: Describer, i: number, all: boolean) =>
  all ? d.t('summary.counted.all', { n: tally.counted[i]! }) : d.t('summary.counted', { n: tally.counted[i]!, total: tally.total });

/** A person's cells for a specialty in the everyone table: empty where they do not practise it. */
const unmetText = (s: PersonRow['specialties'][number], d: Describer) =>
  s.next === null ? (s.shown ? '—' : '') : `${s.unmet.length} (${d.t('level', { level: s.next })}: ${s.unmet.map((c) => d.criterionName(c)).join(d.table.listSeparator)})`;
const levelText = (s: PersonRow['specialties'][number]) => (s.level === null ? (s.shown ? '—' : '') : String(s.level));

function htmlSummary(tally: Tally, d: Describer, warnings: string[]): string {
  const specialties = d.standard.specialties;
  const all = tally.allSpecialties;
  const scale = chartScale(tally);
  const out: string[] = [`<h1>${html(d.t('summary.title'))}</h1>`, `<p class="subtitle">${html(d.t('summary.subtitle', { people: tally.total, standard: d.standard.title[d.lang] }))}</p>`];
  for (const w of warnings) out.push(`<p class="warning">⚠ ${html(w)}</p>`);
  if (!all) out.push(`<p class="subtitle">${html(d.t('summary.practised'))}</p>`);
  specialties.forEach((s, i) => {
    out.push(`<section class="specialty">`, `<h2>${html(d.specialtyName(s.id))} <small>${html(countedText(tally, d, i, all))}</small></h2>`);
    if (tally.counted[i] === 0) {
      out.push(`<p>${html(d.t('summary.nobody'))}</p>`, '</section>');
      return;
    }
    out.push(barChart(d.t('summary.chart.levels'), levelKeys(d, i).map((key) => ({ label: levelLabel(d, key), value: tally.levels[i]!.get(key) ?? 0, text: String(tally.levels[i]!.get(key) ?? 0) })), scale));
    const blocking = blockers(tally, i);
    if (blocking.length > 0)
      out.push(barChart(d.t('summary.chart.blocking'), blocking.map((b) => ({ label: d.t('summary.blocker', { criterion: d.criterionName(b.criterion), level: b.level }), value: b.people, text: `${b.people}/${b.aiming} (${percent(b.share)})` })), scale));
    out.push('</section>');
  });
  // By department, when the export names them.
  if (tally.departments.size > 1 || !tally.departments.has('')) {
    out.push(`<section class="departments"><h2>${html(d.t('summary.departments'))}</h2><table class="departments"><thead><tr><th>${html(d.t('csv.department'))}</th>${specialties.map((s) => `<th>${html(d.specialtyName(s.id))}</th>`).join('')}</tr></thead><tbody>`);
    for (const [department, bySpecialty] of [...tally.departments].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`<tr><td>${html(department || '—')}</td>${departmentCells(bySpecialty, d).map((c) => `<td>${html(c)}</td>`).join('')}</tr>`);
    }
    out.push('</tbody></table></section>');
  }
  // Everyone, closest to their next level first: sortable by any column.
  out.push(`<section class="everyone"><h2>${html(d.t('summary.people'))}</h2><p class="subtitle screen-only">${html(d.t('summary.people.note'))}</p>`);
  const { shown, note } = tableRows(tally, d);
  if (note) out.push(`<p class="subtitle">${html(note)}</p>`);
  out.push(`<table class="people"><thead><tr><th>${html(d.t('csv.candidate_id'))}</th><th>${html(d.t('csv.name'))}</th><th>${html(d.t('csv.department'))}</th>`);
  for (const s of specialties) out.push(`<th>${html(`${d.specialtyName(s.id)} ${d.t('header.level')}`)}</th><th>${html(`${d.specialtyName(s.id)} ${d.t('header.unmet')}`)}</th>`);
  out.push('</tr></thead><tbody>');
  shown.forEach((p, i) => {
    if (i > 0 && i % ROWS_PER_GROUP === 0) out.push('</tbody><tbody>');
    // The shortfall in words on hover (and for screen readers): the cell itself stays short enough to scan.
    const cells = p.specialties.map(
      (s) => `<td class="number" data-sort="${s.level ?? ''}">${levelText(s)}</td><td data-sort="${s.next === null ? '' : s.unmet.length}"${s.shortfall ? ` title="${html(s.shortfall)}"` : ''}>${html(unmetText(s, d))}</td>`,
    );
    out.push(`<tr><td>${html(p.id)}</td><td>${html(p.name)}</td><td>${html(p.department)}</td>${cells.join('')}</tr>`);
  });
  out.push('</tbody></table></section>');
  return htmlDocument(d.lang, d.t('summary.title'), `${PAGE_STYLE}${SUMMARY_STYLE}${peopleColumns(shown, d)}`, `${out.join('\n')}\n<script>${SORT_SCRIPT}</script>`);
}

/** About how wide a text is, in em: a wide (CJK, full-width) character 1, any other `narrow` (wide enough for most fonts). */
function emWidth(text: string, narrow = 0.7): number {
  let width = 0;
  for (const c of text) width += c.codePointAt(0)! >= 0x2e80 ? 1 : narrow;
  return width;
}

/**
 * The everyone table's columns on screen, the same for every row (a row's grid): the id, name and department as
 * wide as their longest (within reason), each level as wide as its heading's longest word, and the unmet criteria
 * sharing what is left (wrapping). And how high a row group is thought to be until it is first laid out: its rows'
 * lines, the unmet criteria wrapped at their columns' least width (the scroll bar stays about right).
 */
function peopleColumns(shown: PersonRow[], d: Describer): string {
  // Widths in em: of a column's text, then with the cell's padding and border (padded).
  const longestWord = (heading: string) => Math.max(...heading.split(' ').map((word) => emWidth(word, 0.75))); // bold
  const clamp = (width: number, min: number, max: number) => Math.min(max, Math.max(min, width));
  const widest = (heading: string, texts: string[]) => texts.reduce((w, t) => Math.max(w, emWidth(t)), longestWord(heading));
  const fixed = [
    clamp(widest(d.t('csv.candidate_id'), shown.map((p) => p.id)), 2, 12),
    clamp(widest(d.t('csv.name'), shown.map((p) => p.name)), 2, 12),
    clamp(widest(d.t('csv.department'), shown.map((p) => p.department)), 2, 14),
  ];
  const levels = d.standard.specialties.map((s) => clamp(longestWord(`${d.specialtyName(s.id)} ${d.t('header.level')}`), 2, 8));
  const unmet = d.standard.specialties.map((s) => clamp(longestWord(`${d.specialtyName(s.id)} ${d.t('header.unmet')}`), 2, 8));
  const padded = (width: number) => Math.round((width + 1.3) * 10) / 10;
  const columns = [...fixed.map((w) => `${padded(w)}em`), ...levels.flatMap((level, i) => [`${padded(level)}em`, `minmax(${padded(unmet[i]!)}em, 1fr)`])];
  // At least as wide as its columns (wider than the page, the page scrolls): a row group clips what overflows it.
  const least = [...fixed, ...levels, ...unmet].reduce((sum, w) => sum + padded(w), 0);
  // A row's height: its most lines (1.6rem each), its padding (.6rem) and border.
  const lines = shown.map((p) => Math.max(1, ...p.specialties.map((s, i) => Math.ceil(emWidth(unmetText(s, d)) / unmet[i]!))));
  const rem = (rows: number[]) => `${Math.round(rows.reduce((sum, n) => sum + n * 1.6 + 0.66, 0))}rem`;
  const average = lines.reduce((sum, n) => sum + n, 0) / Math.max(1, shown.length);
  return [
    '@media screen {',
    `  table.people { min-width: calc(${least.toFixed(1)}em + 1px); } table.people tr { grid-template-columns: ${columns.join(' ')}; }`,
    `  table.people tbody { contain-intrinsic-block-size: auto ${rem(Array.from({ length: ROWS_PER_GROUP }, () => average))}; }`,
    ...(shown.length % ROWS_PER_GROUP > 0 ? [`  table.people tbody:last-child { contain-intrinsic-block-size: auto ${rem(lines.slice(shown.length - (shown.length % ROWS_PER_GROUP)))}; }`] : []),
    '}',
    '',
  ].join('\n');
}

const cell = markdownText;

function markdownSummary(tally: Tally, d: Describer, warnings: string[]): string {
  const specialties = d.standard.specialties;
  const all = tally.allSpecialties;
  const out: string[] = [`# ${cell(d.t('summary.title'))}`, '', cell(d.t('summary.subtitle', { people: tally.total, standard: d.standard.title[d.lang] })), ''];
  for (const w of warnings) out.push(`> ⚠ ${cell(w)}`, '');
  if (!all) out.push(cell(d.t('summary.practised')), '');
  specialties.forEach((s, i) => {
    out.push(`## ${cell(d.specialtyName(s.id))}`, '', cell(countedText(tally, d, i, all)), '');
    if (tally.counted[i] === 0) {
      out.push(cell(d.t('summary.nobody')), '');
      return;
    }
    out.push(`| ${cell(d.t('header.level'))} | ${cell(d.t('summary.people.count'))} |`, '|---|---:|');
    for (const key of levelKeys(d, i)) out.push(`| ${cell(levelLabel(d, key))} | ${tally.levels[i]!.get(key) ?? 0} |`);
    const blocking = blockers(tally, i);
    if (blocking.length > 0) {
      out.push('', `| ${cell(d.t('summary.chart.blocking'))} | ${cell(d.t('summary.people.count'))} | % |`, '|---|---:|---:|');
      for (const b of blocking) out.push(`| ${cell(d.t('summary.blocker', { criterion: d.criterionName(b.criterion), level: b.level }))} | ${b.people}/${b.aiming} | ${percent(b.share)} |`);
    }
    out.push('');
  });
  if (tally.departments.size > 1 || !tally.departments.has('')) {
    out.push(`## ${cell(d.t('summary.departments'))}`, '', `| ${[d.t('csv.department'), ...specialties.map((s) => d.specialtyName(s.id))].map(cell).join(' | ')} |`, `|${['---', ...specialties.map(() => '---')].join('|')}|`);
    for (const [department, bySpecialty] of [...tally.departments].sort(([a], [b]) => a.localeCompare(b))) out.push(`| ${[department || '—', ...departmentCells(bySpecialty, d)].map(cell).join(' | ')} |`);
    out.push('');
  }
  out.push(`## ${cell(d.t('summary.people'))}`, '', `| ${[d.t('csv.candidate_id'), d.t('csv.name'), d.t('csv.department'), ...specialties.flatMap((s) => [`${d.specialtyName(s.id)} ${d.t('header.level')}`, `${d.specialtyName(s.id)} ${d.t('header.unmet')}`])].map(cell).join(' | ')} |`);
  out.push(`|${['---', '---', '---', ...specialties.flatMap(() => ['---:', '---'])].join('|')}|`);
  const { shown, note } = tableRows(tally, d);
  for (const p of shown) out.push(`| ${[p.id, p.name, p.department, ...p.specialties.flatMap((s) => [levelText(s), unmetText(s, d)])].map(cell).join(' | ')} |`);
  if (note) out.push('', cell(note));
  return `${out.join('\n')}\n`;
}
