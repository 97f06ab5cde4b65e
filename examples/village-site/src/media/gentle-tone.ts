/*
 * A tiny WAV encoder for the demo's one audio file. The demo may fetch nothing at run time and
 * we hold no real recording, so a few soft pentatonic notes stand in for the weaver's voice; the
 * story's transcript carries the words. The output is committed as
 * public/media/liu-weaver-voice.wav and a test checks it still matches this code.
 */

export interface GentleToneOptions {
  /** Length in seconds (default 5). */
  seconds?: number;
  /** Samples per second (default 8000: small, and plenty for a soft tone). */
  sampleRate?: number;
}

/** Pentatonic notes (C5 D5 E5 G5 A5, in Hz), one after another. */
const NOTES = [523.25, 587.33, 659.25, 783.99, 880.0];

/**
 * Encodes a few seconds of soft bell-like notes as a 16-bit mono PCM WAV file.
 *
 * @example
 * const wav = gentleToneWav({ seconds: 5 });
 * wav.subarray(0, 4).toString('ascii') // 'RIFF'
 */
export function gentleToneWav(options: GentleToneOptions = {}): Buffer {
  const seconds = options.seconds ?? 5;
  const sampleRate = options.sampleRate ?? 8000;
  const sampleCount = Math.round(seconds * sampleRate);
  const dataBytes = sampleCount * 2;
  const wav = Buffer.alloc(44 + dataBytes);

  // RIFF header, then the "fmt " chunk (PCM, mono, 16-bit), then the "data" chunk.
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);

  const noteLength = sampleCount / NOTES.length;
  for (let i = 0; i < sampleCount; i++) {
    const note = Math.min(NOTES.length - 1, Math.floor(i / noteLength));
    const t = (i - note * noteLength) / sampleRate;
    // A quick attack and an exponential decay sound like a soft bell rather than a beep.
    const envelope = Math.min(1, t / 0.02) * Math.exp(-t * 2.2);
    const sample = 0.3 * envelope * Math.sin(2 * Math.PI * NOTES[note]! * t);
    wav.writeInt16LE(Math.round(sample * 32767), 44 + i * 2);
  }
  return wav;
}
