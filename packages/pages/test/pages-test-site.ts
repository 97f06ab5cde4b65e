import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProduct, createStory, LocalDiskStorage, linkStoryToProduct } from '@terroir/core';
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
  // A sold-out product and a story with a film, which the demo seed has neither of.
  const soldOut = await createProduct(database.db, {
    cooperativeId: coop.id,
    slug: 'last-years-cider',
    category: 'processed',
    title: { 'zh-CN': '去年的梨酒', en: "Last year's perry" },
    summary: { 'zh-CN': '卖完了。', en: 'All gone.' },
    description: {},
    images: [],
    tags: [],
    certifications: [],
    harvestWindows: [],
    variants: [{ sku: 'PERRY-750', label: { 'zh-CN': '750毫升', en: '750 ml' }, priceMinor: 4500, unit: 'piece', unitQuantity: 1, stockOnHand: 0 }],
  });
  const film = await createStory(database.db, {
    cooperativeId: coop.id,
    slug: 'harvest-film',
    kind: 'festival',
    title: { 'zh-CN': '摘梨的一天', en: 'A day of picking' },
    summary: { 'zh-CN': '一段短片。', en: 'A short film.' },
    body: { 'zh-CN': '天刚亮就上树。', en: 'Up the trees at first light.' },
    media: [
      { kind: 'image', url: '/media/laiyang-pear.svg', alt: { 'zh-CN': '梨', en: 'A pear' }, width: 320, height: 240 },
      {
        kind: 'video',
        url: '/media/harvest.mp4',
        mimeType: 'video/mp4',
        durationSeconds: 95,
        width: 640,
        height: 360,
        caption: { 'zh-CN': '摘梨', en: 'Picking pears' },
        credit: { 'zh-CN': '合作社', en: 'The cooperative' },
        transcript: { 'zh-CN': '王大爷：慢点摘，别碰伤了。', en: 'Grandpa Wang: pick slowly, do not bruise them.' },
      },
    ],
    place: { name: { 'zh-CN': '王家梨园', en: 'Wang orchard' }, latitude: 36.99, longitude: 120.7 },
  });
  await linkStoryToProduct(database.db, film.id, pear.id, 'featured-in');
  await linkStoryToProduct(database.db, film.id, soldOut.id, 'featured-in');
  // Memories sent in (issue 11) store their photos here; the demo's map stays without an image.
  const memories = { storage: new LocalDiskStorage({ folder: mkdtempSync(join(tmpdir(), 'terroir-pages-memories-')) }), ipSalt: 'pages-test' };
  const app = createPages({ db: database.db, baseUrl: BASE_URL, now: () => PAGES_NOW, cooperativeCacheMs: 0, memories, ...options });
  return { database, seed, app };
}

/** Public pages of the demo worth checking in every language. */
export const SAMPLE_PAGES = {
  home: '/',
  product: '/products/laiyang-pear',
  craft: '/products/straw-basket',
  story: '/stories/liu-guifang-weaving',
  storyWithProducts: '/stories/grafting-craft',
  film: '/stories/harvest-film',
  soldOut: '/products/last-years-cider',
  producer: '/producers/liu-guifang-weaver',
  museum: '/museum',
  museumPlace: '/museum/places/old-pear-orchard',
  museumPerson: '/museum/people/liu-guifang',
  museumHall: '/museum/halls/craft-hall',
  museumTimeline: '/museum/timeline',
  memories: '/museum/memories',
  memoryForm: '/museum/memories/new',
  memorySent: '/museum/memories/new?sent=1',
  notFound: '/products/secret-draft-pear',
} as const;
