import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { SharedResults, evaluate, isSharedResult } from '../src/engine/evaluate.js';
import type { SpecialtyResult } from '../src/engine/assessment.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import type { Lang } from '../src/messages/describe.js';
import { levelsReporter } from '../src/reporters/levelsReporter.js';
import { reporters } from '../src/reporters/outputFormats.js';
import { displayWidth } from '../src/values/displayWidth.js';
import { gapReporter } from '../src/reporters/gapReporter.js';
import { plainStyle } from '../src/reporters/reportOptions.js';
import { htmlPage, markdownPage, nextLevels } from '../src/reporters/reportPage.js';
import { stringify } from 'yaml';
import { madeUpStandard } from './helpers.js';

/**
 * Golden files: the reporters' whole output for fixed inputs. After an intended change of wording or layout,
 * regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/reporters.test.ts` and review the diff.
 */
function golden(name: string, actual: string): void {
  const file = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  // A missing golden file fails (it is never written silently, which would make the test pass by itself).
  expect(existsSync(file), `tests/golden/${name} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const standard = builtinStandard();
const exampleCandidate = loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'examples/yamada-hanako.yaml', standard);
const example = evaluate(standard, exampleCandidate, { asOf: '2026-04-01' });
const madeUp = evaluate(madeUpStandard, loadCandidate(readFileSync('tests/fixtures/made-up-candidate.yaml', 'utf8'), 'made-up-candidate.yaml', madeUpStandard), { asOf: '2026-04-01' });

describe('reporters', () => {
  it.each<[string, Lang]>([
    ['example.table.ja.txt', 'ja'],
    ['example.table.en.txt', 'en'],
  ])('table (short, the default): %s', (name, lang) => {
    golden(name, reporters.table([example], { lang, standard, width: 120 }));
  });

  it.each<[string, Lang]>([
    ['example.gap.ja.txt', 'ja'],
    ['example.gap.en.txt', 'en'],
  ])('gap, each next level: %s', async (name, lang) => {
    const { gapReporter } = await import('../src/reporters/gapReporter.js');
    const { nextLevels } = await import('../src/reporters/reportPage.js');
    golden(name, gapReporter(example, nextLevels(example, {}), { lang, standard, width: 100, engagementsOf: () => exampleCandidate.engagements }));
  });

  it.each<[string, Lang]>([
    ['example.detail.ja.txt', 'ja'],
    ['example.detail.en.txt', 'en'],
  ])('table --detail: %s', (name, lang) => {
    golden(name, reporters.table([example], { lang, standard, width: 120, detail: true }));
  });

  it('table: prose wraps at a narrow terminal, Japanese by characters, English by words', () => {
    for (const lang of ['ja', 'en'] as const) {
      const lines = reporters.table([example], { lang, standard, width: 60 }).split('\n');
      expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(60);
    }
    // No English word or number is cut: the words read the same at 60 columns as on one long line.
    const words = (width: number) => reporters.table([example], { lang: 'en', standard, width }).replace(/[─┌┐└┘├┤┬┴┼│]/g, ' ').split(/\s+/);
    expect(words(60)).toEqual(words(160));
    expect(words(60)).toContain('¥350,000,000;');
  });

  it.each<[string, Lang, 'md' | 'html']>([
    ['example.page.ja.md', 'ja', 'md'],
    ['example.page.en.md', 'en', 'md'],
    ['example.page.ja.html', 'ja', 'html'],
    ['example.page.en.html', 'en', 'html'],
  ])('page: %s (the levels, then each next level criterion by criterion, with its clause)', (name, lang, format) => {
    golden(name, reporters[format]([example], { lang, standard, engagementsOf: () => exampleCandidate.engagements }));
  });

  it('pages keep a hostile name as text', () => {
    const hostile = { ...example, candidate: { id: '<img src=x onerror=alert(1)>', name: '<script>alert("x")</script>*bold*' } };
    const page = reporters.html([hostile], { lang: 'en', standard });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // Nothing the page needs comes from elsewhere: no script, no link, no external source.
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b/);
    expect(page).not.toMatch(/<[^>]*\s(src|href)=/);
    expect(page).not.toMatch(/@import|url\(/);
    const markdown = reporters.md([hostile], { lang: 'en', standard });
    expect(markdown).toContain('\\<script\\>alert("x")\\</script\\>\\*bold\\*');
  });

  it.each<[string, Lang, string]>([
    ['summary.en.md', 'en', 'md'],
    ['summary.ja.html', 'ja', 'html'],
  ])('organisation summary: %s (levels and blockers per specialty, departments, everyone closest first)', async (name, lang, format) => {
    const { runCli, tempFolder } = await import('./cliHarness.js');
    const { dir } = tempFolder('itss-summary-');
    const out = `${dir}/summary.${format}`;
    const run = await runCli(['batch', 'examples/hr-mapping', '--map', 'examples/hr-mapping/mapping.yaml', '-o', out, '--as-of', '2026-04-01', '--lang', lang]);
    expect(run.code).toBe(0);
    golden(name, readFileSync(out, 'utf8'));
  });

  it('the organisation summary keeps a hostile name as text, and loads nothing from elsewhere', async () => {
    const { runCli, tempFolder } = await import('./cliHarness.js');
    const { dir, write } = tempFolder('itss-summary-hostile-');
    const input = write('engagements.csv', 'candidate_id,candidate_name,specialty,role,from\n"<img src=x onerror=alert(1)>","<script>alert(1)</script>",operation,leader,2019-04\n');
    expect((await runCli(['batch', input, '-o', `${dir}/s.html`, '--as-of', '2026-04-01'])).code).toBe(0);
    const page = readFileSync(`${dir}/s.html`, 'utf8');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/<(img|iframe|link|object|embed)\b/);
    expect(page.match(/<script>/g)).toHaveLength(1); // the table's sorter, inline
    expect(page).not.toMatch(/<[^>]*\s(src|href)=|@import|url\(/);
  });

  it('json: the example', () => {
    golden('example.json', reporters.json([example], { lang: 'en', standard }));
  });

  it('table: a made-up job category, in English', () => {
    golden('made-up.table.en.txt', reporters.table([madeUp], { lang: 'en', standard: madeUpStandard, width: 100, detail: true }));
  });

  it.each<[string, Lang]>([
    ['levels.ja.txt', 'ja'],
    ['levels.en.txt', 'en'],
  ])('levels: %s', (name, lang) => {
    golden(name, levelsReporter({ lang, standard }));
  });

  it('json has no sentences: every string is an id, a date, a title or a name from the input', () => {
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(reporters.json([example], { lang: 'en', standard })));
    const titles = new Set(loadCandidate(readFileSync('examples/yamada-hanako.yaml', 'utf8'), 'x', standard).engagements.map((e) => e.title));
    const allowed = (s: string) => /^[a-z0-9-]+$/i.test(s) || /^\d{4}-\d{2}-\d{2}$/.test(s) || titles.has(s) || ['山田 花子', 'E0001', '障害予兆検知の取り組み', '新任者向け 運用管理研修'].includes(s);
    expect(strings.filter((s) => !allowed(s))).toEqual([]);
  });
});

describe('wrapText', () => {
  it.each([
    ['ascii words', 'alpha beta gamma', 11, ['alpha beta', 'gamma']],
    ['wide characters count two columns', '運用管理責任者', 6, ['運用管', '理責任', '者']],
    ['breaks between Japanese characters, never before closing punctuation (禁則)', 'サービス、リスク', 8, ['サービ', 'ス、リス', 'ク']],
    ['never inside a number where it fits', 'now ¥350,000,000', 13, ['now', '¥350,000,000']],
    ['no leading space on a wrapped line', 'a, b', 2, ['a,', 'b']],
  ])('%s', async (_name, text, width, lines) => {
    const { wrapText } = await import('../src/reporters/wrapText.js');
    const out = wrapText(text, width).split('\n');
    expect(out).toEqual(lines);
    for (const line of out) expect(displayWidth(line)).toBeLessThanOrEqual(width);
  });
});

describe('serializeAssessment', () => {
  it('is JSON.stringify, with shared specialty results reused', async () => {
    const { serializeAssessment } = await import('../src/reporters/serializeAssessment.js');
    const sharedResults = new SharedResults<SpecialtyResult>();
    const text = readFileSync('examples/yamada-hanako.yaml', 'utf8');
    const candidate = loadCandidate(text, 'x.yaml', standard);
    // A result is held from the second candidate who needs it on (sharedResults.ts): the first has its own.
    const [first, second, third] = ['E0001', 'E0002', 'E0003'].map((id) => evaluate(standard, { ...candidate, id }, { asOf: '2026-04-01', sharedResults }));
    expect(sharedResults.size).toBe(2); // システム管理 and オペレーション: no engagement, no expertise
    expect(third.specialties[1]).toBe(second.specialties[1]);
    expect([isSharedResult(first.specialties[1]), isSharedResult(second.specialties[1])]).toEqual([false, true]);
    expect(first).toEqual(evaluate(standard, { ...candidate, id: 'E0001' }, { asOf: '2026-04-01' }));
    for (const a of [first, second, third]) expect(serializeAssessment(a)).toBe(JSON.stringify(a));
  });
});

describe('practised specialties in the human reports (cli.md "Practised specialties")', () => {
  // Practises operation management only (an engagement and an expertise record in it); AP gives every specialty
  // exam level 3, so the three left out each have a level by exam.
  const oneSpecialty = loadCandidate(
    stringify({
      id: 'P1',
      name: '佐藤 一郎',
      department: '基盤運用部',
      exams: [{ exam: 'AP', passed: '2015-12' }],
      engagements: [
        { title: '基盤運用 メンバ', specialty: 'operation-management', role: 'member', from: '2016-04', to: '2019-03', complexity: ['advanced-operations'] },
        {
          title: '基盤運用 リーダ',
          specialty: 'operation-management',
          role: 'leader',
          from: '2019-04',
          complexity: ['advanced-operations', 'advanced-infrastructure'],
          size: { staff: 20 },
        },
      ],
      expertise: [
        {
          specialty: 'operation-management',
          areas: ['service-level-management', 'risk-prevention', 'stable-service-delivery', 'negotiation', 'operation-guidelines'],
          depth: 'independent',
        },
      ],
    }),
    'one-specialty.yaml',
    standard,
  );
  const assessment = evaluate(standard, oneSpecialty, { asOf: '2026-04-01' });
  const withEngagements = { engagementsOf: () => oneSpecialty.engagements };
  const others = ['System management', 'Operation', 'Service desk'];
  const human: [string, (all: boolean) => string][] = [
    ['the short report', (all) => reporters.table([assessment], { lang: 'en', standard, width: 160, allSpecialties: all })],
    ['the detail report', (all) => reporters.table([assessment], { lang: 'en', standard, width: 160, detail: true, allSpecialties: all })],
    ['the Markdown page', (all) => reporters.md([assessment], { lang: 'en', standard, allSpecialties: all })],
    ['the HTML page', (all) => reporters.html([assessment], { lang: 'en', standard, allSpecialties: all })],
    ['the gap report', (all) => gapReporter(assessment, nextLevels(assessment, { allSpecialties: all }), { lang: 'en', standard, allSpecialties: all })],
  ];

  it('the candidate practises exactly one specialty', () => {
    expect(assessment.specialties.map((s) => [s.specialty, s.practised])).toEqual([
      ['operation-management', true],
      ['system-management', false],
      ['operation', false],
      ['service-desk', false],
    ]);
  });

  it.each(human)('%s shows only it, and says which were left out and their exam level', (_name, report) => {
    const text = report(false);
    const leftOut = 'Specialties not practised (no engagement or expertise record in them) are left out: System management, Operation, Service desk. '
      + 'All of them reach level 3 by exam. To show every specialty: --all-specialties';
    // The line may wrap on a terminal: compared with its words joined again.
    expect(text.replace(/\n/g, ' ')).toContain(leftOut);
    const rest = text.replace(/\n/g, ' ').replace(leftOut, '');
    expect(rest).toContain('Operation management');
    for (const name of others) expect(rest).not.toMatch(new RegExp(`${name}(?! management)`));
  });

  it.each(human)('%s shows all four with allSpecialties, and no line about any left out', (_name, report) => {
    const text = report(true);
    for (const name of ['Operation management', ...others]) expect(text).toContain(name);
    expect(text).not.toContain('left out');
  });

  it('the pages and the gap report give each shown specialty its section: one, or all four', () => {
    const sections = (html: string) => [...html.matchAll(/<section class="level">\n<h2>([^<]*) —/g)].map((m) => m[1]);
    expect(sections(reporters.html([assessment], { lang: 'en', standard }))).toEqual(['Operation management']);
    expect(sections(reporters.html([assessment], { lang: 'en', standard, allSpecialties: true }))).toEqual(['Operation management', ...others]);
  });

  it('JSON and JSON Lines list every specialty with practised, whatever allSpecialties says', () => {
    const json = reporters.json([assessment], { lang: 'en', standard });
    expect(reporters.json([assessment], { lang: 'en', standard, allSpecialties: false })).toBe(json);
    expect(reporters.json([assessment], { lang: 'en', standard, allSpecialties: true })).toBe(json);
    expect((JSON.parse(json) as { specialties: { practised: boolean }[] }).specialties.map((s) => s.practised)).toEqual([true, false, false, false]);
    const jsonl = reporters.jsonl([assessment], { lang: 'en', standard });
    expect(reporters.jsonl([assessment], { lang: 'en', standard, allSpecialties: true })).toBe(jsonl);
    expect(JSON.parse(jsonl).specialties).toHaveLength(4);
  });

  it('an exam level among those left out is said once for all, or named with the specialties it is for', () => {
    // Without the exam, the line says nothing of exams.
    const noExam = evaluate(standard, { ...oneSpecialty, exams: [] }, { asOf: '2026-04-01' });
    const text = reporters.table([noExam], { lang: 'ja', standard, width: 160 });
    expect(text).toContain('実務経験のない専門分野（システム管理、オペレーション、サービスデスク）は省略しました。すべて表示するには --all-specialties を付けてください。');
    expect(text).not.toContain('試験により');
    // AP: level 3 in each specialty left out, said once.
    expect(reporters.table([assessment], { lang: 'ja', standard, width: 160 })).toContain('省略しました。いずれも試験によりレベル3相当です。すべて表示するには');
    // A tailored standard whose operation has no exam equivalence: the specialties with an exam level are named.
    const withoutExams = (s: (typeof standard.specialties)[number]) => ({ ...s, levels: s.levels.map(({ examEquivalence: _dropped, ...level }) => level) });
    const tailored = { ...standard, specialties: standard.specialties.map((s) => (s.id === 'operation' ? withoutExams(s) : s)) };
    const partly = evaluate(tailored, oneSpecialty, { asOf: '2026-04-01' });
    expect(partly.specialties.map((s) => s.examLevel)).toEqual([3, 3, null, 3]);
    // The line wraps at the terminal's width: read with its lines joined again.
    const ja = reporters.table([partly], { lang: 'ja', standard: tailored, width: 160 }).replace(/\n/g, '');
    expect(ja).toContain('省略しました。システム管理およびサービスデスクは試験によりレベル3相当です。すべて表示するには');
    const en = reporters.table([partly], { lang: 'en', standard: tailored, width: 160 }).replace(/\n/g, ' ');
    expect(en).toContain('Service desk. System management and Service desk: level 3 by exam. To show');
  });

  it('a person who practises nothing is told so, with no empty table and no "nothing is missing"', () => {
    const none = evaluate(standard, { ...oneSpecialty, engagements: [], expertise: [] }, { asOf: '2026-04-01' });
    expect(none.specialties.every((s) => !s.practised)).toBe(true);
    for (const text of [
      reporters.table([none], { lang: 'en', standard }),
      reporters.table([none], { lang: 'en', standard, detail: true }),
      gapReporter(none, nextLevels(none, {}), { lang: 'en', standard }),
      reporters.md([none], { lang: 'en', standard }),
    ]) {
      expect(text).toContain('No specialty is practised: there is no engagement or expertise record in any. All of them reach level 3 by exam.');
      expect(text).not.toMatch(/[┌|]/);
      expect(text).not.toContain('top level');
    }
    expect(reporters.html([none], { lang: 'ja', standard })).toContain('<p class="left-out">実務経験のある専門分野がありません');
    expect(reporters.html([none], { lang: 'ja', standard })).not.toContain('<table');
  });

  it('a target in a specialty not practised is shown: an explicit request wins', () => {
    const text = gapReporter(assessment, [{ specialty: 'operation', level: 3 }], { lang: 'en', standard, width: 160 });
    expect(text).toContain('Operation — Level 3 (ITSM-16): not met');
    expect(text).toMatch(/│ Operation\s+│ —\s+│ 3\s+│ 3\s+│ 3\s+│/);
    expect(text).toMatch(/│ Operation management\s+│ 3\s+│ 3\s+│ —\s+│ —\s+│/);
    expect(text).toContain('are left out: System management, Service desk.');
    expect(text).not.toContain('Operation management — Level');
  });

  it('the gap page opens with the person and their department, and lists the engagements its criteria name', () => {
    const text = gapReporter(assessment, nextLevels(assessment, {}), { lang: 'ja', standard, width: 160, ...withEngagements });
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['佐藤 一郎（P1）', '所属: 基盤運用部']);
    // #n counts from 1, as the sentences do (#2 is engagements[1]); the ongoing one says so.
    expect(text).toContain('#2で2項目');
    expect(text).toMatch(/│ #1 │ 基盤運用 メンバ\s+│ 2016-04-01〜2019-03-31 │ メンバ │/);
    expect(text).toMatch(/│ #2 │ 基盤運用 リーダ\s+│ 2019-04-01〜継続中\s+│ リーダ │/);
    expect(text.indexOf('│ #1 │')).toBeLessThan(text.indexOf('│ #2 │'));
    expect(text.indexOf('参照している業務経験')).toBeLessThan(text.indexOf('運用管理 — レベル'));
    const md = markdownPage([assessment], () => nextLevels(assessment, {}), 'gap', { lang: 'en', standard, ...withEngagements });
    expect(md).toContain('Department: 基盤運用部');
    expect(md).toContain('| Specialty | Level | Exam | Target | Unmet |');
    expect(md).toContain('| #2 | 基盤運用 リーダ | 2019-04-01 – ongoing | leader |');
    const html = htmlPage([assessment], () => nextLevels(assessment, {}), 'gap', { lang: 'en', standard, ...withEngagements });
    expect(html).toContain('<p class="department">Department: 基盤運用部</p>');
    expect(html).toContain('<tr><td>#1</td><td>基盤運用 メンバ</td><td>2016-04-01 – 2019-03-31</td><td>member</td></tr>');
  });

  it('lists only the engagements the shown sections name, and none without the candidate\'s engagements', () => {
    // Service desk's engagement (#3) is named by no section about operation management.
    const serviceDesk = { ...oneSpecialty.engagements[0], title: '窓口', specialty: 'service-desk' };
    const candidate = { ...oneSpecialty, engagements: [...oneSpecialty.engagements, serviceDesk] };
    const both = evaluate(standard, candidate, { asOf: '2026-04-01' });
    const options = { lang: 'en' as const, standard, width: 160, engagementsOf: () => candidate.engagements };
    const oneTarget = gapReporter(both, [{ specialty: 'operation-management', level: 5 }], options);
    expect(oneTarget).toContain('│ #2 │');
    expect(oneTarget).not.toContain('窓口');
    expect(gapReporter(both, nextLevels(both, {}), options)).toContain('│ #3 │ 窓口');
    expect(gapReporter(both, nextLevels(both, {}), { ...options, engagementsOf: undefined })).not.toContain('Engagements referred to');
    // A title with a terminal's control sequence (clear the screen) is listed as text; one without a title, so said.
    const titles = [{ ...serviceDesk, title: 'x\u001b[2Jy' }, { ...serviceDesk, title: undefined }];
    const listed = gapReporter(both, nextLevels(both, {}), { ...options, engagementsOf: () => [...oneSpecialty.engagements, ...titles] });
    expect(listed).toContain('│ #3 │ x\\x1b[2Jy');
    expect(listed).not.toContain('\u001b');
    const untitled = gapReporter(both, nextLevels(both, {}), { ...options, engagementsOf: () => [...oneSpecialty.engagements, titles[1]] });
    expect(untitled).toContain('│ #3 │ (untitled)');
  });

  it('the --detail and short reports paint the levels of the shown rows, not of the rows left out', () => {
    // Painted by row: the level cell of operation management (level 3) is the one painted, in either report.
    const style = { ...plainStyle, ok: (t: string) => `<ok>${t}</ok>` };
    for (const detail of [false, true]) {
      const text = reporters.table([assessment], { lang: 'en', standard, width: 160, detail, style });
      expect(text).toMatch(/│ Operation management\s+│ <ok>3/);
    }
  });
});
