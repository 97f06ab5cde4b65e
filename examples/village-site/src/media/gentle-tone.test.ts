import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_AUDIO, DEMO_PAPERCUT_AUDIO } from '@terroir/core/seed';
import { gentleToneWav } from './gentle-tone';

describe('gentleToneWav', () => {
  it('writes a valid 16-bit mono PCM WAV of the asked length', () => {
    const wav = gentleToneWav({ seconds: 2, sampleRate: 8000 });
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.subarray(8, 16).toString('ascii')).toBe('WAVEfmt ');
    expect(wav.readUInt16LE(20)).toBe(1); // PCM
    expect(wav.readUInt16LE(22)).toBe(1); // mono
    expect(wav.readUInt32LE(24)).toBe(8000);
    expect(wav.readUInt16LE(34)).toBe(16);
    expect(wav.subarray(36, 40).toString('ascii')).toBe('data');
    expect(wav.readUInt32LE(40)).toBe(2 * 8000 * 2);
    // Audible but soft: peaks well above silence and below clipping.
    let peak = 0;
    for (let offset = 44; offset < wav.length; offset += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(offset)));
    expect(peak).toBeGreaterThan(3000);
    expect(peak).toBeLessThan(16000);
  });

  it.each([DEMO_AUDIO, DEMO_PAPERCUT_AUDIO])('matches the committed demo audio file $url, which stays under 100 KB', (audio) => {
    const committed = readFileSync(new URL(`../../public${audio.url}`, import.meta.url));
    expect(committed.length).toBeLessThan(100_000);
    expect(committed.equals(gentleToneWav({ seconds: audio.durationSeconds }))).toBe(true);
  });
});
