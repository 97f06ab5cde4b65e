import { describe, expect, it } from 'vitest';
import { apiBase } from './api-client';

describe('apiBase', () => {
  it('defaults to /api on the origin that served the script', () => {
    expect(apiBase(undefined, 'https://shop.example.cn/widgets/v1/terroir.js')).toBe('https://shop.example.cn/api');
    expect(apiBase(undefined, 'http://127.0.0.1:8787/widgets/v1/terroir.js?copy=2')).toBe('http://127.0.0.1:8787/api');
  });

  it('prefers the api attribute, without trailing slashes', () => {
    expect(apiBase('https://api.example.cn/terroir/', 'https://shop.example.cn/widgets/v1/terroir.js')).toBe('https://api.example.cn/terroir');
  });

  it('falls back to a same-origin /api when the script URL is not a URL', () => {
    expect(apiBase(undefined, 'not a url')).toBe('/api');
  });
});
