import type { MessageKey } from './messages';

/** Hosts a developer runs on their own machine, where plain http is the norm. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export type OriginCheck = { ok: true; origin: string } | { ok: false; reason: MessageKey; suggestion?: string };

/**
 * Reads what an owner typed as a site allowed to embed the widgets: an exact origin,
 * `https://host[:port]` (http only for localhost while testing), nothing after it. A refusal
 * names why, and suggests the origin when a whole page address was pasted.
 *
 * @example
 * checkOrigin('https://village.example.cn/shop') // { ok: false, reason: 'originHasPath', suggestion: 'https://village.example.cn' }
 */
export function checkOrigin(input: string, existing: readonly string[] = []): OriginCheck {
  const text = input.trim();
  if (!text) return { ok: false, reason: 'originEmpty' };
  if (text.includes('*')) return { ok: false, reason: 'originWildcard' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
    return { ok: false, reason: 'originNoScheme', suggestion: checkOrigin(`https://${text}`).ok ? `https://${text.replace(/\/.*$/, '')}` : undefined };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'originNotUrl' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return { ok: false, reason: 'originNotHttps' };
  if (url.username || url.password) return { ok: false, reason: 'originHasCredentials' };
  // `https://a.cn/` is the origin written with a slash; anything longer is a page, not a site.
  if (!/^[a-z]+:\/\/[^/?#]+\/?$/i.test(text)) return { ok: false, reason: 'originHasPath', suggestion: url.origin };
  if (existing.includes(url.origin)) return { ok: false, reason: 'originDuplicate' };
  return { ok: true, origin: url.origin };
}
