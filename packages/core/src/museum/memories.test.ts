import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative } from '../catalog/catalog-writer';
import { InvalidCursorError } from '../catalog/catalog-cursor';
import { LocalDiskStorage } from '../media/media-storage';
import { mp3, png, wav } from '../media/media-test-files';
import { createPlace } from './places';
import {
  MEMORY_AUDIO_MAX_SECONDS,
  approveMemory,
  deleteMemory,
  getPublicMemory,
  hashSenderIp,
  listMemoriesForModeration,
  listPublicMemories,
  MemoryError,
  rejectMemory,
  submitMemory,
  type MemorySubmission,
} from './memories';

const zh = { locale: 'zh-CN', fallback: 'zh-CN' } as const;
const SALT = 'test-salt';
const form = (text: string, extra: Partial<MemorySubmission> = {}): MemorySubmission => ({
  text,
  language: 'zh-CN',
  licence: 'cc-by-4.0',
  consent: true,
  ...extra,
});

async function filesUnder(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

for (const dialect of TEST_DIALECTS) {
  describe(`memories sent in by villagers on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let folder: string;
    let storage: LocalDiskStorage;
    let coopId: string;
    let otherId: string;
    beforeEach(async () => {
      database = await dialect.open();
      folder = await mkdtemp(path.join(tmpdir(), 'terroir-memories-'));
      storage = new LocalDiskStorage({ folder });
      const coop = (slug: string) =>
        createCooperative(database.db, { slug, name: { 'zh-CN': slug }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] });
      coopId = (await coop('pear')).id;
      otherId = (await coop('other')).id;
    });
    afterEach(async () => {
      await database.destroy();
      await rm(folder, { recursive: true, force: true });
    });

    const send = (text: string, extra: Partial<MemorySubmission> = {}, ip = '203.0.113.7') =>
      submitMemory(database.db, storage, { cooperativeId: coopId, form: form(text, extra), sender: { ip, ipSalt: SALT } });

    it('keeps pending, rejected and community-only memories and every contact out of public reads', async () => {
      const pending = await send('老井边的夏天', { name: '王奶奶', contact: 'wang@example.com' });
      const rejected = await send('广告：便宜手机', { contact: '13800000000' });
      const community = await send('祠堂里的家谱', { contact: 'li@example.com' });
      const shown = await send('梨花开的时候全村都出来了', { name: '李叔', contact: 'li-shu@example.com' });
      expect(pending.status).toBe('pending');
      expect((await listPublicMemories(database.db, storage, coopId, zh)).items).toEqual([]);

      await rejectMemory(database.db, storage, coopId, rejected.id, { note: '广告' }, { moderatorId: null });
      await approveMemory(database.db, storage, coopId, community.id, { visibility: 'community' }, { moderatorId: null });
      await approveMemory(database.db, storage, coopId, shown.id, { text: '梨花开的时候，全村都出来了。' }, { moderatorId: null });

      const { items } = await listPublicMemories(database.db, storage, coopId, zh);
      expect(items.map((m) => m.id)).toEqual([shown.id]);
      expect(items[0]!.text).toBe('梨花开的时候，全村都出来了。');
      expect(items[0]!.contributorName).toBe('李叔');
      for (const id of [pending.id, rejected.id, community.id]) expect(await getPublicMemory(database.db, storage, coopId, id, zh)).toBeUndefined();
      // Another cooperative never sees it, even by id.
      expect(await getPublicMemory(database.db, storage, otherId, shown.id, zh)).toBeUndefined();
      const json = JSON.stringify([items, await getPublicMemory(database.db, storage, coopId, shown.id, zh)]);
      expect(json).not.toMatch(/example\.com|13800000000|contact|ip_?hash/i);
      expect(json).not.toContain(hashSenderIp('203.0.113.7', SALT));

      // Rejecting an approved memory takes it down again.
      await rejectMemory(database.db, storage, coopId, shown.id, {}, { moderatorId: null });
      expect((await listPublicMemories(database.db, storage, coopId, zh)).items).toEqual([]);
    });

    it('lists the queue pending first with counts, and stores only a salted hash of the IP', async () => {
      const first = await send('第一条');
      const second = await send('第二条');
      await approveMemory(database.db, storage, coopId, first.id, {}, { moderatorId: null });
      const third = await send('第三条');
      const { items, counts } = await listMemoriesForModeration(database.db, storage, coopId);
      expect(items.map((m) => m.id)).toEqual([second.id, third.id, first.id]);
      expect(counts).toEqual({ pending: 2, approved: 1, rejected: 0 });
      expect((await listMemoriesForModeration(database.db, storage, otherId)).items).toEqual([]);
      const rows = await database.db.selectFrom('museum_memories').select(['ip_hash']).execute();
      expect(rows.every((r) => r.ip_hash === hashSenderIp('203.0.113.7', SALT))).toBe(true);
      expect(JSON.stringify(rows)).not.toContain('203.0.113.7');
    });

    it('refuses missing consent, blank and overlong text, and keeps hostile text as text', async () => {
      await expect(send('x', { consent: false as never })).rejects.toMatchObject({ status: 422, code: 'consent_required', field: 'consent' });
      await expect(send('   ')).rejects.toMatchObject({ status: 400, field: 'text' });
      await expect(send('长'.repeat(5001))).rejects.toMatchObject({ status: 400, field: 'text' });
      await expect(send('ok', { licence: 'all-rights' as never })).rejects.toMatchObject({ status: 400, field: 'licence' });
      const hostile = await send('<script>alert(1)</script> & <b>老井</b>');
      await approveMemory(database.db, storage, coopId, hostile.id, {}, { moderatorId: null });
      const shown = await getPublicMemory(database.db, storage, coopId, hostile.id, zh);
      expect(shown!.text).toBe('<script>alert(1)</script> & <b>老井</b>');
    });

    it('takes exactly the per-IP limit under 20 parallel submissions, and the cooperative limit across IPs', async () => {
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => send(`记忆 ${i}`)));
      const accepted = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(accepted).toHaveLength(5);
      expect(refused).toHaveLength(15);
      for (const r of refused) {
        expect(r.reason).toBeInstanceOf(MemoryError);
        expect(r.reason).toMatchObject({ status: 429, code: 'too_many_memories' });
        expect(r.reason.retryAfterSeconds).toBeGreaterThan(0);
        expect(r.reason.retryAfterSeconds).toBeLessThanOrEqual(3600);
      }
      expect((await listMemoriesForModeration(database.db, storage, coopId)).counts.pending).toBe(5);

      const limits = { perIp: { count: 5, windowSeconds: 3600 }, perCooperative: { count: 7, windowSeconds: 86_400 } };
      const others = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          submitMemory(database.db, storage, { cooperativeId: otherId, form: form(`别处 ${i}`), sender: { ip: `198.51.100.${i}`, ipSalt: SALT }, limits }),
        ),
      );
      expect(others.filter((r) => r.status === 'fulfilled')).toHaveLength(7);
      // The window passes: the sender may send again.
      const later = new Date(Date.now() + 3601_000);
      const again = await submitMemory(database.db, storage, {
        cooperativeId: coopId,
        form: form('一小时后'),
        sender: { ip: '203.0.113.7', ipSalt: SALT },
        now: later,
      });
      expect(again.status).toBe('pending');
    });

    it('stores photos and audio through the media library and leaves nothing behind when a file is refused', async () => {
      const memory = await submitMemory(database.db, storage, {
        cooperativeId: coopId,
        form: form('有照片和录音'),
        photos: [await png(40, 30)],
        audio: mp3(),
        sender: { ip: '203.0.113.9', ipSalt: SALT },
      });
      expect(memory.photos).toHaveLength(1);
      expect(memory.photos[0]!.url).toMatch(/^\/media\//);
      expect(memory.audio?.mimeType).toBe('audio/mpeg');
      const filesBefore = await filesUnder(folder);
      const mediaBefore = await database.db.selectFrom('media').select('id').execute();

      // A good photo, then a "photo" that is HTML: the good one is deleted again, no row is written.
      await expect(
        submitMemory(database.db, storage, {
          cooperativeId: coopId,
          form: form('坏文件'),
          photos: [await png(50, 20), Buffer.from('<!doctype html><script>alert(1)</script>')],
          sender: { ip: '203.0.113.9', ipSalt: SALT },
        }),
      ).rejects.toMatchObject({ status: 415, field: 'photos.1' });
      await expect(
        submitMemory(database.db, storage, {
          cooperativeId: coopId,
          form: form('音频是图片'),
          audio: await png(8, 8),
          sender: { ip: '203.0.113.9', ipSalt: SALT },
        }),
      ).rejects.toMatchObject({ status: 415, field: 'audio' });
      // A real recording that plays longer than a memory's clip may (5 minutes), with a good photo.
      await expect(
        submitMemory(database.db, storage, {
          cooperativeId: coopId,
          form: form('太长的录音'),
          photos: [await png(30, 30)],
          audio: wav(MEMORY_AUDIO_MAX_SECONDS + 1, 1000),
          sender: { ip: '203.0.113.9', ipSalt: SALT },
        }),
      ).rejects.toMatchObject({ status: 413, code: 'audio_too_long', field: 'audio', message: expect.stringContaining('this one plays 5:01') });
      expect(await database.db.selectFrom('media').select('id').execute()).toEqual(mediaBefore);
      expect((await filesUnder(folder)).sort()).toEqual(filesBefore.sort());
      expect((await listMemoriesForModeration(database.db, storage, coopId)).counts.pending).toBe(1);

      // Deleting the memory deletes the media it brought.
      expect(await deleteMemory(database.db, storage, otherId, memory.id)).toBe(false);
      expect(await deleteMemory(database.db, storage, coopId, memory.id)).toBe(true);
      expect(await database.db.selectFrom('media').select('id').execute()).toEqual([]);
      expect(await filesUnder(folder)).toEqual([]);
    });

    it('links an approved memory to museum records of its own cooperative only, and pages by cursor', async () => {
      const well = await createPlace(database.db, coopId, { slug: 'old-well', kind: 'well', name: { 'zh-CN': '老井' } });
      const foreign = await createPlace(database.db, otherId, { slug: 'far-well', kind: 'well', name: { 'zh-CN': '远井' } });
      const memory = await send('井水很甜');
      await expect(approveMemory(database.db, storage, coopId, memory.id, { links: { places: [foreign.id] } }, { moderatorId: null })).rejects.toMatchObject({
        status: 422,
        field: 'links.places.0',
      });
      expect((await listMemoriesForModeration(database.db, storage, coopId)).counts.approved).toBe(0);
      expect(await approveMemory(database.db, storage, otherId, memory.id, {}, { moderatorId: null })).toBeUndefined();
      await approveMemory(
        database.db,
        storage,
        coopId,
        memory.id,
        { links: { places: [well.id] } },
        { moderatorId: null, now: new Date('2026-01-01T00:00:00Z') },
      );
      const shown = await getPublicMemory(database.db, storage, coopId, memory.id, zh);
      expect(shown!.places).toEqual([{ kind: 'place', slug: 'old-well', title: '老井' }]);

      const more = [await send('二'), await send('三')];
      for (const [i, m] of more.entries())
        await approveMemory(database.db, storage, coopId, m.id, {}, { moderatorId: null, now: new Date(Date.UTC(2026, 1, i + 1)) });
      const first = await listPublicMemories(database.db, storage, coopId, { ...zh, limit: 2 });
      expect(first.items.map((m) => m.id)).toEqual([more[1]!.id, more[0]!.id]);
      const second = await listPublicMemories(database.db, storage, coopId, { ...zh, limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((m) => m.id)).toEqual([memory.id]);
      expect(second.nextCursor).toBeNull();
      await expect(listPublicMemories(database.db, storage, coopId, { ...zh, cursor: 'bogus' })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
}
