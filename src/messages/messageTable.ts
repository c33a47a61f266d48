/** Every user-facing sentence, per language. Templates take `{name}` parameters; logic lives in describe.ts. */
export interface MessageTable {
  lang: 'ja' | 'en';
  text: Record<MessageKey, string>;
  /** Money as people read it in this language. */
  formatYen(yen: number): string;
  /** Joins list items: `a, b or c` / `a、bまたはc`. */
  listSeparator: string;
  orSeparator: string;
  andSeparator: string;
}

export type MessageKey =
  | 'criterion.responsibility'
  | 'criterion.complexity'
  | 'criterion.size'
  | 'criterion.expertise'
  | 'criterion.knowledge-transfer'
  | 'criterion.mentoring'
  | 'met'
  | 'notMet'
  | 'none'
  | 'level'
  | 'levelNone'
  | 'examLevel'
  | 'nonNested'
  | 'next'
  | 'nextNone'
  | 'months'
  | 'people'
  | 'header.specialty'
  | 'header.level'
  | 'header.criterion'
  | 'header.required'
  | 'header.actual'
  | 'header.gap'
  | 'header.result'
  | 'header.examLevel'
  | 'header.next'
  | 'assessment.title'
  | 'assessment.asOf'
  | 'responsibility.required'
  | 'responsibility.scope'
  | 'responsibility.success'
  | 'responsibility.activities'
  | 'responsibility.experiences'
  | 'responsibility.actual'
  | 'responsibility.gap.months'
  | 'responsibility.gap.experiences'
  | 'responsibility.excluded'
  | 'reason.outcome'
  | 'reason.role'
  | 'reason.activities'
  | 'reason.complexity'
  | 'reason.size'
  | 'complexity.required'
  | 'complexity.including'
  | 'complexity.actual'
  | 'complexity.gap'
  | 'complexity.gap.including'
  | 'size.unspecified'
  | 'size.option'
  | 'size.option.complexity'
  | 'size.actual'
  | 'size.actual.none'
  | 'size.gap'
  | 'size.gap.complexity'
  | 'size.threshold'
  | 'expertise.required.all'
  | 'expertise.required.any'
  | 'expertise.actual'
  | 'expertise.gap.all'
  | 'expertise.gap.any'
  | 'knowledge-transfer.required'
  | 'knowledge-transfer.actual'
  | 'knowledge-transfer.gap'
  | 'mentoring.required'
  | 'mentoring.actual'
  | 'mentoring.gap'
  | 'success.required'
  | 'warning.future-engagement'
  | 'warning.future-record'
  | 'warning.unlisted-exam'
  | 'warning.no-engagements'
  | 'diag.location'
  | 'diag.syntax'
  | 'diag.too-many-aliases'
  | 'diag.not-an-object'
  | 'diag.missing'
  | 'diag.wrong-type'
  | 'diag.unknown-key'
  | 'diag.unknown-value'
  | 'diag.not-allowed'
  | 'diag.too-small'
  | 'diag.too-large'
  | 'diag.bad-date'
  | 'diag.bad-yen'
  | 'diag.bad-people'
  | 'diag.to-before-from'
  | 'diag.duplicate-id'
  | 'diag.duplicate-level'
  | 'diag.duplicate-kind'
  | 'diag.more-than-listed'
  | 'diag.no-complexity-criterion'
  | 'diag.no-areas'
  | 'diag.unknown-id'
  | 'diag.unreadable'
  | 'diag.empty'
  | 'diag.did-you-mean'
  | 'diag.missing-column'
  | 'diag.unknown-column'
  | 'diag.unknown-table'
  | 'diag.bad-encoding'
  | 'diag.duplicate-candidate'
  | 'diag.no-candidate-id'
  | 'diag.ragged-row'
  | 'diag.incomplete-tables'
  | 'diag.unwritable'
  | 'diag.use-batch'
  | 'summary.incomplete'
  | 'levels.title'
  | 'levels.page'
  | 'levels.source'
  | 'levels.exam'
  | 'summary.rejected'
  | 'summary.batch'
  | 'init.written'
  | 'validate.candidates'
  | 'validate.document';

/** `{name}` → params.name; values from input files are shown with their control characters escaped. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? printable(String(params[name])) : whole));
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Control characters escaped (`\x1b`), so that nothing read from an input — a name, a title, a bad value — can
 * move the cursor, clear the screen or recolour a terminal.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** 1234567 → "1,234,567" (toLocaleString would load ICU locale data: about 10 ms at start-up). */
export function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
