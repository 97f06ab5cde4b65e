import { createProduct, createStory, linkStoryToProduct } from '@terroir/core';
import { DEMO_COOP_SLUG, seedDemoVillage } from '@terroir/core/seed';
import type { TestDialect } from '@terroir/core/testing';
import { createPages, type PagesOptions } from '../src/index';

/** Late September in Shanghai: pears in season, so the demo shows its ordinary face. */
export const PAGES_NOW = new Date('2026-09-20T04:00:00.000Z');
export const BASE_URL = 'https://pears.example.cn';

/**
 * The demo village plus things that must never show: a draft and an archived product, and a
 * draft story linked to a public product.
 */
export async function openPagesTestSite(dialect: TestDialect, options: Partial<PagesOptions> = {}) {
  const database = await dialect.open();
  const seed = await seedDemoVillage(database.db);
  const coop = await database.db.selectFrom('cooperatives').select('id').where('slug', '=', DEMO_COOP_SLUG).executeTakeFirstOrThrow();
  const hidden = (slug: string, status: 'draft' | 'archived') =>
    createProduct(database.db, {
      cooperativeId: coop.id,
      slug,
      category: 'fresh',
      title: { 'zh-CN': `隐藏 ${slug}`, en: `Hidden ${slug}` },
      summary: {},
      description: {},
      images: [],
      tags: [],
      certifications: [],
      harvestWindows: [],
      status,
      variants: [{ label: { en: 'x' }, priceMinor: 100, unit: 'kg', unitQuantity: 1, stockOnHand: 5 }],
    });
  await hidden('secret-draft-pear', 'draft');
  await hidden('old-archived-pear', 'archived');
  const pear = await database.db.selectFrom('products').select('id').where('slug', '=', 'laiyang-pear').executeTakeFirstOrThrow();
  const draftStory = await createStory(database.db, {
    cooperativeId: coop.id,
    slug: 'unfinished-draft-story',
    kind: 'history',
    title: { 'zh-CN': '未完成的草稿', en: 'Unfinished draft' },
    summary: { en: 'Not yet.' },
    body: { en: 'Not yet.' },
    media: [],
    visibility: 'public',
    status: 'draft',
  });
  await linkStoryToProduct(database.db, draftStory.id, pear.id, 'featured-in');
  const app = createPages({ db: database.db, baseUrl: BASE_URL, now: () => PAGES_NOW, cooperativeCacheMs: 0, ...options });
  return { database, seed, app };
}

/** Public pages of the demo worth checking in every language. */
export const SAMPLE_PAGES = {
  home: '/',
  product: '/products/laiyang-pear',
  craft: '/products/straw-basket',
  story: '/stories/liu-guifang-weaving',
  storyWithProducts: '/stories/grafting-craft',
  producer: '/producers/liu-guifang-weaver',
  notFound: '/products/secret-draft-pear',
} as const;
