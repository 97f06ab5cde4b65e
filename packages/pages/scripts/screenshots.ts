// Regenerates docs/img/pages-*.png: the home and product pages at 360 px with scripts on (the
// product page twice: its gallery, then its price facts with the phone buy bar), and a story
// page with scripts off (the transcript readable without JavaScript).
import { launchChromium, startPagesServer } from '../test/pages-test-server';

const out = new URL('../../../docs/img/', import.meta.url).pathname;
const site = await startPagesServer();
const browser = await launchChromium();
try {
  const mobile = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true };
  const js = await (await browser.newContext(mobile)).newPage();
  await js.goto(`${site.origin}/zh-CN/products/laiyang-pear`);
  await js.waitForSelector('form[data-enhanced]');
  await js.screenshot({ path: `${out}pages-product-zh-CN.png`, fullPage: false });
  await js.evaluate(() => {
    document.querySelector('.price')?.scrollIntoView({ block: 'start', behavior: 'instant' });
    window.scrollBy({ top: -16, behavior: 'instant' });
  });
  await js.screenshot({ path: `${out}pages-product-buy-bar-zh-CN.png`, fullPage: false });
  await js.goto(`${site.origin}/zh-CN/`);
  await js.waitForSelector('form[data-enhanced]');
  await js.screenshot({ path: `${out}pages-home-zh-CN.png`, fullPage: false });
  const noJs = await (await browser.newContext({ ...mobile, javaScriptEnabled: false })).newPage();
  await noJs.goto(`${site.origin}/en/stories/liu-guifang-weaving`);
  await noJs.locator('.transcript').first().scrollIntoViewIfNeeded();
  await noJs.screenshot({ path: `${out}pages-story-en-no-js.png`, fullPage: false });
  console.log('wrote', out);
} finally {
  await browser.close();
  await site.close();
}
