import { describe, expect, it } from 'vitest';
import { negotiateLocale, normalizeLocale, pickLocalized } from './locale';

describe('normalizeLocale', () => {
  it('maps Chinese and English variants onto served locales', () => {
    expect(normalizeLocale('zh')).toBe('zh-CN');
    expect(normalizeLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(normalizeLocale('ZH_tw')).toBe('zh-CN');
    expect(normalizeLocale('en-GB')).toBe('en');
    expect(normalizeLocale('fr')).toBeUndefined();
    expect(normalizeLocale('')).toBeUndefined();
  });
});

describe('negotiateLocale', () => {
  it('honours q-values and order', () => {
    expect(negotiateLocale('fr-FR, en;q=0.8, zh;q=0.9')).toBe('zh-CN');
    expect(negotiateLocale('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(negotiateLocale('de, fr;q=0.5')).toBeUndefined();
    expect(negotiateLocale('zh;q=0, en;q=0.1')).toBe('en');
  });
  it('survives garbage', () => {
    expect(negotiateLocale(';;;,,q=abc')).toBeUndefined();
    expect(negotiateLocale('en;q=NaN, zh')).toBe('zh-CN');
  });
});

describe('pickLocalized', () => {
  it('prefers the wanted locale, then the fallback, and says which it served', () => {
    const text = { 'zh-CN': '莱阳梨', en: 'Laiyang pear' };
    expect(pickLocalized(text, 'en', 'zh-CN')).toEqual({ value: 'Laiyang pear', locale: 'en' });
    expect(pickLocalized({ 'zh-CN': '莱阳梨' }, 'en', 'zh-CN')).toEqual({ value: '莱阳梨', locale: 'zh-CN' });
    expect(pickLocalized({ en: 'Only English', 'zh-CN': '  ' }, 'zh-CN', 'zh-CN')).toEqual({ value: 'Only English', locale: 'en' });
    expect(pickLocalized({}, 'en', 'zh-CN')).toBeUndefined();
    expect(pickLocalized(null, 'en', 'zh-CN')).toBeUndefined();
  });
});
