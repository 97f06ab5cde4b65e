/**
 * How long a recording plays, read from its container when it is written there (WAV's byte
 * rate, an MP4's movie header, an OGG stream's last granule, an MP3's Xing/Info frame count or
 * its constant bitrate). Null when the file does not say: a player shows the length once loaded.
 */
import { readWavChunks, type SniffedFormat } from './media-sniff';

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const round = (seconds: number) => (Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 100) / 100 : null);

/**
 * The playing time of an audio or video upload in seconds (two decimals), or null when its
 * container does not tell it (or for an image).
 *
 * @example
 * mediaDurationSeconds(wavBytes, { kind: 'audio', mimeType: 'audio/wav', format: 'wav' }) // 5
 */
export function mediaDurationSeconds(bytes: Uint8Array, format: SniffedFormat): number | null {
  try {
    switch (format.format) {
      case 'wav': {
        const chunks = readWavChunks(bytes);
        return chunks.ok ? round(chunks.dataBytes / chunks.byteRate) : null;
      }
      case 'm4a':
      case 'mp4':
        return round(isoDuration(bytes));
      case 'ogg':
        return round(oggDuration(bytes));
      case 'mp3':
        return round(mp3Duration(bytes));
      default:
        return null;
    }
  } catch {
    // A header that lies about its sizes reads past the end: no duration rather than no upload.
    return null;
  }
}

/** `moov/mvhd`: duration over timescale (version 0: 32-bit fields, version 1: 64-bit). */
function isoDuration(bytes: Uint8Array): number {
  const view = viewOf(bytes);
  const find = (from: number, to: number, type: string): [number, number] | null => {
    let at = from;
    while (at + 8 <= to) {
      let size = view.getUint32(at);
      if (size === 1) size = Number(view.getBigUint64(at + 8));
      else if (size === 0) size = to - at;
      if (size < 8) return null;
      if (ascii(bytes, at + 4, 4) === type) return [at + 8, Math.min(at + size, to)];
      at += size;
    }
    return null;
  };
  const moov = find(0, bytes.length, 'moov');
  const mvhd = moov && find(moov[0], moov[1], 'mvhd');
  if (!mvhd) return Number.NaN;
  const at = mvhd[0];
  if (bytes[at] === 1) return Number(view.getBigUint64(at + 24)) / view.getUint32(at + 20);
  return view.getUint32(at + 16) / view.getUint32(at + 12);
}

/** The last page's granule position over the stream's rate (Opus counts at 48 kHz, less its pre-skip). */
function oggDuration(bytes: Uint8Array): number {
  const view = viewOf(bytes);
  const packet = 27 + bytes[26]!;
  let rate: number;
  let preSkip = 0;
  if (ascii(bytes, packet, 8) === 'OpusHead') {
    rate = 48_000;
    preSkip = view.getUint16(packet + 10, true);
  } else if (ascii(bytes, packet + 1, 6) === 'vorbis') {
    rate = view.getUint32(packet + 12, true);
  } else {
    return Number.NaN;
  }
  for (let at = bytes.length - 27; at >= 0; at -= 1) {
    if (bytes[at] === 0x4f && ascii(bytes, at, 4) === 'OggS') {
      const granule = Number(view.getBigInt64(at + 6, true));
      return granule > 0 ? (granule - preSkip) / rate : Number.NaN;
    }
  }
  return Number.NaN;
}

const MP3_KBPS = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** A Xing/Info header's frame count when there is one (VBR), else the size over the first frame's bitrate. */
function mp3Duration(bytes: Uint8Array): number {
  let at = 0;
  if (ascii(bytes, 0, 3) === 'ID3') {
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    at = 10 + size + ((bytes[5]! & 0x10) !== 0 ? 10 : 0);
  }
  const version = (bytes[at + 1]! >> 3) & 0x03;
  const b2 = bytes[at + 2]!;
  const kbps = (version === 3 ? MP3_KBPS.mpeg1 : MP3_KBPS.mpeg2)[b2 >> 4]!;
  const rate = MP3_RATES[version]![(b2 >> 2) & 0x03]!;
  const samplesPerFrame = version === 3 ? 1152 : 576;
  const mono = bytes[at + 3]! >> 6 === 3;
  // The Xing/Info tag sits after the side information, whose size depends on version and channels.
  const side = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const tag = at + 4 + side;
  const id = ascii(bytes, tag, 4);
  if ((id === 'Xing' || id === 'Info') && (viewOf(bytes).getUint32(tag + 4) & 1) === 1) {
    return (viewOf(bytes).getUint32(tag + 8) * samplesPerFrame) / rate;
  }
  return ((bytes.length - at) * 8) / (kbps * 1000);
}
