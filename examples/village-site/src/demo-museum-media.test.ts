import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { seedDemoVillage } from '@terroir/core/seed';
import { createVillageSite } from './app';
import { ensureDemoMuseumMedia } from './demo-museum-media';

type Json = any;

for (const dialect of TEST_DIALECTS) {
  describe(`the demo museum's voices and pictures on a fresh start, on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createVillageSite>;
    let uploadsDir: string;
    const origin = 'http://localhost:8787';
    beforeAll(async () => {
      database = await dialect.open();
      const seeded = await seedDemoVillage(database.db);
      uploadsDir = mkdtempSync(join(tmpdir(), 'terroir-demo-voices-'));
      // What src/main.ts does on start, twice: the second start adds nothing.
      const uploads = new LocalDiskStorage({ folder: uploadsDir, publicPath: '/uploads' });
      expect(await ensureDemoMuseumMedia(database.db, uploads, seeded.cooperativeId)).toEqual({ added: 3 });
      expect(await ensureDemoMuseumMedia(database.db, uploads, seeded.cooperativeId)).toEqual({ added: 0 });
      app = createVillageSite({ db: database.db, uploadsDir });
    });
    afterAll(async () => {
      await database?.destroy();
      rmSync(uploadsDir, { recursive: true, force: true });
    });

    it('serves Liu Guifang’s voice recording on her page and in the public API, captioned honestly', async () => {
      const page = await (await app.request(`${origin}/zh-CN/museum/people/liu-guifang`)).text();
      const src = /<audio controls preload="none" src="(\/uploads\/[^"]+\.wav)">/.exec(page)?.[1];
      expect(src).toBeDefined();
      expect(page).toContain('刘桂芳讲草编（示例：以一段音调代替录音）');
      expect(page).toContain('刘桂芳：麦子割了，挑最上头那一节');
      const file = await app.request(`${origin}${src}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('audio/wav');
      expect((await file.arrayBuffer()).byteLength).toBe(80_044);

      const api = (await (await app.request(`${origin}/api/v1/coops/laiyang-pear/museum/people/liu-guifang?lang=en`)).json()) as Json;
      expect(api.person.recordings).toEqual([
        expect.objectContaining({
          kind: 'audio',
          url: src,
          mimeType: 'audio/wav',
          durationSeconds: 5,
          caption: 'Liu Guifang on straw weaving (demo: a tone stands in for the recording)',
          transcript: expect.stringContaining('plait seven straws into a braid'),
          locale: 'en',
        }),
      ]);
    });

    it('shows the grafting entry’s picture on the timeline, from the API’s timeline too', async () => {
      const page = await (await app.request(`${origin}/en/museum/timeline`)).text();
      expect(page).toMatch(
        /<li id="grafting-1900">[\s\S]*?<img src="\/uploads\/[^"]+" alt="Demo illustration: a new scion grafted onto an old pear trunk, the join bound" width="640" height="480" loading="lazy"/,
      );
      const timeline = (await (await app.request(`${origin}/api/v1/coops/laiyang-pear/timeline?lang=zh-CN&limit=100`)).json()) as Json;
      const grafting = timeline.items.find((e: Json) => e.slug === 'grafting-1900');
      expect(grafting.mediaItems.map((m: Json) => [m.kind, m.caption])).toEqual([['image', '示例插画，不是历史照片。']]);
      expect(grafting.products.map((p: Json) => p.slug)).toContain('laiyang-pear');
    });
  });
}
