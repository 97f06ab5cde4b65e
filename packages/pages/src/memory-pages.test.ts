import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveMemory, listMemoriesForModeration, LocalDiskStorage, submitMemory } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import sharp from 'sharp';
import { openPagesTestSite } from '../test/pages-test-site';

const png = () =>
  sharp({ create: { width: 30, height: 20, channels: 3, background: '#6a4' } })
    .png()
    .toBuffer();

function form(fields: Record<string, string>, files: Array<[string, Uint8Array, string]> = []): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  for (const [name, bytes, filename] of files) body.append(name, new Blob([new Uint8Array(bytes)]), filename);
  return body;
}

for (const dialect of TEST_DIALECTS) {
  describe(`memory pages on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let app: Hono;
    let coopId: string;
    const storage = new LocalDiskStorage({ folder: mkdtempSync(join(tmpdir(), 'terroir-memory-pages-')) });
    beforeAll(async () => {
      ({ database, app } = await openPagesTestSite(dialect, {
        memories: {
          storage,
          ipSalt: 'pages',
          clientIp: (c) => c.req.header('x-test-ip'),
          limits: { perIp: { count: 2, windowSeconds: 3600 }, perCooperative: { count: 100, windowSeconds: 86_400 } },
        },
      }));
      coopId = (await database.db.selectFrom('cooperatives').select('id').executeTakeFirstOrThrow()).id;
    });
    afterAll(async () => {
      await database?.destroy();
    });
    const post = (body: FormData, ip = '203.0.113.5', headers: Record<string, string> = {}) =>
      app.request('/zh-CN/museum/memories/new', { method: 'POST', body, headers: { 'x-test-ip': ip, ...headers } });

    it('renders the form with labels, consent, licence choice and a hidden honeypot, in both languages', async () => {
      const zh = await (await app.request('/zh-CN/museum/memories/new')).text();
      expect(zh).toContain('<h1>分享您的记忆</h1>');
      expect(zh).toContain('enctype="multipart/form-data"');
      expect(zh).toMatch(/<label for="memory-text">您的记忆<\/label>/);
      expect(zh).toMatch(/<input type="checkbox" id="memory-consent" name="consent" value="on" required\/>/);
      expect(zh).toContain('value="museum-use-only"');
      expect(zh).toMatch(/<div aria-hidden="true" style="position:absolute;left:-10000px[^"]*"><label for="memory-website">/);
      expect(zh).toMatch(/<input id="memory-website" name="website" tabindex="-1" autocomplete="off"\/>/);
      const en = await (await app.request('/en/museum/memories/new')).text();
      expect(en).toContain('<h1>Share a memory</h1>');
      expect(await (await app.request('/en/museum')).text()).toContain('href="/en/museum/memories/new"');
    });

    it('stores a sent memory as pending and shows the thank-you; shows it escaped only once approved', async () => {
      const hostile = '<script>alert("x")</script>\n老井的水很甜 & 凉';
      const response = await post(
        form({ text: hostile, consent: 'on', licence: 'cc-by-4.0', lang: 'zh-CN', name: '王奶奶', contact: '13800000000', website: '' }, [
          ['photos', await png(), 'a.png'],
        ]),
      );
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/zh-CN/museum/memories/new?sent=1');
      const thanks = await (await app.request('/zh-CN/museum/memories/new?sent=1')).text();
      expect(thanks).toContain('已收到您的记忆');
      const pending = (await listMemoriesForModeration(database.db, storage, coopId, { status: 'pending' })).items.find((m) => m.text.startsWith('<script>'));
      expect(pending?.photos).toHaveLength(1);
      const before = await (await app.request('/zh-CN/museum/memories')).text();
      expect(before).not.toContain('老井的水很甜');

      await approveMemory(database.db, storage, coopId, pending!.id, {}, { moderatorId: null });
      const after = await (await app.request('/zh-CN/museum/memories')).text();
      expect(after).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
      expect(after).not.toContain('<script>alert(');
      expect(after).toContain('老井的水很甜 &amp; 凉');
      expect(after).toContain('王奶奶');
      expect(after).not.toContain('13800000000');
    });

    it('answers a filled honeypot with the thank-you and stores nothing; refusals re-show the form with the text kept', async () => {
      const count = async () => (await listMemoriesForModeration(database.db, storage, coopId)).items.length;
      const before = await count();
      const bot = await post(form({ text: 'buy now', consent: 'on', licence: 'cc-by-4.0', lang: 'en', website: 'http://spam.example' }), '198.51.100.77');
      expect(bot.status).toBe(303);
      expect(await count()).toBe(before);

      const noConsent = await post(form({ text: '我记得那座桥', licence: 'cc-by-4.0', lang: 'zh-CN' }), '198.51.100.78');
      expect(noConsent.status).toBe(422);
      const page = await noConsent.text();
      expect(page).toContain('role="alert"');
      expect(page).toContain('请勾选同意授权许可。');
      expect(page).toContain('>我记得那座桥</textarea>');
      const badPhoto = await post(
        form({ text: 'x', consent: 'on', licence: 'cc-by-4.0', lang: 'zh-CN' }, [['photos', Buffer.from(`<html>${'x'.repeat(80)}`), 'a.png']]),
        '198.51.100.79',
      );
      expect(badPhoto.status).toBe(415);
      expect(await badPhoto.text()).toContain('只接收 JPEG');
      const crossSite = await post(form({ text: 'x', consent: 'on', licence: 'cc-by-4.0', lang: 'zh-CN' }), '198.51.100.80', {
        'sec-fetch-site': 'cross-site',
      });
      expect(crossSite.status).toBe(403);
      expect(await count()).toBe(before);
    });

    it('answers 429 with Retry-After once a sender has used their places', async () => {
      const send = () => post(form({ text: '又一段', consent: 'on', licence: 'museum-use-only', lang: 'zh-CN' }), '192.0.2.200');
      expect((await send()).status).toBe(303);
      expect((await send()).status).toBe(303);
      const limited = await send();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.text()).toContain('请稍后再试');
    });

    it('lists approved public memories only and rejects a malformed cursor with 400', async () => {
      const id = (
        await submitMemory(database.db, storage, {
          cooperativeId: coopId,
          form: { text: '社区内部的记忆', language: 'zh-CN', licence: 'cc-by-4.0', consent: true },
          sender: { ip: null, ipSalt: 'x' },
        })
      ).id;
      await approveMemory(database.db, storage, coopId, id, { visibility: 'community' }, { moderatorId: null });
      expect(await (await app.request('/en/museum/memories')).text()).not.toContain('社区内部的记忆');
      expect((await app.request('/en/museum/memories?cursor=!!')).status).toBe(400);
      expect((await app.request('/en/museum/memories?cursor=abc')).status).toBe(400);
    });
  });
}
