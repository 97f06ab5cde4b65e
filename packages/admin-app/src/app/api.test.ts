import { describe, expect, it } from 'vitest';
import { readApiError } from './api';

describe('reading the API’s error answers (one place for the format)', () => {
  it('reads code, message, field and issues named by field', () => {
    const e = readApiError(
      422,
      JSON.stringify({
        error: { code: 'invalid_body', message: 'Invalid body', issues: [{ field: 'slug', code: 'invalid_format', message: 'Use lower-case' }] },
      }),
    );
    expect([e.status, e.code, e.message]).toEqual([422, 'invalid_body', 'Invalid body']);
    expect(e.fieldErrors()).toEqual({ slug: 'Use lower-case' });
    expect(e.fieldErrors((code) => `zh:${code}`)).toEqual({ slug: 'zh:invalid_format' });
  });

  it('names zod-style issue paths the way the forms name their fields', () => {
    const e = readApiError(
      400,
      JSON.stringify({
        error: {
          code: 'invalid_body',
          message: 'x',
          issues: [
            { path: ['variants', 0, 'priceMinor'], code: 'invalid_type', message: 'Expected number' },
            { path: ['title', 'zh-CN'], code: 'too_big', message: 'Too long' },
          ],
        },
      }),
    );
    expect(e.fieldErrors()).toEqual({ 'variants[0].priceMinor': 'Expected number', 'title.zh-CN': 'Too long' });
  });

  it('puts a single-field error on its field, and reads a flat body too', () => {
    expect(readApiError(409, JSON.stringify({ error: { code: 'slug_taken', message: 'In use', field: 'slug' } })).fieldErrors()).toEqual({ slug: 'In use' });
    const flat = readApiError(403, JSON.stringify({ code: 'two_factor_required', message: 'Turn it on' }));
    expect([flat.code, flat.message]).toEqual(['two_factor_required', 'Turn it on']);
  });

  it('survives bodies that are not JSON (a proxy’s HTML page)', () => {
    const e = readApiError(502, '<html>Bad gateway</html>');
    expect([e.status, e.code, e.message, e.issues]).toEqual([502, 'error', 'HTTP 502', []]);
  });
});
