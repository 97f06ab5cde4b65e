import {
  PRODUCT_CATEGORIES,
  createCooperative,
  createProducer,
  createProduct,
  createStory,
  linkStoryToProduct,
  type HarvestWindow,
  type NewVariant,
  type TerroirDatabase,
} from '@terroir/core';

export const BENCH_COOP_SLUG = 'bench-coop';
const SEED_BATCH = 500;

export interface BenchCatalog {
  products: number;
  variants: number;
  stories: number;
  storyLinks: number;
  /** A product slug in the middle of the catalog, for the detail target. */
  sampleProductSlug: string;
}

// Word lists give every product distinct bilingual titles, and make a text search for
// "pear" / "梨" hit roughly one product in eight, like a real mixed catalog.
const FRUITS: Array<[string, string]> = [
  ['梨', 'pear'],
  ['苹果', 'apple'],
  ['樱桃', 'cherry'],
  ['花生', 'peanut'],
  ['地瓜', 'sweet potato'],
  ['红枣', 'jujube'],
  ['核桃', 'walnut'],
  ['小米', 'millet'],
];
const STYLES: Array<[string, string]> = [
  ['精选', 'selected'],
  ['有机', 'organic'],
  ['老树', 'old-tree'],
  ['山地', 'hillside'],
  ['河畔', 'riverside'],
];
const SEASONS: HarvestWindow[][] = [[], [{ fromMonth: 9, toMonth: 10 }], [{ fromMonth: 5, toMonth: 6 }], [{ fromMonth: 11, toMonth: 2 }]];

/**
 * Fills a fresh database with a synthetic cooperative of `productCount` products (two or three
 * variants each), 50 stories and a few story links per story, through the catalog writers.
 *
 * @example
 * const catalog = await generateBenchCatalog(db, 10_000);
 */
export async function generateBenchCatalog(db: TerroirDatabase['db'], productCount: number): Promise<BenchCatalog> {
  const coop = await createCooperative(db, {
    slug: BENCH_COOP_SLUG,
    name: { 'zh-CN': '基准测试合作社', en: 'Benchmark cooperative' },
    description: { 'zh-CN': '生成的目录。', en: 'A generated catalog.' },
    place: { name: { 'zh-CN': '莱阳', en: 'Laiyang' } },
    contact: {},
    allowedOrigins: ['http://127.0.0.1'],
  });
  const producerIds: string[] = [];
  for (let i = 0; i < 20; i++) {
    const producer = await createProducer(db, {
      cooperativeId: coop.id,
      slug: `producer-${i}`,
      kind: i % 3 === 0 ? 'artisan' : 'farmer',
      name: { 'zh-CN': `生产者${i}`, en: `Producer ${i}` },
      profile: { 'zh-CN': '生成的简介。', en: 'A generated profile.' },
    });
    producerIds.push(producer.id);
  }

  const productIds: string[] = [];
  let variantCount = 0;
  // One transaction per batch: a commit per product (an fsync each with synchronous=FULL) made
  // seeding 100k products take most of an hour; the rows and their index are the same.
  const addProduct = async (trx: TerroirDatabase['db'], i: number) => {
    const [fruitZh, fruitEn] = FRUITS[i % FRUITS.length]!;
    const [styleZh, styleEn] = STYLES[Math.floor(i / FRUITS.length) % STYLES.length]!;
    const base = 1000 + ((i * 7919) % 20000);
    const variants: NewVariant[] = [
      { sku: `B${i}-1`, label: { 'zh-CN': '1斤', en: '1 jin' }, priceMinor: base, unit: 'jin', unitQuantity: 1, stockOnHand: i % 50 },
      { sku: `B${i}-5`, label: { 'zh-CN': '5斤', en: '5 jin' }, priceMinor: base * 4, unit: 'jin', unitQuantity: 5, stockOnHand: 20 },
    ];
    if (i % 3 === 0) {
      variants.push({
        sku: `B${i}-box`,
        label: { 'zh-CN': '礼盒', en: 'Gift box' },
        priceMinor: base * 5,
        unit: 'box',
        unitQuantity: 1,
        netGrams: 2500,
        stockOnHand: 5,
      });
    }
    variantCount += variants.length;
    const product = await createProduct(trx, {
      cooperativeId: coop.id,
      slug: `product-${i}`,
      producerId: producerIds[i % producerIds.length]!,
      category: PRODUCT_CATEGORIES[i % PRODUCT_CATEGORIES.length]!,
      title: { 'zh-CN': `${styleZh}${fruitZh} ${i}号`, en: `${styleEn} ${fruitEn} no. ${i}` },
      summary: { 'zh-CN': `第${i}号生成商品的简介。`, en: `Summary of generated product ${i}.` },
      description: { 'zh-CN': '生成的描述。'.repeat(5), en: 'A generated description. '.repeat(5) },
      images: [{ url: `/media/p${i % 12}.svg`, alt: { 'zh-CN': fruitZh, en: fruitEn }, width: 320, height: 240 }],
      tags: [fruitEn.replace(' ', '-'), styleEn],
      certifications: i % 10 === 0 ? [{ kind: 'green-food' }] : [],
      harvestWindows: SEASONS[i % SEASONS.length]!,
      preorder: i % 2 === 0,
      position: i,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      variants,
    });
    productIds.push(product.id);
  };
  for (let start = 0; start < productCount; start += SEED_BATCH) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(start + SEED_BATCH, productCount); i++) await addProduct(trx, i);
    });
  }

  let storyLinks = 0;
  for (let s = 0; s < 50; s++) {
    const story = await createStory(db, {
      cooperativeId: coop.id,
      slug: `story-${s}`,
      kind: 'history',
      title: { 'zh-CN': `故事${s}`, en: `Story ${s}` },
      summary: { 'zh-CN': '生成的故事。', en: 'A generated story.' },
      body: { 'zh-CN': '正文。', en: 'Body.' },
      media: [],
    });
    // Stories link to products spread over the whole catalog, including the first page.
    for (let k = 0; k < 4; k++) {
      await linkStoryToProduct(db, story.id, productIds[(s * 197 + k * 2503) % productIds.length]!, 'featured-in', k);
      storyLinks += 1;
    }
  }
  return {
    products: productCount,
    variants: variantCount,
    stories: 50,
    storyLinks,
    sampleProductSlug: `product-${Math.floor(productCount / 2)}`,
  };
}
