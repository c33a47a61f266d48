import type { Assessment } from '../engine/assessment.js';
import { Describer } from '../messages/describe.js';
import type { ReportOptions } from './reportOptions.js';

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

export interface Page {
  title: string;
  subtitle: string;
  warnings: string[];
  summary?: { header: string[]; rows: string[][] };
  sections: Section[];
  /** Said when there is no section (every specialty at its top level). */
  empty?: string;
}

export interface Section {
  heading: string;
  met: boolean;
  verdict: string;
  criteria: { name: string; met: boolean; verdict: string; lines: [string, string][]; exclusions: string[]; clause?: string }[];
}

/** The page of an assessment: the levels (withSummary), then each target level criterion by criterion. */
export function reportPage(assessment: Assessment, targets: readonly GapTarget[], withSummary: boolean, d: Describer): Page {
  const result: Page = {
    title: d.t('assessment.title', { name: assessment.candidate.name ?? assessment.candidate.id, id: assessment.candidate.id }),
    subtitle: d.t('assessment.asOf', { asOf: assessment.asOf, standard: d.standard.title[d.lang] }),
    warnings: assessment.warnings.map((w) => d.warning(w)),
    sections: [],
  };
  if (withSummary) {
    result.summary = {
      header: [d.t('header.specialty'), d.t('header.level'), d.t('header.examLevel'), d.t('header.next'), d.t('header.unmet')],
      // A level above a level not met is marked: the levels are not nested (rules.md §7).
      rows: assessment.specialties.map((s) => [d.specialtyName(s.specialty), s.level === null ? '—' : `${s.level}${s.nonNested ? ' *' : ''}`, s.examLevel === null ? '—' : String(s.examLevel), s.next === null ? '—' : String(s.next.level), s.next === null ? '—' : String(s.next.gaps.length)]),
    };
  }
  for (const target of targets) {
    const specialty = assessment.specialties.find((s) => s.specialty === target.specialty);
    const level = specialty?.levels.find((l) => l.level === target.level);
    const definition = d.specialtyOf(target.specialty)?.levels.find((l) => l.level === target.level);
    if (!level || !definition) continue;
    result.sections.push({
      heading: `${d.specialtyName(target.specialty)} — ${d.t('level', { level: target.level })}${definition.page ? ` (${definition.page})` : ''}`,
      met: level.met,
      verdict: level.met ? d.t('met') : d.t('notMet'),
      criteria: level.criteria.map((criterion) => {
        const text = d.describe(criterion, target.specialty);
        const lines: [string, string][] = [[d.t('header.required'), text.required]];
        if (text.actual) lines.push([d.t('header.actual'), text.actual]);
        if (text.gap) lines.push([d.t('header.gap'), text.gap]);
        const clause = definition.criteria.find((c) => c.kind === criterion.id)?.source;
        return { name: d.criterionName(criterion.id), met: criterion.met, verdict: criterion.met ? d.t('met') : d.t('notMet'), lines, exclusions: d.exclusions(criterion, target.specialty), ...(clause ? { clause } : {}) };
      }),
    });
  }
  if (result.sections.length === 0) result.empty = d.t('gap.allTop');
  return result;
}

/** Each specialty's next level: what `assess` pages and `gap` without a target show. */
export function nextLevels(assessment: Assessment): GapTarget[] {
  return assessment.specialties.flatMap((s) => (s.next ? [{ specialty: s.specialty, level: s.next.level }] : []));
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

export function markdownPage(assessments: Assessment[], targetsOf: (a: Assessment) => readonly GapTarget[], withSummary: boolean, options: ReportOptions): string {
  const d = new Describer(options.lang, options.standard);
  return assessments
    .map((assessment) => {
      const p = reportPage(assessment, targetsOf(assessment), withSummary, d);
      const out = [`# ${md(p.title)}`, '', md(p.subtitle), ''];
      for (const w of p.warnings) out.push(`> ⚠ ${md(w)}`, '');
      if (p.summary) {
        out.push(`| ${p.summary.header.map(md).join(' | ')} |`, `|${p.summary.header.map(() => '---').join('|')}|`);
        for (const row of p.summary.rows) out.push(`| ${row.map(md).join(' | ')} |`);
        out.push('');
      }
      if (p.empty) out.push(md(p.empty), '');
      for (const s of p.sections) {
        out.push(`## ${md(s.heading)}: ${s.met ? '✓' : '✗'} ${md(s.verdict)}`, '');
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

/** One self-contained page: no script, no external stylesheet, font or image; printed on A4, a page per level. */
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
@media print { body { margin: 0; max-width: none; font-size: 10.5pt; } section.level { break-before: page; } section.level:first-of-type { break-before: auto; } h3, dl, blockquote { break-inside: avoid; } }
`;

export function htmlPage(assessments: Assessment[], targetsOf: (a: Assessment) => readonly GapTarget[], withSummary: boolean, options: ReportOptions): string {
  const d = new Describer(options.lang, options.standard);
  const bodies = assessments.map((assessment) => {
    const p = reportPage(assessment, targetsOf(assessment), withSummary, d);
    const out = [`<article>`, `<h1>${html(p.title)}</h1>`, `<p class="subtitle">${html(p.subtitle)}</p>`];
    for (const w of p.warnings) out.push(`<p class="warning">⚠ ${html(w)}</p>`);
    if (p.summary) {
      out.push('<table class="summary"><thead><tr>', ...p.summary.header.map((h) => `<th>${html(h)}</th>`), '</tr></thead><tbody>');
      for (const row of p.summary.rows) out.push(`<tr>${row.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`);
      out.push('</tbody></table>');
    }
    if (p.empty) out.push(`<p>${html(p.empty)}</p>`);
    for (const s of p.sections) {
      out.push(`<section class="level">`, `<h2>${html(s.heading)}: <span class="${s.met ? 'ok' : 'bad'}">${s.met ? '✓' : '✗'} ${html(s.verdict)}</span></h2>`);
      for (const c of s.criteria) {
        out.push(`<h3 class="${c.met ? 'ok' : 'bad'}">${c.met ? '✓' : '✗'} ${html(c.name)} <small>(${html(c.verdict)})</small></h3>`, '<dl>');
        for (const [label, text] of c.lines) out.push(`<dt>${html(label)}</dt><dd>${html(text)}</dd>`);
        out.push('</dl>');
        if (c.exclusions.length > 0) out.push('<ul class="exclusions">', ...c.exclusions.map((e) => `<li class="exclusion">${html(e)}</li>`), '</ul>');
        if (c.clause) out.push(`<blockquote lang="ja">「${html(c.clause)}」</blockquote>`);
      }
      out.push('</section>');
    }
    out.push('</article>');
    return out.join('\n');
  });
  const title = assessments.length === 1 ? reportPage(assessments[0]!, [], false, d).title : d.t('page.title.many', { count: assessments.length });
  return htmlDocument(d.lang, title, PAGE_STYLE, bodies.join('\n'));
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
