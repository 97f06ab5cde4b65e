import { describe, expect, it } from 'vitest';
import { createTerroirClient } from './index';

describe('createTerroirClient', () => {
  it('sends typed requests to baseUrl, path parameters encoded, and answers typed data', async () => {
    const seen: string[] = [];
    const client = createTerroirClient({
      baseUrl: 'https://village.example/api/',
      fetch: async (request) => {
        seen.push(`${request.method} ${request.url}`);
        return Response.json({ items: [], nextCursor: null });
      },
    });
    const { data, error } = await client.GET('/v1/coops/{coop}/products', { params: { path: { coop: 'laiyang pear' }, query: { lang: 'en', limit: 5 } } });
    expect(error).toBeUndefined();
    expect(data?.items).toEqual([]);
    expect(seen).toEqual(['GET https://village.example/api/v1/coops/laiyang%20pear/products?lang=en&limit=5']);
  });

  it('answers an HTTP error as the typed error body without throwing', async () => {
    const client = createTerroirClient({
      baseUrl: 'https://village.example/api',
      fetch: async () => Response.json({ error: { code: 'not_found', message: 'No such cooperative' } }, { status: 404 }),
    });
    const { data, error, response } = await client.GET('/v1/coops/{coop}', { params: { path: { coop: 'nowhere' } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.error.code).toBe('not_found');
  });

  it('refuses a baseUrl that is neither an http(s) URL nor an absolute path', () => {
    expect(() => createTerroirClient({ baseUrl: 'village.example/api' })).toThrow(/baseUrl must be an absolute http\(s\) URL/);
    expect(() => createTerroirClient({ baseUrl: 'ftp://village.example' })).toThrow(TypeError);
  });
});
