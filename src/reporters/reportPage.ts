import type { Engagement } from '../candidate/candidate.js';
import type { Assessment, CriterionResult, SpecialtyResult } from '../engine/assessment.js';
import { Describer } from '../messages/describe.js';
import { printable } from '../messages/messageTable.js';
import { formatEpochDay } from '../values/calendarDate.js';
import type { ReportOptions } from './reportOptions.js';
import { showsNextLevel } from './resultWriter.js';

/**
 * A report to print or share, as data: the person, the levels, then level by level (a gap's target, or each
 * specialty's next level) criterion by criterion what the person has, what the level needs, the shortfall, why
 * engagements did not count, and the clause quoted with its page. Markdown and HTML arrange the same page.
 */
/** A level aimed at: a specialty and one of its levels. */
export interface GapTarget {
  specialty: string;
  level: number;
}

/**
 * Which page: an assessment's (the levels with each one's next level, then those next levels) or a gap's (the
 * levels with the ones aimed at, then those).
 */
export type PageKind = 'assessment' | 'gap';

/** What a page is told besides the assessment: which specialties to show, and the candidate's engagements. */
export type PageOptions = Pick<ReportOptions, 'allSpecialties' | 'engagementsOf'>;

interface Table {
  header: string[];
  rows: string[][];
}

export interface Page {
  /** The person: name and id. */
  title: string;
  /** 所属, when the candidate has one. */
  department?: string;
  subtitle: string;
  warnings: string[];
  /** The specialties shown, in the standard's order: the summary's rows, one each. */
  shown: SpecialtyResult[];
  /** Each shown specialty's level, exam level, and the level aimed at (an assessment's: the next) with its unmet criteria. */
  summary?: Table;
  /** What was left out: the specialties not practised (saying any exam level among them), or that none is. */
  leftOut?: string;
  /** The engagements the sections name (#n), in the file's order: what #3 is, next to the sentence saying #3. */
  engagements?: { heading: string; table: Table };
  sections: Section[];
  /** Said when there is no section, though some specialty is shown (each one at its top level). */
  empty?: string;
}

interface Section {
  heading: string;
  met: boolean;
  verdict: string;
  /** Where months are short and engagements that count go on: the day time alone meets them, and what it reaches. */
  byTime?: string;
  criteria: { name: string; met: boolean; verdict: string; lines: [string, string][]; exclusions: string[]; clause?: string }[];
}

/**
 * The specialties a human report shows (cli.md "Practised specialties"): those the person practises, or every one
 * with `allSpecialties`; and any specialty aimed at, as an explicit `--target` wins over the default.
 */
function shownSpecialties(assessment: Assessment, options: PageOptions, targets: readonly GapTarget[] = []): SpecialtyResult[] {
  return assessment.specialties.filter((s) => showsNextLevel(s, options.allSpecialties === true) || targets.some((t) => t.specialty === s.specialty));
}

/** Each shown specialty's next level: what `assess` pages and `gap` without a target show. */
export function nextLevels(assessment: Assessment, options: PageOptions): GapTarget[] {
  return shownSpecialties(assessment, options).flatMap((s) => (s.next ? [{ specialty: s.specialty, level: s.next.level }] : []));
}

/** The page of an assessment: the person, the levels, then each target level criterion by criterion. */
export function reportPage(assessment: Assessment, targets: readonly GapTarget[], kind: PageKind, d: Describer, options: PageOptions): Page {
  const { candidate } = assessment;
  const shown = shownSpecialties(assessment, options, targets);
  const result: Page = {
    title: d.t('assessment.title', { name: candidate.name ?? candidate.id, id: candidate.id }),
    ...(candidate.department === undefined ? {} : { department: d.t('page.department', { department: candidate.department }) }),
    subtitle: d.t('assessment.asOf', { asOf: assessment.asOf, standard: d.standard.title[d.lang] }),
    warnings: assessment.warnings.map((w) => d.warning(w)),
    shown,
    sections: [],
  };
  // No table of nothing: a person who practises no specialty is told so (leftOut) instead.
  if (shown.length > 0) result.summary = kind === 'assessment' ? levelsWithNext(shown, d) : levelsWithTargets(shown, targets, d);
  const leftOut = leftOutNote(assessment, shown, d);
  if (leftOut) result.leftOut = leftOut;
  const named = new Set<number>();
  for (const target of targets) {
    const specialty = assessment.specialties.find((s) => s.specialty === target.specialty);
    const level = specialty?.levels.find((l) => l.level === target.level);
    const definition = d.specialtyOf(target.specialty)?.levels.find((l) => l.level === target.level);
    if (!level || !definition) continue;
    const byTime = level.met ? null : d.timeAlone(target.level, level.criteria.filter((c) => !c.met));
    result.sections.push({
      ...(byTime === null ? {} : { byTime }),
      heading: `${d.specialtyName(target.specialty)} — ${d.t('level', { level: target.level })}${definition.page ? ` (${definition.page})` : ''}`,
      met: level.met,
      verdict: level.met ? d.t('met') : d.t('notMet'),
      criteria: level.criteria.map((criterion) => {
        engagementsNamed(criterion, named);
        const text = d.describe(criterion, target.specialty);
        const lines: [string, string][] = [[d.t('header.required'), text.required]];
        if (text.actual) lines.push([d.t('header.actual'), text.actual]);
        if (text.gap) lines.push([d.t('header.gap'), text.gap]);
        const clause = definition.criteria.find((c) => c.kind === criterion.id)?.source;
        return { name: d.criterionName(criterion.id), met: criterion.met, verdict: criterion.met ? d.t('met') : d.t('notMet'), lines, exclusions: d.exclusions(criterion, target.specialty), ...(clause ? { clause } : {}) };
      }),
    });
  }
  const engagements = engagementTable(options.engagementsOf?.(assessment), named, d);
  if (engagements) result.engagements = { heading: d.t('page.engagements'), table: engagements };
  if (result.sections.length === 0 && shown.length > 0) result.empty = d.t(leftOut ? 'gap.allTop.practised' : 'gap.allTop');
  return result;
}

/** A level as the tables show it: a level above one not met is marked, as the levels are not nested (rules.md §7). */
const levelCell = (s: SpecialtyResult) => (s.level === null ? '—' : `${s.level}${s.nonNested ? ' *' : ''}`);
const examCell = (s: SpecialtyResult) => (s.examLevel === null ? '—' : String(s.examLevel));

/** The levels with each specialty's next level and how many of its criteria are unmet. */
function levelsWithNext(shown: SpecialtyResult[], d: Describer): Table {
  return {
    header: [d.t('header.specialty'), d.t('header.level'), d.t('header.examLevel'), d.t('header.next'), d.t('header.unmet')],
    rows: shown.map((s) => [
      d.specialtyName(s.specialty),
      levelCell(s),
      examCell(s),
      s.next === null ? '—' : String(s.next.level),
      s.next === null ? '—' : String(s.next.gaps.length),
    ]),
  };
}

/** The levels with the levels aimed at (none for a specialty at its top level, or beside an explicit target). */
function levelsWithTargets(shown: SpecialtyResult[], targets: readonly GapTarget[], d: Describer): Table {
  return {
    header: [d.t('header.specialty'), d.t('header.level'), d.t('header.examLevel'), d.t('header.target'), d.t('header.unmet')],
    rows: shown.map((s) => {
      const aimed = targets.flatMap((t) => {
        const level = t.specialty === s.specialty ? s.levels.find((l) => l.level === t.level) : undefined;
        return level ? [level] : [];
      });
      const unmet = aimed.map((l) => String(l.criteria.filter((c) => !c.met).length));
      const target = aimed.length === 0 ? '—' : aimed.map((l) => l.level).join(', ');
      return [d.specialtyName(s.specialty), levelCell(s), examCell(s), target, unmet.length === 0 ? '—' : unmet.join(', ')];
    }),
  };
}

/**
 * The line saying which specialties are not shown, and how to show them. A level reached by exam (AP: level 3) is
 * a verdict of its own, so it is said here rather than dropped with its specialty's row.
 */
function leftOutNote(assessment: Assessment, shown: SpecialtyResult[], d: Describer): string | undefined {
  const hidden = assessment.specialties.filter((s) => !shown.includes(s));
  if (hidden.length === 0) return undefined;
  const byExamLevel = new Map<number, string[]>();
  for (const s of hidden) if (s.examLevel !== null) byExamLevel.set(s.examLevel, [...(byExamLevel.get(s.examLevel) ?? []), d.specialtyName(s.specialty)]);
  const groups = [...byExamLevel];
  // One exam level for every specialty left out (AP gives each level 3): said once, not naming them all again.
  const exams =
    groups.length === 1 && groups[0]![1].length === hidden.length && hidden.length > 1
      ? d.t('leftOut.examLevel.all', { level: groups[0]![0] })
      : groups.map(([level, names]) => d.t('leftOut.examLevel', { level, list: d.join(names) })).join('');
  if (shown.length === 0) return d.t('leftOut.none', { exams });
  return d.t('leftOut.some', { list: hidden.map((s) => d.specialtyName(s.specialty)).join(d.table.listSeparator), exams });
}

/** The engagements a criterion's sentences and evidence name: those that counted, the one measured, those left out. */
function engagementsNamed(criterion: CriterionResult, into: Set<number>): void {
  for (const evidence of criterion.evidence) if (evidence.type === 'engagement') into.add(evidence.index);
  for (const exclusion of criterion.excluded ?? []) into.add(exclusion.index);
  if ((criterion.id === 'complexity' || criterion.id === 'size') && typeof criterion.actual.engagement === 'number') into.add(criterion.actual.engagement);
}

/**
 * The named engagements, in the file's order, numbered as the sentences number them (#1 is the file's first):
 * title, period, role. None without the candidate's engagements, or when the sections name none.
 */
function engagementTable(engagements: readonly Engagement[] | undefined, named: Set<number>, d: Describer): Table | undefined {
  if (!engagements) return undefined;
  const rows = [...named]
    .sort((a, b) => a - b)
    .flatMap((index) => {
      const e = engagements[index];
      if (!e) return [];
      const from = formatEpochDay(e.from);
      const period = e.to === null ? d.t('page.period.ongoing', { from }) : d.t('page.period', { from, to: formatEpochDay(e.to) });
      // A title is the input's own text: its control characters escaped, as every sentence made with one has them.
      const title = e.title === undefined ? d.t('page.engagement.untitled') : printable(e.title);
      return [[d.t('page.engagement.number', { index: index + 1 }), title, period, d.label('role', e.role)]];
    });
  if (rows.length === 0) return undefined;
  return { header: ['#', d.t('header.engagement'), d.t('header.period'), d.t('header.role')], rows };
}

// ─────────────────────────────────────────────────────────── Markdown

/**
 * Text in Markdown, read as text: the characters that could start markup escaped (a name like `*x*` stays, a `|`
 * does not end a table cell), and on one line: a table row or a list item ends at any of CommonMark's line
 * endings, a bare CR (as old Mac files and some HR systems write) as much as LF or CRLF.
 */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}

const md = markdownText;

/** A Markdown table (cells as text). */
function markdownTable(table: Table): string[] {
  const row = (cells: string[]) => `| ${cells.map(md).join(' | ')} |`;
  return [row(table.header), `|${table.header.map(() => '---').join('|')}|`, ...table.rows.map(row), ''];
}

export function markdownPage(assessments: Assessment[], targetsOf: (a: Assessment) => readonly GapTarget[], kind: PageKind, options: ReportOptions): string {
  const d = new Describer(options.lang, options.standard);
  return assessments
    .map((assessment) => {
      const p = reportPage(assessment, targetsOf(assessment), kind, d, options);
      const out = [`# ${md(p.title)}`, ''];
      if (p.department) out.push(md(p.department), '');
      out.push(md(p.subtitle), '');
      for (const w of p.warnings) out.push(`> ⚠ ${md(w)}`, '');
      if (p.summary) out.push(...markdownTable(p.summary));
      if (p.leftOut) out.push(md(p.leftOut), '');
      if (p.empty) out.push(md(p.empty), '');
      if (p.engagements) out.push(`## ${md(p.engagements.heading)}`, '', ...markdownTable(p.engagements.table));
      for (const s of p.sections) {
        out.push(`## ${md(s.heading)}: ${s.met ? '✓' : '✗'} ${md(s.verdict)}`, '');
        if (s.byTime) out.push(`→ ${md(s.byTime)}`, '');
        for (const c of s.criteria) {
          out.push(`### ${c.met ? '✓' : '✗'} ${md(c.name)} (${md(c.verdict)})`, '');
          for (const [label, text] of c.lines) out.push(`- **${md(label)}**: ${md(text)}`);
          for (const e of c.exclusions) out.push(`  - ${md(e)}`);
          if (c.clause) out.push('', `> 「${md(c.clause)}」`);
          out.push('');
        }
      }
      return out.join('\n');
    })
    .join('\n---\n\n');
}

// ─────────────────────────────────────────────────────────── HTML

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text in HTML, read as text (a candidate named `<script>` stays a name). */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The style of every page itss writes (the gap pages here, the organisation summary in src/batch): one
 * self-contained sheet, no script, no external stylesheet, font or image; printed on A4.
 */
export const PAGE_STYLE = `
:root { color-scheme: light; --ok: #1a7f37; --bad: #b42318; --muted: #57606a; --line: #d0d7de; }
body { font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", system-ui, sans-serif; line-height: 1.6; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.6rem; margin-bottom: 0; } h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
.subtitle, .exclusion { color: var(--muted); } .ok { color: var(--ok); } .bad { color: var(--bad); }
.warning { background: #fff8c5; border-left: 4px solid #d4a72c; padding: .4rem .8rem; margin: .5rem 0; }
table { border-collapse: collapse; margin: 1rem 0; } th, td { border: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .3rem 0 .3rem 1.2rem; } dt { font-weight: bold; } dd { margin: 0; }
blockquote { margin: .5rem 0 .5rem 1.2rem; padding: .3rem .8rem; border-left: 3px solid var(--line); color: var(--muted); font-size: .95em; }
ul.exclusions { margin: .2rem 0 .2rem 2.4rem; padding: 0; }
@page { size: A4; margin: 18mm 15mm; }
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } h3, dl, blockquote { break-inside: avoid; } }
`;

/**
 * The gap page's own rules, under its classes (the summary page uses none of them). Printed, levels follow one
 * another: a forced page per level left pages nearly blank. A criterion stays whole on its page, a heading with
 * what follows it; tables fit the page's width, a long title wrapping inside its cell (the number, period and role do not).
 */
const REPORT_STYLE = `
.report .department { margin: .2rem 0 0; font-weight: bold; } .report .left-out { color: var(--muted); }
.report table.engagements { width: 100%; } .report td { overflow-wrap: anywhere; }
.report table.engagements td:nth-child(1), .report table.engagements td:nth-child(3), .report table.engagements td:nth-child(4) { white-space: nowrap; }
@media print {
  .report h2, .report h3 { break-after: avoid; }
  .report .criterion, .report tr { break-inside: avoid; }
  article.report + article.report { break-before: page; }
  .report section.level h2 { margin-top: 1.2rem; }
}
`;

/** A table in HTML (cells as text), with its class. */
function htmlTable(table: Table, className: string): string {
  const head = table.header.map((h) => `<th>${html(h)}</th>`).join('');
  const rows = table.rows.map((row) => `<tr>${row.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`);
  return [`<table class="${className}"><thead><tr>${head}</tr></thead><tbody>`, ...rows, '</tbody></table>'].join('\n');
}

export function htmlPage(assessments: Assessment[], targetsOf: (a: Assessment) => readonly GapTarget[], kind: PageKind, options: ReportOptions): string {
  const d = new Describer(options.lang, options.standard);
  const pages = assessments.map((assessment) => reportPage(assessment, targetsOf(assessment), kind, d, options));
  const bodies = pages.map((p) => {
    const out = [`<article class="report">`, `<h1>${html(p.title)}</h1>`];
    if (p.department) out.push(`<p class="department">${html(p.department)}</p>`);
    out.push(`<p class="subtitle">${html(p.subtitle)}</p>`);
    for (const w of p.warnings) out.push(`<p class="warning">⚠ ${html(w)}</p>`);
    if (p.summary) out.push(htmlTable(p.summary, 'summary'));
    if (p.leftOut) out.push(`<p class="left-out">${html(p.leftOut)}</p>`);
    if (p.empty) out.push(`<p>${html(p.empty)}</p>`);
    if (p.engagements) {
      out.push('<section class="engagements">', `<h2>${html(p.engagements.heading)}</h2>`, htmlTable(p.engagements.table, 'engagements'), '</section>');
    }
    for (const s of p.sections) {
      out.push(`<section class="level">`, `<h2>${html(s.heading)}: <span class="${s.met ? 'ok' : 'bad'}">${s.met ? '✓' : '✗'} ${html(s.verdict)}</span></h2>`);
      if (s.byTime) out.push(`<p class="by-time">→ ${html(s.byTime)}</p>`);
      for (const c of s.criteria) {
        const heading = `<h3 class="${c.met ? 'ok' : 'bad'}">${c.met ? '✓' : '✗'} ${html(c.name)} <small>(${html(c.verdict)})</small></h3>`;
        out.push('<div class="criterion">', heading, '<dl>');
        for (const [label, text] of c.lines) out.push(`<dt>${html(label)}</dt><dd>${html(text)}</dd>`);
        out.push('</dl>');
        if (c.exclusions.length > 0) out.push('<ul class="exclusions">', ...c.exclusions.map((e) => `<li class="exclusion">${html(e)}</li>`), '</ul>');
        if (c.clause) out.push(`<blockquote lang="ja">「${html(c.clause)}」</blockquote>`);
        out.push('</div>');
      }
      out.push('</section>');
    }
    out.push('</article>');
    return out.join('\n');
  });
  const title = pages.length === 1 ? pages[0]!.title : d.t('page.title.many', { count: assessments.length });
  return htmlDocument(d.lang, title, `${PAGE_STYLE}${REPORT_STYLE}`, bodies.join('\n'));
}

/** A whole HTML page: its language, title (text), style sheet and body (markup), nothing loaded from elsewhere. */
export function htmlDocument(lang: string, title: string, style: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>${style}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
