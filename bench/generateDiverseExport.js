// Writes N synthetic candidates as HR tables: the five CSV files and headers of generateHrExport.js (UTF-8, values
// in the tool's own labels, so that `itss batch` reads them without a mapping), seeded so that every run writes the
// same files, but varied as a real company's export is, so that results rarely repeat between people and a cache of
// shared results is not flattered (cli.md "Benchmarks"). Every value is one candidate-format.md accepts: a batch
// of it rejects nothing (bench/batch.js prints the count). The distributions, and why (shares measured at 10k):
//
// - People: employee numbers as HR systems write them (six digits, leading zeros, gaps where people left). Names:
//   half the surnames from the 100 commonest, weighted as Japan's are (a Zipf curve: 佐藤, 鈴木 …), half composed
//   (a long tail); given names likewise; written with a full-width space (60%), a half-width one (30%) or none.
//   92% of names distinct at 10k: a real company has a few same-name pairs, not thousands.
// - Careers: tenure skewed to the recent (exponential, mean 10 years; 70% hired on April 1st, 新卒一括採用, 30%
//   mid-career with 1–15 prior years) and a per-person talent; engagements back to back from the hire (durations
//   log-normal, median 18 months; one in ten overlapping the one before, 兼務; gaps of up to three months), the HR
//   system holding history from 2006 on. About 5.5 engagements a person (1 to 20; 2% none: new hires and people
//   with only expertise or exams), as the uniform export's five. Ongoing engagements: 17% of rows; 93% of people
//   have one (an empty end, or 9999-12-31 / 9999/12/31 as HR systems write it); 0.5% of people also have one
//   planned after the as-of date (a warning, not a rejection).
// - Specialties: a company mix (システム管理 35%, オペレーション 30%, サービスデスク 20%, 運用管理 15%) and people in
//   one (55%), two (30%), three (11%) or all four (4%); a career moves through them in order (operation early,
//   management later), with excursions.
// - Roles follow seniority at the engagement (years / 6 + talent): members early, then leaders, managers, and a
//   few 顧客に対する(全体)責任者.
// - Projects: half the engagements join a project of the same specialty and year that someone else started (big
//   ones attract more: a skewed pick), with its title, complexity, outcome and size cells as written — team members
//   share those, as real ones do — the other half start one. A project's complexity, staff and contract grow with
//   its starter's seniority (seniors lead the bigger, harder ones). Titles: client (50 stems × 10 prefixes ×
//   34 kinds, or 社内 10%) + system (40) + work (6–10 per specialty) + a phase or fiscal year (30%): within one
//   person's history a title repeats on 0.1% of rows; 3% hold a comma (様、), 0.5% quotes.
// - Complexity: 0–5 conditions (20% of rows none); each a short label (92%) or the source's full wording (8%,
//   which may hold 、). Activities: maintenance ones (障害対応, SLA…) on most engagements, design and build ones
//   (共通運用基盤の設計) seldom, more with seniority; ＳＬＡ in full-width letters now and then.
// - List cells: separated by 、(50%), ; (25%), a line break in a quoted cell (Alt+Enter in Excel, 15%), ，or |.
// - Money (annual_contract, 44% empty): log-normal (median 4千万円 × (1 + seniority)^1.3, 10万円 steps, at most
//   90億円), written in the forms people write: 20.1億円 (20%), 4億2000万円 (15%), 42,000万円 (15%),
//   420,000,000円, 420,000,000, 420000000 (10% each), ¥420,000,000, 420百万円, 420,000千円 (5% each),
//   4億2千万円 (3%), full-width ７．５億円 (2%). People counts log-normal (staff 23% empty; service desk peak staff and
//   users per year, `13,500` with separators half the time past a thousand).
// - Dates: day-precise for 8 in 9 (starts on the 1st half the time, ends at a month's end 60%) in ISO (30%),
//   2019/4/1 (22%), 2019/04/01 (10%), 2019年4月1日 (8%), 令和2年4月1日 / 平成31年4月1日 (5%), 20190401 (5%),
//   R2.4.1 (3%), Excel's 2019/4/1 0:00 (3%), 2019.4.1 (2%), full-width ２０１９／４／１ (1%); month-precise for
//   1 in 9 (2019-04, 2019/4, 2019年4月, 201904, 平成31年4月 / 令和元年5月, R2/4, H31.4).
// - Outcome: 成功 55%, empty (success) 41%, 失敗 4%, per project.
// - Expertise: 83% of people have some: a row per practised specialty (85% for the main one, 60% for others),
//   either one row listing its areas (60%) or one row per area with its own depth (40%; 2.5 rows a person);
//   運用管理's experts list all five areas half the time (it asks for all). Depth follows seniority.
// - Contributions (技術の継承): a long tail (none 74%, one 14%, two 6%, three to five 4%, six to twelve 2%; then one
//   to four for 40% of the seniors drawn none), so 38% of people have some; kinds weighted (社内講師 30%,
//   社内論文掲載 25%, … 著書 7%); titles composed (~3,000, a year added to 30%); specialties empty (every specialty) 40%. Mentoring: 33% of people, more with
//   seniority, 1–3 mentees each (a surname, a full name, 新人3名 or empty). Exams: 応用情報 for 30% (`AP` for a
//   tenth of them), and the exams the standard does not list (基本情報 45%, スペシャリスト試験), as real exports
//   hold them (a warning each, never a rejection).
// - Optionally (options.people) a sixth table, people.csv, with a long tail of departments (Zipf over 600).
//
// Measured with the batch at 10k (as of 2026-04-01): no candidate rejected (9,995 assessed: 5 people have no row in
// any table); highest level per person none 52%, 3 43%, 4 4.6%, 5 0.3%; 2,455 distinct next-level gap cells of
// 15,202 and 6,947 distinct result rows (the uniform export: 841 of 17,364 gap cells, 6,269 rows).
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { csvTable, random } from './generateHrExport.js';


const standard = parse(readFileSync(new URL('../data/itss-v3-itsm.yaml', import.meta.url), 'utf8'));
const specialtyOf = Object.fromEntries(standard.specialties.map((s) => [s.id, s]));
/** The company's mix of specialties, and the order a career moves through them. */
const SPECIALTY_WEIGHTS = [['operation', 30], ['service-desk', 20], ['system-management', 35], ['operation-management', 15]];
const CAREER_ORDER = ['operation', 'service-desk', 'system-management', 'operation-management'];
/** How often each activity is done on an engagement of its specialty (by id); others 0.6. */
const ACTIVITY_SHARE = { 'platform-design': 0.2, 'platform-build': 0.25, 'acceptance-criteria': 0.2, 'acceptance-evaluation': 0.3, 'incident-response': 0.75, 'configuration-change': 0.7, 'operations-analysis': 0.55, 'sla-based-delivery': 0.85, 'service-level-management': 0.8 };
const ROLE_LABELS = standard.scales.role.map((r) => r.label.ja);
const DEPTH_LABELS = standard.scales.depth.map((d) => d.label.ja);
const KIND_WEIGHTS = [['社内講師', 30], ['社内論文掲載', 25], ['社外講師', 10], ['社外論文掲載', 10], ['学会、委員会等プロフェッショナルコミュニティ活動', 10], ['特許出願', 8], ['著書', 7]];
const OTHER_EXAMS = [['基本情報技術者試験', 45], ['ITサービスマネージャ試験', 5], ['ネットワークスペシャリスト試験', 4], ['データベーススペシャリスト試験', 3], ['情報処理安全確保支援士試験', 4], ['ITストラテジスト試験', 1]];

const SURNAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '山口', '松本', '井上', '木村', '林', '斎藤', '清水', '山崎', '森', '池田', '橋本', '阿部', '石川', '山下', '中島', '石井', '小川', '前田', '岡田', '長谷川', '藤田', '後藤', '近藤', '村上', '遠藤', '青木', '坂本', '斉藤', '福田', '太田', '西村', '藤井', '金子', '岡本', '藤原', '中野', '三浦', '原田', '中川', '松田', '竹内', '小野', '田村', '中山', '和田', '石田', '森田', '上田', '原', '内田', '柴田', '酒井', '宮崎', '横山', '高木', '安藤', '宮本', '大野', '小島', '谷口', '今井', '工藤', '高田', '増田', '丸山', '杉山', '村田', '大塚', '新井', '小山', '平野', '藤本', '河野', '上野', '野口', '武田', '松井', '千葉', '岩崎', '菅原', '木下', '久保', '佐野', '野村', '松尾', '市川', '菊地'];
const SURNAME_HEADS = ['大', '小', '中', '上', '下', '東', '西', '南', '北', '高', '長', '石', '岩', '松', '杉', '竹', '梅', '桜', '藤', '菊', '吉', '宮', '川', '森', '林', '金', '白', '黒', '青', '赤', '新', '古', '今', '早', '永', '福', '平', '清', '浅', '深'];
const SURNAME_TAILS = ['田', '川', '山', '野', '本', '村', '井', '原', '沢', '島', '崎', '木', '谷', '口', '内', '森', '瀬', '浦', '岡', '坂', '橋', '尾', '部', '倉', '塚', '池', '宮', '江', '浜', '垣'];
const GIVEN = ['翔', '大輔', '健太', '拓也', '直樹', '誠', '健', '一郎', '達也', '亮', '浩', '隆', '修', '学', '剛', '聡', '和也', '優', '蓮', '陽翔', '悠真', '湊', '大和', '花子', '美咲', '由美', '陽子', '彩', '恵', '愛', '真由美', '裕子', '智子', '久美子', '明美', '直子', 'さくら', '陽菜', '結衣', '葵', '凛', '芽依', '美穂', '麻衣', '舞', '沙織', '香織', '千尋', '瞳', '綾'];
const GIVEN_HEADS = ['健', '大', '翔', '直', '和', '拓', '雄', '浩', '秀', '正', '美', '恵', '由', '真', '智', '裕', '奈', '千', '明', '陽', '優', '悠', '紗', '彩', '康', '俊', '信', '義', '光', '晴'];
const GIVEN_TAILS = ['太', '介', '也', '樹', '人', '彦', '斗', '輝', '平', '郎', '子', '美', '香', '奈', '恵', '代', '江', '乃', '花', '菜'];
const CLIENT_STEMS = ['東都', '北洋', '南海', '中央', '日本', '関東', '大和', '富士', '三葉', '朝日', '青葉', '若葉', '光和', '明星', '東邦', '西部', '湘南', '九州', '北陸', '瀬戸内', 'みなと', 'さくら', 'あおば', 'ひかり', '東洋', '太平', '常盤', '信濃', '近江', '出雲', '筑紫', '陸奥', '安芸', '紀伊', '丹波', '千代田', '港南', '多摩', '武蔵', '相模', 'オリオン', 'ミライ', 'アスカ', 'コスモ', 'ネクスト', 'グローバル', 'ユニオン', 'サンライズ', 'パシフィック', 'フロンティア'];
const CLIENT_HEADS = ['', '', '', '新', '第一', '東', '西', '北', '南', '大'];
const CLIENT_KINDS = ['銀行', '信用金庫', '生命保険', '損害保険', '証券', '製作所', '工業', '商事', '物産', '電力', 'ガス', '鉄道', '運輸', '物流', '製薬', '病院', '大学', '市役所', '県庁', '通信', '放送', '百貨店', 'ホールディングス', '食品', '建設', 'カード', 'リース', '化学', '自動車', '電機', '航空', 'ホテル', '不動産', '情報サービス'];
const SYSTEMS = ['勘定系システム', '基幹システム', '会計システム', '人事給与システム', '受発注システム', '販売管理システム', '生産管理システム', '在庫管理システム', '顧客管理システム', 'ネットワーク基盤', 'クラウド基盤', '仮想化基盤', 'メール基盤', '認証基盤', 'データセンタ', 'Webサイト', 'ECサイト', 'コールセンタシステム', '社内ポータル', '情報系システム', '決済システム', 'ATMネットワーク', '電子カルテシステム', '予約システム', '物流管理システム', '監視基盤', 'バックアップ基盤', 'PC・端末', 'ID管理システム', 'ERP', 'データ分析基盤', 'IoT基盤', '統合運用基盤', '保険契約システム', '証券取引システム', '料金システム', '地図情報システム', '図書館システム', '学務システム', '庁内LAN'];
const WORKS = { operation: ['運用オペレーション', '監視オペレーション', '24時間監視', 'ジョブ運用', 'バッチ運用', '定常運用', '運用保守', '夜間オペレーション'], 'service-desk': ['ヘルプデスク', 'サービスデスク', '問い合わせ窓口', 'ユーザサポート', 'コールセンタ運営', 'ITサポート窓口'], 'system-management': ['システム管理', '基盤運用', 'インフラ運用', '基盤更改', '運用設計', '移行', 'システム保守', 'サーバ運用', 'DB運用', 'ネットワーク運用'], 'operation-management': ['運用管理', 'ITサービスマネジメント', '運用統括', 'アウトソーシング運営', 'SLA管理', '運用改善推進'] };
const PHASES = ['第2期', '第3期', '次期', 'フェーズ2', '更改', '再構築', '統合', '増強'];
const TOPICS = ['障害予兆検知', '運用自動化', 'インシデント管理', '問題管理', '変更管理', '構成管理', 'キャパシティ管理', '可用性管理', 'SLA設計', 'ナレッジマネジメント', 'チャットボット', '監視設計', 'ログ分析', 'クラウド移行', 'コンテナ運用', '運用設計', 'セキュリティ運用', '災害対策', 'ITIL導入', '顧客満足度向上', 'ジョブ管理', '夜間無人化', 'RPA', 'AIOps', '運用コスト削減', '要員育成', 'マルチベンダ管理', 'サービスカタログ', 'エスカレーション', 'ストレスマネジメント'];
const SETTINGS = ['大規模システム', '金融機関', '公共分野', '製造業', '24時間運用', 'マルチクラウド環境', 'ハイブリッド環境', 'グローバル拠点', '医療機関', '流通業', '小規模チーム', 'オフショア体制'];
const TT_SUFFIXES = ['の取り組み', 'の実践', 'に関する考察', 'の事例紹介', 'の勘所', '入門', 'の効果測定', 'の課題と対策'];
const DIVISIONS = ['ITサービス事業本部', 'システム運用本部', '基盤サービス本部', 'カスタマーサポート本部', '金融システム事業部', '公共システム事業部', '産業システム事業部', 'クラウド事業本部', '西日本事業部', '東日本事業部', '中部支社', '九州支社'];
const DEPTS = ['運用サービス', '基盤運用', 'サービスデスク', 'ネットワーク', 'データセンタ', 'クラウド運用', 'アウトソーシング', '運用企画', '品質管理', 'セキュリティ運用'];
const SECTIONS = ['第1課', '第2課', '第3課', '企画課', '運用課', '保守課', '推進課', 'グループA', 'グループB'];

const AS_OF = Date.UTC(2026, 3, 1) / 86400000; // the bench's --as-of, as a day number
const HISTORY_FROM = Date.UTC(2006, 3, 1) / 86400000; // the HR system's history starts here
const ymd = (day) => {
  const d = new Date(day * 86400000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
};
const dayOf = (y, m, d) => Date.UTC(y, m - 1, d) / 86400000;
const pad = (n) => String(n).padStart(2, '0');
const FULL_WIDTH = (s) => s.replace(/[0-9./]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const groupThousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 令和 from 2019-05-01, 平成 from 1989-01-08, else 昭和: [name, letter, year in the era]. */
function era(day) {
  const [y] = ymd(day);
  if (day >= dayOf(2019, 5, 1)) return ['令和', 'R', y - 2018];
  if (day >= dayOf(1989, 1, 8)) return ['平成', 'H', y - 1988];
  return ['昭和', 'S', y - 1925];
}
const eraYear = (n) => (n === 1 ? '元' : String(n));

export function generateDiverseExport(n, folder, seed = 20260401, options = {}) {
  mkdirSync(folder, { recursive: true });
  const rnd = random(seed);
  const chance = (p) => rnd() < p;
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const weighted = (pairs) => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let u = rnd() * total;
    for (const [v, w] of pairs) if ((u -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const logNormal = (median, sigma) => median * Math.exp(sigma * gauss());
  /** Zipf: the i-th of k items with weight 1/(i+1)^s, by inverting the cumulative sum once. */
  const zipf = (k, s) => {
    const cumulative = [];
    let total = 0;
    for (let i = 0; i < k; i++) cumulative.push((total += 1 / (i + 1) ** s));
    return () => {
      const u = rnd() * total;
      let lo = 0;
      let hi = k - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
  };
  const surnameIndex = zipf(SURNAMES.length, 0.9);
  const givenIndex = zipf(GIVEN.length, 0.7);
  const departmentIndex = zipf(600, 1.0);
  const shuffled = (xs) => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const some = (xs, k) => shuffled(xs).slice(0, k);

  const surname = () => (chance(0.5) ? SURNAMES[surnameIndex()] : pick(SURNAME_HEADS) + pick(SURNAME_TAILS));
  const given = () => (chance(0.4) ? GIVEN[givenIndex()] : pick(GIVEN_HEADS) + pick(GIVEN_TAILS));
  const personName = () => {
    const separator = weighted([['\u3000', 60], [' ', 30], ['', 10]]);
    return surname() + separator + given();
  };

  /** A date as HR exports write it: day-precise mostly, in many forms; `month` forces a month-precise form. */
  const date = (day, month = chance(1 / 9)) => {
    const [y, m, d] = ymd(day);
    if (month) {
      const first = dayOf(y, m, 1);
      const [name, letter, ey] = era(first);
      return weighted([[`${y}-${pad(m)}`, 30], [`${y}/${m}`, 25], [`${y}年${m}月`, 15], [`${y}${pad(m)}`, 10], [`${name}${eraYear(ey)}年${m}月`, 10], [`${letter}${ey}/${m}`, 5], [`${letter}${ey}.${m}`, 5]]);
    }
    const [name, letter, ey] = era(day);
    switch (weighted([['iso', 30], ['slash', 22], ['slash0', 10], ['kanji', 8], ['compact', 5], ['excel', 3], ['dot', 2], ['era', 5], ['eraAbbr', 3], ['full', 1]])) {
      case 'iso': return `${y}-${pad(m)}-${pad(d)}`;
      case 'slash': return `${y}/${m}/${d}`;
      case 'slash0': return `${y}/${pad(m)}/${pad(d)}`;
      case 'kanji': return `${y}年${m}月${d}日`;
      case 'compact': return `${y}${pad(m)}${pad(d)}`;
      case 'excel': return `${y}/${m}/${d} 0:00`;
      case 'dot': return `${y}.${m}.${d}`;
      case 'era': return `${name}${eraYear(ey)}年${m}月${d}日`;
      case 'eraAbbr': return `${letter}${ey}.${m}.${d}`;
      default: return FULL_WIDTH(`${y}/${m}/${d}`);
    }
  };
  const ongoing = () => weighted([['', 75], ['9999-12-31', 15], ['9999/12/31', 10]]);

  /** Yen, in 10万円 steps, in one of the forms people write it. */
  const yen = (median) => {
    const amount = Math.min(9e9, Math.max(1e6, Math.round(logNormal(median, 1.1) / 1e5) * 1e5));
    const oku = Math.floor(amount / 1e8);
    const man = Math.round((amount % 1e8) / 1e4);
    switch (weighted([['decimalOku', 20], ['okuMan', 15], ['man', 15], ['yenCommas', 10], ['commas', 10], ['plain', 10], ['yenSign', 5], ['hyakuman', 5], ['senYen', 5], ['senman', 3], ['fullWidth', 2]])) {
      case 'decimalOku': return `${Number((amount / 1e8).toFixed(amount < 1e8 ? 2 : 1))}億円`;
      case 'okuMan': return oku && man ? `${oku}億${man}万円` : oku ? `${oku}億円` : `${man}万円`;
      case 'man': return `${groupThousands(amount / 1e4)}万円`;
      case 'yenCommas': return `${groupThousands(amount)}円`;
      case 'commas': return groupThousands(amount);
      case 'plain': return String(amount);
      case 'yenSign': return `¥${groupThousands(amount)}`;
      case 'hyakuman': return `${Math.max(1, Math.round(amount / 1e6))}百万円`;
      case 'senYen': return `${groupThousands(amount / 1e3)}千円`;
      case 'senman': {
        const senman = Math.max(1, Math.round(amount / 1e7)); // 千万 units
        return senman >= 10 ? `${Math.floor(senman / 10)}億${senman % 10 ? `${senman % 10}千万` : ''}円` : `${senman}千万円`;
      }
      default: return FULL_WIDTH(`${Number((amount / 1e8).toFixed(1))}`) + '億円';
    }
  };
  const people = (median, sigma, max) => {
    const count = Math.min(max, Math.max(1, Math.round(logNormal(median, sigma))));
    return count >= 1000 && chance(0.5) ? groupThousands(count) : String(count);
  };
  const listCell = (items) => items.join(weighted([['、', 50], [';', 25], ['\n', 15], ['，', 5], ['|', 5]]));
  const labelOrSource = (item, sourceShare) => (item.source && chance(sourceShare) && !item.source.includes('…') ? item.source : item.label.ja);

  const client = () => (chance(0.1) ? '社内' : pick(CLIENT_HEADS) + pick(CLIENT_STEMS) + pick(CLIENT_KINDS));
  const title = (specialty, startYear) => {
    let t = `${client()} ${pick(SYSTEMS)} ${pick(WORKS[specialty])}`;
    const r = rnd();
    if (r < 0.15) t += ` ${pick(PHASES)}`;
    else if (r < 0.3) t += `（${startYear}年度）`;
    if (chance(0.03)) t = t.replace(' ', '様、');
    if (chance(0.005)) t = `"${t}"`;
    return t;
  };

  /** Projects by specialty and start year: the cells a team shares. At most 400 a bucket (new ones replace old). */
  const projects = new Map();
  const project = (specialty, day, seniority) => {
    const [year] = ymd(day);
    const key = `${specialty}/${year}`;
    const bucket = projects.get(key) ?? [];
    projects.set(key, bucket);
    if (bucket.length > 0 && chance(0.5)) return bucket[Math.floor(bucket.length * rnd() ** 3)]; // big ones early in the bucket
    const spec = specialtyOf[specialty];
    // Seniors lead bigger and more complex projects: conditions, staff and contract grow with the creator's seniority.
    const conditions = Math.min(spec.complexity.length, Math.max(0, Math.round(weighted([[0, 25], [1, 25], [2, 25], [3, 15], [4, 7], [5, 3]]) + seniority * 0.6 - 0.8)));
    const complexity = some(spec.complexity.filter((c) => !(c.id === 'world-leading' || c.id === 'international') || chance(0.15)), conditions);
    const serviceDesk = specialty === 'service-desk';
    const p = {
      title: title(specialty, year),
      complexity: complexity.length ? listCell(complexity.map((c) => labelOrSource(c, 0.08))) : '',
      outcome: weighted([['成功', 55], ['', 41], ['失敗', 4]]),
      staff: serviceDesk ? (chance(0.2) ? people(10, 1, 2000) : '') : chance(0.08) ? '' : people(5 * (1 + seniority), 1, 3000),
      contract: chance(0.45) ? '' : yen(4e7 * (1 + seniority) ** 1.3),
      peak: serviceDesk && chance(0.85) ? people(6 * (1 + seniority), 0.9, 1500) : '',
      users: serviceDesk && chance(0.8) ? people(1000 * (1 + seniority), 1, 200000) : '',
    };
    if (bucket.length < 400) bucket.push(p);
    else bucket[Math.floor(rnd() * 400)] = p;
    return p;
  };
  const activities = (specialty, seniority) => {
    const chosen = specialtyOf[specialty].activities.filter((a) => chance(Math.min(0.97, (ACTIVITY_SHARE[a.id] ?? 0.6) + 0.1 * seniority)));
    return listCell(chosen.map((a) => (a.id === 'sla-based-delivery' && chance(0.1) ? 'ＳＬＡに基づくサービス提供' : a.label.ja)));
  };

  const open = (name, header) => csvTable(folder, name, header);
  const engagements = open('engagements.csv', ['candidate_id', 'candidate_name', 'title', 'specialty', 'role', 'from', 'to', 'outcome', 'complexity', 'activities', 'staff', 'annual_contract', 'peak_staff', 'users_per_year']);
  const expertise = open('expertise.csv', ['candidate_id', 'specialty', 'areas', 'depth']);
  const transfer = open('knowledge_transfer.csv', ['candidate_id', 'kind', 'specialties', 'title', 'date']);
  const mentoring = open('mentoring.csv', ['candidate_id', 'mentee', 'specialties', 'from']);
  const exams = open('exams.csv', ['candidate_id', 'exam', 'passed']);
  const peopleTable = options.people ? open('people.csv', ['candidate_id', 'candidate_name', 'department']) : undefined;
  const departments = new Map();
  const department = () => {
    const i = departmentIndex();
    if (!departments.has(i)) departments.set(i, `${pick(DIVISIONS)} ${pick(DEPTS)}${chance(0.5) ? `第${int(1, 5)}部` : '部'} ${pick(SECTIONS)}`);
    return departments.get(i);
  };

  let number = 1000;
  for (let i = 0; i < n; i++) {
    number += chance(0.7) ? 1 : int(2, 6);
    const id = String(number).padStart(6, '0');
    const name = personName();
    // Career: tenure (exponential, mean ~10 years), hire day, prior years for mid-career hires, a talent offset.
    const tenureDays = Math.min(40 * 365, Math.floor(-Math.log(1 - rnd()) * 10 * 365));
    const midCareer = chance(0.3);
    let hire = AS_OF - tenureDays;
    if (!midCareer) hire = dayOf(ymd(hire)[0], 4, 1) > AS_OF ? dayOf(ymd(hire)[0] - 1, 4, 1) : dayOf(ymd(hire)[0], 4, 1);
    const prior = midCareer ? int(1, 15) * 365 : 0;
    const talent = gauss() * 0.6;
    const seniorityAt = (day) => Math.max(0, (day - hire + prior) / 365 / 6 + talent);
    const count = weighted([[1, 55], [2, 30], [3, 11], [4, 4]]);
    const home = weighted(SPECIALTY_WEIGHTS);
    const set = [home, ...shuffled(CAREER_ORDER.filter((s) => s !== home)).slice(0, count - 1)].sort((a, b) => CAREER_ORDER.indexOf(a) - CAREER_ORDER.indexOf(b));

    let cursor = Math.max(hire, HISTORY_FROM);
    let e = 0;
    while (cursor < AS_OF && e < 20) {
      const months = Math.min(120, Math.max(1, Math.round(logNormal(18, 0.6))));
      let from = chance(0.1) && e > 0 ? cursor - int(30, 200) : cursor; // 兼務: overlapping the previous one
      from = Math.max(from, hire);
      if (chance(0.55)) {
        const [y, m] = ymd(from);
        from = dayOf(y, m, 1) >= hire ? dayOf(y, m, 1) : from;
      }
      let to = from + Math.round(months * 30.4);
      if (chance(0.6)) {
        const [y, m] = ymd(to);
        to = dayOf(y, m + 1, 0);
      }
      const fraction = (from - hire) / Math.max(1, AS_OF - hire);
      const specialty = chance(0.75) ? set[Math.min(set.length - 1, Math.floor(fraction * set.length))] : pick(set);
      const seniority = seniorityAt(from);
      const p = project(specialty, from, seniority);
      const rank = Math.min(5, Math.max(1, 1 + Math.floor(seniority + gauss() * 0.4)));
      const role = rank === 5 && !chance(0.3) ? ROLE_LABELS[3] : ROLE_LABELS[rank - 1];
      const isOngoing = to >= AS_OF;
      engagements.row([id, name, p.title, specialtyOf[specialty].label.ja, role, date(from), isOngoing ? ongoing() : date(to), p.outcome, p.complexity, activities(specialty, seniority), p.staff, p.contract, p.peak, p.users]);
      cursor = to + (chance(0.5) ? 1 : int(1, 90));
      e++;
    }
    // Between assignments: the last one ended. A planned one, after the as-of date, for a few.
    if (chance(0.005)) {
      const from = AS_OF + int(1, 180);
      const p = project(home, from, seniorityAt(from));
      engagements.row([id, name, p.title, specialtyOf[home].label.ja, ROLE_LABELS[Math.min(3, Math.floor(seniorityAt(from)))], date(from), ongoing(), '', p.complexity, activities(home, seniorityAt(from)), p.staff, p.contract, p.peak, p.users]);
    }

    const seniority = seniorityAt(AS_OF);
    const depthRank = () => Math.min(5, Math.max(1, 1 + Math.floor(seniority * 0.8 + gauss() * 0.6)));
    if (!chance(0.08)) {
      const perArea = chance(0.4);
      for (const specialty of set) {
        if (!chance(specialty === home ? 0.85 : 0.6)) continue;
        const spec = specialtyOf[specialty];
        const areas = some(spec.areas, spec.id === 'operation-management' && chance(0.5) ? spec.areas.length : int(1, spec.areas.length));
        if (perArea) for (const area of areas) expertise.row([id, spec.label.ja, labelOrSource(area, 0.1), DEPTH_LABELS[depthRank() - 1]]);
        else expertise.row([id, spec.label.ja, listCell(areas.map((a) => labelOrSource(a, 0.1))), DEPTH_LABELS[depthRank() - 1]]);
      }
    }
    const firstDay = Math.max(hire, HISTORY_FROM);
    const span = Math.max(1, AS_OF - firstDay);
    let contributions = weighted([[0, 74], [1, 14], [2, 6], [int(3, 5), 4], [int(6, 12), 2]]);
    if (contributions === 0 && seniority > 2 && chance(0.4)) contributions = int(1, 4); // seniors teach and write
    for (let k = 0; k < contributions; k++) {
      const specialties = weighted([['', 40], [specialtyOf[pick(set)].label.ja, 50], [listCell(set.slice(0, 2).map((s) => specialtyOf[s].label.ja)), 10]]);
      const when = firstDay + Math.floor(rnd() * span);
      const topic = `${pick(SETTINGS)}における${pick(TOPICS)}${pick(TT_SUFFIXES)}`;
      transfer.row([id, weighted(KIND_WEIGHTS), specialties, chance(0.3) ? `${topic}（${ymd(when)[0]}）` : topic, chance(0.1) ? '' : date(when)]);
    }
    if (tenureDays + prior >= 3 * 365 && chance(Math.min(0.7, 0.18 * seniority))) {
      for (let k = int(1, 3); k > 0; k--) {
        const mentee = weighted([[surname(), 40], [personName(), 40], [`新人${int(2, 5)}名`, 10], ['', 10]]);
        const from = firstDay + Math.floor(rnd() * span);
        mentoring.row([id, mentee, chance(0.7) ? specialtyOf[pick(set)].label.ja : '', chance(0.1) ? '' : date(from)]);
      }
    }
    // Exams: 応用情報 (AP) for about 30%, 基本情報 and others the standard does not list.
    const examDay = (earliest) => {
      const y = int(Math.min(2025, Math.max(2009, ymd(earliest)[0])), 2025);
      return chance(0.5) ? dayOf(y, 6, int(15, 25)) : dayOf(y, 12, int(15, 25));
    };
    if (chance(0.3)) exams.row([id, chance(0.9) ? '応用情報技術者試験' : 'AP', chance(0.05) ? '' : date(examDay(hire))]);
    for (const [exam, share] of OTHER_EXAMS) if (chance(share / 100)) exams.row([id, exam, date(examDay(hire))]);
    peopleTable?.row([id, name, department()]);
  }
  for (const f of [engagements, expertise, transfer, mentoring, exams, peopleTable]) f?.close();
}

// node bench/generateDiverseExport.js N FOLDER [--people]: write one export (to look at, or to try by hand).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [count, folder] = process.argv.slice(2);
  generateDiverseExport(Number(count), folder, undefined, { people: process.argv.includes('--people') });
}
