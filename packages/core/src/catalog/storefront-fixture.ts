import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { createCooperative, createProducer, createProduct, createStory, linkStories, linkStoryToProducer, linkStoryToProduct } from './catalog-writer';
import { setMuseumLinks } from '../museum/museum-links';
import { createPlace } from '../museum/places';

/**
 * A small catalog for read-side tests (not the demo seed): one cooperative with products of
 * every category and state, public and hidden stories, and links in both directions, plus a
 * second cooperative whose rows must never leak into the first one's answers.
 * The clock to pin for season tests is {@link FIXTURE_NOW} (September in Shanghai: pears in season).
 *
 * @example
 * const fixture = await seedStorefrontFixture(database.db);
 * await reader.getProduct(fixture.coop, 'pear-5jin');
 */
export async function seedStorefrontFixture(db: Kysely<TerroirTables>) {
  const coop = await createCooperative(db, {
    slug: 'laiyang-pear',
    name: { 'zh-CN': '莱阳梨合作社', en: 'Laiyang Pear Cooperative' },
    description: { 'zh-CN': '照旺庄的梨园。', en: 'Pear orchards of Zhaowangzhuang.' },
    place: { name: { 'zh-CN': '照旺庄', en: 'Zhaowangzhuang' }, region: { 'zh-CN': '山东莱阳', en: 'Laiyang, Shandong' }, latitude: 36.98, longitude: 120.71 },
    contact: { phone: '+86 535 000 0000', email: 'coop@example.cn' },
    allowedOrigins: ['https://village.example.cn'],
  });
  const other = await createCooperative(db, {
    slug: 'other-coop',
    name: { 'zh-CN': '别的合作社', en: 'Other co-op' },
    description: {},
    place: { name: { en: 'Elsewhere' } },
    contact: {},
    allowedOrigins: ['https://other.example.cn'],
    defaultLocale: 'en',
  });
  const wang = await createProducer(db, {
    cooperativeId: coop.id,
    slug: 'wang-orchard',
    kind: 'farmer',
    name: { 'zh-CN': '王家果园', en: 'Wang family orchard' },
    profile: { 'zh-CN': '三代种梨。', en: 'Three generations of pear growers.' },
    portrait: { url: '/media/wang.svg', alt: { 'zh-CN': '王大爷', en: 'Grandpa Wang' }, width: 120, height: 120 },
  });
  const li = await createProducer(db, {
    cooperativeId: coop.id,
    slug: 'li-weaver',
    kind: 'artisan',
    name: { 'zh-CN': '李阿姨草编' },
    profile: { 'zh-CN': '草编手艺人。', en: 'Straw weaver.' },
  });
  const image = (name: string, zh: string, en: string) => ({ url: `/media/${name}.svg`, alt: { 'zh-CN': zh, en }, width: 400, height: 300 });
  const pear = await createProduct(db, {
    cooperativeId: coop.id,
    slug: 'pear-5jin',
    producerId: wang.id,
    category: 'fresh',
    title: { 'zh-CN': '莱阳梨 5斤装', en: 'Laiyang pears, 5 jin box' },
    summary: { 'zh-CN': '脆甜多汁。', en: 'Crisp and juicy.' },
    description: { 'zh-CN': '秋天采摘。', en: 'Picked in autumn.' },
    images: [image('pear', '一箱梨', 'A box of pears')],
    tags: ['pear', 'gift'],
    certifications: [{ kind: 'geographical-indication', registryId: 'AGI00001', issuer: { 'zh-CN': '农业农村部', en: 'Ministry of Agriculture' } }],
    harvestWindows: [{ fromMonth: 9, toMonth: 10 }],
    preorder: true,
    position: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    variants: [
      { sku: 'PEAR-5', label: { 'zh-CN': '5斤', en: '5 jin' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 40 },
      { sku: 'PEAR-10', label: { 'zh-CN': '10斤', en: '10 jin' }, priceMinor: 12800, unit: 'jin', unitQuantity: 10, stockOnHand: 3 },
      { sku: 'PEAR-OLD', label: { en: 'retired' }, priceMinor: 100, unit: 'jin', unitQuantity: 1, stockOnHand: 9, status: 'archived' },
    ],
  });
  const paste = await createProduct(db, {
    cooperativeId: coop.id,
    slug: 'pear-paste',
    producerId: wang.id,
    category: 'processed',
    title: { 'zh-CN': '秋月梨膏', en: 'Autumn pear paste' },
    summary: { 'zh-CN': '熬了一整天。', en: 'Simmered all day.' },
    description: { 'zh-CN': '梨和冰糖。' },
    images: [],
    tags: ['pear'],
    certifications: [],
    harvestWindows: [],
    position: 2,
    createdAt: '2026-02-01T00:00:00.000Z',
    variants: [{ label: { 'zh-CN': '一瓶', en: 'One jar' }, priceMinor: 3900, unit: 'piece', unitQuantity: 1, netGrams: 250, stockOnHand: 2 }],
  });
  const basket = await createProduct(db, {
    cooperativeId: coop.id,
    slug: 'straw-basket',
    producerId: li.id,
    category: 'craft',
    title: { 'zh-CN': '草编篮' },
    summary: { 'zh-CN': '麦秆编成。', en: 'Woven from wheat straw.' },
    description: { 'zh-CN': '手工编织。' },
    images: [image('basket', '草编篮', 'Straw basket')],
    tags: ['straw', '100%_handmade'],
    certifications: [],
    harvestWindows: [],
    position: 3,
    createdAt: '2026-03-01T00:00:00.000Z',
    variants: [{ label: { 'zh-CN': '一个', en: 'One basket' }, priceMinor: 8800, unit: 'piece', unitQuantity: 1, stockOnHand: 0 }],
  });
  const harvestDay = await createProduct(db, {
    cooperativeId: coop.id,
    slug: 'harvest-day',
    category: 'experience',
    title: { 'zh-CN': '采梨体验日', en: 'Pear picking day' },
    summary: { 'zh-CN': '到园里摘梨。', en: 'Pick pears in the orchard.' },
    description: { en: 'Bookings by phone.' },
    images: [],
    tags: [],
    certifications: [],
    harvestWindows: [{ fromMonth: 9, toMonth: 9 }],
    position: 4,
    createdAt: '2026-04-01T00:00:00.000Z',
    variants: [],
  });
  const apple = await createProduct(db, {
    cooperativeId: coop.id,
    slug: 'fuji-apple',
    category: 'fresh',
    title: { 'zh-CN': '红富士苹果', en: 'Red Fuji apples' },
    summary: { 'zh-CN': '霜降后采。', en: 'Picked after the first frost.' },
    description: {},
    images: [],
    tags: ['apple'],
    certifications: [{ kind: 'green-food' }],
    harvestWindows: [{ fromMonth: 10, toMonth: 11 }],
    position: 5,
    createdAt: '2026-05-01T00:00:00.000Z',
    variants: [{ label: { 'zh-CN': '1公斤', en: '1 kg' }, priceMinor: 4500, unit: 'kg', unitQuantity: 1, stockOnHand: 100 }],
  });
  const draftProduct = await createProduct(db, {
    cooperativeId: coop.id,
    slug: 'pear-cider',
    category: 'processed',
    title: { 'zh-CN': '梨酒', en: 'Pear cider (draft)' },
    summary: {},
    description: {},
    images: [],
    tags: ['pear'],
    certifications: [],
    harvestWindows: [],
    status: 'draft',
    position: 0,
    variants: [{ label: { en: 'Bottle' }, priceMinor: 1, unit: 'piece', unitQuantity: 1, stockOnHand: 5 }],
  });
  const archivedProduct = await createProduct(db, {
    cooperativeId: coop.id,
    slug: 'pear-jam',
    category: 'processed',
    title: { 'zh-CN': '梨酱', en: 'Pear jam (archived)' },
    summary: {},
    description: {},
    images: [],
    tags: ['pear'],
    certifications: [],
    harvestWindows: [],
    status: 'archived',
    position: 0,
    variants: [{ label: { en: 'Jar' }, priceMinor: 2, unit: 'piece', unitQuantity: 1, stockOnHand: 5 }],
  });
  const otherProduct = await createProduct(db, {
    cooperativeId: other.id,
    slug: 'other-pear',
    category: 'fresh',
    title: { en: 'Someone else’s pear', 'zh-CN': '别人的梨' },
    summary: {},
    description: {},
    images: [],
    tags: ['pear'],
    certifications: [],
    harvestWindows: [],
    variants: [{ label: { en: 'Box' }, priceMinor: 3, unit: 'kg', unitQuantity: 1, stockOnHand: 5 }],
  });

  const grafting = await createStory(db, {
    cooperativeId: coop.id,
    slug: 'pear-grafting',
    kind: 'craft-technique',
    title: { 'zh-CN': '梨树嫁接', en: 'Grafting pear trees' },
    summary: { 'zh-CN': '春天的手艺。', en: 'A spring craft.' },
    body: { 'zh-CN': '## 嫁接\n\n春天**嫁接**。<script>alert(1)</script>', en: '## Grafting\n\nIn **spring**. [x](javascript:alert(1))' },
    media: [
      { kind: 'image', url: '/media/graft.svg', alt: { 'zh-CN': '嫁接', en: 'Grafting' } },
      {
        kind: 'audio',
        url: '/media/graft.mp3',
        mimeType: 'audio/mpeg',
        caption: { 'zh-CN': '王大爷讲嫁接', en: 'Grandpa Wang on grafting' },
        credit: { 'zh-CN': '合作社录音', en: 'Co-op recording' },
        transcript: { 'zh-CN': '先削接穗……', en: 'First cut the scion…' },
        durationSeconds: 95,
      },
    ],
    era: { 'zh-CN': '清代至今', en: 'Qing dynasty to today' },
    place: { name: { 'zh-CN': '照旺庄', en: 'Zhaowangzhuang' }, latitude: 36.98, longitude: 120.71 },
    attribution: { 'zh-CN': '王大爷口述', en: 'Told by Grandpa Wang' },
    position: 1,
  });
  const history = await createStory(db, {
    cooperativeId: coop.id,
    slug: 'orchard-history',
    kind: 'history',
    title: { 'zh-CN': '梨园四百年', en: 'Four hundred years of orchards' },
    summary: { 'zh-CN': '老梨树的故事。', en: 'The old trees.' },
    body: { 'zh-CN': '明代开始种梨。', en: 'Pears since the Ming.' },
    media: [{ kind: 'video', url: '/media/orchard.mp4', transcript: { en: 'Wind in the trees.' } }],
    date: { precision: 'period', period: 'ming', circa: true },
    position: 2,
  });
  const weaving = await createStory(db, {
    cooperativeId: coop.id,
    slug: 'weaving-tradition',
    kind: 'craft-technique',
    title: { 'zh-CN': '麦秆草编' },
    summary: { 'zh-CN': '胶东草编。' },
    body: { 'zh-CN': '编法。' },
    media: [],
    position: 3,
  });
  const secret = await createStory(db, {
    cooperativeId: coop.id,
    slug: 'secret-rite',
    kind: 'festival',
    title: { 'zh-CN': '祭树', en: 'Tree rite (community only)' },
    summary: { en: 'pear' },
    body: { en: 'Not for outsiders.' },
    media: [],
    visibility: 'community',
    position: 0,
  });
  const draftStory = await createStory(db, {
    cooperativeId: coop.id,
    slug: 'draft-legend',
    kind: 'legend',
    title: { 'zh-CN': '梨仙', en: 'The pear fairy (draft)' },
    summary: {},
    body: { en: 'Unfinished.' },
    media: [],
    status: 'draft',
    position: 0,
  });
  const otherStory = await createStory(db, {
    cooperativeId: other.id,
    slug: 'other-story',
    kind: 'history',
    title: { en: 'Other pear story' },
    summary: {},
    body: { en: 'x' },
    media: [],
  });

  await linkStoryToProduct(db, grafting.id, pear.id, 'made-with-technique', 0);
  await linkStoryToProduct(db, grafting.id, paste.id, 'made-with-technique', 1);
  await linkStoryToProduct(db, grafting.id, draftProduct.id, 'made-with-technique', 2);
  await linkStoryToProduct(db, grafting.id, archivedProduct.id, 'made-with-technique', 3);
  await linkStoryToProduct(db, history.id, pear.id, 'grown-in-place', 1);
  await linkStoryToProduct(db, weaving.id, basket.id, 'tradition-of', 0);
  await linkStoryToProduct(db, secret.id, pear.id, 'tradition-of', 2);
  await linkStoryToProduct(db, draftStory.id, pear.id, 'featured-in', 3);
  await linkStoryToProducer(db, grafting.id, wang.id, 'told-by');
  await linkStoryToProducer(db, secret.id, wang.id, 'practised-by');
  await linkStoryToProducer(db, weaving.id, li.id, 'practised-by');
  // One link read from its far end (history → grafting), one from its near end (grafting → weaving).
  await linkStories(db, history.id, grafting.id, 'see-also', 0);
  await linkStories(db, grafting.id, weaving.id, 'see-also', 1);
  await linkStories(db, grafting.id, secret.id, 'see-also', 2);
  await linkStories(db, draftStory.id, grafting.id, 'see-also', 3);
  // The grafting story's places are museum records (its `place` above is the old copy); a
  // draft place linked to it stays off public pages.
  const village = await createPlace(db, coop.id, {
    slug: 'zhaowangzhuang',
    kind: 'other',
    name: { 'zh-CN': '照旺庄', en: 'Zhaowangzhuang' },
    coordinates: { latitude: 36.98, longitude: 120.71 },
  });
  const kiln = await createPlace(db, coop.id, { slug: 'old-kiln', kind: 'workshop', name: { 'zh-CN': '老窑' }, status: 'draft' });
  await setMuseumLinks(db, coop.id, { kind: 'place', id: village.id }, { stories: [grafting.id], producers: [wang.id] });
  await setMuseumLinks(db, coop.id, { kind: 'place', id: kiln.id }, { stories: [grafting.id] });

  return {
    coop,
    other,
    producers: { wang, li },
    products: { pear, paste, basket, harvestDay, apple, draftProduct, archivedProduct, otherProduct },
    stories: { grafting, history, weaving, secret, draftStory, otherStory },
    places: { village, kiln },
  };
}

/** September 15th in Shanghai: pears (Sept–Oct) and the picking day (Sept) are in season, apples (Oct–Nov) are not. */
export const FIXTURE_NOW = new Date('2026-09-15T04:00:00.000Z');

/** The fixture's shape, for tests that pass it around. */
export type StorefrontFixture = Awaited<ReturnType<typeof seedStorefrontFixture>>;
