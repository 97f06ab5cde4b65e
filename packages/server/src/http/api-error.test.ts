import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, apiErrorHandler } from './api-error';
import { ERROR_MESSAGES, errorMessage } from './error-messages';
import { MAX_ISSUES, validationError } from './zod-issues';

describe('ApiError', () => {
  it('is a Hono HTTPException built from an options object, with the message from the table by default', () => {
    const error = new ApiError(409, { code: 'slug_taken', field: 'slug' });
    expect(error).toBeInstanceOf(HTTPException);
    expect(error.status).toBe(409);
    expect(error.toBody()).toEqual({ error: { code: 'slug_taken', message: 'This slug is in use; choose another.', field: 'slug' } });
    expect(new ApiError(404, { code: 'not_found', message: 'No product "x".' }).message).toBe('No product "x".');
  });

  it('answers as JSON with its headers even where our error handler is not installed', async () => {
    const bare = new Hono();
    bare.get('/', () => {
      throw new ApiError(429, { code: 'too_many_attempts', headers: { 'Retry-After': '30' } });
    });
    const response = await bare.request('/');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await response.json()).error.code).toBe('too_many_attempts');
  });

  it('turns database constraint violations into 409/422 and anything unknown into a 500 that reveals nothing', async () => {
    const app = new Hono();
    app.onError(apiErrorHandler);
    app.get('/unique', () => {
      throw Object.assign(new Error('duplicate key value violates unique constraint "products_slug"'), { code: '23505' });
    });
    app.get('/check', () => {
      throw Object.assign(new Error('CHECK constraint failed'), { code: 'SQLITE_CONSTRAINT_CHECK' });
    });
    app.get('/bug', () => {
      throw new Error('secret detail');
    });
    const unique = await app.request('/unique');
    expect(unique.status).toBe(409);
    expect(await unique.text()).not.toContain('products_slug');
    expect((await (await app.request('/check')).json()).error.code).toBe('out_of_range');
    const original = console.error;
    console.error = () => undefined;
    try {
      const bug = await app.request('/bug');
      expect(bug.status).toBe(500);
      expect(await bug.text()).not.toContain('secret');
    } finally {
      console.error = original;
    }
  });
});

describe('validationError', () => {
  it('is 400 invalid_body for a body and invalid_parameter for a query, capped at the shared issue limit', () => {
    const result = z.object({ items: z.array(z.number()) }).safeParse({ items: Array.from({ length: 50 }, () => 'x') });
    if (result.success) throw new Error('expected a failure');
    const body = validationError(result.error, 'json');
    expect(body.status).toBe(400);
    expect(body.code).toBe('invalid_body');
    expect(body.field).toBe('items[0]');
    expect(body.issues).toHaveLength(MAX_ISSUES);
    expect(validationError(result.error, 'query').code).toBe('invalid_parameter');
  });
});

describe('error messages', () => {
  it('has every fixed message in English and Chinese', () => {
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      expect(message.en.trim(), code).not.toBe('');
      expect(message['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(errorMessage('slug_taken', 'zh-CN')).toBe('该标识已被使用，请换一个。');
    expect(errorMessage('no_such_code')).toBeUndefined();
  });
});
