import { createHash } from 'node:crypto';

/*
 * The pages' progressive enhancement, served as a small module at /assets/terroir-pages.<hash>.js.
 * Without it (or without JavaScript) the buy form submits to the order note page. With it, and
 * once the widgets have defined <terroir-cart>, the same form adds the chosen variant to the
 * cart the widgets keep: localStorage `terroir:cart:<coop>` holding CartLine objects, announced
 * with a bubbling, composed `terroir:cart-change` (the contract of packages/widgets/src/cart-store.ts,
 * which the browser test checks end to end). Nothing on the page moves: the status line's
 * space is already reserved in the server HTML. It also lets a product gallery's thumbnails
 * scroll the picture strip in place and mark the picture in view.
 */
export const ENHANCE_SCRIPT = `
const MAX = 99;
const keyOf = (coop) => 'terroir:cart:' + coop;
function read(coop) {
  try { const lines = JSON.parse(localStorage.getItem(keyOf(coop)) || '[]'); return Array.isArray(lines) ? lines : []; } catch { return null; }
}
function enhance(form) {
  form.addEventListener('submit', (event) => {
    const coop = form.dataset.coop;
    const choice = form.querySelector('input[name="variant"]:checked');
    const quantity = Math.trunc(Number(form.elements.quantity.value));
    const lines = read(coop);
    // Anything unusual (storage blocked, odd quantity) falls through to the no-JS order page.
    if (!choice || lines === null || !(quantity >= 1 && quantity <= MAX)) return;
    event.preventDefault();
    const line = {
      variantId: choice.value, productSlug: form.dataset.product, title: form.dataset.title,
      variantLabel: choice.dataset.label, priceMinor: Number(choice.dataset.price), currency: choice.dataset.currency,
    };
    const existing = lines.find((l) => l.variantId === line.variantId);
    if (existing) existing.quantity = Math.min(MAX, existing.quantity + quantity);
    else lines.push({ ...line, quantity });
    try { localStorage.setItem(keyOf(coop), JSON.stringify(lines)); } catch { form.submit(); return; }
    const detail = { coop, lines };
    form.dispatchEvent(new CustomEvent('terroir:cart-change', { detail, bubbles: true, composed: true }));
    form.dispatchEvent(new CustomEvent('terroir:add-to-cart', {
      detail: { coop, productSlug: line.productSlug, variantId: line.variantId, quantity, priceMinor: line.priceMinor, currency: line.currency },
      bubbles: true, composed: true,
    }));
    const status = form.querySelector('[role="status"]');
    if (status) status.textContent = (document.documentElement.lang === 'en' ? 'Added to cart: ' : '已加入购物车：') + line.title + ' · ' + line.variantLabel + ' × ' + quantity;
  });
  form.dataset.enhanced = '';
}
// Galleries: the thumbnails scroll the strip in place (no page jump) and follow a swipe.
function gallery(root) {
  const strip = root.querySelector('.slides');
  const links = [...root.querySelectorAll('.thumbs a')];
  if (!strip || links.length === 0) return;
  const show = (index) => links.forEach((a, i) => a.setAttribute('aria-current', String(i === index)));
  let frame = 0;
  strip.addEventListener('scroll', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => show(Math.round(strip.scrollLeft / Math.max(1, strip.clientWidth))));
  }, { passive: true });
  links.forEach((a, index) => a.addEventListener('click', (event) => {
    event.preventDefault();
    strip.scrollTo({ left: index * strip.clientWidth });
    show(index);
  }));
}
document.querySelectorAll('[data-gallery]').forEach(gallery);
customElements.whenDefined('terroir-cart').then(() => document.querySelectorAll('form[data-terroir-add]').forEach(enhance));
`.trim();

/** The script's file name, content-hashed so it can be cached for a year and never go stale. */
export const ENHANCE_SCRIPT_FILE = `terroir-pages.${createHash('sha256').update(ENHANCE_SCRIPT).digest('hex').slice(0, 12)}.js`;
