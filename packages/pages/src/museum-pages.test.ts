import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import type { Hono } from 'hono';
import { BASE_URL, openPagesTestSite } from '../test/pages-test-site';
import { qrMatrix } from './qr/qr-svg';

type Json = any;
const jsonLdOf = (html: string): Json[] => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
const types = (html: string) => jsonLdOf(html).flatMap((n) => (Array.isArray(n) ? n : [n]).map((x: Json) => x['@type']));
/** Community-only records of the demo museum: never in pages, sitemap or JSON-LD. */
const PRIVATE = /family-graves|祖茔|The family graves|elders-only-rites|祠堂祭祀的规矩/;

for (const dialect of TEST_DIALECTS) {
  describe(`museum pages on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let app: Hono;
    beforeAll(async () => {
      ({ database, app } = await openPagesTestSite(dialect));
    });
    afterAll(async () => {
      await database?.destroy();
    });
    const html = async (path: string, status = 200) => {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      return res.text();
    };

    it('shows the overview: halls, the map with each place a named link, people, a timeline excerpt', async () => {
      const page = await html('/zh-CN/museum');
      expect(page).toContain('href="/zh-CN/museum/halls/pear-hall"');
      expect(page).toMatch(/<li style="left:28\.00%;top:62\.00%"><a href="\/zh-CN\/museum\/places\/old-pear-orchard" aria-label="河滩老梨园（果园）">/);
      expect(page).toContain('href="/zh-CN/museum/people/liu-guifang"');
      expect(page).toContain('href="/zh-CN/museum/timeline#kong-rong-tale"');
      expect(page).toContain('<link rel="alternate" hreflang="en" href="https://pears.example.cn/en/museum"/>');
      expect(types(page)).toContain('Museum');
      expect(page).not.toMatch(PRIVATE);
    });

    it('links each exhibit to the goods it explains, and each product back to its place in the museum', async () => {
      const place = await html('/en/museum/places/old-pear-orchard');
      expect(place).toContain('href="/en/products/laiyang-pear"');
      expect(place).toMatch(/from CN¥\d+\.\d\d/);
      const ld = jsonLdOf(place);
      expect(ld.map((n) => n['@type'])).toEqual(expect.arrayContaining(['Place', 'CreativeWork', 'BreadcrumbList']));
      expect(ld.find((n) => n['@type'] === 'CreativeWork').about.some((a: Json) => a['@type'] === 'Product')).toBe(true);
      const person = await html('/en/museum/people/liu-guifang');
      expect(person).toContain('href="/en/products/straw-basket"');
      expect(jsonLdOf(person).find((n) => n['@type'] === 'Person')).toMatchObject({ name: 'Liu Guifang (demo person)', birthDate: '1956' });
      const product = await html('/en/products/laiyang-pear');
      expect(product).toContain('href="/en/museum/places/old-pear-orchard"');
      expect(product).toContain('href="/en/museum/halls/pear-hall"');
      // A story page too: the places and people that tell it, the halls that show it.
      const story = await html('/en/stories/liu-guifang-weaving');
      expect(story).toContain('href="/en/museum/places/straw-workshop"');
      expect(story).toContain('href="/en/museum/halls/craft-hall"');
    });

    it('shows a hall as a Collection of exhibits in order and the timeline with temporal coverage', async () => {
      const hall = await html('/zh-CN/museum/halls/village-history-hall');
      const collection = jsonLdOf(hall).find((n) => n['@type'] === 'Collection');
      expect(collection.hasPart.map((p: Json) => p.headline)).toEqual(['建村的传说', '村口老井', '修村南石桥', '梨园承包到户', '合作社成立']);
      expect(hall).not.toMatch(PRIVATE);
      const timeline = await html('/en/museum/timeline');
      const entries = jsonLdOf(timeline).filter((n) => n['@type'] === 'CreativeWork');
      expect(entries[0]).toMatchObject({ headline: 'The tale of Kong Rong and the pear', temporalCoverage: '0025/0220' });
      expect(entries.find((e) => e.url.endsWith('#stone-bridge-1935')).temporalCoverage).toBe('1935');
      // A story that carries a date sits among the entries, right after the chronicle entry of the same date, and links to its own page.
      expect(entries[1]).toMatchObject({ url: 'https://pears.example.cn/en/stories/kong-rong-pears', temporalCoverage: '0025/0220' });
      expect(timeline).toContain('<h2 lang="en"><a href="/en/stories/kong-rong-pears">');
      expect(timeline).not.toMatch(PRIVATE);
      // Filtered by period: only entries whose years overlap the Republic (1912–1949).
      const republic = await html('/en/museum/timeline?period=republic');
      const slugs = jsonLdOf(republic)
        .filter((n) => n['@type'] === 'CreativeWork')
        .map((n) => n.url.split('#')[1]);
      // The Qing (to 1912) and 1949 overlap it; the community-only Qing entry never shows.
      expect(slugs).toEqual(['old-well-dug', 'straw-weaving-thirties', 'stone-bridge-1935', 'prc-founded']);
      expect(republic).toContain('<span aria-current="page">Republic of China</span>');
    });

    it('answers community-only, unknown and malformed addresses with 404/400, never a 5xx', async () => {
      await html('/zh-CN/museum/places/family-graves', 404);
      await html('/en/museum/people/nobody', 404);
      await html('/en/museum/halls/%3Cscript%3E', 404);
      await html('/en/museum/timeline?cursor=bm90LWEtY3Vyc29y', 400);
      await html('/en/museum/timeline?cursor=%22%3B', 400);
      await html('/en/museum/timeline?period=atlantis', 400);
      const res = await app.request('/zh-CN/museum/places/old-well');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    });

    it('draws a QR code for a public place that opens its museum page (a QR on the old well), none for a private one', async () => {
      const res = await app.request('/qr/place/old-well.svg?lang=en');
      expect(res.status).toBe(200);
      const svg = await res.text();
      expect(svg).toContain('<title>QR: The old well</title>');
      // The SVG draws exactly the modules of the place page's URL.
      const size = Number(svg.match(/viewBox="0 0 (\d+) \d+"/)![1]);
      const n = size - 8;
      const grid = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
      for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) for (let i = 0; i < Number(m[3]); i++) grid[Number(m[2]) - 4]![Number(m[1]) - 4 + i] = true;
      expect(grid).toEqual(qrMatrix(`${BASE_URL}/en/museum/places/old-well`));
      expect((await app.request('/qr/place/family-graves.svg')).status).toBe(404);
      expect((await app.request('/qr/place/%3Cx%3E.svg')).status).toBe(404);
    });

    it("draws QR codes for people and halls, and prints label sheets of places, people and a hall's exhibits", async () => {
      const person = await app.request('/qr/person/liu-guifang.svg?lang=en');
      expect(person.status).toBe(200);
      expect(await person.text()).toContain('<title>QR: Liu Guifang (demo person)</title>');
      const hallQr = await app.request('/qr/hall/craft-hall.svg');
      expect(hallQr.status).toBe(200);
      expect((await app.request('/qr/person/nobody.svg')).status).toBe(404);

      const places = await html('/qr/labels?places=old-well,old-pear-orchard&lang=en');
      expect(places.match(/<li class="label">/g)).toHaveLength(2);
      expect(places).toContain('<p class="zh" lang="zh-CN">村口老井</p>');
      expect(places).toContain('<p class="en" lang="en">The old well</p>');
      expect(places).toContain('<title>QR: The old well</title>');
      expect(places).toContain('Scan for the museum page');

      const people = await html('/qr/labels?people=liu-guifang');
      expect(people.match(/<li class="label">/g)).toHaveLength(1);

      // A hall's sheet: one label per public exhibit, in order, each opening the hall at that exhibit.
      const hallPage = await html('/zh-CN/museum/halls/village-history-hall');
      const anchors = [...hallPage.matchAll(/<li class="card" id="(exhibit-[^"]+)">/g)].map((m) => m[1]);
      expect(anchors.length).toBe(5);
      const sheet = await html('/qr/labels?hall=village-history-hall');
      const titles = [...sheet.matchAll(/<title>QR: ([^<]+)<\/title>/g)].map((m) => m[1]);
      expect(titles).toEqual(['建村的传说', '村口老井', '修村南石桥', '梨园承包到户', '合作社成立']);
      expect(sheet).not.toMatch(PRIVATE);
      // Each code draws the hall page's URL with the exhibit's fragment.
      const size = (svg: string) => Number(svg.match(/viewBox="0 0 (\d+) \d+"/)![1]);
      const codes = [...sheet.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
      expect(codes).toHaveLength(5);
      const grid = (svg: string) => {
        const n = size(svg) - 8;
        const g = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
        for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) for (let i = 0; i < Number(m[3]); i++) g[Number(m[2]) - 4]![Number(m[1]) - 4 + i] = true;
        return g;
      };
      expect(grid(codes[1]!)).toEqual(qrMatrix(`${BASE_URL}/zh-CN/museum/halls/village-history-hall#${anchors[1]}`));

      const problems: Array<[string, number, string]> = [
        ['/qr/labels?places=old-well&people=liu-guifang', 400, 'people'],
        ['/qr/labels?hall=craft-hall,pear-hall', 400, 'hall'],
        ['/qr/labels?places=%3Cscript%3E', 400, 'places'],
        ['/qr/labels?places=old-well,family-graves', 404, 'places'],
        ['/qr/labels?people=nobody', 404, 'people'],
        ['/qr/labels?hall=no-such-hall', 404, 'hall'],
      ];
      for (const [path, status, field] of problems) {
        const res = await app.request(path);
        expect(res.status, path).toBe(status);
        const body = (await res.json()) as Json;
        expect(body.error.field, path).toBe(field);
        expect(res.headers.get('content-type')).toContain('application/json');
      }
    });

    it('lists public museum pages in the sitemap with hreflang, never community-only ones', async () => {
      const sitemap = await html('/sitemap.xml');
      expect(sitemap).toContain('<loc>https://pears.example.cn/zh-CN/museum</loc>');
      expect(sitemap).toContain('<loc>https://pears.example.cn/en/museum/timeline</loc>');
      expect(sitemap).toContain('hreflang="en" href="https://pears.example.cn/en/museum/places/old-pear-orchard"');
      expect(sitemap).toContain('https://pears.example.cn/zh-CN/museum/halls/craft-hall');
      expect(sitemap).not.toMatch(PRIVATE);
    });
  });
}

describe('museum pages with the media library (issue 11)', () => {
  it('draws the pins over the uploaded village map and shows a person’s portrait', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { LocalDiskStorage, ingestMedia, loadPerson, listPeopleForEditing, setMuseumMap, updatePerson } = await import('@terroir/core');
    const folder = await mkdtemp(join(tmpdir(), 'terroir-museum-map-'));
    const media = new LocalDiskStorage({ folder, publicPath: '/uploads' });
    const { database, app } = await openPagesTestSite(TEST_DIALECTS[0]!, { media });
    try {
      const coop = await database.db.selectFrom('cooperatives').select('id').executeTakeFirstOrThrow();
      const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
      const { item } = await ingestMedia(database.db, media, {
        cooperativeId: coop.id,
        bytes: png,
        alt: { 'zh-CN': '手绘村庄地图', en: 'Hand-drawn village map' },
      });
      await setMuseumMap(database.db, coop.id, item.id);
      const liu = (await listPeopleForEditing(database.db, coop.id)).find((p) => p.slug === 'liu-guifang')!;
      await updatePerson(database.db, coop.id, liu.id, { ...liu, portraitMediaId: item.id });
      expect((await loadPerson(database.db, coop.id, liu.id))!.portraitMediaId).toBe(item.id);
      const overview = await (await app.request('/en/museum')).text();
      expect(overview).toMatch(/<div class="map"><img src="\/uploads\/[^"]+" alt="Village map"/);
      const person = await (await app.request('/en/museum/people/liu-guifang')).text();
      expect(person).toMatch(/<img class="portrait" src="\/uploads\/[^"]+" alt="Hand-drawn village map"/);
      expect(person).toContain('<meta property="og:image" content="https://pears.example.cn/uploads/');
    } finally {
      await database.destroy();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`museum pages with voice recordings and chronicle media on ${dialect.name} (issue 11)`, () => {
    it('plays a person’s recordings with caption and transcript (JSON-LD AudioObject), and shows an entry’s picture and recording', async () => {
      const { mkdtemp, rm } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { LocalDiskStorage, ingestMedia, listChronicleForEditing, listPeopleForEditing, updateChronicleEntry, updatePerson } = await import(
        '@terroir/core'
      );
      const folder = await mkdtemp(join(tmpdir(), 'terroir-museum-voice-'));
      const media = new LocalDiskStorage({ folder, publicPath: '/uploads' });
      const { database, app } = await openPagesTestSite(dialect, { media });
      try {
        const coop = await database.db.selectFrom('cooperatives').select('id').executeTakeFirstOrThrow();
        const tone = Buffer.alloc(44 + 2 * 16000);
        tone.write('RIFF----WAVEfmt ', 0, 'latin1');
        tone.writeUInt32LE(16, 16);
        tone.writeUInt16LE(1, 20);
        tone.writeUInt16LE(1, 22);
        tone.writeUInt32LE(8000, 24);
        tone.writeUInt32LE(16000, 28);
        tone.writeUInt16LE(2, 32);
        tone.writeUInt16LE(16, 34);
        tone.write('data', 36, 'latin1');
        tone.writeUInt32LE(2 * 16000, 40);
        const { item: voice } = await ingestMedia(database.db, media, {
          cooperativeId: coop.id,
          bytes: tone,
          caption: { 'zh-CN': '刘桂芳讲编草', en: 'Liu Guifang on weaving <b>' },
          transcript: { 'zh-CN': '麦秸要先泡软。', en: 'Soak the straw first.\n\nThen weave.' },
        });
        const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
        const { item: picture } = await ingestMedia(database.db, media, {
          cooperativeId: coop.id,
          bytes: png,
          alt: { 'zh-CN': '石桥旧照', en: 'The bridge, an old photo' },
        });
        const liu = (await listPeopleForEditing(database.db, coop.id)).find((p) => p.slug === 'liu-guifang')!;
        await updatePerson(database.db, coop.id, liu.id, { ...liu, recordings: [voice.id] });
        const entry = (await listChronicleForEditing(database.db, coop.id)).find((e) => e.visibility === 'public')!;
        await updateChronicleEntry(database.db, coop.id, entry.id, { ...entry, media: [picture.id, voice.id] });

        const person = await (await app.request('/en/museum/people/liu-guifang')).text();
        expect(person).toContain('<h2 id="recordings">In their own voice</h2>');
        expect(person).toMatch(
          /<figcaption lang="en">Liu Guifang on weaving &lt;b><span class="hint"> · 0:02<\/span><\/figcaption><audio controls preload="none" src="\/uploads\/[^"]+\.wav">/,
        );
        expect(person).toContain('<h3>Transcript</h3><p>Soak the straw first.</p><p>Then weave.</p>');
        const node = jsonLdOf(person)
          .flat()
          .find((n: Json) => n['@type'] === 'Person');
        expect(node.subjectOf).toEqual([
          {
            '@type': 'AudioObject',
            contentUrl: expect.stringMatching(/^https:\/\/pears\.example\.cn\/uploads\/.+\.wav$/),
            encodingFormat: 'audio/wav',
            duration: 'PT2S',
            name: 'Liu Guifang on weaving <b>',
            caption: 'Liu Guifang on weaving <b>',
            transcript: 'Soak the straw first.\n\nThen weave.',
            inLanguage: 'en',
          },
        ]);
        const zh = await (await app.request('/zh-CN/museum/people/liu-guifang')).text();
        expect(zh).toContain('<h2 id="recordings">口述录音</h2>');
        expect(zh).toContain('<p>麦秸要先泡软。</p>');

        const timeline = await (await app.request('/en/museum/timeline')).text();
        const item = timeline.slice(timeline.indexOf(`<li id="${entry.slug}">`));
        expect(item.slice(0, item.indexOf('</li>'))).toMatch(
          /<figure class="entry-picture"><img src="\/uploads\/[^"]+" alt="The bridge, an old photo" width="1" height="1" loading="lazy" decoding="async"\/><\/figure><figure class="exhibit-audio">.*<audio controls preload="none"/,
        );
        const work = jsonLdOf(timeline)
          .flat()
          .find((n: Json) => n['@id']?.endsWith(`#${entry.slug}`));
        expect(work.associatedMedia.map((m: Json) => m['@type'])).toEqual(['ImageObject', 'AudioObject']);

        // Without the media storage the pages still render, with no players.
        const plain = await openPagesTestSite(dialect);
        try {
          const coopPlain = await plain.database.db.selectFrom('cooperatives').select('id').executeTakeFirstOrThrow();
          void coopPlain;
          expect(await (await plain.app.request('/en/museum/people/liu-guifang')).text()).not.toContain('<audio');
        } finally {
          await plain.database.destroy();
        }
      } finally {
        await database.destroy();
        await rm(folder, { recursive: true, force: true });
      }
    });
  });
}
