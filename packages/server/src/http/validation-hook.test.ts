import { describe, expect, it } from 'vitest';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { apiErrorHandler, ApiError } from './api-error';
import { fieldPath, validationHook } from './validation-hook';
import { isCleanText } from './text-schemas';

describe('validationHook', () => {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.onError(apiErrorHandler);
  app.openapi(
    createRoute({
      method: 'post',
      path: '/lines',
      request: {
        query: z.object({ limit: z.coerce.number().int().min(1).max(10).default(5) }),
        body: { required: true, content: { 'application/json': { schema: z.object({ lines: z.array(z.object({ quantity: z.number().int().min(1) })) }) } } },
      },
      responses: { 200: { description: 'ok' } },
    }),
    (c) => c.json({ ok: true }, 200) as never,
  );
  app.get('/boom', () => {
    throw new Error('secret database detail');
  });
  app.get('/gone', () => {
    throw new ApiError(409, { code: 'conflict', message: 'Sold out.', field: 'lines[0]' });
  });

  it('names the first offending field and lists every issue', async () => {
    const res = await app.request('/lines?limit=0', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lines":[]}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_parameter', field: 'limit', issues: [{ field: 'limit', code: 'too_small' }] } });
  });

  it('gives body problems the invalid_body code and an indexed path', async () => {
    const res = await app.request('/lines', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"lines":[{"quantity":1},{"quantity":0}]}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_body', field: 'lines[1].quantity' } });
  });

  it('turns malformed JSON and a wrong media type into 4xx JSON, never 500', async () => {
    const broken = await app.request('/lines', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lines":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBeTypeOf('string');
    const text = await app.request('/lines', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('answers thrown ApiErrors with their status, and hides unexpected errors behind a 500', async () => {
    expect(await (await app.request('/gone')).json()).toEqual({ error: { code: 'conflict', message: 'Sold out.', field: 'lines[0]' } });
    const original = console.error;
    console.error = () => {};
    try {
      const res = await app.request('/boom');
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('secret');
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
    } finally {
      console.error = original;
    }
  });

  it('formats paths', () => {
    expect(fieldPath(['lines', 2, 'quantity'])).toBe('lines[2].quantity');
    expect(fieldPath([])).toBe('');
  });
});

describe('isCleanText', () => {
  it('refuses control characters and lone surrogates, accepts any printable script', () => {
    expect(isCleanText('莱阳梨 pear 🍐')).toBe(true);
    for (const bad of ['a\u0000b', 'a\nb', '\u001b[31m', '\ud800', 'x\udfff']) expect(isCleanText(bad), JSON.stringify(bad)).toBe(false);
  });
});
