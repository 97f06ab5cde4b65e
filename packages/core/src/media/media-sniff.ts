/**
 * Decides what an uploaded file is from its bytes alone (never its name or Content-Type),
 * and checks that the container is whole enough to play: a truncated MP4 or an OGG page
 * that stops mid-header is refused before anything is stored.
 */

export const MEDIA_UPLOAD_KINDS = ['image', 'audio', 'video'] as const;
export type MediaUploadKind = (typeof MEDIA_UPLOAD_KINDS)[number];

export type SniffedFormat =
  | { kind: 'image'; mimeType: 'image/jpeg' | 'image/png' | 'image/webp'; format: 'jpeg' | 'png' | 'webp' }
  | { kind: 'audio'; mimeType: 'audio/mpeg' | 'audio/mp4' | 'audio/ogg' | 'audio/wav'; format: 'mp3' | 'm4a' | 'ogg' | 'wav' }
  | { kind: 'video'; mimeType: 'video/mp4' | 'video/webm'; format: 'mp4' | 'webm' };

/** File extension of each stored format. */
export const FORMAT_EXTENSIONS: Record<SniffedFormat['format'], string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  mp3: 'mp3',
  m4a: 'm4a',
  ogg: 'ogg',
  wav: 'wav',
  mp4: 'mp4',
  webm: 'webm',
};

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

/** ISO BMFF brands that mean "audio only". */
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ']);
const VIDEO_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'MSNV', 'M4V ', 'f4v ', 'mmp4']);

/**
 * The format of a file from its first bytes, or null when it is none we accept.
 *
 * @example
 * sniffMedia(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) // { kind: 'image', mimeType: 'image/jpeg', format: 'jpeg' }
 */
export function sniffMedia(bytes: Uint8Array): SniffedFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mimeType: 'image/jpeg', format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mimeType: 'image/png', format: 'png' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { kind: 'image', mimeType: 'image/webp', format: 'webp' };
  // What a field recorder or a phone's voice memo often makes; every browser plays PCM WAV.
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') return { kind: 'audio', mimeType: 'audio/wav', format: 'wav' };
  if (ascii(bytes, 0, 4) === 'OggS') return { kind: 'audio', mimeType: 'audio/ogg', format: 'ogg' };
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]) && ascii(bytes, 0, Math.min(bytes.length, 64)).includes('webm'))
    return { kind: 'video', mimeType: 'video/webm', format: 'webm' };
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const brand = ascii(bytes, 8, 4);
    if (AUDIO_BRANDS.has(brand)) return { kind: 'audio', mimeType: 'audio/mp4', format: 'm4a' };
    if (VIDEO_BRANDS.has(brand)) return { kind: 'video', mimeType: 'video/mp4', format: 'mp4' };
    return null;
  }
  if (ascii(bytes, 0, 3) === 'ID3' || mpegFrameAt(bytes, 0)) return { kind: 'audio', mimeType: 'audio/mpeg', format: 'mp3' };
  return null;
}

/** An MPEG-1/2 Layer III frame header at `at`: sync bits, a real bitrate and sample rate. */
function mpegFrameAt(bytes: Uint8Array, at: number): boolean {
  if (bytes.length < at + 4) return false;
  const [b0, b1, b2] = [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x03; // 01 is reserved
  const layer = (b1 >> 1) & 0x03; // 01 is Layer III
  const bitrate = b2 >> 4; // 0000 free, 1111 bad
  const rate = (b2 >> 2) & 0x03; // 11 reserved
  return version !== 0x01 && layer === 0x01 && bitrate !== 0 && bitrate !== 0x0f && rate !== 0x03;
}

/** Markup a browser might run if it ever sniffed the file as a page. */
const MARKUP = /<(?:!doctype|html|script|svg|iframe|body|head|object|embed)[\s/>]/i;

/** Why a file was refused, for the error message. */
export type MediaCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks an audio or video container's structure (images are checked by decoding them):
 * MP4 boxes must tile the file exactly, an MP3 must have a frame after its tag, OGG pages
 * and WebM's EBML header must be whole. Refuses markup hidden in the first 64 KB, the trick
 * that makes polyglot files.
 *
 * @example
 * checkContainer(bytes, sniffMedia(bytes)!) // { ok: true }
 */
export function checkContainer(bytes: Uint8Array, format: SniffedFormat): MediaCheck {
  const head = Buffer.from(bytes.subarray(0, 65536)).toString('latin1');
  if (MARKUP.test(head)) return { ok: false, reason: 'The file contains web page markup.' };
  switch (format.format) {
    case 'mp4':
    case 'm4a':
      return checkIsoBoxes(bytes);
    case 'mp3':
      return checkMp3(bytes);
    case 'ogg':
      return checkOggPage(bytes);
    case 'webm':
      return checkEbml(bytes);
    case 'wav':
      return checkWav(bytes);
    default:
      return { ok: true };
  }
}

function checkIsoBoxes(bytes: Uint8Array): MediaCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const seen = new Set<string>();
  while (at < bytes.length) {
    if (bytes.length - at < 8) return { ok: false, reason: 'The file ends in the middle of a box (truncated).' };
    let size = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    if (!/^[A-Za-z0-9 ©]{4}$/.test(type)) return { ok: false, reason: 'A box has no valid type.' };
    if (size === 1) {
      if (bytes.length - at < 16) return { ok: false, reason: 'The file is truncated.' };
      const big = view.getBigUint64(at + 8);
      if (big > BigInt(bytes.length)) return { ok: false, reason: 'A box is larger than the file (truncated).' };
      size = Number(big);
    } else if (size === 0) {
      size = bytes.length - at;
    }
    if (size < 8 || at + size > bytes.length) return { ok: false, reason: 'A box is larger than the file (truncated).' };
    seen.add(type);
    at += size;
  }
  if (!seen.has('moov')) return { ok: false, reason: 'The file has no movie header (moov).' };
  // Cut right after the header, a file still tiles into whole boxes but holds no media.
  if (!seen.has('mdat')) return { ok: false, reason: 'The file has no media data (mdat); it may be truncated.' };
  return { ok: true };
}

function checkMp3(bytes: Uint8Array): MediaCheck {
  let at = 0;
  if (ascii(bytes, 0, 3) === 'ID3') {
    if (bytes.length < 10) return { ok: false, reason: 'The file is truncated.' };
    // ID3v2 sizes are "syncsafe": 7 bits per byte.
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    at = 10 + size + ((bytes[5]! & 0x10) !== 0 ? 10 : 0);
  }
  if (!mpegFrameAt(bytes, at)) return { ok: false, reason: 'No MP3 audio frame follows the header.' };
  // Walk the frames: the last one must be whole (a cut mid-frame is a truncated upload).
  // After the last frame only a trailing tag (ID3v1, APE, Lyrics3) or zero padding may follow.
  while (mpegFrameAt(bytes, at)) {
    const length = mpegFrameLength(bytes, at);
    if (at + length > bytes.length) return { ok: false, reason: 'The last MP3 frame is cut off (truncated).' };
    at += length;
  }
  const tail = bytes.subarray(at);
  const tag = ascii(tail, 0, 8);
  if (tail.length > 0 && !/^(TAG|APETAGEX|LYRICS|3DI)/.test(tag) && tail.some((b) => b !== 0)) {
    return { ok: false, reason: 'The file has data after its last MP3 frame that is not a tag (truncated or damaged).' };
  }
  return { ok: true };
}

const MP3_BITRATES = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_SAMPLE_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as Record<number, number[]>;

/** Bytes of the Layer III frame whose header (checked by {@link mpegFrameAt}) starts at `at`. */
function mpegFrameLength(bytes: Uint8Array, at: number): number {
  const version = (bytes[at + 1]! >> 3) & 0x03; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const b2 = bytes[at + 2]!;
  const kbps = (version === 3 ? MP3_BITRATES.mpeg1 : MP3_BITRATES.mpeg2)[b2 >> 4]!;
  const rate = MP3_SAMPLE_RATES[version]![(b2 >> 2) & 0x03]!;
  const padding = (b2 >> 1) & 0x01;
  return Math.floor(((version === 3 ? 144_000 : 72_000) * kbps) / rate) + padding;
}

/** WAVE formats every browser plays: integer PCM, IEEE float, and the extensible header around them. */
const WAV_FORMATS = new Set([1, 3, 0xfffe]);

/**
 * A WAV file's chunks from offset 12: `fmt ` (a playable format) before `data`, and the data
 * chunk whole. Returns the format chunk's byte rate and the data's length for the duration.
 *
 * @example
 * readWavChunks(wavBytes) // { ok: true, byteRate: 16000, dataBytes: 80000 }: 5 seconds
 */
export function readWavChunks(bytes: Uint8Array): { ok: true; byteRate: number; dataBytes: number } | { ok: false; reason: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let byteRate = 0;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') {
      if (size < 16 || at + 8 + size > bytes.length) return { ok: false, reason: 'The WAV format chunk is truncated.' };
      if (!WAV_FORMATS.has(view.getUint16(at + 8, true)))
        return { ok: false, reason: 'The WAV file is compressed in a format browsers do not play; use PCM WAV, MP3, M4A or OGG.' };
      byteRate = view.getUint32(at + 16, true);
      if (byteRate === 0) return { ok: false, reason: 'The WAV format chunk has no byte rate.' };
    } else if (id === 'data') {
      if (byteRate === 0) return { ok: false, reason: 'The WAV file has no format chunk before its data.' };
      if (at + 8 + size > bytes.length) return { ok: false, reason: 'The WAV data is cut off (truncated).' };
      if (size === 0) return { ok: false, reason: 'The WAV file holds no sound.' };
      return { ok: true, byteRate, dataBytes: size };
    }
    at += 8 + size + (size % 2);
  }
  return { ok: false, reason: 'The WAV file has no data chunk; it may be truncated.' };
}

function checkWav(bytes: Uint8Array): MediaCheck {
  const chunks = readWavChunks(bytes);
  return chunks.ok ? { ok: true } : chunks;
}

function checkOggPage(bytes: Uint8Array): MediaCheck {
  if (bytes.length < 27 || bytes[4] !== 0) return { ok: false, reason: 'The OGG page header is truncated.' };
  const segments = bytes[26]!;
  if (bytes.length < 27 + segments) return { ok: false, reason: 'The OGG page header is truncated.' };
  let body = 0;
  for (let i = 0; i < segments; i += 1) body += bytes[27 + i]!;
  if (bytes.length < 27 + segments + body) return { ok: false, reason: 'The first OGG page is truncated.' };
  const codec = ascii(bytes, 27 + segments, 8);
  if (!/^(\x01vorbis|OpusHead|\x7fFLAC)/.test(codec)) return { ok: false, reason: 'The OGG file holds no Vorbis, Opus or FLAC audio.' };
  return { ok: true };
}

function checkEbml(bytes: Uint8Array): MediaCheck {
  // EBML header: ID (4 bytes) then a variable-length size; the header must fit in the file.
  const first = bytes[4];
  if (first === undefined || first === 0) return { ok: false, reason: 'The WebM header is truncated.' };
  const length = Math.clz32(first) - 24 + 1;
  if (bytes.length < 4 + length) return { ok: false, reason: 'The WebM header is truncated.' };
  let size = first & (0xff >> length);
  for (let i = 1; i < length; i += 1) size = size * 256 + bytes[4 + i]!;
  if (4 + length + size > bytes.length) return { ok: false, reason: 'The WebM header is truncated.' };
  if (bytes.length <= 4 + length + size) return { ok: false, reason: 'The WebM file has no content after its header.' };
  // The Segment after the header: its declared size must fit in the file (a live stream's
  // "unknown size", all value bits set, cannot be checked and is let through).
  const at = 4 + length + size;
  if (!startsWith(bytes, [0x18, 0x53, 0x80, 0x67], at)) return { ok: false, reason: 'The WebM file has no Segment after its header.' };
  const segment = readVint(bytes, at + 4);
  if (!segment) return { ok: false, reason: 'The WebM Segment header is truncated.' };
  if (!segment.unknown && at + 4 + segment.length + segment.value > bytes.length) return { ok: false, reason: 'The WebM Segment is cut off (truncated).' };
  return { ok: true };
}

/** An EBML variable-length integer at `at`: its value, its length in bytes, and whether it is the reserved "unknown size". */
function readVint(bytes: Uint8Array, at: number): { value: number; length: number; unknown: boolean } | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 24 + 1;
  if (bytes.length < at + length) return null;
  let value = first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i += 1) {
    value = value * 256 + bytes[at + i]!;
    allOnes &&= bytes[at + i] === 0xff;
  }
  return { value, length, unknown: allOnes };
}
