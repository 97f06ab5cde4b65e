import { describe, expect, it } from 'vitest';
import { cuesFromStarts, transcriptLines } from './cue-editor';

describe('transcript timings', () => {
  it('times the non-empty lines, pairing English only when it has as many lines', () => {
    expect(transcriptLines({ 'zh-CN': '\n先泡软\n\n再压扁\n', en: 'Soak it\nFlatten it' })).toEqual([
      { 'zh-CN': '先泡软', en: 'Soak it' },
      { 'zh-CN': '再压扁', en: 'Flatten it' },
    ]);
    expect(transcriptLines({ 'zh-CN': '先泡软\n再压扁', en: 'Soak it, then flatten it' })).toEqual([{ 'zh-CN': '先泡软' }, { 'zh-CN': '再压扁' }]);
    expect(transcriptLines({ en: 'Only English' })).toEqual([{ en: 'Only English' }]);
    expect(transcriptLines(undefined)).toEqual([]);
  });

  it('ends each line where the next starts and the last at the end of the recording, only when complete and rising', () => {
    const lines = transcriptLines({ 'zh-CN': '一\n二\n三' });
    expect(cuesFromStarts(lines, [0, 1.26, 2.5], 4.04)).toEqual([
      { start: 0, end: 1.3, text: { 'zh-CN': '一' } },
      { start: 1.3, end: 2.5, text: { 'zh-CN': '二' } },
      { start: 2.5, end: 4, text: { 'zh-CN': '三' } },
    ]);
    expect(cuesFromStarts(lines, [0, null, 2.5], 4)).toBeUndefined();
    expect(cuesFromStarts(lines, [0, 3, 2.5], 4)).toBeUndefined();
    expect(cuesFromStarts(lines, [0, 1, 1], 4)).toBeUndefined();
    // Unknown length (metadata not loaded): the last line gets a second.
    expect(cuesFromStarts(lines, [0, 1, 2], Number.NaN)!.at(-1)).toMatchObject({ start: 2, end: 3 });
  });
});
