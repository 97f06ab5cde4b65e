import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative, createProducer, createProduct, createStory } from '../catalog/catalog-writer';
import { putStoryProductLink } from '../stories/story-editor';
import { InvalidCursorError } from '../catalog/catalog-cursor';
import { createChronicleEntry, deleteChronicleEntry } from './chronicle';
import { createHall, deleteHall, loadHall, reorderHallExhibits } from './halls';
import { getMuseumLinks, setMuseumLinks } from './museum-links';
import {
  getMuseumOverview,
  getPublicChronicleEntry,
  getPublicHall,
  getPublicPerson,
  getPublicPlace,
  listPublicPeople,
  listPublicPlaces,
  productInMuseum,
} from './museum-reads';
import { MuseumError } from './museum-records';
import { createPerson, deletePerson, listPeopleForEditing } from './people';
import { createPlace, deletePlace, listPlacesForEditing, loadPlace, updatePlace } from './places';

const zh = { locale: 'zh-CN', fallback: 'zh-CN' } as const;
const en = { locale: 'en', fallback: 'zh-CN' } as const;

for (const dialect of TEST_DIALECTS) {
  describe(`museum places, people and halls on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let coopId: string;
    let otherId: string;
    let pearId: string;
    let basketId: string;
    let foreignProductId: string;
    let producerId: string;
    beforeEach(async () => {
      database = await dialect.open();
      const coop = (slug: string) =>
        createCooperative(database.db, { slug, name: { 'zh-CN': slug }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] });
      coopId = (await coop('pear')).id;
      otherId = (await coop('other')).id;
      producerId = (
        await createProducer(database.db, { cooperativeId: coopId, slug: 'wang', kind: 'household', name: { 'zh-CN': '王家' }, profile: {} } as never)
      ).id;
      const product = (cooperativeId: string, slug: string, extra: Record<string, unknown> = {}) =>
        createProduct(database.db, {
          cooperativeId,
          slug,
          category: 'fresh',
          title: { 'zh-CN': `品${slug}`, en: `Product ${slug}` },
          summary: {},
          description: {},
          images: [],
          tags: [],
          certifications: [],
          harvestWindows: [],
          variants: [{ label: { 'zh-CN': '5斤' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 10 }],
          ...extra,
        } as never);
      pearId = (await product(coopId, 'pear')).id;
      basketId = (await product(coopId, 'basket', { producerId })).id;
      foreignProductId = (await product(otherId, 'foreign')).id;
    });
    afterEach(() => database.destroy());

    it('keeps community-only and unpublished places, people and halls out of every public read', async () => {
      const orchard = await createPlace(database.db, coopId, {
        slug: 'old-orchard',
        kind: 'orchard',
        name: { 'zh-CN': '百年梨园', en: 'The old pear orchard' },
        description: { 'zh-CN': '**老树**<script>x()</script>' },
        pin: { x: 0.25, y: 0.5 },
        coordinates: { latitude: 36.98, longitude: 120.71 },
      });
      const sacred = await createPlace(database.db, coopId, {
        slug: 'sacred-grove',
        kind: 'temple',
        name: { 'zh-CN': '祭林' },
        visibility: 'community',
        pin: { x: 0.9, y: 0.9 },
      });
      await createPlace(database.db, coopId, { slug: 'draft-well', kind: 'well', name: { 'zh-CN': '井' }, status: 'draft' });
      const elder = await createPerson(database.db, coopId, { slug: 'elder', name: { 'zh-CN': '长者' }, visibility: 'community' });
      const wang = await createPerson(database.db, coopId, {
        slug: 'wang',
        name: { 'zh-CN': '王师傅', en: 'Master Wang' },
        born: { precision: 'year', year: 1948 },
        roles: [{ title: { 'zh-CN': '县级非物质文化遗产代表性传承人', en: 'County-level intangible heritage bearer' }, listing: { 'zh-CN': '示例名录' } }],
        biography: { 'zh-CN': '示例人物' },
        producerId,
      });
      await setMuseumLinks(database.db, coopId, { kind: 'place', id: orchard.id }, { products: [pearId], people: [wang.id, elder.id] });
      await createHall(database.db, coopId, {
        slug: 'secret',
        title: { 'zh-CN': '密' },
        visibility: 'community',
        exhibits: [{ kind: 'place', targetId: orchard.id }],
      });
      await createHall(database.db, coopId, {
        slug: 'pear-hall',
        title: { 'zh-CN': '梨乡馆', en: 'Pear hall' },
        exhibits: [
          { kind: 'place', targetId: sacred.id, caption: { 'zh-CN': '不应出现' } },
          { kind: 'place', targetId: orchard.id, caption: { 'zh-CN': '百年老树', en: 'Century-old trees' } },
          { kind: 'person', targetId: wang.id },
          { kind: 'person', targetId: elder.id },
        ],
      });

      expect((await listPublicPlaces(database.db, coopId, zh)).items.map((p) => p.slug)).toEqual(['old-orchard']);
      expect(await getPublicPlace(database.db, coopId, 'sacred-grove', zh)).toBeUndefined();
      expect(await getPublicPlace(database.db, coopId, 'draft-well', zh)).toBeUndefined();
      expect(await getPublicPerson(database.db, coopId, 'elder', zh)).toBeUndefined();
      expect(await getPublicHall(database.db, coopId, 'secret', zh)).toBeUndefined();
      expect((await listPublicPeople(database.db, coopId, zh)).items.map((p) => p.slug)).toEqual(['wang']);

      const place = (await getPublicPlace(database.db, coopId, 'old-orchard', en))!;
      expect(place).toMatchObject({ name: 'The old pear orchard', pin: { x: 0.25, y: 0.5 }, coordinates: { latitude: 36.98, longitude: 120.71 } });
      expect(place.descriptionHtml).toContain('<strong>老树</strong>');
      expect(place.descriptionHtml).not.toContain('<script');
      expect(place.products).toEqual([{ slug: 'pear', title: 'Product pear', priceFromMinor: 6800, currency: 'CNY' }]);
      expect(place.people.map((p) => p.slug)).toEqual(['wang']);
      expect(place.halls.map((h) => h.slug)).toEqual(['pear-hall']);

      const hall = (await getPublicHall(database.db, coopId, 'pear-hall', en))!;
      expect(hall.exhibits.map((e) => [e.kind, e.slug, e.caption])).toEqual([
        ['place', 'old-orchard', 'Century-old trees'],
        ['person', 'wang', null],
      ]);
      // A person's products: linked ones and those of the producer they are.
      expect(hall.exhibits[1]!.products.map((p) => p.slug)).toEqual(['basket']);
      const person = (await getPublicPerson(database.db, coopId, 'wang', zh))!;
      expect(person).toMatchObject({
        lifeText: '1948年 –',
        roles: [{ title: '县级非物质文化遗产代表性传承人', listing: '示例名录' }],
        producer: { slug: 'wang' },
      });
      expect(person.places.map((p) => p.slug)).toEqual(['old-orchard']);

      const overview = await getMuseumOverview(database.db, coopId, zh);
      expect(overview.counts).toEqual({ halls: 1, places: 1, people: 1, chronicle: 0 });
      expect(overview.map.pins).toEqual([{ slug: 'old-orchard', name: '百年梨园', kind: 'orchard', x: 0.25, y: 0.5 }]);
      expect(JSON.stringify(overview)).not.toMatch(/sacred|elder|secret|长者|祭林/);

      const where = await productInMuseum(database.db, coopId, pearId, zh);
      expect(where.places.map((p) => p.slug)).toEqual(['old-orchard']);
      expect(where.halls.map((h) => h.slug)).toEqual(['pear-hall']);
      expect((await productInMuseum(database.db, coopId, basketId, zh)).people.map((p) => p.slug)).toEqual(['wang']);
    });

    it('links only records of the same cooperative and writes nothing when one is foreign', async () => {
      const place = await createPlace(database.db, coopId, { slug: 'river', kind: 'river', name: { 'zh-CN': '五龙河' } });
      await setMuseumLinks(database.db, coopId, { kind: 'place', id: place.id }, { products: [pearId] });
      const refused = await setMuseumLinks(database.db, coopId, { kind: 'place', id: place.id }, { products: [basketId, foreignProductId] }).catch((e) => e);
      expect(refused).toBeInstanceOf(MuseumError);
      expect(refused).toMatchObject({ status: 422, field: 'products.1' });
      expect((await getMuseumLinks(database.db, coopId, { kind: 'place', id: place.id })).products).toEqual([pearId]);
      // A hall exhibit of another cooperative's product, a person with a foreign producer.
      await expect(
        createHall(database.db, coopId, { slug: 'h', title: { 'zh-CN': '馆' }, exhibits: [{ kind: 'product', targetId: foreignProductId }] }),
      ).rejects.toMatchObject({
        field: 'exhibits.0.targetId',
      });
      expect(await loadHall(database.db, coopId, 'nope')).toBeUndefined();
      const foreignProducer = await createProducer(database.db, {
        cooperativeId: otherId,
        slug: 'x',
        kind: 'household',
        name: { 'zh-CN': '外' },
        profile: {},
      } as never);
      await expect(createPerson(database.db, coopId, { slug: 'p', name: { 'zh-CN': '人' }, producerId: foreignProducer.id })).rejects.toMatchObject({
        field: 'producerId',
      });
      expect(await listPeopleForEditing(database.db, coopId)).toEqual([]);
      // Another cooperative cannot read or edit this place.
      expect(await loadPlace(database.db, otherId, place.id)).toBeUndefined();
      expect(await updatePlace(database.db, otherId, place.id, { slug: 'river', kind: 'river', name: { 'zh-CN': '改' } })).toBeUndefined();
      expect(await deletePlace(database.db, otherId, place.id)).toBe(false);
    });

    it('refuses bad input: pin outside the map, slug in use, no name', async () => {
      await createPlace(database.db, coopId, { slug: 'well', kind: 'well', name: { 'zh-CN': '井' } });
      await expect(createPlace(database.db, coopId, { slug: 'well', kind: 'well', name: { 'zh-CN': '井' } })).rejects.toMatchObject({
        status: 409,
        field: 'slug',
      });
      await expect(createPlace(database.db, coopId, { slug: 'w2', kind: 'well', name: { 'zh-CN': '井' }, pin: { x: 1.5, y: 0 } })).rejects.toThrow(/1/);
      await expect(createPlace(database.db, coopId, { slug: 'w3', kind: 'well', name: { 'zh-CN': ' ' } })).rejects.toThrow(/at least one language/);
      await expect(createPlace(database.db, coopId, { slug: 'Bad Slug', kind: 'well', name: { 'zh-CN': '井' } })).rejects.toThrow(/slug|lower-case/);
      expect((await listPlacesForEditing(database.db, coopId)).map((p) => p.slug)).toEqual(['well']);
    });

    it('deleting a place removes its links and its exhibits; deleting a person or entry too', async () => {
      const place = await createPlace(database.db, coopId, { slug: 'temple', kind: 'temple', name: { 'zh-CN': '庙' } });
      const person = await createPerson(database.db, coopId, { slug: 'p', name: { 'zh-CN': '人' } });
      const entry = await createChronicleEntry(database.db, {
        cooperativeId: coopId,
        slug: 'e',
        date: { precision: 'year', year: 1935 },
        title: { 'zh-CN': '事' },
        body: {},
      });
      await setMuseumLinks(database.db, coopId, { kind: 'place', id: place.id }, { products: [pearId] });
      await setMuseumLinks(database.db, coopId, { kind: 'person', id: person.id }, { places: [place.id] });
      await setMuseumLinks(database.db, coopId, { kind: 'chronicle', id: entry.id }, { places: [place.id], people: [person.id], products: [pearId] });
      const hall = await createHall(database.db, coopId, {
        slug: 'h',
        title: { 'zh-CN': '馆' },
        exhibits: [
          { kind: 'place', targetId: place.id },
          { kind: 'chronicle', targetId: entry.id },
        ],
      });
      const chronicle = (await getPublicChronicleEntry(database.db, coopId, 'e', zh))!;
      expect(chronicle).toMatchObject({
        places: [{ slug: 'temple' }],
        people: [{ slug: 'p' }],
        products: [{ slug: 'pear', priceFromMinor: 6800 }],
        halls: [{ slug: 'h' }],
      });
      expect(await deletePlace(database.db, coopId, place.id)).toBe(true);
      const count = async () =>
        Number(
          (
            await database.db
              .selectFrom('museum_links')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(await count()).toBe(2); // chronicle → person, chronicle → product
      expect((await loadHall(database.db, coopId, hall.id))!.exhibits.map((e) => e.kind)).toEqual(['chronicle']);
      expect(await deletePerson(database.db, coopId, person.id)).toBe(true);
      expect(await deleteChronicleEntry(database.db, coopId, entry.id)).toBe(true);
      expect(await count()).toBe(0);
      expect((await loadHall(database.db, coopId, hall.id))!.exhibits).toEqual([]);
      expect(await deleteHall(database.db, coopId, hall.id)).toBe(true);
    });

    it('reorders hall exhibits, refuses a non-permutation, and a story exhibit brings its products', async () => {
      const story = await createStory(database.db, {
        cooperativeId: coopId,
        slug: 'graft',
        kind: 'craft-technique',
        title: { 'zh-CN': '嫁接' },
        summary: {},
        body: {},
        media: [],
      } as never);
      await putStoryProductLink(database.db, story.id, pearId, 'made-with-technique', 0);
      const a = await createPlace(database.db, coopId, { slug: 'a', kind: 'other', name: { 'zh-CN': '甲' } });
      const hall = await createHall(database.db, coopId, {
        slug: 'h',
        title: { 'zh-CN': '馆' },
        exhibits: [
          { kind: 'story', targetId: story.id },
          { kind: 'place', targetId: a.id },
          { kind: 'product', targetId: basketId },
        ],
      });
      await reorderHallExhibits(database.db, coopId, hall.id, [2, 0, 1]);
      const view = (await getPublicHall(database.db, coopId, 'h', zh))!;
      expect(view.exhibits.map((e) => e.slug)).toEqual(['basket', 'graft', 'a']);
      expect(view.exhibits[1]!.products.map((p) => p.slug)).toEqual(['pear']);
      await expect(reorderHallExhibits(database.db, coopId, hall.id, [0, 0, 1])).rejects.toMatchObject({ field: 'order' });
      expect((await loadHall(database.db, coopId, hall.id))!.exhibits.map((e) => e.kind)).toEqual(['product', 'story', 'place']);
    });

    it('pages public places by cursor and refuses a forged cursor', async () => {
      for (let i = 0; i < 7; i++) await createPlace(database.db, coopId, { slug: `p${i}`, kind: 'other', name: { 'zh-CN': `地${i}` }, position: i % 3 });
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listPublicPlaces(database.db, coopId, { ...zh, limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((p) => p.slug));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      await expect(listPublicPlaces(database.db, coopId, { ...zh, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
}
