import { toHalfWidth } from '../csv/price-parsing';
import { HISTORICAL_PERIODS, type HistoricalDate, type HistoricalPeriodId } from './historical-date';
import { historicalDateSchema } from './historical-date-schema';

/*
 * Reads a date as a village chronicle writes it ("1935", "清末", "明万历年间", "约1900",
 * "1950-1958", "1960年代", "光绪二十年") into a HistoricalDate with its precision. The text itself
 * is kept by the caller as the display label: a reading may be coarser than the words (清末 is
 * stored as the Qing period), never finer.
 */

/** Why a date text could not be read. */
export type DateTextProblem = 'date_required' | 'unreadable_date' | 'impossible_date';

/** The outcome of {@link parseHistoricalDateText}. */
export type DateTextReading = { ok: true; date: HistoricalDate } | { ok: false; reason: DateTextProblem; message: string };

/** Reign eras (年号) of the Ming and Qing with their first (元年) and last years, for texts such as 万历年间 or 光绪二十年. */
export const REIGN_ERAS: ReadonlyArray<{ name: string; dynasty: '明' | '清'; from: number; to: number }> = [
  { name: '洪武', dynasty: '明', from: 1368, to: 1398 },
  { name: '建文', dynasty: '明', from: 1399, to: 1402 },
  { name: '永乐', dynasty: '明', from: 1403, to: 1424 },
  { name: '洪熙', dynasty: '明', from: 1425, to: 1425 },
  { name: '宣德', dynasty: '明', from: 1426, to: 1435 },
  { name: '正统', dynasty: '明', from: 1436, to: 1449 },
  { name: '景泰', dynasty: '明', from: 1450, to: 1457 },
  { name: '天顺', dynasty: '明', from: 1457, to: 1464 },
  { name: '成化', dynasty: '明', from: 1465, to: 1487 },
  { name: '弘治', dynasty: '明', from: 1488, to: 1505 },
  { name: '正德', dynasty: '明', from: 1506, to: 1521 },
  { name: '嘉靖', dynasty: '明', from: 1522, to: 1566 },
  { name: '隆庆', dynasty: '明', from: 1567, to: 1572 },
  { name: '万历', dynasty: '明', from: 1573, to: 1620 },
  { name: '泰昌', dynasty: '明', from: 1620, to: 1620 },
  { name: '天启', dynasty: '明', from: 1621, to: 1627 },
  { name: '崇祯', dynasty: '明', from: 1628, to: 1644 },
  { name: '顺治', dynasty: '清', from: 1644, to: 1661 },
  { name: '康熙', dynasty: '清', from: 1662, to: 1722 },
  { name: '雍正', dynasty: '清', from: 1723, to: 1735 },
  { name: '乾隆', dynasty: '清', from: 1736, to: 1795 },
  { name: '嘉庆', dynasty: '清', from: 1796, to: 1820 },
  { name: '道光', dynasty: '清', from: 1821, to: 1850 },
  { name: '咸丰', dynasty: '清', from: 1851, to: 1861 },
  { name: '同治', dynasty: '清', from: 1862, to: 1874 },
  { name: '光绪', dynasty: '清', from: 1875, to: 1908 },
  { name: '宣统', dynasty: '清', from: 1909, to: 1911 },
];

/** Other spellings of the built-in periods' Chinese names (清朝, 清代, 中华民国 …). */
const PERIOD_ALIASES: Record<string, HistoricalPeriodId> = {
  汉朝: 'han',
  汉代: 'han',
  唐朝: 'tang',
  唐代: 'tang',
  宋朝: 'song',
  宋代: 'song',
  元朝: 'yuan',
  元代: 'yuan',
  明朝: 'ming',
  明代: 'ming',
  大明: 'ming',
  清朝: 'qing',
  清代: 'qing',
  大清: 'qing',
  晚清: 'qing',
  中华民国: 'republic',
  民国时期: 'republic',
  新中国成立后: 'prc',
  解放后: 'prc',
  建国后: 'prc',
};

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一九三五 → 1935 (digit by digit); 二十 → 20, 三十八 → 38 (a count up to 99); 元 → 1. */
function chineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '元') return 1;
  if (/^[〇零一二三四五六七八九]{2,4}$/.test(text)) return Number([...text].map((ch) => DIGITS[ch]).join(''));
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!m || text === '') return null;
  if (!m[2]) return m[1] && !m[3] ? DIGITS[m[1]]! : null;
  return (m[1] ? DIGITS[m[1]]! : 1) * 10 + (m[3] ? DIGITS[m[3]]! : 0);
}

const periodByName = new Map<string, HistoricalPeriodId>();
for (const period of HISTORICAL_PERIODS) {
  periodByName.set(period.name['zh-CN'], period.id);
  periodByName.set(period.name.en.toLowerCase(), period.id);
  periodByName.set(period.name.en.toLowerCase().replace(/ (dynasty|period)$/, ''), period.id);
}
for (const [alias, id] of Object.entries(PERIOD_ALIASES)) periodByName.set(alias, id);

/** Words around a period name that do not change which period it is (清末, 明朝初年, 民国时期). */
const PERIOD_AFFIX = /(朝|代|时期|时|年间|初年|初期|中期|中叶|末期|末年|晚期|早期|初|中|末)$/;

function periodOf(text: string): HistoricalPeriodId | undefined {
  let name = text.toLowerCase().replace(/^(the|early|late|mid)\s+/, '');
  for (let i = 0; i < 2 && name; i++) {
    const found = periodByName.get(name);
    if (found) return found;
    const shorter = name.replace(PERIOD_AFFIX, '');
    if (shorter === name) break;
    name = shorter;
  }
  return periodByName.get(name);
}

const YEAR = String.raw`(前|公元前)?(\d{1,4})`;
const SEP = String.raw`\s*(?:-|–|—|~|～|至|到|to)\s*`;

function yearOf(bce: string | undefined, digits: string): number {
  return bce ? -Number(digits) : Number(digits);
}

/** Numeric forms, tried in order: each pattern and how its match becomes a date. */
const PLAIN_FORMS: Array<[RegExp, (m: RegExpExecArray) => HistoricalDate]> = [
  [new RegExp(`^${YEAR}年?$`), (m) => ({ precision: 'year', year: yearOf(m[1], m[2]!) })],
  [new RegExp(`^${YEAR}(?:年|[-/.])(\\d{1,2})月?$`), (m) => ({ precision: 'month', year: yearOf(m[1], m[2]!), month: Number(m[3]) })],
  [
    new RegExp(`^${YEAR}(?:年|[-/.])(\\d{1,2})(?:月|[-/.])(\\d{1,2})[日号]?$`),
    (m) => ({ precision: 'day', year: yearOf(m[1], m[2]!), month: Number(m[3]), day: Number(m[4]) }),
  ],
  // 公元前206-202年: a BCE mark on the first year alone covers both.
  [new RegExp(`^${YEAR}年?${SEP}${YEAR}年?$`), (m) => ({ precision: 'range', fromYear: yearOf(m[1], m[2]!), toYear: yearOf(m[3] ?? m[1], m[4]!) })],
  [/^(\d{2,3}0)\s*(?:年代|'?s)$/, (m) => ({ precision: 'decade', decade: Number(m[1]) })],
  [
    /^(公元前)?(\d{1,2})\s*(?:世纪|st century|nd century|rd century|th century)$/,
    (m) => ({ precision: 'century', century: m[1] ? -Number(m[2]) : Number(m[2]) }),
  ],
];

function readPlain(text: string, circa: boolean): HistoricalDate | null {
  for (const [pattern, toDate] of PLAIN_FORMS) {
    const m = pattern.exec(text);
    if (m) return { ...toDate(m), ...(circa ? { circa: true } : {}) };
  }
  return null;
}

function readReign(text: string, circa: boolean): HistoricalDate | 'impossible' | null {
  const c = circa ? { circa: true } : {};
  const republic = /^民国([元〇零一二三四五六七八九十\d]{1,4})年$/.exec(text);
  if (republic) {
    const n = chineseNumber(republic[1]!);
    if (n === null) return null;
    return n >= 1 && n <= 38 ? { precision: 'year', year: 1911 + n, ...c } : 'impossible';
  }
  for (const era of REIGN_ERAS) {
    const at = text.indexOf(era.name);
    if (at < 0) continue;
    const prefix = text.slice(0, at).replace(/^大/, '').replace(/朝$/, '');
    if (prefix !== '' && prefix !== era.dynasty) return null;
    const rest = text.slice(at + era.name.length);
    if (rest === '' || /^(年间|时期|时|朝|间)$/.test(rest)) return { precision: 'range', fromYear: era.from, toYear: era.to, ...c };
    const m = /^([元〇零一二三四五六七八九十\d]{1,4})年$/.exec(rest);
    if (!m) return null;
    const n = chineseNumber(m[1]!);
    if (n === null) return null;
    return n >= 1 && era.from + n - 1 <= era.to ? { precision: 'year', year: era.from + n - 1, ...c } : 'impossible';
  }
  return null;
}

/**
 * Reads a date as a chronicle spreadsheet writes it: a year (`1935`, `1935年`, `一九三五年`,
 * `公元前206年`), a month or day (`1935年6月`, `1935-06-01`), a range (`1950-1958`, `1950至1958年`),
 * a decade (`1960年代`, `1960s`), a century (`19世纪`), a period of {@link HISTORICAL_PERIODS}
 * (`清`, `清朝`, `清末`, `明代`, `民国时期`, `Qing dynasty`), a Ming or Qing reign (`明万历年间` as
 * its years, `光绪二十年` as 1894), `民国二十四年` (1935); `约`/`大约`/`c.`/`…前后`/`…左右` mark it
 * circa. Returns the date (without a label: the caller keeps the text) or the reason it
 * cannot be read. A finer word than the stored precision (末, 初) is kept only in the label.
 *
 * @example
 * parseHistoricalDateText('明万历年间') // { ok: true, date: { precision: 'range', fromYear: 1573, toYear: 1620 } }
 * parseHistoricalDateText('约1900') // { ok: true, date: { precision: 'year', year: 1900, circa: true } }
 * parseHistoricalDateText('很久以前') // { ok: false, reason: 'unreadable_date', message: '…' }
 */
export function parseHistoricalDateText(raw: string): DateTextReading {
  let text = toHalfWidth(raw)
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[。.]$/, '');
  if (text === '') return { ok: false, reason: 'date_required', message: 'The date is empty.' };
  let circa = false;
  const before = text;
  text = text.replace(/^(约|大约|大概|约莫|c\.|ca\.|circa|about|around)\s*/i, '').replace(/\s*(前后|左右|许)$/, '');
  if (text !== before) circa = true;
  text = text
    .replace(/^公元(?!前)/, '')
    .replace(/^ad\s*/i, '')
    .replace(/\s*(ad|ce)$/i, '');
  const bce = /^(\d{1,4})\s*(bce|bc)$/i.exec(text);
  if (bce) text = `公元前${bce[1]}`;
  // 一九三五年 → 1935年: digit-by-digit Chinese numerals of a four-digit year.
  text = text.replace(/^([〇零一二三四五六七八九]{4})(?=年)/, (digits) => String(chineseNumber(digits)));
  const date = readPlain(text, circa) ?? readReign(text, circa);
  let reading: HistoricalDate | 'impossible' | null = date;
  if (reading === null) {
    const period = periodOf(text);
    if (period) reading = { precision: 'period', period, ...(circa ? { circa: true } : {}) };
  }
  if (reading === null)
    return {
      ok: false,
      reason: 'unreadable_date',
      message: `Cannot read "${raw.trim().slice(0, 40)}" as a date (e.g. 1935, 1935年6月, 约1900, 1950-1958, 1960年代, 清, 清末, 明万历年间).`,
    };
  if (reading === 'impossible') return { ok: false, reason: 'impossible_date', message: `"${raw.trim().slice(0, 40)}" is past the end of that reign.` };
  const checked = historicalDateSchema.safeParse(reading);
  if (!checked.success)
    return { ok: false, reason: 'impossible_date', message: `"${raw.trim().slice(0, 40)}" is not a date that exists (${checked.error.issues[0]?.message}).` };
  return { ok: true, date: checked.data };
}
