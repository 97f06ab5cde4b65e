import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { seedDemoVillage } from '@terroir/core/seed';
import { createVillageSite } from './app';
import { DEMO_OWNER, ensureDemoOwner } from './demo-owner';

for (const dialect of TEST_DIALECTS) {
  describe(`the demo's workspace at /admin on ${dialect.name}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createVillageSite>;
    let uploadsDir: string;
    beforeAll(async () => {
      database = await dialect.open();
      const seeded = await seedDemoVillage(database.db);
      expect(await ensureDemoOwner(database.db, seeded.cooperativeId)).toEqual({ created: true });
      // A second start changes nothing.
      expect(await ensureDemoOwner(database.db, seeded.cooperativeId)).toEqual({ created: false });
      uploadsDir = mkdtempSync(join(tmpdir(), 'terroir-demo-uploads-'));
      app = createVillageSite({ db: database.db, uploadsDir });
    });
    afterAll(async () => {
      await database.destroy();
      rmSync(uploadsDir, { recursive: true, force: true });
    });

    it('logs the demo owner in and lists the demo catalog; unknown uploads are 404', async () => {
      const origin = 'http://localhost:8787';
      expect((await app.request(`${origin}/admin/api/me`)).status).toBe(401);
      const login = await app.request(`${origin}/admin/api/session`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify(DEMO_OWNER),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      expect(cookie).toMatch(/^terroir_demo_session=/);
      const { memberships } = await login.json();
      expect(memberships).toEqual([expect.objectContaining({ cooperativeSlug: 'laiyang-pear', role: 'owner' })]);
      const products = await (await app.request(`${origin}/admin/api/coops/laiyang-pear/products`, { headers: { cookie } })).json();
      expect(products.items.length).toBeGreaterThan(3);
      expect((await app.request(`${origin}/uploads/ab/${'0'.repeat(64)}-w480.webp`)).status).toBe(404);
      expect((await app.request(`${origin}/uploads/../package.json`)).status).toBe(404);
    });
  });
}
