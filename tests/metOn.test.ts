/**
 * The day a shortfall of months is met (issue 24, item 2; cli.md `metOn`): where the months alone fall short and
 * engagements that count go on (no end, or an end after the assessment date), the result names the first day on
 * which assessing meets the criterion; the day before does not. Checked against the engine itself, assessing again
 * on those days, on generated candidates.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CriterionResultOf } from '../src/engine/assessment.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { Evaluation } from '../src/engine/evaluate.js';
import { dayReaching, epochDay, formatEpochDay, parseDate } from '../src/values/calendarDate.js';
import { levelReachedOn } from '../src/engine/levelReachedOn.js';
import { Describer } from '../src/messages/describe.js';
import { csvResultWriter } from '../src/reporters/csvResults.js';
import type { ReportOptions } from '../src/reporters/reportOptions.js';
import { htmlPage, markdownPage, nextLevels } from '../src/reporters/reportPage.js';
import { SPECIALTY_COLUMNS } from '../src/reporters/resultWriter.js';
import { tableReporter } from '../src/reporters/tableReporter.js';
import { AS_OF_DAY, candidateArb, isoDay, standard, startOf, type CandidateObject } from './arbitraries.js';
import { justMeets } from './levelFixtures.js';

const TIMEOUT = 120_000;
const day = (iso: string) => {
  const parsed = parseDate(iso)!;
  return epochDay(parsed.year, parsed.month, parsed.day!);
};
const nextDay = (iso: string, by: number) => formatEpochDay(day(iso) + by);

/**
 * A candidate assessed some days before the usual assessment date (so that engagements ending later, or ongoing,
 * go on past it), without the engagements that start after that day (they would come into scope on a later day:
 * metOn reads what is in scope on the assessment date, "if nothing else changes"); some ended engagements moved to
 * end after it.
 */
const earlierAssessment = fc.tuple(candidateArb('mixed'), fc.integer({ min: 0, max: 1500 }), fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 8, maxLength: 8 }))
  .map(([candidate, before, later]): { object: CandidateObject; asOf: string } => {
    const asOfDay = AS_OF_DAY - before;
    const engagements = candidate.engagements.filter((e) => startOf(e.from) <= asOfDay)
      .map((e, i) => (e.to !== undefined && (later[i % later.length] ?? 0) > 600 ? { ...e, to: isoDay(asOfDay + (later[i % later.length] ?? 0) - 600) } : e));
    return { object: { ...candidate, engagements }, asOf: isoDay(asOfDay) };
  });

function responsibilityResults(evaluation: Evaluation, candidate: ReturnType<typeof loadCandidate>) {
  return evaluation.assess(candidate).specialties.flatMap((s) => s.levels.flatMap((l) => l.criteria.filter((c): c is CriterionResultOf<'responsibility'> => c.id === 'responsibility')
    .map((c) => ({ specialty: s.specialty, level: l.level, result: c }))));
}

describe('metOn: the day a shortfall of months is met if what goes on goes on', () => {
  it('assessing on metOn meets the criterion, the day before does not; metOn is after the assessment date; only where months alone are short', () => {
    let projected = 0;
    fc.assert(fc.property(earlierAssessment, ({ object, asOf }) => {
      const candidate = loadCandidate(stringify({ id: 'T1', ...object }), 'test.yaml', standard);
      for (const { specialty, level, result } of responsibilityResults(new Evaluation(standard, asOf), candidate)) {
        if (result.metOn === undefined) {
          // Nothing goes on that counts, or experiences are missing, or it is met.
          continue;
        }
        projected++;
        expect(result.met).toBe(false);
        expect(result.gap?.months).toBeGreaterThan(0);
        expect(result.gap?.experiences).toBeUndefined();
        expect(day(result.metOn)).toBeGreaterThan(day(asOf));
        const at = (asOf: string) => new Evaluation(standard, asOf).assess(candidate).specialties.find((s) => s.specialty === specialty)!
          .levels.find((l) => l.level === level)!.criteria.find((c) => c.id === 'responsibility')!;
        expect(at(result.metOn).met).toBe(true);
        expect(at(nextDay(result.metOn, -1)).met).toBe(false);
      }
    }), { numRuns: 200 });
    expect(projected).toBeGreaterThan(20);
  }, TIMEOUT);

  it('an unmet criterion without metOn stays unmet for years if nothing else changes', () => {
    fc.assert(fc.property(earlierAssessment, ({ object, asOf }) => {
      const candidate = loadCandidate(stringify({ id: 'T1', ...object }), 'test.yaml', standard);
      const later = new Evaluation(standard, nextDay(asOf, 3650));
      const laterResults = responsibilityResults(later, candidate);
      responsibilityResults(new Evaluation(standard, asOf), candidate).forEach(({ result }, i) => {
        if (!result.met && result.metOn === undefined) expect(laterResults[i].result.met).toBe(false);
      });
    }), { numRuns: 100 });
  }, TIMEOUT);
});

describe('dayReaching', () => {
  const d = (iso: string) => day(iso);
  it.each([
    // [periods, asOf, months wanted, expected]
    ['an open period from 2024-04-01: 24 months on 2026-03-31', [{ from: '2024-04-01', to: null }], '2025-04-01', 24, '2026-03-31'],
    ['an open period from 2024-04-02: 24 months on 2026-04-01', [{ from: '2024-04-02', to: null }], '2025-04-01', 24, '2026-04-01'],
    ['a period ending later, long enough', [{ from: '2024-04-01', to: '2027-01-01' }], '2025-04-01', 24, '2026-03-31'],
    ['a period ending later, too short', [{ from: '2024-04-01', to: '2025-12-31' }], '2025-04-01', 24, undefined],
    ['nothing goes on', [{ from: '2020-04-01', to: '2021-03-31' }], '2025-04-01', 24, undefined],
    ['already met on the assessment date', [{ from: '2020-04-01', to: null }], '2025-04-01', 24, undefined],
    ['a closed period and an open one, merged', [{ from: '2020-04-01', to: '2021-03-31' }, { from: '2025-01-01', to: null }], '2025-04-01', 24, '2025-12-31'],
  ] as [string, { from: string; to: string | null }[], string, number, string | undefined][])('%s', (_why, periods, asOf, months, expected) => {
    const on = dayReaching(periods.map((p) => ({ from: d(p.from), to: p.to === null ? null : d(p.to) })), d(asOf), months * 30);
    expect(on === undefined ? undefined : formatEpochDay(on)).toBe(expected);
  });
});

describe('what the reports say of metOn', () => {
  // 運用管理 level 4's candidate, its main engagement ongoing from 2025-04-02: 12 months on 2026-04-01, 24 wanted (the
  // level's years), so the months are met on 2027-04-01 if it goes on; every other criterion of level 4 is met.
  const document = justMeets('operation-management', 4) as { engagements: { from?: string; to?: string }[] };
  const main = document.engagements[0];
  main.from = '2025-04-02';
  delete main.to;
  const candidate = loadCandidate(JSON.stringify({ format: 'itss-candidate/v1', id: 'P1', ...document }), 'p.json', standard);
  const record = new Evaluation(standard, '2026-04-01').record(candidate);
  const specialty = record.specialties.find((s) => s.specialty === 'operation-management')!;
  const ja = new Describer('ja', standard);
  const en = new Describer('en', standard);

  it('the record: level 4 is next, blocked by the months alone, met on the day 24 months are reached', () => {
    expect(specialty.next?.level).toBe(4);
    expect(specialty.next?.gaps.map((g) => [g.id, g.metOn])).toEqual([['responsibility', '2027-04-01']]);
    expect(levelReachedOn(specialty.next!.gaps)).toBe('2027-04-01');
  });

  it('the gap sentence and the line under the next level, in both languages', () => {
    const gap = specialty.next!.gaps[0];
    expect(ja.describe(gap, 'operation-management').gap).toContain('（今の業務経験が続けば2027年4月1日に充足）');
    expect(en.describe(gap, 'operation-management').gap).toContain(' (met on 2027-04-01 if the current engagements go on)');
    expect(ja.timeAlone(4, specialty.next!.gaps)).toBe('今の業務経験が続けば2027年4月1日にレベル4に到達します');
    expect(en.timeAlone(4, specialty.next!.gaps)).toBe('Level 4 is reached on 2027-04-01 if the current engagements go on');
  });

  it('with another criterion unmet too, the day the months are met and what else is missing', () => {
    const withMentoring = { ...specialty.next!.gaps[0], metOn: '2027-04-01' };
    const other: CriterionResultOf<'mentoring'> = { id: 'mentoring', met: false, required: { records: 1 }, actual: { records: 0 }, gap: { records: 1 }, evidence: [] };
    expect(ja.timeAlone(4, [withMentoring, other])).toBe('業務経験の期間は2027年4月1日に満たしますが、ほかに未達: 後進の育成');
    expect(levelReachedOn([withMentoring, other])).toBeNull();
    expect(ja.timeAlone(4, [other])).toBeNull();
  });

  it('the results CSV: the day in the specialty\'s last column, empty where time alone does not reach the next level', () => {
    const writer = csvResultWriter(ja);
    const header = writer.begin().replace('\uFEFF', '').trim().split(',');
    let row = '';
    writer.result(record, true, (text) => (row += text));
    const cells = row.trim().split(',');
    const at = header.indexOf('運用管理 到達見込日');
    expect(at).toBe(3 + SPECIALTY_COLUMNS - 1);
    expect(cells[at]).toBe('2027-04-01');
    expect(cells[header.indexOf('サービスデスク 到達見込日')]).toBe('');
  });

  it('the terminal report and the gap page say it', () => {
    const assessment = new Evaluation(standard, '2026-04-01').assess(candidate);
    const options: ReportOptions = { lang: 'ja', standard, width: 200 };
    expect(tableReporter([assessment], options)).toContain('→ 今の業務経験が続けば2027年4月1日にレベル4に到達します');
    expect(markdownPage([assessment], (a) => nextLevels(a, options), 'assessment', options)).toContain('→ 今の業務経験が続けば2027年4月1日にレベル4に到達します');
    expect(htmlPage([assessment], (a) => nextLevels(a, options), 'assessment', options)).toContain('<p class="by-time">→ 今の業務経験が続けば2027年4月1日にレベル4に到達します</p>');
  });
});
