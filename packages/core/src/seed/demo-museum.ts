import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { createChronicleEntry } from '../museum/chronicle';
import { createHall, type HallInput } from '../museum/halls';
import type { HistoricalDate } from '../museum/historical-date';
import { setMuseumLinks, type MuseumLinks } from '../museum/museum-links';
import { createPerson, type PersonInput } from '../museum/people';
import { createPlace, type PlaceInput } from '../museum/places';
import { approveMemory, submitMemory, type MemorySubmission } from '../museum/memories';
import type { MediaStorage } from '../media/media-storage';

/*
 * The demo village's museum (issue 11). Real and modest: the Wulong River, Laiyang pears,
 * Jiaodong straw weaving, Kong Rong's tale and a few national dates everyone can check. The
 * village, its families, buildings and events are fictional and every such text says so
 * ("示例" / "demo"). There is no drawn village map image in the demo: the pins are stored and
 * the pages draw them over a plain background (upload a drawing and set it as the map to see
 * them on it).
 */

const zhEn = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const DEMO = zhEn('（示例内容，虚构）', '(Demo content, fictional.)');
const demo = (zh: string, en: string) => zhEn(`${zh}\n\n${DEMO['zh-CN']}`, `${en}\n\n${DEMO.en}`);

/** A demo memory sent in: pending in the moderation queue, or approved with links by slug. */
export interface DemoMemory {
  form: MemorySubmission;
  approved?: { links?: LinkSlugs };
}

/** Two memories waiting in the moderation queue and one approved, every one marked 示例 / demo. */
export const DEMO_MEMORIES: DemoMemory[] = [
  {
    form: {
      text: '小时候夏天最盼着去老井打水，井水冰凉，大人把西瓜吊在井里镇着。（示例内容，虚构）',
      name: '王奶奶（示例）',
      contact: 'demo-wang@example.invalid',
      language: 'zh-CN',
      licence: 'cc-by-4.0',
      consent: true,
    },
    approved: { links: { places: ['old-well'] } },
  },
  {
    form: {
      text: '我在外地工作二十年了，每年梨花开的时候都会想起河滩上的老梨园。（示例内容，虚构）',
      name: '在外的老乡（示例）',
      contact: 'demo-laoxiang@example.invalid',
      language: 'zh-CN',
      licence: 'museum-use-only',
      consent: true,
    },
  },
  {
    form: {
      text: 'My grandmother wove straw baskets every winter; I still have the one she made for my wedding. (Demo content, fictional.)',
      language: 'en',
      licence: 'cc-by-4.0',
      consent: true,
    },
  },
];

/** The demo memories carry no files: this storage is never asked to store one. */
const NO_FILES: MediaStorage = {
  put: async () => {
    throw new Error('Demo memories carry no files.');
  },
  get: async () => null,
  delete: async () => undefined,
  url: (key) => `/media/${key}`,
};

/** Links by slug: products, stories and producers of the demo catalog; places and people of the museum. */
type LinkSlugs = Partial<Record<keyof MuseumLinks, string[]>>;

/** A demo chronicle entry with its links by slug. */
export interface DemoChronicleEntry {
  slug: string;
  date: HistoricalDate;
  title: { 'zh-CN': string; en: string };
  body: { 'zh-CN': string; en: string };
  source?: { 'zh-CN': string; en: string };
  visibility?: 'public' | 'community';
  links?: LinkSlugs;
}

export const DEMO_CHRONICLE: DemoChronicleEntry[] = [
  {
    slug: 'kong-rong-tale',
    date: { precision: 'period', period: 'eastern-han' },
    title: zhEn('孔融让梨的故事', 'The tale of Kong Rong and the pear'),
    body: zhEn(
      '孔融（153–208）是东汉末年鲁国人。"融四岁，能让梨"的故事后来写进《三字经》，村里分梨时老人常讲。这是流传全国的故事，不是本村的记载。',
      'Kong Rong (153–208) lived in Lu at the end of the Eastern Han. The tale of the four-year-old who took the smallest pear went into the Three Character Classic; elders tell it when pears are shared out. It is a tale told everywhere, not a record of this village.',
    ),
    source: zhEn('《三字经》', 'Three Character Classic'),
    links: { people: ['kong-rong'], stories: ['kong-rong-pears'], products: ['laiyang-pear'] },
  },
  {
    slug: 'village-founded',
    date: { precision: 'period', period: 'ming', label: zhEn('明代（传说）', 'Ming dynasty (as told)') },
    title: zhEn('建村的传说', 'How the village began, as told'),
    body: demo(
      '老人们说，祖上在明代迁到五龙河边落户。没有文字记载，只是口口相传。',
      'The elders say the first families settled by the Wulong River in the Ming dynasty. Nothing is written down; it is handed down by word of mouth.',
    ),
    links: { places: ['wulong-river', 'ancestral-hall'] },
  },
  {
    slug: 'old-well-dug',
    date: { precision: 'period', period: 'qing', circa: true },
    title: zhEn('村口老井', 'The old well at the village gate'),
    body: demo(
      '村口的老井据说是清代打的，井台的石头被绳子磨出了深沟。',
      'The old well at the village gate is said to date from the Qing; the rope has worn deep grooves into its stone rim.',
    ),
    links: { places: ['old-well'] },
  },
  {
    slug: 'riverside-orchards',
    date: { precision: 'century', century: 19 },
    title: zhEn('河滩上的梨园', 'Pear orchards on the riverbank'),
    body: demo('十九世纪，河滩沙地上的梨园连成了片。', 'In the nineteenth century, the orchards on the sandy riverbank grew into one.'),
    links: { places: ['old-pear-orchard', 'wulong-river'], products: ['laiyang-pear'], stories: ['wulong-river-orchards'] },
  },
  {
    slug: 'grafting-1900',
    date: { precision: 'year', year: 1900, circa: true },
    title: zhEn('王家嫁接老梨树', 'The Wangs graft the old pear trees'),
    body: demo(
      '约1900年，王家先人用嫁接救活了几棵老梨树，这几棵树的后代今天还在结果。',
      'Around 1900 the Wang forebears saved a few old pear trees by grafting; their descendants still bear fruit today.',
    ),
    links: { places: ['old-pear-orchard'], people: ['wang-laohan'], products: ['laiyang-pear', 'grafting-workshop'], stories: ['grafting-craft'] },
  },
  {
    slug: 'straw-weaving-thirties',
    date: { precision: 'decade', decade: 1930 },
    title: zhEn('冬闲编草', 'Weaving straw in the slack season'),
    body: demo(
      '三十年代，冬闲时妇女们聚在炕头编草帽、草篮，换些零用钱。胶东草编是真实的手艺，本村的细节为虚构。',
      'In the 1930s women gathered in winter to weave straw hats and baskets for a little money. Jiaodong straw weaving is a real craft; this village’s details are fictional.',
    ),
    links: { places: ['straw-workshop'], products: ['straw-basket'] },
  },
  {
    slug: 'stone-bridge-1935',
    date: { precision: 'year', year: 1935 },
    title: zhEn('修村南石桥', 'The stone bridge south of the village'),
    body: demo(
      '1935年，各家出工出料，在村南小河上修了一座石桥。',
      'In 1935 every family gave labour and stone to build a bridge over the stream south of the village.',
    ),
    links: { places: ['wulong-river'] },
  },
  {
    slug: 'prc-founded',
    date: { precision: 'year', year: 1949 },
    title: zhEn('中华人民共和国成立', 'The People’s Republic of China is founded'),
    body: zhEn('1949年10月1日，中华人民共和国成立。', 'On 1 October 1949 the People’s Republic of China was founded.'),
  },
  {
    slug: 'new-well-1958',
    date: { precision: 'year', year: 1958 },
    title: zhEn('打新井', 'A new well'),
    body: demo('村里在老井旁又打了一口新井，老井从此只在旱年用。', 'A new well was dug beside the old one, which from then on was used only in dry years.'),
    links: { places: ['old-well'] },
  },
  {
    slug: 'orchards-contracted',
    date: { precision: 'year', year: 1982, circa: true },
    title: zhEn('梨园承包到户', 'The orchards are contracted to households'),
    body: demo(
      '八十年代初，梨园分到各家承包，王家接下了河边最老的一片。',
      'In the early 1980s the orchards were contracted to households; the Wangs took on the oldest stretch by the river.',
    ),
    links: { places: ['old-pear-orchard'], people: ['wang-jianguo'] },
  },
  {
    slug: 'pear-paste-workshop',
    date: { precision: 'decade', decade: 1990 },
    title: zhEn('梨膏作坊开张', 'The pear-paste kitchen opens'),
    body: demo('九十年代，几户人家合开了熬梨膏的作坊。', 'In the 1990s a few families opened a kitchen to boil pear paste.'),
    links: { products: ['laiyang-pear-paste'], stories: ['pear-paste-recipe'] },
  },
  {
    slug: 'heritage-list-2006',
    date: { precision: 'year', year: 2006 },
    title: zhEn('第一批国家级非遗名录公布', 'The first national intangible heritage list'),
    body: zhEn(
      '2006年，国务院公布第一批国家级非物质文化遗产名录。村里人从那时起常说起“传承人”这个词。',
      'In 2006 the State Council published the first national list of intangible cultural heritage. Villagers began to speak of “heritage bearers” from then on.',
    ),
  },
  {
    slug: 'cooperative-founded',
    date: { precision: 'year', year: 2012 },
    title: zhEn('合作社成立', 'The cooperative is founded'),
    body: demo(
      '十几户果农和手艺人成立了合作社，一起卖梨和草编。',
      'A dozen growers and craftspeople founded the cooperative to sell pears and straw work together.',
    ),
    links: { places: ['village-market'], products: ['laiyang-pear', 'straw-basket'] },
  },
  {
    slug: 'first-blossom-walk',
    date: { precision: 'month', year: 2018, month: 4 },
    title: zhEn('第一次梨花节', 'The first pear-blossom walk'),
    body: demo('2018年4月，合作社第一次请城里人来看梨花。', 'In April 2018 the cooperative first invited town visitors to walk among the blossom.'),
    links: { places: ['pear-blossom-slope'], products: ['pear-blossom-walk'] },
  },
  {
    slug: 'weaving-listed',
    date: { precision: 'year', year: 2020 },
    title: zhEn('草编列入县级名录（示例）', 'Straw weaving on the county list (demo)'),
    body: demo(
      '刘桂芳的草编手艺列入县级非物质文化遗产代表性项目名录。',
      'Liu Guifang’s straw weaving was entered on the county list of intangible cultural heritage.',
    ),
    links: { people: ['liu-guifang'], products: ['straw-basket', 'straw-coasters'] },
  },
  {
    slug: 'rural-revitalisation-law',
    date: { precision: 'day', year: 2021, month: 6, day: 1 },
    title: zhEn('《乡村振兴促进法》施行', 'The Rural Revitalisation Promotion Law takes effect'),
    body: zhEn('2021年6月1日，《中华人民共和国乡村振兴促进法》施行。', 'On 1 June 2021 the Rural Revitalisation Promotion Law of the PRC took effect.'),
  },
  {
    slug: 'museum-opens',
    date: { precision: 'year', year: 2026 },
    title: zhEn('数字村史馆上线', 'The digital village museum opens'),
    body: demo(
      '合作社把村史、老地方和老手艺人放到了网上，每件展品旁边都能买到它讲的物产。',
      'The cooperative put the village chronicle, its places and its craftspeople online, with the goods each exhibit explains one tap away.',
    ),
  },
  {
    slug: 'elders-only-rites',
    date: { precision: 'period', period: 'qing' },
    title: zhEn('祠堂祭祀的规矩', 'The rites of the ancestral hall'),
    body: demo('仅限村民查看：祭祀的细节由族中长辈决定是否公开。', 'Villagers only: the elders decide whether the details of the rites are shown.'),
    visibility: 'community',
    links: { places: ['ancestral-hall'] },
  },
];

/** A demo place with its links by slug. */
export type DemoPlace = PlaceInput & { links?: LinkSlugs };

// Coordinates near Laiyang's centre (approximate; the village is fictional). Pins are relative
// positions on a village map drawing.
export const DEMO_PLACES: DemoPlace[] = [
  {
    slug: 'old-pear-orchard',
    kind: 'orchard',
    name: zhEn('河滩老梨园', 'The old riverside orchard'),
    description: demo(
      '沙地上的老梨树，最老的几棵靠嫁接传了几代。',
      'Old pear trees on sandy ground; the oldest have been passed down by grafting for generations.',
    ),
    coordinates: { latitude: 36.982, longitude: 120.705 },
    pin: { x: 0.28, y: 0.62 },
    position: 0,
    links: {
      products: ['laiyang-pear', 'pear-blossom-walk', 'grafting-workshop'],
      stories: ['wulong-river-orchards', 'laiyang-pear-history'],
      producers: ['wang-family-orchard'],
    },
  },
  {
    slug: 'wulong-river',
    kind: 'river',
    name: zhEn('五龙河', 'The Wulong River'),
    description: zhEn(
      '五龙河流经莱阳，河滩的沙土适合种梨。本页的村庄细节为虚构。',
      'The Wulong River runs through Laiyang; its sandy banks suit pear trees. The village details on this page are fictional.',
    ),
    pin: { x: 0.12, y: 0.8 },
    position: 1,
    links: { products: ['laiyang-pear', 'peanuts-in-shell'], stories: ['wulong-river-orchards'] },
  },
  {
    slug: 'old-well',
    kind: 'well',
    name: zhEn('村口老井', 'The old well'),
    description: demo('井台的石头被井绳磨出了深沟。', 'The rope has worn deep grooves into the stone rim.'),
    coordinates: { latitude: 36.984, longitude: 120.712 },
    pin: { x: 0.52, y: 0.45 },
    position: 2,
  },
  {
    slug: 'straw-workshop',
    kind: 'workshop',
    name: zhEn('草编作坊', 'The straw workshop'),
    description: demo('刘桂芳家的堂屋，冬天这里坐满了编草的人。', 'Liu Guifang’s front room, full of weavers in winter.'),
    pin: { x: 0.66, y: 0.32 },
    position: 3,
    links: { products: ['straw-basket', 'straw-coasters'], stories: ['liu-guifang-weaving'], producers: ['liu-guifang-weaver'] },
  },
  {
    slug: 'village-market',
    kind: 'market',
    name: zhEn('村集', 'The village market'),
    description: demo('逢五逢十赶集，合作社的摊位在老槐树下。', 'Market days fall on the 5th and 10th; the cooperative’s stall is under the old locust tree.'),
    pin: { x: 0.46, y: 0.7 },
    position: 4,
    links: { products: ['blessing-bun', 'laiyang-pear-paste', 'dried-sweet-potato'], producers: ['pear-village-kitchen'] },
  },
  {
    slug: 'pear-blossom-slope',
    kind: 'scenic-spot',
    name: zhEn('梨花坡', 'Pear-blossom slope'),
    description: demo('四月梨花开时，坡上一片白。', 'In April the slope turns white with blossom.'),
    pin: { x: 0.82, y: 0.58 },
    position: 5,
    links: { products: ['pear-blossom-walk'] },
  },
  {
    slug: 'ancestral-hall',
    kind: 'ancestral-hall',
    name: zhEn('祠堂', 'The ancestral hall'),
    description: demo('村中的老祠堂，逢年过节族人在这里聚会。', 'The village’s old ancestral hall, where families gather at festivals.'),
    pin: { x: 0.58, y: 0.18 },
    position: 6,
  },
  {
    slug: 'family-graves',
    kind: 'other',
    name: zhEn('祖茔', 'The family graves'),
    description: demo('仅限村民：祖茔的位置不对外公开。', 'Villagers only: where the graves are is not shown to everyone.'),
    pin: { x: 0.9, y: 0.12 },
    visibility: 'community',
    position: 7,
  },
];

/**
 * A file of the demo's media folder (examples/village-site/public/media) that the village site
 * puts into the media library on first start, as an owner would upload it, and gives to a
 * person (a voice recording) or a chronicle entry (a picture or recording). The seed itself
 * writes no files.
 */
export interface DemoMuseumMedia {
  /** File name in the media folder. */
  file: string;
  target: { kind: 'person' | 'chronicle'; slug: string };
  alt?: { 'zh-CN': string; en: string };
  caption?: { 'zh-CN': string; en: string };
  transcript?: { 'zh-CN': string; en: string };
}

export const DEMO_MUSEUM_MEDIA: DemoMuseumMedia[] = [
  {
    file: 'liu-weaver-voice.wav',
    target: { kind: 'person', slug: 'liu-guifang' },
    caption: zhEn('刘桂芳讲草编（示例：以一段音调代替录音）', 'Liu Guifang on straw weaving (demo: a tone stands in for the recording)'),
    transcript: zhEn(
      '刘桂芳：麦子割了，挑最上头那一节，白、细、软和。先拿温水泡，泡透了压扁，七根一股掐辫子。（示例文字，人物为虚构）',
      'Liu Guifang: After the wheat is cut, you pick the top joint of the stalk: pale, thin and soft. Soak it in warm water, flatten it, and plait seven straws into a braid. (Demo text; a fictional person.)',
    ),
  },
  {
    file: 'zhang-papercut-voice.wav',
    target: { kind: 'person', slug: 'zhang-yumei' },
    caption: zhEn('张玉梅讲窗花（示例：以一段音调代替录音）', 'Zhang Yumei on window flowers (demo: a tone stands in for the recording)'),
    transcript: zhEn(
      '张玉梅：红纸对折，先剪细处，后剪大处。慢慢展开，就是一朵团花。（示例文字，人物为虚构）',
      'Zhang Yumei: Fold the red paper, cut the fine details first and the large shapes last. Unfold it slowly, and there is your flower. (Demo text; a fictional person.)',
    ),
  },
  {
    file: 'grafting.png',
    target: { kind: 'chronicle', slug: 'grafting-1900' },
    alt: zhEn('示例插画：老梨树干上嫁接的新接穗，绑着接口', 'Demo illustration: a new scion grafted onto an old pear trunk, the join bound'),
    caption: zhEn('示例插画，不是历史照片。', 'A demo illustration, not a historical photo.'),
  },
];

/** A demo person; `producer` names a demo producer by slug. */
export type DemoPerson = Omit<PersonInput, 'producerId'> & { producer?: string; links?: LinkSlugs };

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    slug: 'liu-guifang',
    name: zhEn('刘桂芳（示例人物）', 'Liu Guifang (demo person)'),
    born: { precision: 'year', year: 1956 },
    roles: [
      {
        title: zhEn('县级非物质文化遗产代表性传承人（示例）', 'County-level intangible heritage bearer (demo)'),
        listing: zhEn('草编技艺（示例名录）', 'Straw weaving (demo listing)'),
      },
    ],
    biography: demo('跟母亲学编草，五十多年没停过手。', 'Learned to weave from her mother and has not stopped in fifty years.'),
    producer: 'liu-guifang-weaver',
    position: 0,
    links: { products: ['straw-basket', 'straw-coasters'], stories: ['liu-guifang-weaving', 'liu-family-weaving-rhymes'], places: ['straw-workshop'] },
  },
  {
    slug: 'wang-jianguo',
    name: zhEn('王建国（示例人物）', 'Wang Jianguo (demo person)'),
    born: { precision: 'year', year: 1961 },
    roles: [{ title: zhEn('梨园主人、嫁接师傅', 'Orchard keeper and grafter'), listing: {} }],
    biography: demo('接下了河边最老的一片梨园，每年春天教人嫁接。', 'Took on the oldest orchard by the river and teaches grafting every spring.'),
    producer: 'wang-family-orchard',
    position: 1,
    links: { products: ['laiyang-pear', 'grafting-workshop'], stories: ['wang-jianguo-grower', 'grafting-craft'], places: ['old-pear-orchard'] },
  },
  {
    slug: 'zhang-yumei',
    name: zhEn('张玉梅（示例人物）', 'Zhang Yumei (demo person)'),
    born: { precision: 'decade', decade: 1970 },
    roles: [{ title: zhEn('剪纸艺人', 'Paper-cut artist'), listing: {} }],
    biography: demo('过年时家家窗上的窗花，很多出自她手。', 'Many of the window flowers on the village’s windows at New Year are hers.'),
    producer: 'zhang-yumei-papercut',
    position: 2,
    links: { products: ['paper-cut'], stories: ['window-flowers'] },
  },
  {
    slug: 'wang-laohan',
    name: zhEn('王老汉（示例人物）', 'Old Man Wang (demo person)'),
    born: { precision: 'year', year: 1870, circa: true },
    died: { precision: 'year', year: 1941, circa: true },
    roles: [{ title: zhEn('王家梨园的先人', 'Forebear of the Wang orchard'), listing: {} }],
    biography: demo('传说是他用嫁接救活了河边的老梨树。', 'Said to have saved the old riverside pear trees by grafting.'),
    position: 3,
    links: { places: ['old-pear-orchard'], products: ['laiyang-pear'] },
  },
  {
    slug: 'kong-rong',
    name: zhEn('孔融', 'Kong Rong'),
    born: { precision: 'year', year: 153 },
    died: { precision: 'year', year: 208 },
    roles: [{ title: zhEn('东汉末年文学家，“建安七子”之一', 'Late Eastern Han writer, one of the Seven Scholars of Jian’an'), listing: {} }],
    biography: zhEn(
      '孔子的后代。“孔融让梨”的故事写进了《三字经》。他与本村并无记载中的关系。',
      'A descendant of Confucius; the tale of him giving up the bigger pear is in the Three Character Classic. No record ties him to this village.',
    ),
    position: 4,
    links: { stories: ['kong-rong-pears'] },
  },
];

/** A demo hall; exhibits name their record by slug (`kind: 'product'` → a product slug…). */
export type DemoHall = Omit<HallInput, 'exhibits'> & {
  exhibits: Array<{ kind: 'story' | 'chronicle' | 'person' | 'place' | 'product'; slug: string; caption?: { 'zh-CN': string; en: string } }>;
};

export const DEMO_HALLS: DemoHall[] = [
  {
    slug: 'pear-hall',
    title: zhEn('梨乡馆', 'The Pear Hall'),
    intro: zhEn('从河滩沙地到一只梨：老梨园、嫁接和种梨的人。', 'From the sandy riverbank to a pear: the old orchard, grafting and the people who grow them.'),
    position: 0,
    exhibits: [
      { kind: 'place', slug: 'old-pear-orchard', caption: zhEn('老梨树就在这里。', 'The old trees stand here.') },
      { kind: 'chronicle', slug: 'grafting-1900', caption: zhEn('一次嫁接救下一片梨园。', 'One grafting saved an orchard.') },
      { kind: 'person', slug: 'wang-jianguo' },
      { kind: 'story', slug: 'laiyang-pear-history' },
      { kind: 'product', slug: 'laiyang-pear', caption: zhEn('今年的梨。', 'This year’s pears.') },
    ],
  },
  {
    slug: 'craft-hall',
    title: zhEn('手艺馆', 'The Craft Hall'),
    intro: zhEn('草编、剪纸和花饽饽：手上传下来的东西。', 'Straw weaving, paper-cut and festive buns: what is handed down by hand.'),
    position: 1,
    exhibits: [
      { kind: 'person', slug: 'liu-guifang', caption: zhEn('五十多年的手艺。', 'Fifty years at the craft.') },
      { kind: 'place', slug: 'straw-workshop' },
      { kind: 'story', slug: 'liu-guifang-weaving' },
      { kind: 'person', slug: 'zhang-yumei' },
      { kind: 'story', slug: 'window-flowers', caption: zhEn('听她讲窗花怎么剪。', 'Hear her tell how window flowers are cut.') },
      { kind: 'product', slug: 'straw-basket' },
    ],
  },
  {
    slug: 'village-history-hall',
    title: zhEn('村史馆', 'The Village History Hall'),
    intro: zhEn('从传说到今天。', 'From legend to today.'),
    position: 2,
    exhibits: [
      { kind: 'chronicle', slug: 'village-founded' },
      { kind: 'place', slug: 'old-well' },
      { kind: 'chronicle', slug: 'stone-bridge-1935' },
      { kind: 'chronicle', slug: 'orchards-contracted' },
      { kind: 'chronicle', slug: 'cooperative-founded' },
      { kind: 'place', slug: 'family-graves', caption: zhEn('仅村民可见，公开页面不显示。', 'Villagers only; public pages leave it out.') },
    ],
  },
];

/** Ids the museum seed needs from the catalog seed, by slug. */
export interface DemoCatalogIds {
  cooperativeId: string;
  producers: Record<string, string>;
  products: Record<string, string>;
  stories: Record<string, string>;
}

/**
 * Seeds the demo museum: chronicle entries, places (pinned), people, halls and their links.
 * Called by `seedDemoVillage` after the catalog, with its ids.
 *
 * @example
 * await seedDemoMuseum(db, { cooperativeId, producers, products, stories });
 */
export async function seedDemoMuseum(db: Kysely<TerroirTables>, ids: DemoCatalogIds): Promise<void> {
  const coopId = ids.cooperativeId;
  const need = (table: Record<string, string>, slug: string, what: string) => {
    const id = table[slug];
    if (!id) throw new Error(`Demo museum: unknown ${what} "${slug}"`);
    return id;
  };
  const places: Record<string, string> = {};
  for (const { links: _l, ...place } of DEMO_PLACES) places[place.slug] = (await createPlace(db, coopId, place)).id;
  const people: Record<string, string> = {};
  for (const { links: _l, producer, ...person } of DEMO_PEOPLE) {
    people[person.slug] = (await createPerson(db, coopId, { ...person, producerId: producer ? need(ids.producers, producer, 'producer') : null })).id;
  }
  const chronicle: Record<string, string> = {};
  for (const { links: _l, ...entry } of DEMO_CHRONICLE) chronicle[entry.slug] = (await createChronicleEntry(db, { ...entry, cooperativeId: coopId })).id;
  const resolve = (links: LinkSlugs | undefined): Partial<MuseumLinks> => ({
    products: (links?.products ?? []).map((s) => need(ids.products, s, 'product')),
    stories: (links?.stories ?? []).map((s) => need(ids.stories, s, 'story')),
    producers: (links?.producers ?? []).map((s) => need(ids.producers, s, 'producer')),
    places: (links?.places ?? []).map((s) => need(places, s, 'place')),
    people: (links?.people ?? []).map((s) => need(people, s, 'person')),
  });
  for (const place of DEMO_PLACES) if (place.links) await setMuseumLinks(db, coopId, { kind: 'place', id: places[place.slug]! }, resolve(place.links));
  for (const person of DEMO_PEOPLE) if (person.links) await setMuseumLinks(db, coopId, { kind: 'person', id: people[person.slug]! }, resolve(person.links));
  for (const entry of DEMO_CHRONICLE)
    if (entry.links) await setMuseumLinks(db, coopId, { kind: 'chronicle', id: chronicle[entry.slug]! }, resolve(entry.links));
  const target = { story: ids.stories, chronicle, person: people, place: places, product: ids.products } as const;
  for (const hall of DEMO_HALLS) {
    await createHall(db, coopId, {
      ...hall,
      exhibits: hall.exhibits.map((e) => ({ kind: e.kind, targetId: need(target[e.kind], e.slug, e.kind), caption: e.caption ?? {} })),
    });
  }
  // Memories sent in: the seed is a trusted caller (no rate limit, no sender).
  for (const memory of DEMO_MEMORIES) {
    const sent = await submitMemory(db, NO_FILES, {
      cooperativeId: coopId,
      form: memory.form,
      sender: { ip: null, ipSalt: 'demo' },
      limits: null,
      demo: true,
    });
    if (memory.approved) await approveMemory(db, NO_FILES, coopId, sent.id, { links: resolve(memory.approved.links) }, { moderatorId: null });
  }
}
