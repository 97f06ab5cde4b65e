import {
  compareHistoricalDates,
  createUser,
  getMuseumLinks,
  ingestMedia,
  loadChronicleEntry,
  loadPerson,
  getMuseumSettings,
  listChronicleForEditing,
  listHallsForEditing,
  listMemoriesForModeration,
  listPeopleForEditing,
  listPlacesForEditing,
  loadMemoryForModeration,
  setMembership,
  submitMemory,
} from '@terroir/core';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, PACKER, startWorkspace } from './admin-harness';
import { checkScreen, phonePage, signIn } from './screen-check';

type Workspace = Awaited<ReturnType<typeof startWorkspace>>;
const EDITOR = { email: 'curator@laiyang-pear.test', password: 'village-museum-2026' };

/** Answers the next confirm() with yes. */
const acceptNextDialog = (page: Page) => page.once('dialog', (dialog) => void dialog.accept());

describe('the museum screens (村史馆) in Chromium at 360 px, as an editor', () => {
  let w: Workspace;
  let page: Page;
  const open = async (section: string) => {
    await page.getByRole('navigation').getByRole('link', { name: /更多/ }).click();
    await page.getByRole('heading', { name: '更多' }).waitFor();
    await page.getByRole('link', { name: /村史馆/ }).click();
    await page.getByRole('heading', { name: '村史馆', exact: true }).waitFor();
    await page.getByRole('link', { name: new RegExp(`^${section}`) }).click();
    await page.getByRole('heading', { name: section, exact: true }).waitFor();
  };

  beforeAll(async () => {
    w = await startWorkspace();
    const curator = await createUser(w.database.db, { email: EDITOR.email, password: EDITOR.password, scryptParams: { N: 1024, r: 8, p: 1 } });
    await setMembership(w.database.db, curator.id, w.coopId, 'editor');
    page = await phonePage(w.browser);
    await signIn(page, w.origin, EDITOR);
  });
  afterAll(() => w?.close());

  it('opens the museum from “More”, with the memories waiting for review counted', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /更多/ }).click();
    await page.getByRole('link', { name: /村史馆/ }).click();
    await page.getByRole('heading', { name: '村史馆', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: /村民记忆/ }).textContent()).toContain('2 条待审核');
    await checkScreen(page, 'museum');
  });

  it('creates a chronicle entry dated “circa Ming dynasty”, links it to a place and shows it in timeline order; a taken URL name is shown on its field', async () => {
    await open('村史');
    await page.locator('ol.timeline li').first().waitFor();
    await checkScreen(page, 'museum-chronicle');
    await page.getByRole('link', { name: '新增村史' }).click();
    await page.getByLabel('精确到').selectOption('period');
    await page.getByLabel('朝代 / 时期', { exact: true }).selectOption('ming');
    await page.getByLabel('大约（显示“约”）').check();
    expect(await page.locator('[data-date-preview]').textContent()).toContain('约明（1368–1644年）');
    await page.getByLabel('标题（中文）').fill('族人合建宗祠');
    await page.getByLabel('标题（英文）').fill('The families build the ancestral hall');
    await page.getByLabel('正文（中文，Markdown）').fill('据族谱记载，明代中叶**族人合力**建起宗祠。（示例）');
    // The preview is the storefront's renderer: Markdown becomes HTML.
    await page.getByRole('button', { name: '预览' }).click();
    await expect.poll(() => page.locator('.preview strong').textContent()).toBe('族人合力');
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByLabel('出处（中文，如《莱阳县志》第 12 页）').fill('《王氏族谱》卷一');
    // A URL name another entry has: the server's 409 lands on the field.
    const taken = (await listChronicleForEditing(w.database.db, w.coopId))[0]!.slug;
    const slug = page.getByLabel('网址名（小写字母、数字、连字符）');
    await slug.fill(taken);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => slug.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-slug-error').textContent()).toContain('已被使用');
    await checkScreen(page, 'museum-chronicle-form');
    // A client check before any request: a range ending before it starts.
    await page.getByLabel('精确到').selectOption('range');
    await page.getByLabel('起始年份').fill('1962');
    await page.getByLabel('结束年份').fill('1958');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.locator('#field-date-toYear-error').textContent()).toContain('结束年份不能早于起始年份');
    await page.getByLabel('精确到').selectOption('period');
    await slug.fill('ancestral-hall-built');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/#\/museum-chronicle\/[^/]+$/);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已保存');

    const entries = await listChronicleForEditing(w.database.db, w.coopId);
    const created = entries.find((e) => e.slug === 'ancestral-hall-built')!;
    // Links, once saved: each tick is saved at once (two quick ticks: both kept).
    const placeBoxes = page.locator('.links-editor input[name="links.places"]');
    await placeBoxes.nth(0).check();
    await placeBoxes.nth(1).check();
    const placeIds = [await placeBoxes.nth(0).getAttribute('value'), await placeBoxes.nth(1).getAttribute('value')];
    await expect.poll(() => page.getByRole('status').textContent()).toContain('关联已保存');
    await expect
      .poll(async () => [...(await getMuseumLinks(w.database.db, w.coopId, { kind: 'chronicle', id: created.id })).places].sort())
      .toEqual([...placeIds].sort());
    await placeBoxes.nth(0).uncheck();
    await expect.poll(async () => (await getMuseumLinks(w.database.db, w.coopId, { kind: 'chronicle', id: created.id })).places).toEqual([placeIds[1]]);
    expect(created).toMatchObject({
      date: { precision: 'period', period: 'ming', circa: true },
      title: { 'zh-CN': '族人合建宗祠', en: 'The families build the ancestral hall' },
      source: { 'zh-CN': '《王氏族谱》卷一' },
      visibility: 'public',
    });

    await page.getByRole('link', { name: /村史$/ }).click();
    await page.locator('[data-entry="ancestral-hall-built"]').waitFor();
    const shown = await page.locator('ol.timeline li').evaluateAll((items) => items.map((li) => li.getAttribute('data-entry')));
    const expected = [...entries].sort((a, b) => compareHistoricalDates(a.date, b.date)).map((e) => e.slug);
    expect(shown).toEqual(expected);
    // Between an Eastern Han entry and a Qing one, as a timeline must be.
    const at = shown.indexOf('ancestral-hall-built');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(shown.length - 1);
    expect(await page.locator('[data-entry="ancestral-hall-built"]').textContent()).toContain('约明（1368–1644年）');
  });

  it('uploads the village map, pins a new place by tapping it, then moves the pin with the arrow keys and the number boxes', async () => {
    await open('地方');
    await page.getByText('还没有上传村庄地图').waitFor();
    await page.getByLabel('地图说明（中文，必填，如“手绘村庄导览图”）').fill('手绘村庄导览图（示例）');
    const drawing = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#dde8cc' } })
      .png()
      .toBuffer();
    await page.locator('#map-file').setInputFiles({ name: 'village-map.png', mimeType: 'image/png', buffer: drawing });
    await page.locator('.village-map img').waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('村庄地图已更换');
    expect((await getMuseumSettings(w.database.db, w.coopId)).mapMediaId).toMatch(/\S/);
    // Every pinned place is a named link on the map.
    expect(await page.locator('.village-map a.map-pin').count()).toBeGreaterThan(0);
    await checkScreen(page, 'museum-places');

    await page.getByRole('link', { name: '新增地方' }).click();
    await page.getByLabel('名称（中文）').fill('村口石磨');
    await page.getByLabel('名称（英文）').fill('The stone mill');
    await page.getByLabel('网址名（小写字母、数字、连字符）').fill('stone-mill');
    await page.getByLabel('类型').selectOption('workshop');
    const surface = page.locator('[data-map-surface]');
    await page.locator('.village-map img').waitFor();
    const box = (await surface.boundingBox())!;
    await surface.tap({ position: { x: box.width * 0.25, y: box.height * 0.5 } });
    const pin = page.getByRole('button', { name: /村口石磨在地图上的位置/ });
    await expect.poll(() => pin.getAttribute('aria-label')).toMatch(/从左 2[45]/);
    await checkScreen(page, 'museum-place-form');
    // A photo of the place: its description first, then the file (progress, then the thumbnail).
    await page.getByLabel('照片说明（中文，必填，先填再选照片）').fill('石磨盘上的纹路（示例）');
    const millPhoto = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#8a8a80' } })
      .jpeg()
      .toBuffer();
    await page.locator('#place-photos-file').setInputFiles({ name: 'mill.jpg', mimeType: 'image/jpeg', buffer: millPhoto });
    await page.getByRole('img', { name: '石磨盘上的纹路（示例）' }).waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/#\/museum-places\/[^/]+$/);
    let place = (await listPlacesForEditing(w.database.db, w.coopId)).find((p) => p.slug === 'stone-mill');
    expect(place).toMatchObject({ kind: 'workshop', name: { 'zh-CN': '村口石磨', en: 'The stone mill' } });
    expect(place!.media).toHaveLength(1);
    expect(place!.pin!.x).toBeCloseTo(0.25, 1);
    expect(place!.pin!.y).toBeCloseTo(0.5, 1);
    const tapped = place!.pin!;

    // Keyboard: focus the pin, three steps right and (Shift) one big step down; then type the exact left.
    await page.getByRole('button', { name: /村口石磨在地图上的位置/ }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect
      .poll(async () => (await listPlacesForEditing(w.database.db, w.coopId)).find((p) => p.slug === 'stone-mill')?.pin?.x)
      .toBeCloseTo(tapped.x + 0.03, 3);
    place = (await listPlacesForEditing(w.database.db, w.coopId)).find((p) => p.slug === 'stone-mill');
    expect(place!.pin!.y).toBeCloseTo(tapped.y + 0.1, 3);
    await page.getByLabel('从左边算起（%）').fill('61.5');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(async () => (await listPlacesForEditing(w.database.db, w.coopId)).find((p) => p.slug === 'stone-mill')?.pin?.x).toBe(0.615);
  });

  it('approves one pending memory with edited text and a link, rejects another with a note, and shows the photos sent in', async () => {
    // A third one, sent in through the public path with a photo (the seeded ones carry no files).
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#c8a060' } })
      .jpeg()
      .toBuffer();
    const withPhoto = await submitMemory(w.database.db, w.storage, {
      cooperativeId: w.coopId,
      form: { text: '这是老石磨的照片，八十年代还在用。', language: 'zh-CN', licence: 'cc-by-4.0', consent: true },
      photos: [photo],
      sender: { ip: '203.0.113.9', ipSalt: 'museum-admin-test' },
    });
    await open('村民记忆');
    const pending = (await listMemoriesForModeration(w.database.db, w.storage, w.coopId, { status: 'pending' })).items;
    expect(pending).toHaveLength(3);
    await expect.poll(() => page.getByRole('button', { name: /^待审核/ }).textContent()).toContain('(3)');
    expect(await page.locator('[data-memory] [data-status="pending"]').count()).toBe(3);
    expect(await page.locator('[data-memory]').first().textContent()).toContain('未公开');
    await checkScreen(page, 'museum-memories');

    const [first, second] = pending;
    await page.locator(`[data-memory="${first!.id}"] a`).click();
    await page.locator('[data-memory-state="pending"]').waitFor();
    await checkScreen(page, 'museum-memory');
    await page.getByLabel('公开的文字（可以修改错别字）').fill('我在外地工作二十年了，每年梨花开时都会想起河滩上的老梨园。（示例内容，虚构）');
    await page.getByLabel('谁能看到').selectOption('community');
    await page.locator('input[name="links.places"]').first().check();
    await page.getByRole('button', { name: '通过并公开' }).click();
    await page.locator('[data-memory-state="approved"]').waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已通过审核');
    const approved = await loadMemoryForModeration(w.database.db, w.storage, w.coopId, first!.id);
    expect(approved).toMatchObject({ status: 'approved', visibility: 'community', publishedText: expect.stringContaining('梨花开时') });
    expect(approved!.links.places).toHaveLength(1);

    await page.getByRole('link', { name: /村民记忆/ }).click();
    await page.locator(`[data-memory="${second!.id}"] a`).click();
    await page.locator('[data-memory-state="pending"]').waitFor();
    await page.getByLabel('不通过的原因（只给编辑看，可不填）').fill('与村史无关');
    acceptNextDialog(page);
    await page.getByRole('button', { name: '不通过' }).click();
    await page.locator('[data-memory-state="rejected"]').waitFor();
    expect(await loadMemoryForModeration(w.database.db, w.storage, w.coopId, second!.id)).toMatchObject({ status: 'rejected', rejectionNote: '与村史无关' });
    expect((await listMemoriesForModeration(w.database.db, w.storage, w.coopId)).counts).toMatchObject({ pending: 1, rejected: 1 });

    // The one with a photo: the photo is shown (loaded, with a text alternative) and it is still not public.
    await page.getByRole('link', { name: /村民记忆/ }).click();
    await page.locator(`[data-memory="${withPhoto.id}"] a`).click();
    const img = page.getByRole('img', { name: '寄来的照片 1' });
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('[data-memory-state]').textContent()).toContain('未公开');
  });

  it('creates a person with life dates of different precision and a title, asks before leaving unsaved edits, and deletes after asking', async () => {
    await open('人物');
    await page.locator('[data-person]').first().waitFor();
    await checkScreen(page, 'museum-people');
    await page.getByRole('link', { name: '新增人物' }).click();
    await page.getByLabel('姓名（中文）').fill('王秀英（示例）');
    await page.getByLabel('网址名（小写字母、数字、连字符）').fill('wang-xiuying');
    await page.locator('#field-born-precision').selectOption('year');
    await page.locator('#field-born-year').fill('1921');
    await page.locator('#field-born-circa').check();
    await page.locator('#field-died-precision').selectOption('decade');
    await page.locator('#field-died-decade').fill('2005');
    await page.getByRole('button', { name: '添加称号' }).click();
    await page.getByLabel('称号（中文，如 县级非遗代表性传承人）').fill('草编技艺传承人（示例）');
    await page.getByLabel('照片说明（中文，必填，先填再选照片）').fill('王秀英在编草帽（示例）');
    const portrait = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#b0a080' } })
      .jpeg()
      .toBuffer();
    await page.locator('#portrait-file').setInputFiles({ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: portrait });
    await page.getByRole('img', { name: '王秀英在编草帽（示例）' }).waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    // 2005 is not a decade: caught before sending, next to the box.
    await expect.poll(() => page.locator('#field-died-decade-error').textContent()).toContain('以 0 结尾');
    await page.locator('#field-died-decade').fill('2000');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/#\/museum-people\/[^/]+$/);
    await checkScreen(page, 'museum-person-form');
    const person = (await listPeopleForEditing(w.database.db, w.coopId)).find((p) => p.slug === 'wang-xiuying');
    expect(person).toMatchObject({
      name: { 'zh-CN': '王秀英（示例）' },
      born: { precision: 'year', year: 1921, circa: true },
      died: { precision: 'decade', decade: 2000 },
      roles: [{ title: { 'zh-CN': '草编技艺传承人（示例）' } }],
      portraitMediaId: expect.stringMatching(/\S/),
    });

    // Unsaved edits: leaving asks first, and "no" stays on the form.
    await page.getByLabel('生平（中文，Markdown）').fill('一辈子编草帽。');
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: /人物$/ }).click();
    await expect.poll(() => asked).toContain('有修改还没保存');
    expect(page.url()).toContain(person!.id);
    // Deleting asks too, then goes back to the list.
    acceptNextDialog(page);
    await page.getByRole('button', { name: '删除', exact: true }).click();
    await page.waitForURL(/#\/museum-people$/);
    expect((await listPeopleForEditing(w.database.db, w.coopId)).some((p) => p.slug === 'wang-xiuying')).toBe(false);
  });

  it('gives a person voice recordings (upload one, choose one from the library, reorder by keyboard, remove) and an entry a picture', async () => {
    /** A PCM WAV of `seconds` of silence: a recording the media library takes. */
    const wav = (seconds: number) => {
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
    // Already in the library: a song recorded earlier.
    const { item: song } = await ingestMedia(w.database.db, w.storage, { cooperativeId: w.coopId, bytes: wav(2), caption: { 'zh-CN': '编草歌（示例）' } });
    const liu = (await listPeopleForEditing(w.database.db, w.coopId)).find((p) => p.slug === 'liu-guifang')!;
    await open('人物');
    await page.locator(`[data-person="liu-guifang"]`).click();
    await page.getByRole('group', { name: /口述录音/ }).waitFor();
    // Upload one with its caption and transcript.
    await page.getByLabel('标题说明（中文，可选）').fill('刘桂芳讲编草（示例）');
    await page.getByLabel('文字稿（中文，录音里说了什么）').fill('麦秸先泡软。');
    await page.locator('#recordings-file').setInputFiles({ name: 'voice.wav', mimeType: 'audio/wav', buffer: wav(1) });
    await page.locator('.media-items li').first().waitFor();
    expect(await page.locator('.media-items .media-name').allTextContents()).toEqual(['录音：刘桂芳讲编草（示例）']);
    // Choose the song from the library; it comes second.
    await page.getByLabel('从媒体库选择').selectOption(song.id);
    await page.getByRole('button', { name: '加入', exact: true }).click();
    await expect.poll(() => page.locator('.media-items .media-name').allTextContents()).toEqual(['录音：刘桂芳讲编草（示例）', '录音：编草歌（示例）']);
    await checkScreen(page, 'museum-person-recordings');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // Move the song up with the keyboard: focus stays on the moved item.
    // (The hidden part of a button's name is positioned, so its name reads "上移 : 录音：…".)
    await page.getByRole('button', { name: /^上移\s*: 录音：编草歌（示例）$/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.media-items .media-name').allTextContents()).toEqual(['录音：编草歌（示例）', '录音：刘桂芳讲编草（示例）']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('下移: 录音：编草歌（示例）');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已保存');
    const saved = (await loadPerson(w.database.db, w.coopId, liu.id))!.recordings;
    expect(saved).toHaveLength(2);
    expect(saved[0]).toBe(song.id);
    // Remove the song and save: only the upload stays.
    await page.getByRole('button', { name: /^移除\s*: 录音：编草歌（示例）$/ }).click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(async () => (await loadPerson(w.database.db, w.coopId, liu.id))!.recordings).toEqual([saved[1]]);

    // A chronicle entry: a picture needs its description first.
    const entry = (await listChronicleForEditing(w.database.db, w.coopId)).find((e) => e.slug === 'stone-bridge-1935')!;
    // The save is in the database; the form may not have taken its answer yet, and then leaving
    // asks "unsaved changes?" (Playwright would dismiss it and stay). Leave as an editor would.
    const leave = (dialog: import('playwright-core').Dialog) => void dialog.accept();
    page.on('dialog', leave);
    await page.goto(`${w.origin}/admin/#/museum-chronicle/${entry.id}`);
    await page.getByRole('group', { name: /图片、录音和视频/ }).waitFor();
    page.off('dialog', leave);
    const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#a0a8b0' } })
      .png()
      .toBuffer();
    await page.locator('#media-file').setInputFiles({ name: 'bridge.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => page.locator('#media-file-error').textContent()).toContain('图片说明');
    await page.getByLabel('图片说明（中文，上传图片时必填）').fill('村南石桥（示例）');
    await page.locator('#media-file').setInputFiles({ name: 'bridge.png', mimeType: 'image/png', buffer: photo });
    await page.getByRole('img', { name: '村南石桥（示例）' }).waitFor();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(async () => (await loadChronicleEntry(w.database.db, w.coopId, entry.id))!.media).toHaveLength(1);
    await checkScreen(page, 'museum-chronicle-media');
  });

  it('moves a hall’s exhibit down with the keyboard, keeps the order after a reload, and saves an added exhibit', async () => {
    const hall = (await listHallsForEditing(w.database.db, w.coopId)).find((h) => h.exhibits.length >= 3)!;
    const before = hall.exhibits.map((e) => e.targetId);
    await open('展厅');
    await page.locator(`[data-hall="${hall.slug}"] a`).click();
    await page.locator('.exhibits li').first().waitFor();
    await page.locator('.exhibits').scrollIntoViewIfNeeded();
    await checkScreen(page, 'museum-hall-form');
    // The first exhibit's "move down" button, reached and pressed from the keyboard.
    const down = page.locator('.exhibits li').first().getByRole('button', { name: /下移/ });
    await down.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('顺序已保存');
    const expected = [before[1], before[0], ...before.slice(2)];
    await expect
      .poll(async () => (await listHallsForEditing(w.database.db, w.coopId)).find((h) => h.id === hall.id)!.exhibits.map((e) => e.targetId))
      .toEqual(expected);
    await page.reload();
    await page.locator('.exhibits li').first().waitFor();
    expect(await page.locator('.exhibits li').evaluateAll((items) => items.map((li) => li.getAttribute('data-exhibit')))).toEqual(expected);

    // Add a place not shown yet as the last exhibit, move it up once, and save with the form.
    await page.getByLabel('展品类型').selectOption('place');
    const stoneMill = (await listPlacesForEditing(w.database.db, w.coopId)).find((p) => !expected.includes(p.id))!;
    await page.getByLabel('展品', { exact: true }).selectOption(stoneMill.id);
    await page.getByRole('button', { name: '添加展品' }).click();
    await page.locator('.exhibits li').last().getByRole('button', { name: /上移/ }).click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已保存');
    const saved = (await listHallsForEditing(w.database.db, w.coopId)).find((h) => h.id === hall.id)!.exhibits.map((e) => e.targetId);
    expect(saved).toEqual([...expected.slice(0, -1), stoneMill.id, expected.at(-1)]);
  });

  it('is not offered to fulfilment staff, whom the API refuses too', async () => {
    const packer = await phonePage(w.browser);
    await signIn(packer, w.origin, PACKER);
    await packer.getByRole('navigation').getByRole('link', { name: /更多/ }).click();
    await packer.getByRole('heading', { name: '更多' }).waitFor();
    expect(await packer.getByRole('link', { name: /村史馆/ }).count()).toBe(0);
    await packer.goto(`${w.origin}/admin/#/museum-memories`);
    await expect.poll(() => packer.locator('main').textContent()).toContain('您的角色不能');
    await packer.context().close();
  });

  it('reads in English, and the owner’s activity log names the museum work in words', async () => {
    const owner = await phonePage(w.browser);
    await signIn(owner, w.origin, OWNER);
    await owner.getByRole('button', { name: 'English' }).click();
    await owner.getByRole('navigation').getByRole('link', { name: /More/ }).click();
    await owner.getByRole('link', { name: /^Museum/ }).click();
    await owner.getByRole('heading', { name: 'Museum', exact: true }).waitFor();
    await owner.getByRole('link', { name: /^Places/ }).click();
    await owner.getByRole('heading', { name: 'Places', exact: true }).waitFor();
    await owner
      .getByRole('link', { name: /The stone mill/ })
      .first()
      .waitFor();
    await owner.getByRole('link', { name: 'New place' }).click();
    await owner.getByLabel('From the left (%)').waitFor();
    await checkScreen(owner, 'museum-place-form-en');
    await owner.goto(`${w.origin}/admin/#/audit`);
    const entries = owner.locator('.audit-entry');
    await entries.first().waitFor();
    const all = (await entries.allTextContents()).join('\n');
    for (const words of ['Approved a memory', 'Rejected a memory', 'Reordered exhibits', 'Added place', 'Replaced the village map', 'Added chronicle entry'])
      expect(all, words).toContain(words);
    await owner.context().close();
  });
});
