import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative, createProduct } from '../catalog/catalog-writer';
import * as migration from '../db/migrations/0016-museum-recordings';
import { ingestMedia, loadMedia } from '../media/media-library';
import { LocalDiskStorage } from '../media/media-storage';
import { m4aLasting, mp3, oggLasting, png, wav } from '../media/media-test-files';
import { createChronicleEntry, listTimeline, loadChronicleEntry, updateChronicleEntry } from './chronicle';
import { getPublicChronicleEntry, getPublicHall, getPublicPerson, listPublicTimeline } from './museum-reads';
import { createHall } from './halls';
import { setMuseumLinks } from './museum-links';
import { MuseumError } from './museum-records';
import { createPerson, loadPerson, updatePerson } from './people';

const en = { locale: 'en', fallback: 'zh-CN' } as const;

for (const dialect of TEST_DIALECTS) {
  describe(`voice recordings and chronicle media on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let folder: string;
    let storage: LocalDiskStorage;
    let coopId: string;
    let otherId: string;
    let voice: string;
    let secondVoice: string;
    let photo: string;
    let foreignVoice: string;
    beforeEach(async () => {
      database = await dialect.open();
      folder = mkdtempSync(join(tmpdir(), 'terroir-recordings-'));
      storage = new LocalDiskStorage({ folder, publicPath: '/media' });
      const coop = (slug: string) =>
        createCooperative(database.db, { slug, name: { 'zh-CN': slug }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] });
      coopId = (await coop('pear')).id;
      otherId = (await coop('other')).id;
      const add = async (cooperativeId: string, bytes: Uint8Array, extra: Record<string, unknown> = {}) =>
        (await ingestMedia(database.db, storage, { cooperativeId, bytes, ...extra })).item.id;
      voice = await add(coopId, wav(2), { caption: { en: 'Singing while weaving' }, transcript: { 'zh-CN': '一根草，两只手', en: 'One straw, two hands' } });
      secondVoice = await add(coopId, mp3());
      photo = await add(coopId, await png(), { alt: { en: 'The loom' } });
      foreignVoice = await add(otherId, wav(1));
    });
    afterEach(async () => {
      await database.destroy();
      rmSync(folder, { recursive: true, force: true });
    });

    const refusal = async (work: Promise<unknown>) => {
      const error = await work.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MuseumError);
      return error as MuseumError;
    };

    it('keeps a person’s recordings in order and refuses a picture or another cooperative’s audio, naming the field', async () => {
      const person = await createPerson(database.db, coopId, { slug: 'liu', name: { 'zh-CN': '刘桂芳' }, recordings: [secondVoice, voice] });
      expect(person.recordings).toEqual([secondVoice, voice]);
      expect((await loadPerson(database.db, coopId, person.id))!.recordings).toEqual([secondVoice, voice]);

      const image = await refusal(updatePerson(database.db, coopId, person.id, { ...person, recordings: [voice, photo] }));
      expect(image).toMatchObject({ status: 422, code: 'wrong_media_kind', field: 'recordings.1' });
      expect(image.message).toBe(`${photo} is an image; audio is needed here`);
      const foreign = await refusal(createPerson(database.db, coopId, { slug: 'wang', name: { 'zh-CN': '王' }, recordings: [voice, foreignVoice] }));
      expect(foreign).toMatchObject({ status: 422, code: 'unknown_reference', field: 'recordings.1' });
      // Refused writes change nothing.
      expect((await loadPerson(database.db, coopId, person.id))!.recordings).toEqual([secondVoice, voice]);
      await expect(createPerson(database.db, coopId, { slug: 'twice', name: { 'zh-CN': '重' }, recordings: [voice, voice] })).rejects.toThrow(/twice/);

      await updatePerson(database.db, coopId, person.id, { ...person, recordings: [voice] });
      expect((await getPublicPerson(database.db, coopId, 'liu', en))!.recordingMediaIds).toEqual([voice]);
    });

    it('plays a person’s first recording and an audio media exhibit in the hall’s audio guide, given the storage', async () => {
      const liu = await createPerson(database.db, coopId, { slug: 'liu', name: { 'zh-CN': '刘桂芳', en: 'Liu Guifang' }, recordings: [voice, secondVoice] });
      const silent = await createPerson(database.db, coopId, { slug: 'wang', name: { 'zh-CN': '王' } });
      await createHall(database.db, coopId, {
        slug: 'voices',
        title: { 'zh-CN': '乡音' },
        status: 'published',
        exhibits: [
          { kind: 'person', targetId: liu.id },
          { kind: 'media', targetId: secondVoice },
          { kind: 'person', targetId: silent.id },
          { kind: 'media', targetId: photo },
        ],
      });
      const hall = (await getPublicHall(database.db, coopId, 'voices', en, storage))!;
      expect(hall.exhibits.map((e) => e.kind)).toEqual(['person', 'media', 'person', 'media']);
      const [person, clip, quiet, picture] = hall.exhibits;
      const voiceUrl = (await loadMedia(database.db, storage, coopId, voice))!.url;
      expect(person!.audio).toMatchObject({ url: voiceUrl, transcript: 'One straw, two hands', locale: 'en', cues: [] });
      expect(clip!.audio!.url).toBe((await loadMedia(database.db, storage, coopId, secondVoice))!.url);
      expect(quiet!.audio).toBeNull();
      expect(picture!.audio).toBeNull();
      // Without the storage there are no URLs to play.
      const bare = (await getPublicHall(database.db, coopId, 'voices', en))!;
      expect(bare.exhibits.map((e) => e.audio)).toEqual([null, null, null, null]);
    });

    it('keeps a chronicle entry’s pictures, recordings and films in order, within the cooperative', async () => {
      const entry = await createChronicleEntry(database.db, {
        cooperativeId: coopId,
        slug: 'loom',
        date: { precision: 'year', year: 1958 },
        title: { 'zh-CN': '织机进村', en: 'The loom comes' },
        body: {},
        media: [photo, voice],
      });
      expect(entry.media).toEqual([photo, voice]);
      // An edit that says nothing of media keeps them; one that lists them replaces them, in order.
      const { media: _media, ...withoutMedia } = entry;
      await updateChronicleEntry(database.db, coopId, entry.id, { ...withoutMedia, title: { en: 'The loom arrives' } });
      expect((await loadChronicleEntry(database.db, coopId, entry.id))!.media).toEqual([photo, voice]);
      await updateChronicleEntry(database.db, coopId, entry.id, { ...entry, media: [voice, secondVoice, photo] });
      expect((await getPublicChronicleEntry(database.db, coopId, 'loom', en))!.media).toEqual([voice, secondVoice, photo]);

      const foreign = await refusal(updateChronicleEntry(database.db, coopId, entry.id, { ...entry, media: [photo, foreignVoice] }));
      expect(foreign).toMatchObject({ status: 422, code: 'unknown_reference', field: 'media.1' });
      const unknown = await refusal(
        createChronicleEntry(database.db, {
          cooperativeId: coopId,
          slug: 'x',
          date: { precision: 'year', year: 1900 },
          title: { en: 'x' },
          body: {},
          media: ['med_nope'],
        }),
      );
      expect(unknown.field).toBe('media.0');
      expect((await loadChronicleEntry(database.db, coopId, entry.id))!.media).toEqual([voice, secondVoice, photo]);
      expect((await listTimeline(database.db, coopId, { ...en })).items.map((e) => e.slug)).toEqual(['loom']);
    });

    it('never serves a community-only or draft record’s recordings or media', async () => {
      await createPerson(database.db, coopId, { slug: 'elder', name: { 'zh-CN': '老人' }, recordings: [voice], visibility: 'community' });
      await createPerson(database.db, coopId, { slug: 'draft', name: { 'zh-CN': '草稿' }, recordings: [voice], status: 'draft' });
      await createChronicleEntry(database.db, {
        cooperativeId: coopId,
        slug: 'rite',
        date: { precision: 'year', year: 1930 },
        title: { 'zh-CN': '祭祀' },
        body: {},
        media: [photo],
        visibility: 'community',
      });
      expect(await getPublicPerson(database.db, coopId, 'elder', en)).toBeUndefined();
      expect(await getPublicPerson(database.db, coopId, 'draft', en)).toBeUndefined();
      expect(await getPublicChronicleEntry(database.db, coopId, 'rite', en)).toBeUndefined();
      expect((await listPublicTimeline(database.db, coopId, { ...en })).items).toEqual([]);
    });

    it('gives each timeline entry its goods, for the whole page at once', async () => {
      const product = (slug: string, status = 'active') =>
        createProduct(database.db, {
          cooperativeId: coopId,
          slug,
          category: 'craft',
          status,
          title: { 'zh-CN': slug, en: `Basket ${slug}` },
          summary: {},
          description: {},
          images: [],
          tags: [],
          certifications: [],
          harvestWindows: [],
          variants: [{ label: { 'zh-CN': '个' }, priceMinor: 8800, unit: 'piece', unitQuantity: 1, stockOnHand: 3 }],
        } as never);
      const basket = await product('basket');
      const hidden = await product('hidden', 'draft');
      const entry = (slug: string, year: number) =>
        createChronicleEntry(database.db, { cooperativeId: coopId, slug, date: { precision: 'year', year }, title: { en: slug }, body: {} });
      const weaving = await entry('weaving', 1950);
      const flood = await entry('flood', 1960);
      await setMuseumLinks(database.db, coopId, { kind: 'chronicle', id: weaving.id }, { products: [basket.id, hidden.id] });
      const page = await listPublicTimeline(database.db, coopId, { ...en, limit: 1 });
      expect(page.items.map((e) => [e.slug, e.products])).toEqual([
        ['weaving', [{ slug: 'basket', title: 'Basket basket', priceFromMinor: 8800, currency: 'CNY' }]],
      ]);
      const next = await listPublicTimeline(database.db, coopId, { ...en, limit: 1, cursor: page.nextCursor! });
      expect(next.items.map((e) => [e.slug, e.products])).toEqual([[flood.slug, []]]);
    });

    it('reads how long a recording plays from its file', async () => {
      const item = (await loadMedia(database.db, storage, coopId, voice))!;
      expect(item).toMatchObject({ kind: 'audio', mimeType: 'audio/wav', durationSeconds: 2 });
      expect(item.url).toMatch(/\.wav$/);
      expect((await loadMedia(database.db, storage, coopId, photo))!.durationSeconds).toBeNull();
      const m4a = (await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes: m4aLasting(95_000, 1000) })).item;
      expect(m4a.durationSeconds).toBe(95);
      const ogg = (await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes: oggLasting(44_100 * 3) })).item;
      expect(ogg.durationSeconds).toBe(3);
      // One MPEG-1 frame of 417 bytes at 128 kbit/s, twice: (2 × 417 × 8) / 128 000 s.
      expect((await loadMedia(database.db, storage, coopId, secondVoice))!.durationSeconds).toBe(0.05);
    });

    it('migration 0016 gives existing people and entries empty lists, and goes down and up again', async () => {
      const db = database.db as unknown as Kysely<any>;
      await migration.down(db);
      const at = new Date().toISOString();
      await db
        .insertInto('museum_people')
        .values({
          id: 'prs_old',
          cooperative_id: coopId,
          slug: 'old',
          name: '{"zh-CN":"旧"}',
          born: null,
          died: null,
          roles: '[]',
          biography: '{}',
          portrait_media_id: null,
          producer_id: null,
          visibility: 'public',
          status: 'published',
          position: 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await db
        .insertInto('chronicle_entries')
        .values({
          id: 'chr_old',
          cooperative_id: coopId,
          slug: 'old',
          date: '{"precision":"year","year":1900}',
          sort_key: 0,
          from_year: 1900,
          to_year: 1900,
          title: '{"zh-CN":"旧"}',
          body: '{}',
          source: '{}',
          visibility: 'public',
          status: 'published',
          created_at: at,
          updated_at: at,
        })
        .execute();
      await migration.up(db);
      expect((await loadPerson(database.db, coopId, 'prs_old'))!.recordings).toEqual([]);
      expect((await loadChronicleEntry(database.db, coopId, 'chr_old'))!.media).toEqual([]);
      expect((await loadMedia(database.db, storage, coopId, voice))!.durationSeconds).toBeNull();
    });
  });
}
