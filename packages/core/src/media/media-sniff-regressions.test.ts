import { describe, expect, it } from 'vitest';
import { checkContainer, sniffMedia } from './media-sniff';
import { isoMedia, mp3, webm } from './media-test-files';

/*
 * Truncated uploads the media property (media-ingest.property.test.ts) found stored as they
 * came, kept as plain examples: each was accepted before its fix.
 */

const check = (bytes: Uint8Array) => checkContainer(bytes, sniffMedia(bytes)!);

describe('container checks refuse truncated files', () => {
  it('WebM cut inside its Segment (was accepted at 13 bytes)', () => {
    const whole = webm();
    expect(check(whole)).toEqual({ ok: true });
    expect(check(whole.subarray(0, 13)).ok).toBe(false);
    expect(check(whole.subarray(0, whole.length - 1)).ok).toBe(false);
  });

  it('MP3 cut inside a later frame (was accepted: only the first frame header was read)', () => {
    const whole = mp3();
    expect(check(whole)).toEqual({ ok: true });
    expect(check(whole.subarray(0, 428)).ok).toBe(false); // one byte of the second frame
    expect(check(whole.subarray(0, 600)).ok).toBe(false);
    // Cut exactly between frames it is a shorter whole file; a trailing ID3v1 tag is fine.
    expect(check(whole.subarray(0, 10 + 417))).toEqual({ ok: true });
    expect(check(Buffer.concat([whole, Buffer.from('TAG'), Buffer.alloc(125)]))).toEqual({ ok: true });
  });

  it('MP4 and M4A cut right after the movie header (was accepted: no media data at all)', () => {
    for (const whole of [isoMedia('isom'), isoMedia('M4A ')]) {
      expect(check(whole)).toEqual({ ok: true });
      expect(check(whole.subarray(0, whole.length - 72)).ok).toBe(false); // ftyp + moov, no mdat
    }
  });
});
