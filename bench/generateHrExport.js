// Writes N synthetic candidates as HR tables (CSV, UTF-8, Japanese labels in values), seeded so that every
// run produces the same files: about five engagements per candidate plus contributions.
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

/** A seeded generator of numbers in [0, 1) (mulberry32): every run writes the same files. */
export function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIALTIES = {
  運用管理: { complexity: ['高度な運用要件', '高度な基盤要件', '高度なシステムリスク', '体制', '複雑な契約条件または完了条件', '国際的な運用管理'], activities: ['SLAに基づくサービス提供'], areas: ['サービスレベル管理', 'リスクに関する予防措置', 'サービスの安定提供', '関連各機関とのネゴシエーション', '運用ガイドラインの策定'] },
  システム管理: { complexity: ['高度なシステム運用要件', '複雑な運用システム', '高度なアプリケーション要件', '体制', '複雑な契約条件または完了条件'], activities: ['障害対応', '構成変更', '稼動分析', '共通運用基盤の設計', '共通運用基盤の構築', 'システム受入基準の作成', '受入評価'], areas: ['システムプラットフォーム管理', 'データベース管理', 'ネットワーク管理', 'セキュリティ'] },
  オペレーション: { complexity: ['複雑な運用システム', '高度な業務要件', '体制', '複雑な契約条件または完了条件'], activities: ['作業改善・提案', '非計画作業'], areas: ['ソフトウェア', 'ハードウェア', '業務知識', '各種管理業務'] },
  サービスデスク: { complexity: ['高度なサポート対象システム', '高度なネットワーク要件', '高度なアプリケーション要件', '体制', '複雑な契約条件または完了条件'], activities: ['サービスレベル管理'], areas: ['マネジメント', '顧客満足度の獲得', 'テクノロジ', '運用管理'] },
};
const ROLES = ['メンバ', 'メンバ', 'リーダ', 'リーダ', '責任者', '顧客に対する責任者'];
const DEPTHS = ['独力で実践', '後進を指導', '後進を指導', '社内に貢献', '業界に貢献'];
const KINDS = ['社内論文掲載', '社内講師', '社外講師', '社外論文掲載', '著書', '特許出願', '学会、委員会等プロフェッショナルコミュニティ活動'];
const SURNAMES = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const GIVEN = ['花子', '健', '一郎', '美咲', '翔', '由美', '大輔', '陽子', '誠', '彩'];

const quote = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV file written a megabyte at a time: its header, then `row(cells)` for each row (quoted where needed), `close()`. */
export function csvTable(folder, name, header) {
  const fd = openSync(join(folder, name), 'w');
  const buffer = [header.join(',') + '\n'];
  let size = 0;
  return {
    row: (cells) => {
      const line = cells.map((c) => quote(String(c ?? ''))).join(',') + '\n';
      buffer.push(line);
      size += line.length;
      if (size > 1 << 20) {
        writeSync(fd, buffer.join(''));
        buffer.length = 0;
        size = 0;
      }
    },
    close: () => {
      writeSync(fd, buffer.join(''));
      closeSync(fd);
    },
  };
}

export function generateHrExport(n, folder, seed = 20260401) {
  mkdirSync(folder, { recursive: true });
  const rnd = random(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const some = (xs, k) => [...xs].sort(() => rnd() - 0.5).slice(0, k);
  const open = (name, header) => csvTable(folder, name, header);
  const engagements = open('engagements.csv', ['candidate_id', 'candidate_name', 'title', 'specialty', 'role', 'from', 'to', 'outcome', 'complexity', 'activities', 'staff', 'annual_contract', 'peak_staff', 'users_per_year']);
  const expertise = open('expertise.csv', ['candidate_id', 'specialty', 'areas', 'depth']);
  const transfer = open('knowledge_transfer.csv', ['candidate_id', 'kind', 'specialties', 'title', 'date']);
  const mentoring = open('mentoring.csv', ['candidate_id', 'mentee', 'specialties', 'from']);
  const exams = open('exams.csv', ['candidate_id', 'exam', 'passed']);
  for (let i = 0; i < n; i++) {
    const id = `S${String(i).padStart(7, '0')}`;
    const name = `${pick(SURNAMES)} ${pick(GIVEN)}`;
    const home = pick(Object.keys(SPECIALTIES));
    let year = 2005 + Math.floor(rnd() * 10);
    const count = 3 + Math.floor(rnd() * 5); // 3..7, about five on average
    for (let e = 0; e < count; e++) {
      const specialty = rnd() < 0.75 ? home : pick(Object.keys(SPECIALTIES));
      const spec = SPECIALTIES[specialty];
      const months = 6 + Math.floor(rnd() * 36);
      const from = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}`;
      year += Math.ceil(months / 12);
      const ongoing = (e === count - 1 && year > 2024) || year > 2025;
      const to = ongoing ? '' : `${year}-03`;
      const staff = Math.floor(rnd() * rnd() * 200);
      const contract = rnd() < 0.6 ? `${(rnd() * 20).toFixed(1)}億円` : '';
      engagements.row([id, name, `${specialty} 案件${e + 1}`, specialty, pick(ROLES), from, to, rnd() < 0.95 ? '成功' : '失敗', some(spec.complexity, Math.floor(rnd() * 5)).join(';'), some(spec.activities, 1 + Math.floor(rnd() * spec.activities.length)).join(';'), staff, contract, specialty === 'サービスデスク' ? staff : '', specialty === 'サービスデスク' ? Math.floor(rnd() * 6000) : '']);
    }
    expertise.row([id, home, some(SPECIALTIES[home].areas, 1 + Math.floor(rnd() * 3)).join(';'), pick(DEPTHS)]);
    for (let k = Math.floor(rnd() * 4); k > 0; k--) transfer.row([id, pick(KINDS), rnd() < 0.5 ? home : '', '技術報告', `20${10 + Math.floor(rnd() * 15)}-06`]);
    if (rnd() < 0.5) mentoring.row([id, '後輩', home, '2020-04']);
    if (rnd() < 0.3) exams.row([id, rnd() < 0.8 ? '応用情報技術者試験' : '基本情報技術者試験', '2015-12']);
  }
  for (const f of [engagements, expertise, transfer, mentoring, exams]) f.close();
}
