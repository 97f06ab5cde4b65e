import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, startPagesServer } from './pages-test-server';

/*
 * The hall audio guide (issue 11) in real Chromium at 360 px: one button plays each exhibit's
 * recording in order (the demo craft hall has two: the weaver's and Zhang Yumei's, whose
 * transcript has timed cues), the status names the exhibit, the keys reach every control, axe
 * finds nothing serious, and without JavaScript each exhibit's own player is still there.
 */
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const MOBILE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const HALL = '/museum/halls/craft-hall';

/** Media events do not bubble: listen in the capture phase, from before the page's own scripts. */
const RECORD_MEDIA_EVENTS = () => {
  const log: string[] = [];
  (window as unknown as { mediaLog: string[] }).mediaLog = log;
  for (const type of ['play', 'ended'])
    document.addEventListener(type, (event) => log.push(`${type} ${(event.target as HTMLMediaElement).src.split('/').pop()}`), true);
};
const mediaLog = (page: Page) => page.evaluate(() => (window as unknown as { mediaLog: string[] }).mediaLog.slice());
const status = (page: Page) => page.locator('[data-guide-status]').textContent();

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }
    ).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact})`);
}

/** Presses Tab until the element matching `selector` has focus (at most 80 presses): reachable by keyboard. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with Tab`);
}

describe('the hall audio guide in Chromium (issue 11)', () => {
  let site: Awaited<ReturnType<typeof startPagesServer>>;
  let browser: Browser;

  beforeAll(async () => {
    site = await startPagesServer();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...chromiumArgs(), '--autoplay-policy=no-user-gesture-required'] });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('plays exhibit 1 then exhibit 2 from one key press, naming each, highlighting the timed cue, then says it has finished', async () => {
    const context = await browser.newContext(MOBILE);
    const page = await context.newPage();
    await page.addInitScript(RECORD_MEDIA_EVENTS);
    await page.goto(`${site.origin}/zh-CN${HALL}`);
    const start = page.getByRole('button', { name: '播放语音导览' });
    await expect(start.isVisible()).resolves.toBe(true);
    expect(await page.locator('[data-guide-item] audio').count()).toBe(2);

    await tabTo(page, '[data-guide="start"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { mediaLog: string[] }).mediaLog.includes('play liu-weaver-voice.wav'));
    expect(await status(page)).toBe('正在播放第 1 段，共 2 段：老编匠手里的麦秸');
    expect(await page.locator('.exhibits > li[data-guide-current] .exhibit-audio').getAttribute('data-title')).toBe('老编匠手里的麦秸');

    await page.waitForFunction(() => (window as unknown as { mediaLog: string[] }).mediaLog.includes('play zhang-papercut-voice.wav'), undefined, {
      timeout: 30_000,
    });
    expect(await status(page)).toBe('正在播放第 2 段，共 2 段：一把剪刀剪窗花');
    expect(await page.locator('.exhibits > li[data-guide-current] .exhibit-audio').getAttribute('data-title')).toBe('一把剪刀剪窗花');
    // Zhang Yumei's transcript has timings: the cue being heard is marked.
    await page.waitForSelector('[data-guide-current] .cue[aria-current="true"]');
    // The playing exhibit was scrolled into view.
    expect(await page.locator('[data-guide-current]').evaluate((li) => li.getBoundingClientRect().top < window.innerHeight)).toBe(true);

    await page.waitForFunction(() => document.querySelector('[data-audio-guide]')?.getAttribute('data-state') === 'done', undefined, { timeout: 30_000 });
    expect(await status(page)).toBe('导览结束，谢谢收听。');
    expect(await mediaLog(page)).toEqual([
      'play liu-weaver-voice.wav',
      'ended liu-weaver-voice.wav',
      'play zhang-papercut-voice.wav',
      'ended zhang-papercut-voice.wav',
    ]);
    await context.close();
  });

  it('pauses, resumes and skips with the keyboard, in English, and passes axe at 360 px while playing', async () => {
    const context = await browser.newContext(MOBILE);
    const page = await context.newPage();
    await page.addInitScript(RECORD_MEDIA_EVENTS);
    await page.goto(`${site.origin}/en${HALL}`);
    await tabTo(page, '[data-guide="start"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { mediaLog: string[] }).mediaLog.includes('play liu-weaver-voice.wav'));
    expect(await status(page)).toBe('Playing 1 of 2: Wheat Straw in the Old Weaver’s Hands');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await tabTo(page, '[data-guide="toggle"]');
    expect(await page.locator('[data-guide="toggle"]').textContent()).toBe('Pause');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[data-audio-guide]')?.getAttribute('data-state') === 'paused');
    expect(await status(page)).toBe('Paused: Wheat Straw in the Old Weaver’s Hands');
    expect(await page.locator('[data-guide="toggle"]').textContent()).toBe('Resume');
    expect(
      await page
        .locator('[data-guide-item] audio')
        .first()
        .evaluate((a) => (a as HTMLAudioElement).paused),
    ).toBe(true);

    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[data-audio-guide]')?.getAttribute('data-state') === 'playing');
    expect(await status(page)).toBe('Playing 1 of 2: Wheat Straw in the Old Weaver’s Hands');

    await tabTo(page, '[data-guide="next"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { mediaLog: string[] }).mediaLog.includes('play zhang-papercut-voice.wav'));
    expect(await status(page)).toBe('Playing 2 of 2: Window Flowers from One Pair of Scissors');
    expect(
      await page
        .locator('[data-guide-item] audio')
        .first()
        .evaluate((a) => (a as HTMLAudioElement).paused),
    ).toBe(true);

    await tabTo(page, '[data-guide="previous"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { mediaLog: string[] }).mediaLog.filter((e) => e === 'play liu-weaver-voice.wav').length >= 3);
    expect(await status(page)).toBe('Playing 1 of 2: Wheat Straw in the Old Weaver’s Hands');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('without JavaScript hides the guide and keeps each exhibit’s own player and transcript', async () => {
    const context = await browser.newContext({ ...MOBILE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.origin}/zh-CN${HALL}`);
    expect(await page.getByRole('button', { name: '播放语音导览' }).count()).toBe(0);
    const players = page.locator('.exhibit-audio audio[controls]');
    expect(await players.count()).toBe(2);
    expect(await players.nth(1).getAttribute('src')).toBe('/media/zhang-papercut-voice.wav');
    expect(await page.locator('.exhibit-audio .transcript').nth(1).textContent()).toContain('慢慢展开，就是一朵团花。');
    await context.close();
  });
});
