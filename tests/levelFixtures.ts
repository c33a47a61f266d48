/**
 * Boundary fixtures for every level of every specialty of the built-in standard (ITSS V3 ITSM).
 *
 * The thresholds below are written out from the tables of rules.md §3, not read from data/: the fixtures
 * check the data and the engine against the contract. For each (specialty, level):
 * - `meets`: a candidate that just meets the level (exactly the months, conditions, size, depth, kinds);
 * - `alsoMeets`: other candidates at the threshold (second size option, contract value, gaps between periods …);
 * - `misses`: the `meets` candidate with one change, so that exactly the named criterion is unmet.
 *
 * Where the named criterion cannot fail alone, the variant says which other criterion necessarily follows in
 * `alsoUnmet`: an engagement counts toward the years only when it meets the complexity and the size of some
 * level ≥ N on its own (rules.md §2.1 以上). Higher levels' criteria imply level N's — except 運用管理 levels 3–5,
 * whose complexity list lacks `international` and `world-leading` (§6) — so a size miss, and a complexity miss
 * outside 運用管理 3–5, also leaves no engagement counting toward the years.
 *
 * Candidates are plain objects in the candidate-file shape (ids, not labels; dates `YYYY-MM` or `YYYY-MM-DD`).
 */

export const ASSESSMENT_DATE = '2026-04-01';

export type CriterionId = 'responsibility' | 'complexity' | 'size' | 'expertise' | 'knowledge-transfer' | 'mentoring';
export type SpecialtyId = 'operation-management' | 'system-management' | 'operation' | 'service-desk';

export type Candidate = Record<string, unknown>;

export interface EngagementInput {
  title: string;
  specialty: SpecialtyId;
  role: string;
  from: string;
  to?: string;
  outcome?: 'success' | 'failed';
  complexity: string[];
  activities: string[];
  size: Record<string, number | string>;
}

interface CandidateInput {
  name: string;
  engagements: EngagementInput[];
  expertise: { specialty: SpecialtyId; areas: string[]; depth: string }[];
  knowledgeTransfer: { kind: string; specialties?: SpecialtyId[]; title?: string; date?: string }[];
  mentoring: { mentee?: string; specialties?: SpecialtyId[]; from?: string }[];
}

interface Miss {
  criterion: CriterionId;
  why: string;
  /** Criteria that necessarily become unmet with it (see the header); empty when the change is isolated. */
  alsoUnmet: CriterionId[];
  candidate: Candidate;
}

interface Meets {
  why: string;
  candidate: Candidate;
}

export interface LevelFixture {
  specialty: SpecialtyId;
  level: number;
  /** The criteria the level has (rules.md §3), in the order of the source. */
  criteria: CriterionId[];
  meets: Candidate;
  alsoMeets: Meets[];
  misses: Miss[];
}

// ─────────────────────────────────────────────────────────── scales (rules.md §2.1, §2.4)

const ROLES = ['member', 'leader', 'manager', 'customer-manager', 'overall-manager'];
const DEPTHS = ['independent', 'guides-juniors', 'company', 'industry', 'industry-leader'];
/** The seven kinds of 技術の継承, in the order a practitioner typically accumulates them. */
const KINDS = ['internal-paper', 'internal-lecturer', 'external-paper', 'external-lecturer', 'community', 'book', 'patent'];
const KIND_TITLES: Record<string, string> = {
  'internal-paper': '障害予兆検知の取り組み（社内技報）',
  'internal-lecturer': '新任者向け運用研修 講師',
  'external-paper': '運用自動化の実践（業界誌寄稿）',
  'external-lecturer': 'ITサービスマネジメントセミナー 講演',
  community: 'ITSM関連委員会 委員',
  book: '実践ITサービスマネジメント（共著）',
  patent: '障害影響範囲推定方式（特許出願）',
};

// ─────────────────────────────────────────────────────────── what each level asks (rules.md §3)

interface SizeSpec {
  /** The level's first option, at its lower bound. */
  field: string;
  threshold: number;
  /** Other fields of the first option (or other options) at their threshold, as a candidate file may write them. */
  alternatives: { field: string; value: string | number; label: string }[];
  /** The option "smaller, with cx ≥ K": its people threshold and its contract threshold in yen. */
  second?: { field: string; threshold: number; contract: number; complexityAtLeast: number };
}

export interface LevelSpec {
  specialty: SpecialtyId;
  level: number;
  title: string;
  role: string;
  months: number;
  /** 成功裡 in the responsibility clause. */
  success: boolean;
  activities: string[];
  /** システム管理 4–6: at least once on any engagement of the specialty. */
  experiences: string[];
  complexity: {
    /** The level's own list. */
    list: string[];
    atLeast: number;
    required: string[];
    /** Conditions on a higher level's list only (運用管理 3–5: international, world-leading). */
    higherOnly: string[];
  };
  /** null: 特定せず. */
  size: SizeSpec | null;
  areas: string[];
  areasRequired: 'all' | 'any';
  depth: string;
  kinds: number;
  mentoring: boolean;
}

const OM_ALL = ['international', 'world-leading', 'advanced-operations', 'advanced-infrastructure', 'high-system-risk', 'complex-organization', 'complex-contract'];
const OM_LOW = OM_ALL.slice(2);
const OM_AREAS = ['service-level-management', 'risk-prevention', 'stable-service-delivery', 'negotiation', 'operation-guidelines'];
const SM_CX = ['advanced-system-operations', 'complex-operational-system', 'advanced-application', 'complex-organization', 'complex-contract'];
const SM_AREAS = ['itsm-business-management', 'application-management', 'platform-management', 'database-management', 'network-management', 'security'];
const SM_MAINTENANCE = ['incident-response', 'configuration-change', 'operations-analysis'];
const SM_EXPERIENCES = ['platform-design', 'platform-build', 'acceptance-criteria', 'acceptance-evaluation'];
const OP_CX = ['complex-operational-system', 'advanced-business', 'complex-organization', 'complex-contract'];
const OP_AREAS = ['software', 'hardware', 'business-knowledge', 'management-tasks'];
const OP_ACTIVITIES = ['improvement-proposals', 'unplanned-work'];
const SD_CX = ['advanced-supported-systems', 'advanced-network', 'advanced-application', 'complex-organization', 'complex-contract'];
const SD_AREAS = ['management', 'customer-satisfaction', 'technology', 'operations-management'];

const OKU = 100_000_000;

function om(level: number, o: Pick<LevelSpec, 'title' | 'role' | 'months' | 'success' | 'size' | 'depth' | 'kinds' | 'mentoring'> & { atLeast: number; required?: string[] }): LevelSpec {
  const high = level >= 6;
  return {
    specialty: 'operation-management',
    level,
    title: o.title,
    role: o.role,
    months: o.months,
    success: o.success,
    activities: level >= 4 ? ['sla-based-delivery'] : [],
    experiences: [],
    complexity: { list: high ? OM_ALL : OM_LOW, atLeast: o.atLeast, required: o.required ?? [], higherOnly: high ? [] : ['international', 'world-leading'] },
    size: o.size,
    areas: OM_AREAS,
    areasRequired: 'all',
    depth: o.depth,
    kinds: o.kinds,
    mentoring: o.mentoring,
  };
}

function sm(level: number, o: Pick<LevelSpec, 'role' | 'months' | 'success' | 'size' | 'depth' | 'kinds' | 'mentoring'>): LevelSpec {
  return {
    specialty: 'system-management',
    level,
    title: level >= 4 ? '共通運用基盤の維持管理（障害対応・構成変更・稼動分析）' : 'システム管理チーム（定常監視・バックアップ運用）',
    ...o,
    activities: level >= 4 ? SM_MAINTENANCE : [],
    experiences: level >= 4 ? SM_EXPERIENCES : [],
    complexity: { list: SM_CX, atLeast: 2, required: [], higherOnly: [] },
    areas: SM_AREAS,
    areasRequired: 'any',
  };
}

function op(level: number, o: Pick<LevelSpec, 'role' | 'months' | 'size' | 'depth' | 'kinds' | 'mentoring'>): LevelSpec {
  return {
    specialty: 'operation',
    level,
    title: 'データセンタ オペレーション（夜間バッチ・非計画作業）',
    ...o,
    success: true,
    activities: OP_ACTIVITIES,
    experiences: [],
    complexity: { list: OP_CX, atLeast: 2, required: [], higherOnly: [] },
    areas: OP_AREAS,
    areasRequired: 'any',
  };
}

function sd(level: number, o: Pick<LevelSpec, 'role' | 'months' | 'size' | 'depth' | 'kinds' | 'mentoring'>): LevelSpec {
  return {
    specialty: 'service-desk',
    level,
    title: 'サービスデスク（問合せ対応・貸出管理）',
    ...o,
    success: true,
    activities: ['service-level-management'],
    experiences: [],
    complexity: { list: SD_CX, atLeast: 2, required: [], higherOnly: [] },
    areas: SD_AREAS,
    areasRequired: 'any',
  };
}

export const LEVEL_SPECS: LevelSpec[] = [
  om(7, {
    title: 'グローバル基幹システム運用管理（海外拠点含む）',
    role: 'overall-manager', months: 36, success: true, atLeast: 3, required: ['international'],
    size: { field: 'staff', threshold: 250, alternatives: [{ field: 'annualContract', value: '25億円', label: '25億円' }], second: { field: 'staff', threshold: 150, contract: 15 * OKU, complexityAtLeast: 5 } },
    depth: 'industry-leader', kinds: 5, mentoring: true,
  }),
  om(6, {
    title: '金融機関向け基盤情報システム運用管理',
    role: 'customer-manager', months: 36, success: true, atLeast: 2,
    size: { field: 'staff', threshold: 150, alternatives: [{ field: 'annualContract', value: 15 * OKU, label: '1,500,000,000 yen' }], second: { field: 'staff', threshold: 75, contract: 7.5 * OKU, complexityAtLeast: 4 } },
    depth: 'industry', kinds: 4, mentoring: true,
  }),
  om(5, {
    title: '基盤情報システム運用管理',
    role: 'manager', months: 36, success: true, atLeast: 2,
    size: { field: 'staff', threshold: 75, alternatives: [{ field: 'annualContract', value: '７．５億円', label: '７．５億円' }], second: { field: 'staff', threshold: 35, contract: 3.5 * OKU, complexityAtLeast: 4 } },
    depth: 'company', kinds: 3, mentoring: true,
  }),
  om(4, {
    title: '社内業務システム運用管理',
    role: 'leader', months: 24, success: true, atLeast: 2,
    size: { field: 'staff', threshold: 35, alternatives: [{ field: 'annualContract', value: '3億5000万円', label: '3億5000万円' }], second: { field: 'staff', threshold: 15, contract: 1.5 * OKU, complexityAtLeast: 4 } },
    depth: 'guides-juniors', kinds: 1, mentoring: true,
  }),
  om(3, {
    title: '運用管理チーム（監視・定常運用）',
    role: 'member', months: 12, success: false, atLeast: 2,
    size: null, depth: 'independent', kinds: 0, mentoring: false,
  }),
  sm(6, {
    role: 'manager', months: 36, success: true,
    size: { field: 'staff', threshold: 150, alternatives: [{ field: 'annualContract', value: '15億円', label: '15億円' }], second: { field: 'staff', threshold: 75, contract: 7.5 * OKU, complexityAtLeast: 4 } },
    depth: 'industry', kinds: 4, mentoring: true,
  }),
  sm(5, {
    role: 'manager', months: 36, success: true,
    size: { field: 'staff', threshold: 75, alternatives: [{ field: 'annualContract', value: '75,000万円', label: '75,000万円' }], second: { field: 'staff', threshold: 35, contract: 3.5 * OKU, complexityAtLeast: 4 } },
    depth: 'company', kinds: 3, mentoring: true,
  }),
  sm(4, {
    role: 'leader', months: 24, success: true,
    size: { field: 'staff', threshold: 35, alternatives: [{ field: 'annualContract', value: '3.5億円', label: '3.5億円' }], second: { field: 'staff', threshold: 15, contract: 1.5 * OKU, complexityAtLeast: 4 } },
    depth: 'guides-juniors', kinds: 1, mentoring: true,
  }),
  sm(3, { role: 'member', months: 12, success: false, size: null, depth: 'independent', kinds: 0, mentoring: false }),
  op(4, {
    role: 'leader', months: 24,
    size: { field: 'staff', threshold: 30, alternatives: [{ field: 'annualContract', value: '3億円', label: '3億円' }], second: { field: 'staff', threshold: 15, contract: 1.5 * OKU, complexityAtLeast: 4 } },
    depth: 'guides-juniors', kinds: 1, mentoring: true,
  }),
  op(3, { role: 'member', months: 12, size: null, depth: 'independent', kinds: 0, mentoring: false }),
  sd(4, {
    role: 'leader', months: 24,
    size: { field: 'peakStaff', threshold: 20, alternatives: [{ field: 'annualContract', value: '1億円', label: '1億円' }, { field: 'usersPerYear', value: '3,000', label: '3,000 users a year' }] },
    depth: 'guides-juniors', kinds: 1, mentoring: true,
  }),
  // ２年以上 (sic) at level 3 (rules.md §3.4).
  sd(3, { role: 'member', months: 24, size: null, depth: 'independent', kinds: 0, mentoring: false }),
];

// ─────────────────────────────────────────────────────────── builders

/** `YYYY-MM` n months after (negative: before) `ym`. */
function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The month of the assessment date: a period `addMonths(ASSESSMENT_MONTH, -n) .. LAST_FULL_MONTH` is n months. */
const ASSESSMENT_MONTH = ASSESSMENT_DATE.slice(0, 7);
const LAST_FULL_MONTH = addMonths(ASSESSMENT_MONTH, -1);

const clone = <T>(x: T): T => structuredClone(x);

/** Another specialty, for records scoped away from this one. */
const elsewhere = (s: SpecialtyId): SpecialtyId => (s === 'operation-management' ? 'service-desk' : 'operation-management');

/**
 * The first n conditions of the level's list: the required ones first, then the five every 運用管理 level lists,
 * and `international` / `world-leading` last (so the fixtures of levels 6–7 stay nested, §6).
 */
function pick(spec: LevelSpec, n: number): string[] {
  const { list, required } = spec.complexity;
  const rest = list.filter((c) => !required.includes(c));
  const ordered = [...rest.filter((c) => !OM_ALL.slice(0, 2).includes(c)), ...rest.filter((c) => OM_ALL.slice(0, 2).includes(c))];
  return [...required, ...ordered].slice(0, n);
}

function mainEngagement(spec: LevelSpec): EngagementInput {
  const size: Record<string, number> = {};
  if (spec.size) size[spec.size.field] = spec.size.threshold;
  return {
    title: spec.title,
    specialty: spec.specialty,
    role: spec.role,
    from: addMonths(ASSESSMENT_MONTH, -spec.months),
    to: LAST_FULL_MONTH,
    outcome: 'success',
    complexity: pick(spec, spec.complexity.atLeast),
    activities: [...spec.activities],
    size,
  };
}

/** システム管理's 設計・構築・受入 experiences on an earlier project, as a member: it counts for nothing else. */
function experienceEngagement(spec: LevelSpec): EngagementInput {
  return {
    title: '共通運用基盤の設計・構築および受入基準作成・受入評価',
    specialty: spec.specialty,
    role: 'member',
    from: '2019-10',
    to: '2020-03',
    outcome: 'success',
    complexity: [],
    activities: [...spec.experiences],
    size: {},
  };
}

function build(spec: LevelSpec): CandidateInput {
  const engagements = [mainEngagement(spec)];
  if (spec.experiences.length > 0) engagements.push(experienceEngagement(spec));
  const areas = spec.areasRequired === 'all' ? [...spec.areas] : [spec.areas[0]];
  return {
    name: `${spec.specialty} L${spec.level}`,
    engagements,
    expertise: [{ specialty: spec.specialty, areas, depth: spec.depth }],
    knowledgeTransfer: KINDS.slice(0, spec.kinds).map((kind, i) => ({ kind, specialties: [spec.specialty], title: KIND_TITLES[kind], date: addMonths('2024-04', i) })),
    // No `specialties`: counts for every specialty (candidate-format.md).
    mentoring: spec.mentoring ? [{ mentee: '後輩 佐藤', from: '2024-10' }] : [],
  };
}

/** The just-meets candidate with one change. */
function variant(spec: LevelSpec, change: (c: CandidateInput, main: EngagementInput) => void): Candidate {
  const c = clone(build(spec));
  change(c, c.engagements[0]);
  return c as unknown as Candidate;
}

function alsoMeets(spec: LevelSpec): Meets[] {
  const out: Meets[] = [];
  const m = spec.months;
  out.push({
    why: `an ongoing engagement from ${addMonths(ASSESSMENT_MONTH, -m)}-02 to the assessment date is exactly ${m} months`,
    candidate: variant(spec, (_c, main) => {
      main.from = `${addMonths(ASSESSMENT_MONTH, -m)}-02`;
      delete main.to;
    }),
  });
  out.push({
    why: `two periods of ${m / 2} months with a gap between them add up to ${m} (継続 reading)`,
    candidate: variant(spec, (c, main) => {
      const first = clone(main);
      first.from = addMonths(ASSESSMENT_MONTH, -(m + 24));
      first.to = addMonths(first.from, m / 2 - 1);
      main.from = addMonths(ASSESSMENT_MONTH, -m / 2);
      c.engagements.unshift(first);
    }),
  });
  out.push({
    why: `two overlapping engagements covering exactly ${m} months count the overlap once`,
    candidate: variant(spec, (c, main) => {
      const second = clone(main);
      second.title = `${main.title}（追加契約）`;
      main.to = addMonths(ASSESSMENT_MONTH, -m / 2 - 1 + 6);
      second.from = addMonths(ASSESSMENT_MONTH, -m / 2);
      c.engagements.push(second);
    }),
  });
  for (const { field, value, label } of spec.size?.alternatives ?? []) {
    out.push({
      why: `${field} ${label} (another threshold at its bound) instead of ${spec.size!.field}`,
      candidate: variant(spec, (_c, main) => {
        main.size = { [field]: value };
      }),
    });
  }
  if (spec.size?.second) {
    const { field, threshold, complexityAtLeast } = spec.size.second;
    out.push({
      why: `${field} ${threshold} with exactly ${complexityAtLeast} complexity conditions (the second size option)`,
      candidate: variant(spec, (_c, main) => {
        main.size = { [field]: threshold };
        main.complexity = pick(spec, complexityAtLeast);
      }),
    });
  }
  if (!spec.success) {
    out.push({
      why: 'a failed engagement counts where the clause says 継続, not 成功裡',
      candidate: variant(spec, (_c, main) => {
        main.outcome = 'failed';
      }),
    });
  }
  if (spec.complexity.higherOnly.length > 0) {
    out.push({
      why: `${spec.complexity.atLeast} conditions of the level's list plus ${spec.complexity.higherOnly.join(', ')} (on a higher level's list only)`,
      candidate: variant(spec, (_c, main) => {
        main.complexity = [...spec.complexity.higherOnly, ...pick(spec, spec.complexity.atLeast)];
      }),
    });
  }
  return out;
}

function misses(spec: LevelSpec): Miss[] {
  const out: Miss[] = [];
  const add = (criterion: CriterionId, why: string, candidate: Candidate, alsoUnmet: CriterionId[] = []) => out.push({ criterion, why, alsoUnmet, candidate });
  const m = spec.months;
  const other = elsewhere(spec.specialty);

  // 責任性
  add('responsibility', `${m - 1}.97 months: the engagement ends one day early (${LAST_FULL_MONTH}-30)`, variant(spec, (_c, main) => {
    main.to = `${LAST_FULL_MONTH}-30`;
  }));
  add('responsibility', `${m - 1} months: the engagement starts one month late`, variant(spec, (_c, main) => {
    main.from = addMonths(main.from, 1);
  }));
  const rank = ROLES.indexOf(spec.role);
  if (rank > 0) {
    add('responsibility', `role ${ROLES[rank - 1]}, one rank too junior for ${spec.role}`, variant(spec, (_c, main) => {
      main.role = ROLES[rank - 1]!;
    }));
  }
  if (spec.activities.length > 0) {
    const dropped = spec.activities[spec.activities.length - 1];
    add('responsibility', `the per-engagement activity ${dropped} is missing`, variant(spec, (_c, main) => {
      main.activities = main.activities.filter((a) => a !== dropped);
    }));
  }
  if (spec.success) {
    // A twin without the activities keeps complexity and size met (they do not look at activities) but does not count for the years.
    add('responsibility', 'the engagement failed where 成功裡 is required (a successful twin without the activities keeps complexity and size)', variant(spec, (c, main) => {
      const twin = clone(main);
      twin.title = `${main.title}（移行準備）`;
      twin.activities = [];
      main.outcome = 'failed';
      c.engagements.push(twin);
    }));
  }
  for (const experience of spec.experiences) {
    add('responsibility', `the システム管理 experience ${experience} appears on no engagement`, variant(spec, (c) => {
      const e = c.engagements[1];
      e.activities = e.activities.filter((a) => a !== experience);
    }));
  }

  // 複雑性
  const { atLeast, required, higherOnly } = spec.complexity;
  add('complexity', `${atLeast - 1} of the level's conditions${required.length ? ` (${required.join(', ')} still ticked)` : ''}`, variant(spec, (_c, main) => {
    main.complexity = pick(spec, atLeast - 1);
  }), ['responsibility']);
  if (higherOnly.length > 0) {
    add('complexity', `${atLeast - 1} of the level's conditions plus ${higherOnly[0]}, which is on level 6's list only: the engagement still counts for the years (以上)`, variant(spec, (_c, main) => {
      main.complexity = [higherOnly[0], ...pick(spec, atLeast - 1)];
    }));
  }
  for (const r of required) {
    add('complexity', `${atLeast} conditions without the required ${r}`, variant(spec, (_c, main) => {
      main.complexity = pick({ ...spec, complexity: { ...spec.complexity, required: [] } }, atLeast + 1).filter((c) => c !== r).slice(0, atLeast);
    }), ['responsibility']);
  }

  // サイズ
  if (spec.size) {
    const { field, threshold, second } = spec.size;
    add('size', `${field} ${threshold - 1}, one below ${threshold}`, variant(spec, (_c, main) => {
      main.size = { [field]: threshold - 1 };
    }), ['responsibility']);
    if (second) {
      add('size', `${second.field} ${second.threshold} with ${second.complexityAtLeast - 1} complexity conditions, one short of the second option's ${second.complexityAtLeast}`, variant(spec, (_c, main) => {
        main.size = { [second.field]: second.threshold };
        main.complexity = pick(spec, second.complexityAtLeast - 1);
      }), ['responsibility']);
    }
    if (spec.specialty === 'service-desk') {
      add('size', 'peak staff 19, contract 99,999,999 yen and 2,999 users a year: every field one below', variant(spec, (_c, main) => {
        main.size = { peakStaff: 19, annualContract: OKU - 1, usersPerYear: 2999 };
      }), ['responsibility']);
    }
  }

  // 専門性
  const depthRank = DEPTHS.indexOf(spec.depth);
  if (depthRank > 0) {
    const lower = DEPTHS[depthRank - 1];
    if (spec.areasRequired === 'all') {
      const last = spec.areas[spec.areas.length - 1];
      add('expertise', `${last} at ${lower}, one rank below ${spec.depth} (all areas are required)`, variant(spec, (c) => {
        c.expertise = [
          { specialty: spec.specialty, areas: spec.areas.slice(0, -1), depth: spec.depth },
          { specialty: spec.specialty, areas: [last], depth: lower },
        ];
      }));
    } else {
      add('expertise', `depth ${lower}, one rank below ${spec.depth}`, variant(spec, (c) => {
        c.expertise[0].depth = lower;
      }));
    }
  } else if (spec.areasRequired === 'any') {
    add('expertise', 'no expertise record for the specialty', variant(spec, (c) => {
      c.expertise = [];
    }));
  }
  if (spec.areasRequired === 'all') {
    add('expertise', `four of the five areas at ${spec.depth} (all areas are required)`, variant(spec, (c) => {
      c.expertise[0].areas = spec.areas.slice(0, -1);
    }));
  }

  // 技術の継承
  if (spec.kinds > 0) {
    const n = spec.kinds;
    add('knowledge-transfer', n === 1 ? 'no knowledge-transfer record' : `${n - 1} distinct kinds in ${n} records (two of one kind)`, variant(spec, (c) => {
      const records = c.knowledgeTransfer.slice(0, n - 1);
      if (records.length > 0) records.push({ ...records[0], title: `${records[0].title}（続編）` });
      c.knowledgeTransfer = records;
    }));
    add('knowledge-transfer', `kind no. ${n} (${KINDS[n - 1]}) is recorded for ${other} only`, variant(spec, (c) => {
      c.knowledgeTransfer[n - 1].specialties = [other];
    }));
    add('knowledge-transfer', `kind no. ${n} (${KINDS[n - 1]}) is dated after the assessment date`, variant(spec, (c) => {
      c.knowledgeTransfer[n - 1].date = addMonths(ASSESSMENT_MONTH, 1);
    }));
  }

  // 後進の育成
  if (spec.mentoring) {
    add('mentoring', 'no mentoring record', variant(spec, (c) => {
      c.mentoring = [];
    }));
    add('mentoring', `the only mentoring record names ${other}`, variant(spec, (c) => {
      c.mentoring[0].specialties = [other];
    }));
    add('mentoring', 'the only mentoring record starts after the assessment date', variant(spec, (c) => {
      c.mentoring[0].from = addMonths(ASSESSMENT_MONTH, 1);
    }));
  }
  return out;
}

function criteriaOf(spec: LevelSpec): CriterionId[] {
  const out: CriterionId[] = ['responsibility', 'complexity', 'size', 'expertise'];
  if (spec.kinds > 0) out.push('knowledge-transfer');
  if (spec.mentoring) out.push('mentoring');
  return out;
}

/** Builds the just-meets candidate of one level (exported for the reading checks). */
export function justMeets(specialty: SpecialtyId, level: number): Candidate {
  return clone(build(specOf(specialty, level))) as unknown as Candidate;
}

export function specOf(specialty: SpecialtyId, level: number): LevelSpec {
  const spec = LEVEL_SPECS.find((s) => s.specialty === specialty && s.level === level);
  if (!spec) throw new Error(`no spec for ${specialty} level ${level}`);
  return spec;
}

export const levelFixtures: LevelFixture[] = LEVEL_SPECS.map((spec) => ({
  specialty: spec.specialty,
  level: spec.level,
  criteria: criteriaOf(spec),
  meets: clone(build(spec)) as unknown as Candidate,
  alsoMeets: alsoMeets(spec),
  misses: misses(spec),
}));
