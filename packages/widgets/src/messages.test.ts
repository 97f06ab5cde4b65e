import { describe, expect, it, vi } from 'vitest';
import en from './messages.en';
import zh from './messages.zh-CN';

// A fresh module each test: which languages are loaded is module state.
const fresh = () => {
  vi.resetModules();
  return import('./messages');
};

describe('shared strings, one language at a time', () => {
  it('has the same keys in zh-CN and English, and no empty string', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect([...Object.values(en), ...Object.values(zh)].filter((text) => !text.trim())).toEqual([]);
  });

  it('speaks the language asked for once its strings are added, else the one that is', async () => {
    const { addMessages, spoken, translator } = await fresh();
    addMessages('zh-CN', zh);
    expect(spoken('zh-CN')).toBe('zh-CN');
    // The page turned English but the English strings are not here yet: stay in zh-CN.
    expect(spoken('en')).toBe('zh-CN');
    expect(translator(spoken('en'))('add')).toBe('加入购物车');
    addMessages('en', en);
    expect(spoken('en')).toBe('en');
    expect(translator('en')('cartCount', { n: 3 })).toBe('3 items in cart');
    expect(translator('zh-CN')('left', { n: 2 })).toBe('仅剩 2 件。');
  });

  it('translates a widget’s own [zh-CN, en] table without the shared strings', async () => {
    const { translator } = await fresh();
    const t = translator('en', { hi: ['你好，{name}', 'Hello, {name}'] });
    expect(t('hi', { name: 'Li' })).toBe('Hello, Li');
    expect(translator('zh-CN', { hi: ['你好', 'Hello'] })('hi')).toBe('你好');
  });
});
