import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspace } from './admin-harness';
import { checkScreen, phonePage, signIn } from './screen-check';

type Workspace = Awaited<ReturnType<typeof startWorkspace>>;
interface Cue {
  start: number;
  end: number;
  text: { 'zh-CN'?: string; en?: string };
}

describe('timing a recording’s transcript line by line, in Chromium at 360 px (issue 11)', () => {
  let w: Workspace;
  let page: Page;
  let storyId: string;
  const storedAudio = async () => {
    const row = await w.database.db.selectFrom('stories').select('media').where('id', '=', storyId).executeTakeFirstOrThrow();
    return (JSON.parse(row.media) as Array<{ kind: string; cues?: Cue[]; transcript?: { 'zh-CN'?: string } }>).find((m) => m.kind === 'audio')!;
  };

  beforeAll(async () => {
    w = await startWorkspace();
    storyId = (await w.database.db.selectFrom('stories').select('id').where('slug', '=', 'liu-guifang-weaving').executeTakeFirstOrThrow()).id;
    page = await phonePage(w.browser);
    await signIn(page, w.origin);
    await page.goto(`${w.origin}/admin/#/stories/${storyId}`);
  });
  afterAll(() => w?.close());

  it('marks each line as the recording plays, fine-tunes one, refuses an out-of-order time and saves the cues', async () => {
    expect((await storedAudio()).cues).toBeUndefined();
    const lines = (await storedAudio())
      .transcript!['zh-CN']!.split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines.length).toBe(4);

    const open = page.getByRole('button', { name: '给文字稿配时间' });
    await open.click();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const editor = page.getByRole('group', { name: '逐句时间' });
    const player = editor.locator('audio');
    await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(1);
    expect(await player.evaluate((a: HTMLAudioElement) => Math.round(a.duration))).toBe(5);

    // Tap along: each line starts where the player is when "this line starts now" is pressed.
    const status = editor.getByRole('status');
    for (const [i, at] of [0, 1.2, 2.4, 3.6].entries()) {
      expect(await editor.locator('.cue-now span').textContent()).toBe(lines[i]);
      await player.evaluate((a: HTMLAudioElement, t: number) => {
        a.currentTime = t;
      }, at);
      await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeCloseTo(at, 1);
      await editor.getByRole('button', { name: '这一句开始了' }).click();
    }
    expect(await status.textContent()).toBe('4 句都已配好，保存故事后生效。');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checkScreen(page, 'transcript-cues');

    // A time earlier than the line before is refused in words and not saved.
    const third = editor.getByLabel('第 3 句从第几秒开始');
    await third.fill('0.5');
    await third.press('Tab');
    expect(await status.textContent()).toBe('每一句的时间都要比上一句晚，改好后才会保存。');
    await third.fill('2.5');
    await third.press('Tab');
    expect(await status.textContent()).toBe('4 句都已配好，保存故事后生效。');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(async () => (await storedAudio()).cues?.length ?? 0).toBe(4);
    const cues = (await storedAudio()).cues!;
    expect(cues.map((c) => c.start)).toEqual([0, 1.2, 2.5, 3.6]);
    expect(cues.map((c) => c.end)).toEqual([1.2, 2.5, 3.6, 5]);
    expect(cues.map((c) => c.text['zh-CN'])).toEqual(lines);

    // After a reload the editor shows the saved times.
    await page.reload();
    await page.getByRole('button', { name: '修改逐句时间' }).click();
    expect(await page.getByLabel('第 3 句从第几秒开始').inputValue()).toBe('2.5');
  });
});
