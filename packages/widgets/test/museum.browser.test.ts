// The museum widgets (timeline, map, hall, person) in real Chromium, embedded in a third-party
// page on another origin than the API, over the demo village's museum (packages/core/src/seed/demo-museum.ts).
import { readFileSync } from 'node:fs';
import { compareHistoricalDates, listChronicleForEditing, listPeopleForEditing, setMuseumMap, updateChronicleEntry, updatePerson } from '@terroir/core';
import { DEMO_CHRONICLE, DEMO_PLACES, DEMO_VILLAGE } from '@terroir/core/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle, hostPage, launchChromium, startShop, startThirdPartySite } from './browser-harness';

const AXE = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
const COOP = 'laiyang-pear';
// The seed's community-only records: the API never serves them, so no widget may show them.
const COMMUNITY_ENTRY = DEMO_CHRONICLE.find((e) => e.visibility === 'community')!.title['zh-CN'];
const COMMUNITY_PLACE = DEMO_PLACES.find((p) => p.visibility === 'community')!.name['zh-CN']!;
// The public chronicle, oldest first, as the seed dates it.
const CHRONICLE = DEMO_CHRONICLE.filter((e) => e.visibility !== 'community')
  .sort((a, b) => compareHistoricalDates(a.date, b.date))
  .map((e) => e.title['zh-CN']);
/** The timeline: the chronicle and the demo's stories that carry a date, a chronicle entry first among equal dates. */
const DATED_STORIES = DEMO_VILLAGE.stories.filter((s) => s.date && (s.status ?? 'published') === 'published' && (s.visibility ?? 'public') === 'public');
const TIMELINE = [
  ...DEMO_CHRONICLE.filter((e) => e.visibility !== 'community').map((e) => ({ date: e.date, title: e.title['zh-CN']! })),
  ...DATED_STORIES.map((s) => ({ date: s.date!, title: s.title['zh-CN']! })),
]
  .sort((a, b) => compareHistoricalDates(a.date, b.date))
  .map((e) => e.title);

// The snippets of docs/widgets.md ("Museum widgets") marked to be run by this file, as written.
const DOCS = readFileSync(new URL('../../../docs/widgets.md', import.meta.url), 'utf8');
const SNIPPETS = [...DOCS.matchAll(/<!-- run: packages\/widgets\/test\/museum\.browser\.test\.ts -->\n```html\n([\s\S]*?)```/g)].map((m) => m[1]!);
const LOADER_TAG = '<script type="module" src="https://shop.example.cn/widgets/v1/terroir.js"></script>';
/** The part each museum element shows once its data is in. */
const READY: Record<string, string> = { 'terroir-map': 'pin', 'terroir-timeline': 'entry', 'terroir-hall': 'exhibit', 'terroir-person': 'person' };

let shop: Awaited<ReturnType<typeof startShop>>;
let site: Awaited<ReturnType<typeof startThirdPartySite>>;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  ensureBundle();
  let routes: Record<string, string> = {};
  site = await startThirdPartySite(() => routes);
  shop = await startShop([site.origin]);
  // A village map and a portrait in the media library (real PNGs): the API resolves their URLs.
  const map = await shop.addImage(160, 120, { 'zh-CN': '手绘村庄地图', en: 'Hand-drawn village map' });
  await setMuseumMap(shop.db, shop.cooperativeId, map.id);
  const portrait = await shop.addImage(90, 120, { 'zh-CN': '刘桂芳在编草篮', en: 'Liu Guifang weaving a basket' });
  const liu = (await listPeopleForEditing(shop.db, shop.cooperativeId)).find((p) => p.slug === 'liu-guifang')!;
  // Her voice: the demo's placeholder tone (a real WAV) with its caption and transcript.
  const voice = await shop.addAudio(readFileSync(new URL('../../../examples/village-site/public/media/liu-weaver-voice.wav', import.meta.url)), {
    caption: { 'zh-CN': '刘桂芳讲编草（示例：以一段音调代替录音）', en: 'Liu Guifang on weaving (demo: a tone stands in for the recording)' },
    transcript: { 'zh-CN': '麦秸要先泡软，再一根压一根地编。', en: 'Soak the wheat straw first, then weave one strand over the next.' },
  });
  await updatePerson(shop.db, shop.cooperativeId, liu.id, { ...liu, portraitMediaId: portrait.id, recordings: [voice.id] } as never);
  // A picture for the first entry of the timeline.
  const tale = (await listChronicleForEditing(shop.db, shop.cooperativeId)).find((e) => e.title['zh-CN'] === CHRONICLE[0])!;
  const picture = await shop.addImage(120, 80, { 'zh-CN': '孔融让梨年画（示例）', en: 'Kong Rong gives up the pear, a New Year print (demo)' });
  await updateChronicleEntry(shop.db, shop.cooperativeId, tale.id, { ...tale, media: [picture.id] });
  const page = (body: string) => hostPage(shop.origin, body);
  routes = {
    '/timeline': page(`<terroir-timeline coop="${COOP}" limit="6" pages="https://village.example.cn"></terroir-timeline>`),
    '/map': page(`<terroir-map coop="${COOP}" pages="https://village.example.cn"></terroir-map>`),
    '/map-image': page(`<terroir-map coop="${COOP}" image="${shop.origin}/media/laiyang-pear.svg"></terroir-map>`),
    '/hall': page(`<terroir-hall coop="${COOP}" hall="pear-hall" pages="https://village.example.cn"></terroir-hall>`),
    '/history-hall': page(`<terroir-hall coop="${COOP}" hall="village-history-hall"></terroir-hall>`),
    '/craft-hall': page(`<terroir-hall coop="${COOP}" hall="craft-hall"></terroir-hall>`),
    '/person': page(`<terroir-person coop="${COOP}" person="liu-guifang" pages="https://village.example.cn"></terroir-person>`),
    '/all': page(
      [
        `<terroir-timeline coop="${COOP}" limit="4"></terroir-timeline>`,
        `<terroir-map coop="${COOP}"></terroir-map>`,
        `<terroir-hall coop="${COOP}" hall="pear-hall"></terroir-hall>`,
        `<terroir-person coop="${COOP}" person="liu-guifang"></terroir-person>`,
      ]
        .map((widget) => `<section>${widget}</section>`)
        .join('\n'),
    ),
  };
  // hostPage adds the same loader the snippet's script tag names (asserted below).
  for (const [i, snippet] of SNIPPETS.entries())
    routes[`/docs/${i}`] = page(snippet.replace(LOADER_TAG, '').replaceAll('https://shop.example.cn', shop.origin));
  chromium = await launchChromium();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await Promise.all([shop?.close(), site?.close()]);
});

async function open(path: string, width = 1280, slowApi = false): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 740 } });
  context.setDefaultTimeout(15_000);
  // Held API answers: the placeholders and skeletons are painted before the content replaces them.
  if (slowApi) await context.route('**/api/v1/**', (route) => setTimeout(() => void route.continue(), 400));
  // Cumulative layout shift as Chromium reports it (as test/embed.browser.test.ts measures it).
  await context.addInitScript(() => {
    const w = window as unknown as { cls: number };
    w.cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) w.cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(site.origin + path);
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document);
    return result.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: { id: string; nodes: { target: unknown }[] }) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

const entryTitles = (page: Page) => page.locator('terroir-timeline').locator('[part=entry] h3').allTextContents();

describe('museum widgets', { timeout: 90_000 }, () => {
  it('runs the museum snippets of docs/widgets.md as written', async () => {
    expect(SNIPPETS).toHaveLength(5);
    expect(SNIPPETS[0]).toContain(LOADER_TAG);
    for (const [i, snippet] of SNIPPETS.entries()) {
      const page = await open(`/docs/${i}`);
      const tags = [...snippet.matchAll(/<(terroir-[a-z]+)/g)].map((m) => m[1]!);
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) {
        await page.locator(tag).locator(`[part=${READY[tag]}]`).first().waitFor();
        expect(await page.locator(tag).locator('[part=error]').count()).toBe(0);
      }
      await page.context().close();
    }
  });

  it('terroir-timeline lists the chronicle oldest first and pages with 更多', async () => {
    const page = await open('/timeline');
    const timeline = page.locator('terroir-timeline');
    await timeline.getByRole('heading', { name: TIMELINE[0], exact: true }).waitFor();
    expect(await entryTitles(page)).toEqual(TIMELINE.slice(0, 6));
    // The first entry: its display date, its goods (the pear) and its page, on the site given as `pages`.
    const first = timeline.locator('[part=entry]').first();
    expect(await first.locator('[part=date]').textContent()).toBe('东汉（25–220年）');
    expect(await first.getByRole('link', { name: /^莱阳梨/ }).getAttribute('href')).toBe('https://village.example.cn/zh-CN/products/laiyang-pear');
    expect(await first.getByRole('link', { name: `查看详情: ${TIMELINE[0]}` }).getAttribute('href')).toBe(
      'https://village.example.cn/zh-CN/museum/timeline#kong-rong-tale',
    );
    // A dated story sits among the entries and opens its own page.
    expect(DATED_STORIES.length).toBeGreaterThan(0);
    const story = timeline.locator('[part=entry]').filter({ has: page.getByRole('heading', { name: DATED_STORIES[0]!.title['zh-CN']!, exact: true }) });
    expect(await story.getByRole('link', { name: `查看详情: ${DATED_STORIES[0]!.title['zh-CN']}` }).getAttribute('href')).toBe(
      `https://village.example.cn/zh-CN/stories/${DATED_STORIES[0]!.slug}`,
    );
    // "约" is shown for circa dates.
    expect(await timeline.locator('[part=date]').allTextContents()).toContain('约1900年');

    await timeline.getByRole('button', { name: '更多', exact: true }).click();
    await timeline.getByRole('heading', { name: TIMELINE[6], exact: true }).waitFor();
    expect(await entryTitles(page)).toEqual(TIMELINE.slice(0, 12));
    // Keyboard and screen-reader users continue at the first new entry.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('terroir-timeline')!.shadowRoot!.activeElement?.querySelector('h3')?.textContent))
      .toBe(TIMELINE[6]);
    await timeline.getByRole('button', { name: '更多', exact: true }).click();
    await timeline.getByRole('heading', { name: TIMELINE.at(-1), exact: true }).waitFor();
    expect(await entryTitles(page)).toEqual(TIMELINE);
    // The last page: no more button, and the community-only entry never appeared.
    expect(await timeline.getByRole('button', { name: '更多' }).count()).toBe(0);
    expect(await timeline.getByText(COMMUNITY_ENTRY).count()).toBe(0);
    await page.context().close();
  });

  it('terroir-timeline asks the API once per page (the answer carries the goods) and shows an entry’s picture', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(15_000);
    const api: string[] = [];
    context.on('request', (request) => {
      if (request.url().includes('/api/v1/')) api.push(new URL(request.url()).pathname);
    });
    const page = await context.newPage();
    await page.goto(site.origin + '/timeline');
    const timeline = page.locator('terroir-timeline');
    await timeline.getByRole('heading', { name: TIMELINE[5], exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(api).toEqual([`/api/v1/coops/${COOP}/timeline`]);
    const img = timeline.locator('[part=entry]').first().getByRole('img', { name: '孔融让梨年画（示例）' });
    expect(await img.getAttribute('src')).toMatch(new RegExp(`^${shop.origin}/uploads/.+\\.png$`));
    expect([await img.getAttribute('width'), await img.getAttribute('height'), await img.getAttribute('loading')]).toEqual(['120', '80', 'lazy']);
    await timeline.getByRole('button', { name: '更多', exact: true }).click();
    await timeline.getByRole('heading', { name: TIMELINE[6], exact: true }).waitFor();
    expect(api.filter((path) => path.endsWith('/timeline'))).toHaveLength(2);
    expect(api.some((path) => path.includes('/museum/chronicle/'))).toBe(false);
    await context.close();
  });

  it('terroir-timeline filters by period and speaks English', async () => {
    const page = await open('/timeline');
    const timeline = page.locator('terroir-timeline');
    await timeline.getByRole('heading', { name: CHRONICLE[0], exact: true }).waitFor();
    await timeline.getByRole('combobox', { name: '时期' }).selectOption('republic');
    // Entries whose years overlap 1912–1949: the Qing-dated well, the 1930s, 1935, 1949.
    await expect.poll(() => entryTitles(page)).toEqual(['村口老井', '冬闲编草', '修村南石桥', '中华人民共和国成立']);
    await page.evaluate(() => document.querySelector('terroir-timeline')!.setAttribute('lang', 'en'));
    await timeline.getByRole('heading', { name: 'The old well at the village gate', exact: true }).waitFor();
    expect(await timeline.getByRole('combobox', { name: 'Period' }).inputValue()).toBe('republic');
    await page.context().close();
  });

  it('terroir-map: a pin is reached with Tab, named by its place, and Enter opens its panel', async () => {
    const page = await open('/map', 360);
    const map = page.locator('terroir-map');
    await map.getByRole('button', { name: '河滩老梨园', exact: true }).waitFor();
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => document.querySelector('terroir-map')!.shadowRoot!.activeElement);
    const focusedName = () =>
      page.evaluate(() => {
        const el = document.querySelector('terroir-map')!.shadowRoot!.activeElement;
        return el ? `${el.getAttribute('part')}:${el.getAttribute('aria-label')}` : null;
      });
    expect(await focused()).not.toBeNull();
    expect(await focusedName()).toBe('pin:河滩老梨园');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toMatch(/^pin:/);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const panel = map.locator('[part~=panel]');
    await panel.getByRole('heading', { name: '河滩老梨园', exact: true }).waitFor();
    expect(await map.getByRole('button', { name: '河滩老梨园', exact: true }).getAttribute('aria-expanded')).toBe('true');
    expect(await panel.getByRole('link', { name: '查看详情' }).getAttribute('href')).toBe('https://village.example.cn/zh-CN/museum/places/old-pear-orchard');
    expect(await panel.getByRole('link', { name: '在地图应用中打开' }).getAttribute('href')).toMatch(/^geo:36\.98\d*,120\.70\d*$/);
    expect(await panel.locator('[part=goods-link][href="https://village.example.cn/zh-CN/products/laiyang-pear"]').count()).toBe(1);
    // Focus went into the panel; Escape closes it and returns to the pin.
    await expect.poll(focusedName).toBe('title:null');
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);
    expect(await focusedName()).toBe('pin:河滩老梨园');
    // Every public place is a pin and a link in the list below; the community-only one is neither.
    const pins = map.locator('[part=pin]');
    expect(await pins.count()).toBe(DEMO_PLACES.length - 1);
    expect(await map.getByText(COMMUNITY_PLACE).count()).toBe(0);
    expect(await map.locator('[part=places]').getByRole('link').count()).toBe(DEMO_PLACES.length - 1);
    // 44 px targets at 360 px, and nothing scrolls sideways.
    for (const box of await pins.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON())))
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // A pin's name, shown on hover, stays inside the page even for pins at the map's edges.
    for (let i = 0; i < (await pins.count()); i++) {
      await pins.nth(i).hover();
      expect(await pins.nth(i).locator('.lb').isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    }
    await page.context().close();
  });

  it('terroir-hall shows the exhibits in the curated order, with their goods', async () => {
    const page = await open('/hall');
    const hall = page.locator('terroir-hall');
    await hall.getByRole('heading', { name: '梨乡馆', exact: true }).waitFor();
    const titles = await hall.locator('[part=exhibit] h3').allTextContents();
    expect(titles.slice(0, 3)).toEqual(['河滩老梨园', '王家嫁接老梨树', '王建国（示例人物）']);
    expect(titles.at(-1)).toBe('莱阳梨');
    expect(titles).toHaveLength(5);
    expect(await hall.getByRole('link', { name: '河滩老梨园', exact: true }).getAttribute('href')).toBe(
      'https://village.example.cn/zh-CN/museum/places/old-pear-orchard',
    );
    expect(await hall.getByText('一次嫁接救下一片梨园。').count()).toBe(1);
    await page.context().close();
  });

  it('terroir-hall plays its audio guide: each recording in order, the playing exhibit marked and named', async () => {
    const page = await open('/craft-hall', 360);
    const hall = page.locator('terroir-hall');
    const play = hall.getByRole('button', { name: '播放语音导览' });
    await play.waitFor();
    // Liu Guifang's voice (a person exhibit), her weaving story's recording, Zhang Yumei's window-flowers story.
    const voiced = await hall.locator('[part=exhibit]').evaluateAll((items) => items.filter((li) => li.querySelector('details')).length);
    expect(voiced).toBe(3);
    const audio = hall.locator('[part=guide] audio');
    await play.click();
    const status = hall.locator('[part=guide] [role=status]');
    await expect.poll(() => status.textContent()).toMatch(/^正在播放 1\/3：刘桂芳/);
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.3);
    expect(await audio.getAttribute('src')).toMatch(new RegExp(`^${shop.origin}/uploads/.+\\.wav$`));
    const current = hall.locator('[part=exhibit][aria-current=true]');
    expect(await current.locator('h3').textContent()).toMatch(/^刘桂芳/);
    expect(await current.locator('details').getAttribute('open')).not.toBeNull();
    // Pause and resume keep the place; "next" moves on to the story's recording.
    await hall.getByRole('button', { name: '暂停' }).click();
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.paused)).toBe(true);
    await hall.getByRole('button', { name: '下一件' }).click();
    await expect.poll(() => status.textContent()).toMatch(/^正在播放 2\/3：/);
    expect(await audio.getAttribute('src')).toBe(`${shop.origin}/media/liu-weaver-voice.wav`);
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.3);
    // When a recording ends, the next one starts by itself.
    await audio.evaluate((el: HTMLAudioElement) => {
      el.currentTime = Math.max(0, el.duration - 0.2);
    });
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/^正在播放 3\/3：/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it('terroir-hall leaves out the exhibit showing a community-only place', async () => {
    const page = await open('/history-hall');
    const hall = page.locator('terroir-hall');
    await hall.getByRole('heading', { name: '村史馆', exact: true }).waitFor();
    expect(await hall.locator('[part=exhibit]').count()).toBe(5);
    expect(await hall.getByText(COMMUNITY_PLACE).count()).toBe(0);
    await page.context().close();
  });

  it('terroir-person shows the person, their roles and the goods they make', async () => {
    const page = await open('/person');
    const person = page.locator('terroir-person');
    await person.getByRole('heading', { name: '刘桂芳（示例人物）', exact: true }).waitFor();
    expect(await person.getByText('1956年').count()).toBeGreaterThan(0);
    expect(await person.locator('[part=roles]').textContent()).toContain('县级非物质文化遗产代表性传承人（示例）');
    expect(await person.getByRole('link', { name: /^草编提篮/ }).getAttribute('href')).toBe('https://village.example.cn/zh-CN/products/straw-basket');
    expect(await person.getByRole('link', { name: '查看详情: 刘桂芳（示例人物）' }).getAttribute('href')).toBe(
      'https://village.example.cn/zh-CN/museum/people/liu-guifang',
    );
    await page.context().close();
  });

  it('terroir-person plays her voice recording when its play button is clicked, with caption and transcript', async () => {
    const page = await open('/person', 360);
    const person = page.locator('terroir-person');
    const recording = person.locator('[part=recording]');
    await recording.waitFor();
    expect(await person.getByRole('heading', { name: '口述录音', exact: true }).count()).toBe(1);
    expect(await recording.locator('figcaption').textContent()).toBe('刘桂芳讲编草（示例：以一段音调代替录音） · 0:05');
    expect(await recording.getByText('文字稿：麦秸要先泡软，再一根压一根地编。').count()).toBe(1);
    const audio = recording.locator('audio');
    expect([await audio.getAttribute('controls'), await audio.getAttribute('preload')]).toEqual(['', 'none']);
    expect(await audio.getAttribute('src')).toMatch(new RegExp(`^${shop.origin}/uploads/.+\\.wav$`));
    await audio.evaluate((el: HTMLAudioElement) => {
      (window as unknown as { played: boolean }).played = false;
      el.addEventListener('playing', () => ((window as unknown as { played: boolean }).played = true));
    });
    // A real click on the player's play button (at its left end), as a visitor would: no autoplay flag needed.
    // (Playwright scrolls it into view and waits until it stands still before clicking.)
    const box = (await audio.boundingBox())!;
    await audio.click({ position: { x: 20, y: box.height / 2 } });
    await page.waitForFunction(() => (window as unknown as { played: boolean }).played);
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.3);
    expect(await audio.evaluate((el: HTMLAudioElement) => el.paused)).toBe(false);
    // In English the caption, transcript and heading follow.
    await page.evaluate(() => document.querySelector('terroir-person')!.setAttribute('lang', 'en'));
    await person.getByRole('heading', { name: 'In their own voice', exact: true }).waitFor();
    // The heading is the widget's own word and changes at once; the transcript is the API's
    // English answer, which arrives a moment later.
    await recording.getByText('Transcript: Soak the wheat straw first, then weave one strand over the next.').waitFor({ timeout: 10_000 });
    expect(await recording.getByText('Transcript: Soak the wheat straw first, then weave one strand over the next.').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it('terroir-map shows the uploaded village map without an image attribute; the attribute still wins', async () => {
    const page = await open('/map');
    const img = page.locator('terroir-map').locator('[part=map] img');
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(new RegExp(`^${shop.origin}/uploads/.+\\.png$`));
    expect(await img.getAttribute('alt')).toBe('手绘村庄地图');
    expect([await img.getAttribute('width'), await img.getAttribute('height'), await img.getAttribute('loading')]).toEqual(['160', '120', 'lazy']);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(160);
    await page.context().close();

    const attributed = await open('/map-image');
    const own = attributed.locator('terroir-map').locator('[part=map] img');
    await own.waitFor();
    expect(await own.getAttribute('src')).toBe(`${shop.origin}/media/laiyang-pear.svg`);
    expect(await attributed.locator('terroir-map').locator('[part=map] img').count()).toBe(1);
    await attributed.context().close();
  });

  it('terroir-person shows the portrait with its size, alt text and lazy loading', async () => {
    const page = await open('/person');
    const img = page.locator('terroir-person').getByRole('img', { name: '刘桂芳在编草篮' });
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(new RegExp(`^${shop.origin}/uploads/.+\\.png$`));
    expect([await img.getAttribute('width'), await img.getAttribute('height'), await img.getAttribute('loading')]).toEqual(['90', '120', 'lazy']);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalHeight)).toBe(120);
    await page.context().close();
  });

  it('has no serious or critical axe-core violations at 360 px, with the map panel open, in zh-CN and en', async () => {
    const page = await open('/all', 360);
    await page.locator('terroir-timeline').locator('[part=entry]').first().waitFor();
    await page.locator('terroir-hall').locator('[part=exhibit]').first().waitFor();
    await page.locator('terroir-person').locator('[part=person]').waitFor();
    await page.locator('terroir-map').getByRole('button', { name: '河滩老梨园', exact: true }).click();
    await page.locator('terroir-map').locator('[part~=panel] h3').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('terroir-timeline, terroir-map, terroir-hall, terroir-person')) el.setAttribute('lang', 'en');
    });
    await page.locator('terroir-hall').getByRole('heading', { name: 'The Pear Hall', exact: true }).waitFor();
    await page.locator('terroir-map').getByRole('button', { name: 'The old riverside orchard', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('each widget’s placeholder, drawn before its chunk arrives, has the height of its loading state (360 and 1280 px)', async () => {
    const tags = Object.keys(READY);
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 740 } });
      context.setDefaultTimeout(15_000);
      // Hold the museum chunks until the placeholders are measured, and every API answer for good.
      const held: (() => Promise<void>)[] = [];
      await context.route(/\/terroir\.(timeline|map|hall|person)\.[\w-]+\.js$/, (route) => void held.push(() => route.continue()));
      await context.route('**/api/v1/**', () => undefined);
      const page = await context.newPage();
      await page.goto(site.origin + '/all');
      await expect.poll(() => held.length).toBe(4);
      const heights = () => Promise.all(tags.map((tag) => page.locator(tag).evaluate((el) => Math.round(el.getBoundingClientRect().height))));
      const placeholders = await heights();
      for (const release of held) await release();
      for (const tag of tags) await page.locator(tag).locator('[part~=skeleton]').waitFor();
      expect(placeholders.every((height) => height > 100)).toBe(true);
      expect(await heights()).toEqual(placeholders);
      await context.close();
    }
  });

  it('terroir-map draws the map’s box before its code and data arrive, so the map itself never moves what is below', async () => {
    for (const width of [360, 1280]) {
      const page = await open('/map', width, true);
      // The placeholder (or the loading state: the same box) while the API answer is held.
      const before = await page.locator('terroir-map').evaluate((el) => el.getBoundingClientRect().height);
      await page.locator('terroir-map').locator('[part=pin]').first().waitFor();
      const after = await page
        .locator('terroir-map')
        .locator('[part=map]')
        .evaluate((el) => el.getBoundingClientRect().height);
      expect(before).toBeGreaterThan(200);
      expect(Math.abs(after - before)).toBeLessThanOrEqual(1);
      await page.context().close();
    }
  });

  it('a page of the four widgets shifts by at most 0.02 while they load, API answers held (360 and 1280 px)', async () => {
    for (const width of [360, 1280]) {
      const page = await open('/all', width, true);
      await page.locator('terroir-timeline').locator('[part=entry]').first().waitFor();
      await page.locator('terroir-hall').locator('[part=exhibit]').first().waitFor();
      await page.locator('terroir-person').locator('[part=person]').waitFor();
      await page.locator('terroir-map').locator('[part=pin]').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const cls = await page.evaluate(() => (window as unknown as { cls: number }).cls);
      console.log(`museum widgets CLS at ${width}px: ${cls.toFixed(4)}`);
      expect(cls).toBeLessThanOrEqual(0.02);
      await page.context().close();
    }
  });
});
