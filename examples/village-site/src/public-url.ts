/**
 * The site's public address, from `PUBLIC_URL` (the one variable: checkout return URLs, receipt
 * links, canonical links, the sitemap and QR codes are built on it). `PUBLIC_BASE_URL` is read
 * as a deprecated alias, with a warning. Unset: `http://localhost:<port>`, so a demo on another
 * port still links to itself.
 *
 * @example
 * publicUrlFromEnv({ PUBLIC_URL: 'https://pears.example.cn/' }, 8787) // { url: 'https://pears.example.cn' }
 * publicUrlFromEnv({}, 9000) // { url: 'http://localhost:9000' }
 */
export function publicUrlFromEnv(env: Record<string, string | undefined>, port: number): { url: string; warning?: string } {
  const preferred = env.PUBLIC_URL?.trim();
  const legacy = env.PUBLIC_BASE_URL?.trim();
  const chosen = preferred || legacy || `http://localhost:${port}`;
  let parsed: URL;
  try {
    parsed = new URL(chosen);
  } catch {
    throw new RangeError(`PUBLIC_URL must be an absolute http(s) URL, got ${JSON.stringify(chosen)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new RangeError(`PUBLIC_URL must be an absolute http(s) URL, got ${JSON.stringify(chosen)}`);
  const url = chosen.replace(/\/+$/, '');
  if (!preferred && legacy) return { url, warning: 'PUBLIC_BASE_URL is deprecated: set PUBLIC_URL instead (same value).' };
  if (preferred && legacy && legacy.replace(/\/+$/, '') !== url)
    return { url, warning: 'PUBLIC_BASE_URL is deprecated and ignored because PUBLIC_URL is set.' };
  return { url };
}
