import type { Lang } from '../messages/describe.js';

/** `itss init`: a commented candidate file that validates as written (rules: candidate-format.md). */
export function candidateTemplate(lang: Lang, schemaPath: string): string {
  const c = lang === 'ja' ? JA : EN;
  return `# yaml-language-server: $schema=${schemaPath}
# ${c.intro}
format: itss-candidate/v1
id: E0001                      # ${c.id}
name: 山田 花子                 # ${c.optional}
exams:                         # ${c.exams}
  - exam: AP                   # ${c.exam}
    passed: 2018-12
engagements:                   # ${c.engagements}
  - title: 基盤情報システム 運用管理   # ${c.title}
    specialty: operation-management  # ${c.specialty}
    role: leader                     # ${c.role}
    from: 2019-04                    # ${c.from}
    to: 2022-03                      # ${c.to}
    outcome: success                 # ${c.outcome}
    complexity: [advanced-operations, complex-organization]   # ${c.complexity}
    activities: [sla-based-delivery]                          # ${c.activities}
    size:                            # ${c.size}
      staff: 40                      # 管理する要員数
      annualContract: 4.2億円        # ${c.money}
expertise:                     # ${c.expertise}
  - specialty: operation-management
    areas: [service-level-management, risk-prevention, stable-service-delivery, negotiation, operation-guidelines]
    depth: guides-juniors      # ${c.depth}
knowledgeTransfer:             # ${c.knowledgeTransfer}
  - kind: internal-paper       # ${c.kind}
    specialties: [operation-management]   # ${c.specialties}
    title: 障害予兆検知の取り組み
    date: 2021-06
mentoring:                     # ${c.mentoring}
  - mentee: 佐藤
    specialties: [operation-management]
    from: 2020-04
`;
}

const EN = {
  intro: 'itss candidate file. Values may be ids or Japanese labels (`itss levels` lists the labels, `itss schema` the ids). Check with `itss validate FILE`.',
  id: 'required; unique in a batch',
  optional: 'optional',
  exams: '情報処理技術者試験 (optional)',
  exam: 'AP or 応用情報技術者試験; other exams are ignored with a warning',
  engagements: '業務経験: one entry per assignment',
  title: 'optional free text',
  specialty: 'operation-management | system-management | operation | service-desk (or 運用管理 …)',
  role: 'member | leader | manager | customer-manager | overall-manager (or メンバ, リーダ, 責任者 …)',
  from: 'YYYY-MM, YYYY-MM-DD, 2019/4, 2019年4月 …',
  to: 'inclusive; omit while ongoing',
  outcome: 'success (default) | failed',
  complexity: "complexity conditions of this specialty",
  activities: "activities / experiences of this specialty",
  size: 'all optional: staff, annualContract, peakStaff, usersPerYear',
  money: 'yen: 420000000, "4.2億円", "42,000万円"',
  expertise: '専門性: depth per area',
  depth: 'independent | guides-juniors | company | industry | industry-leader',
  knowledgeTransfer: '技術の継承',
  kind: 'community | book | external-paper | internal-paper | external-lecturer | internal-lecturer | patent',
  specialties: 'omit = counts for every specialty',
  mentoring: '後進の育成',
};

const JA: typeof EN = {
  intro: 'itss 候補者ファイル。値は id でも日本語ラベルでも書けます（ラベルの一覧は `itss levels`、id の一覧は `itss schema`）。`itss validate FILE` で検査できます。',
  id: '必須。バッチ内で一意',
  optional: '任意',
  exams: '情報処理技術者試験（任意）',
  exam: 'AP または 応用情報技術者試験。その他の試験は警告を出して無視します',
  engagements: '業務経験: 担当ごとに一件',
  title: '任意の自由記述',
  specialty: '運用管理 | システム管理 | オペレーション | サービスデスク（または id）',
  role: 'メンバ | リーダ | 責任者 | 顧客に対する責任者 | 顧客に対する全体責任者（または id）',
  from: 'YYYY-MM、YYYY-MM-DD、2019/4、2019年4月 など',
  to: 'この日を含む。継続中なら省略',
  outcome: 'success（既定）| failed（成功 / 失敗 でも可）',
  complexity: 'この専門分野の複雑性の条件',
  activities: 'この専門分野の活動・経験',
  size: 'すべて任意: staff（要員数）、annualContract（年間契約金額）、peakStaff、usersPerYear',
  money: '円: 420000000、"4.2億円"、"42,000万円"',
  expertise: '専門性: 領域ごとの深さ',
  depth: '独力で実践 | 後進を指導 | 社内に貢献 | 業界に貢献 | 業界をリード（または id）',
  knowledgeTransfer: '技術の継承',
  kind: '学会、委員会等プロフェッショナルコミュニティ活動 | 著書 | 社外論文掲載 | 社内論文掲載 | 社外講師 | 社内講師 | 特許出願',
  specialties: '省略するとすべての専門分野に算入',
  mentoring: '後進の育成',
};
