import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChronicleEntry, createCooperative, createHall, createPerson, createPlace, createProduct, setMuseumLinks } from '@terroir/core';
import { LocalDiskStorage, ingestMedia, listPeopleForEditing, listPlacesForEditing, setMuseumMap, updatePerson, updatePlace } from '@terroir/core';
import { listChronicleForEditing, updateChronicleEntry } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableNode, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs } from 'kysely';
import { createStorefront } from '../storefront';

/** Counts the reads of one table through the app's database handle. */
function countingReadsOf(table: string): KyselyPlugin & { count: number } {
  const plugin = {
    count: 0,
    transformQuery({ node }: PluginTransformQueryArgs) {
      const from = node.kind === 'SelectQueryNode' ? (node.from?.froms ?? []) : [];
      if (from.some((f) => TableNode.is(f) && f.table.identifier.name === table)) plugin.count += 1;
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs) => result,
  };
  return plugin;
}

type Json = any;

for (const dialect of TEST_DIALECTS) {
  describe(`public museum API on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createStorefront>;
    beforeEach(async () => {
      database = await dialect.open();
      const coop = await createCooperative(database.db, {
        slug: 'pear',
        name: { 'zh-CN': '梨乡' },
        description: {},
        place: { name: {} },
        contact: {},
        allowedOrigins: [],
      });
      const other = await createCooperative(database.db, {
        slug: 'other',
        name: { 'zh-CN': '别村' },
        description: {},
        place: { name: {} },
        contact: {},
        allowedOrigins: [],
      });
      const product = await createProduct(database.db, {
        cooperativeId: coop.id,
        slug: 'pear',
        category: 'fresh',
        title: { 'zh-CN': '莱阳梨', en: 'Laiyang pear' },
        summary: {},
        description: {},
        images: [],
        tags: [],
        certifications: [],
        harvestWindows: [],
        variants: [{ label: { 'zh-CN': '5斤' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 10 }],
      } as never);
      const orchard = await createPlace(database.db, coop.id, {
        slug: 'old-orchard',
        kind: 'orchard',
        name: { 'zh-CN': '百年梨园', en: 'Old orchard' },
        description: { 'zh-CN': '<img src=x onerror=alert(1)>老树' },
        pin: { x: 0.3, y: 0.6 },
      });
      const secret = await createPlace(database.db, coop.id, {
        slug: 'sacred',
        kind: 'temple',
        name: { 'zh-CN': '祭林' },
        visibility: 'community',
        pin: { x: 0.5, y: 0.5 },
      });
      await createPlace(database.db, other.id, { slug: 'elsewhere', kind: 'well', name: { 'zh-CN': '别村井' } });
      const wang = await createPerson(database.db, coop.id, {
        slug: 'wang',
        name: { 'zh-CN': '王师傅（示例人物）', en: 'Master Wang (demo person)' },
        born: { precision: 'year', year: 1948 },
      });
      await createPerson(database.db, coop.id, { slug: 'draft-person', name: { 'zh-CN': '草稿' }, status: 'draft' });
      await setMuseumLinks(database.db, coop.id, { kind: 'place', id: orchard.id }, { products: [product.id], people: [wang.id] });
      const entry = await createChronicleEntry(database.db, {
        cooperativeId: coop.id,
        slug: 'bridge',
        date: { precision: 'year', year: 1935 },
        title: { 'zh-CN': '修桥' },
        body: {},
      });
      await setMuseumLinks(database.db, coop.id, { kind: 'chronicle', id: entry.id }, { places: [orchard.id, secret.id] });
      await createHall(database.db, coop.id, {
        slug: 'pear-hall',
        title: { 'zh-CN': '梨乡馆', en: 'Pear hall' },
        exhibits: [
          { kind: 'place', targetId: orchard.id, caption: { en: 'The trees' } },
          { kind: 'place', targetId: secret.id },
          { kind: 'chronicle', targetId: entry.id },
        ],
      });
      app = createStorefront({ db: database.db });
    });
    afterEach(() => database.destroy());

    const getJson = async (path: string, headers: Record<string, string> = {}) => {
      const res = await app.request(path, { headers });
      return { res, body: (await res.json()) as Json };
    };

    it('serves the overview with the map pins of public places only', async () => {
      const { res, body } = await getJson('/v1/coops/pear/museum?lang=en');
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBeTruthy();
      expect(body.museum.counts).toEqual({ halls: 1, places: 1, people: 1, chronicle: 1 });
      expect(body.museum.map).toEqual({ mediaId: null, image: null, pins: [{ slug: 'old-orchard', name: 'Old orchard', kind: 'orchard', x: 0.3, y: 0.6 }] });
      expect(body.museum.halls.map((h: Json) => h.slug)).toEqual(['pear-hall']);
      expect(JSON.stringify(body)).not.toMatch(/sacred|祭林|草稿|别村/);
    });

    it('serves places, people, halls and chronicle entries with linked products in minor units', async () => {
      const place = await getJson('/v1/coops/pear/museum/places/old-orchard?lang=en');
      expect(place.res.status).toBe(200);
      expect(place.body.place.products).toEqual([{ slug: 'pear', title: 'Laiyang pear', priceFromMinor: 6800, currency: 'CNY' }]);
      expect(place.body.place.descriptionHtml).not.toContain('<img');
      expect(place.body.place.people.map((p: Json) => p.slug)).toEqual(['wang']);
      expect((await getJson('/v1/coops/pear/museum/people/wang?lang=zh-CN')).body.person).toMatchObject({ name: '王师傅（示例人物）', lifeText: '1948年 –' });
      const hall = await getJson('/v1/coops/pear/museum/halls/pear-hall?lang=en');
      expect(hall.body.hall.exhibits.map((e: Json) => [e.kind, e.slug])).toEqual([
        ['place', 'old-orchard'],
        ['chronicle', 'bridge'],
      ]);
      expect(hall.body.hall.exhibits[0].products[0].priceFromMinor).toBe(6800);
      const entry = await getJson('/v1/coops/pear/museum/chronicle/bridge');
      expect(entry.body.entry.places.map((p: Json) => p.slug)).toEqual(['old-orchard']);
      const lists = await Promise.all(['places', 'people', 'halls'].map((l) => getJson(`/v1/coops/pear/museum/${l}`)));
      expect(lists.map((l) => l.body.items.map((i: Json) => i.slug))).toEqual([['old-orchard'], ['wang'], ['pear-hall']]);
    });

    it('answers 404 for community-only, draft and other cooperatives’ records', async () => {
      for (const path of ['places/sacred', 'people/draft-person', 'places/elsewhere', 'halls/nope', 'chronicle/nope']) {
        const { res, body } = await getJson(`/v1/coops/pear/museum/${path}`);
        expect(res.status, path).toBe(404);
        expect(body.error.code, path).toBe('not_found');
      }
      expect((await getJson('/v1/coops/nowhere/museum')).res.status).toBe(404);
    });

    it('answers hostile and bad input with 4xx JSON naming the field, never a 5xx', async () => {
      for (const [path, field] of [
        ['places?limit=0', 'limit'],
        ['people?limit=abc', 'limit'],
        ['halls?cursor=bm90LWEtY3Vyc29y', 'cursor'],
        ['places?cursor=%22%3Bdrop', 'cursor'],
        ['places/%3Cscript%3E', 'place'],
        ['people/a%27%20or%201%3D1', 'person'],
        ['places?lang=fr', 'lang'],
      ] as const) {
        const { res, body } = await getJson(`/v1/coops/pear/museum/${path}`);
        expect(res.status, path).toBe(400);
        expect(body.error.field, path).toBe(field);
      }
      for (const path of [`places/${'a'.repeat(500)}`, 'halls/%00', 'chronicle/%F0%9F%8D%90', 'places?cursor=' + 'A'.repeat(600)]) {
        const res = await app.request(`/v1/coops/pear/museum/${path}`);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
        expect(res.headers.get('content-type'), path).toMatch(/json/);
      }
    });
    it('resolves media URLs with the museum storage, and leaves them out without it', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'terroir-museum-api-media-'));
      try {
        const storage = new LocalDiskStorage({ folder, publicPath: '/uploads' });
        const coop = await database.db.selectFrom('cooperatives').select('id').where('slug', '=', 'pear').executeTakeFirstOrThrow();
        const other = await database.db.selectFrom('cooperatives').select('id').where('slug', '=', 'other').executeTakeFirstOrThrow();
        const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
        const { item } = await ingestMedia(database.db, storage, { cooperativeId: coop.id, bytes: png, alt: { 'zh-CN': '村庄地图', en: 'Village map' } });
        await ingestMedia(database.db, storage, { cooperativeId: other.id, bytes: png, alt: { en: 'Elsewhere' } });
        await setMuseumMap(database.db, coop.id, item.id);
        const orchard = (await listPlacesForEditing(database.db, coop.id)).find((p) => p.slug === 'old-orchard')!;
        await updatePlace(database.db, coop.id, orchard.id, { ...orchard, media: [item.id] } as never);
        const wang = (await listPeopleForEditing(database.db, coop.id)).find((p) => p.slug === 'wang')!;
        await updatePerson(database.db, coop.id, wang.id, { ...wang, portraitMediaId: item.id } as never);
        const expected = { id: item.id, url: expect.stringMatching(/^\/uploads\/.+\.png$/), width: 1, height: 1, alt: 'Village map' };

        // Without storage: ids as before, resolved fields null or empty.
        expect((await getJson('/v1/coops/pear/museum?lang=en')).body.museum.map).toMatchObject({ mediaId: item.id, image: null });
        expect((await getJson('/v1/coops/pear/museum/places/old-orchard?lang=en')).body.place).toMatchObject({ media: [item.id], photos: [] });
        expect((await getJson('/v1/coops/pear/museum/people/wang?lang=en')).body.person).toMatchObject({ portraitMediaId: item.id, portrait: null });

        app = createStorefront({ db: database.db, museum: { storage } });
        expect((await getJson('/v1/coops/pear/museum?lang=en')).body.museum.map.image).toEqual(expected);
        expect((await getJson('/v1/coops/pear/museum/places/old-orchard?lang=en')).body.place.photos).toEqual([expected]);
        const person = (await getJson('/v1/coops/pear/museum/people/wang?lang=zh-CN')).body.person;
        expect(person.portrait).toEqual({ ...expected, alt: '村庄地图' });
        expect(JSON.stringify(person)).not.toContain('Elsewhere');
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    it('serves a person’s voice recordings and an entry’s media with caption, transcript and playing time, one media query per answer', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'terroir-museum-api-voice-'));
      try {
        const storage = new LocalDiskStorage({ folder, publicPath: '/uploads' });
        const coop = await database.db.selectFrom('cooperatives').select('id').where('slug', '=', 'pear').executeTakeFirstOrThrow();
        const tone = (seconds: number) => {
          const bytes = Buffer.alloc(44 + seconds * 16000);
          bytes.write('RIFF----WAVEfmt ', 0, 'latin1');
          bytes.writeUInt32LE(16, 16);
          bytes.writeUInt16LE(1, 20);
          bytes.writeUInt16LE(1, 22);
          bytes.writeUInt32LE(8000, 24);
          bytes.writeUInt32LE(16000, 28);
          bytes.writeUInt16LE(2, 32);
          bytes.writeUInt16LE(16, 34);
          bytes.write('data', 36, 'latin1');
          bytes.writeUInt32LE(seconds * 16000, 40);
          return bytes;
        };
        const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
        const ingest = async (bytes: Buffer, text: Record<string, unknown>) =>
          (await ingestMedia(database.db, storage, { cooperativeId: coop.id, bytes, ...text })).item.id;
        const song = await ingest(tone(3), {
          caption: { 'zh-CN': '织席时唱的歌', en: 'A weaving song' },
          transcript: { 'zh-CN': '一根草，两只手', en: 'One straw, two hands' },
        });
        const talk = await ingest(tone(1), {});
        const photo = await ingest(png, { alt: { 'zh-CN': '石桥', en: 'The stone bridge' } });
        const wang = (await listPeopleForEditing(database.db, coop.id)).find((p) => p.slug === 'wang')!;
        await updatePerson(database.db, coop.id, wang.id, { ...wang, portraitMediaId: photo, recordings: [talk, song] } as never);
        const bridge = (await listChronicleForEditing(database.db, coop.id)).find((e) => e.slug === 'bridge')!;
        await updateChronicleEntry(database.db, coop.id, bridge.id, { ...bridge, media: [photo, song] });

        const media = countingReadsOf('media');
        app = createStorefront({ db: database.db.withPlugin(media), museum: { storage } });
        const person = (await getJson('/v1/coops/pear/museum/people/wang?lang=en')).body.person;
        expect(media.count).toBe(1);
        expect(person.recordingMediaIds).toEqual([talk, song]);
        expect(person.recordings).toEqual([
          {
            id: talk,
            kind: 'audio',
            url: expect.stringMatching(/^\/uploads\/.+\.wav$/),
            mimeType: 'audio/wav',
            width: null,
            height: null,
            alt: '',
            caption: null,
            transcript: null,
            durationSeconds: 1,
            locale: 'en',
          },
          {
            id: song,
            kind: 'audio',
            url: expect.stringMatching(/\.wav$/),
            mimeType: 'audio/wav',
            width: null,
            height: null,
            alt: '',
            caption: 'A weaving song',
            transcript: 'One straw, two hands',
            durationSeconds: 3,
            locale: 'en',
          },
        ]);
        expect(person.portrait).toMatchObject({ id: photo, alt: 'The stone bridge' });
        const zh = (await getJson('/v1/coops/pear/museum/people/wang?lang=zh-CN')).body.person;
        expect(zh.recordings[1]).toMatchObject({ caption: '织席时唱的歌', transcript: '一根草，两只手', locale: 'zh-CN' });

        media.count = 0;
        const entry = (await getJson('/v1/coops/pear/museum/chronicle/bridge?lang=en')).body.entry;
        expect(media.count).toBe(1);
        expect(entry.mediaItems.map((m: Json) => [m.id, m.kind, m.alt, m.durationSeconds])).toEqual([
          [photo, 'image', 'The stone bridge', null],
          [song, 'audio', '', 3],
        ]);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    it('answers the timeline with each entry’s goods and media: one request per page, one media query', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'terroir-museum-api-timeline-'));
      try {
        const storage = new LocalDiskStorage({ folder, publicPath: '/uploads' });
        const coop = await database.db.selectFrom('cooperatives').select('id').where('slug', '=', 'pear').executeTakeFirstOrThrow();
        const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
        const { item } = await ingestMedia(database.db, storage, { cooperativeId: coop.id, bytes: png, alt: { en: 'The bridge in 1935' } });
        const product = await database.db.selectFrom('products').select('id').where('slug', '=', 'pear').executeTakeFirstOrThrow();
        const bridge = (await listChronicleForEditing(database.db, coop.id)).find((e) => e.slug === 'bridge')!;
        await updateChronicleEntry(database.db, coop.id, bridge.id, { ...bridge, media: [item.id] });
        await setMuseumLinks(database.db, coop.id, { kind: 'chronicle', id: bridge.id }, { products: [product.id] });
        const later = await createChronicleEntry(database.db, {
          cooperativeId: coop.id,
          slug: 'well',
          date: { precision: 'year', year: 1950 },
          title: { en: 'A new well' },
          body: {},
          media: [item.id],
        });
        void later;
        const media = countingReadsOf('media');
        app = createStorefront({ db: database.db.withPlugin(media), museum: { storage } });
        const { res, body } = await getJson('/v1/coops/pear/timeline?lang=en');
        expect(res.status).toBe(200);
        expect(media.count).toBe(1);
        expect(body.items.map((e: Json) => [e.slug, e.products.map((p: Json) => [p.slug, p.priceFromMinor]), e.mediaItems.map((m: Json) => m.alt)])).toEqual([
          ['bridge', [['pear', 6800]], ['The bridge in 1935']],
          ['well', [], ['The bridge in 1935']],
        ]);
        // Without storage: ids only.
        app = createStorefront({ db: database.db });
        const plain = (await getJson('/v1/coops/pear/timeline?lang=en')).body.items[0];
        expect(plain).toMatchObject({ media: [item.id], mediaItems: [], products: [{ slug: 'pear' }] });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });
  });
}
