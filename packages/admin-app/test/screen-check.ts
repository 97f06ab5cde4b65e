// One check per screen in the browser tests: axe-core finds no serious or critical
// accessibility problem; a screenshot is taken only when the `screenshots` script asks.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { OWNER, SCREENSHOT_DIR } from './admin-harness';

const AXE = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8');

/** Checks the screen with axe-core (and, under the `screenshots` script, saves `admin-<name>.png`). */
export async function checkScreen(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `admin-${name}.png`), fullPage: false });
  }
  // Evaluated through the debugging protocol: the page's CSP rightly forbids inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (node: Node) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }
    ).axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  expect(violations, name).toEqual([]);
}

/** A phone-sized page (360 px, Chinese) whose uncaught errors fail the test. */
export async function phonePage(browser: import('playwright-core').Browser, locale = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** Signs in through the login form and waits for the workspace. */
export async function signIn(page: Page, origin: string, account: { email: string; password: string } = OWNER): Promise<void> {
  await page.goto(`${origin}/admin/`);
  await page.getByLabel('邮箱').fill(account.email);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation').getByRole('link', { name: /更多/ }).waitFor();
}
