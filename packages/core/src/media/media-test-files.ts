import sharp from 'sharp';

/*
 * Small but valid media files built in the test itself (no fixtures to go stale): images
 * from sharp, audio and video containers by hand, byte by byte.
 */

const bytesOf = (...parts: Array<string | number[] | Uint8Array>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const box = (type: string, body: Uint8Array = new Uint8Array()) => bytesOf(u32(8 + body.length), type, body);

/** A JPEG photo carrying EXIF with a GPS position (to prove it is stripped). */
export async function jpegWithGps(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 160, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'VillageCam', Model: 'Orchard 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 58/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 42/1 0/1' },
    })
    .toBuffer();
}

export const png = (width = 300, height = 200) =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 1 } } })
    .png()
    .toBuffer();
export const webp = (width = 2000, height = 1000) =>
  sharp({ create: { width, height, channels: 3, background: { r: 10, g: 80, b: 200 } } })
    .webp()
    .toBuffer();

/** One MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz) after an empty ID3v2 tag. */
export function mp3(): Buffer {
  const frame = bytesOf([0xff, 0xfb, 0x90, 0x64], new Uint8Array(413));
  return bytesOf('ID3', [4, 0, 0, 0, 0, 0, 0], frame, frame);
}

/** An OGG page holding a Vorbis identification header. */
export function ogg(): Buffer {
  const packet = bytesOf([1], 'vorbis', [0, 0, 0, 0, 1, 0x44, 0xac, 0, 0], new Uint8Array(14));
  return bytesOf('OggS', [0, 2], new Uint8Array(8), [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [1, packet.length], packet);
}

/** An ISO BMFF file: ftyp with `brand`, an empty moov, a little mdat. */
export function isoMedia(brand: 'isom' | 'M4A '): Buffer {
  return bytesOf(box('ftyp', bytesOf(brand, [0, 0, 2, 0], brand, 'mp41')), box('moov', box('mvhd', new Uint8Array(100))), box('mdat', new Uint8Array(64)));
}

/** An EBML header with DocType "webm", then a Segment. */
export function webm(): Buffer {
  const docType = bytesOf([0x42, 0x82, 0x84], 'webm');
  const header = bytesOf([0x1a, 0x45, 0xdf, 0xa3, 0x80 | docType.length], docType);
  return bytesOf(header, [0x18, 0x53, 0x80, 0x67, 0x88], new Uint8Array(8));
}

/** A PNG header claiming 100 000 × 100 000 pixels: decoding it would need 40 GB. */
export function hugePngHeader(): Buffer {
  const chunk = (type: string, body: Uint8Array) => {
    const typed = bytesOf(type, body);
    return bytesOf(u32(body.length), typed, u32(crc32(typed)));
  };
  const idat = Buffer.from([0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
  return bytesOf(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    chunk('IHDR', bytesOf(u32(100_000), u32(100_000), [8, 6, 0, 0, 0])),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  );
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A 16-bit mono PCM WAV of `seconds` of a quiet 440 Hz tone. */
export function wav(seconds = 2, sampleRate = 8000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const out = Buffer.alloc(44 + samples * 2);
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + samples * 2, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(1, 22);
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) out.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), 44 + i * 2);
  return out;
}

/** An M4A whose movie header says `duration` units at `timescale` per second (version 0 mvhd). */
export function m4aLasting(duration: number, timescale: number): Buffer {
  const mvhd = new Uint8Array(100);
  mvhd.set(u32(timescale), 12);
  mvhd.set(u32(duration), 16);
  return bytesOf(box('ftyp', bytesOf('M4A ', [0, 0, 2, 0], 'M4A ', 'mp41')), box('moov', box('mvhd', mvhd)), box('mdat', new Uint8Array(64)));
}

/** A Vorbis OGG stream at 44.1 kHz whose last page's granule position is `samples`. */
export function oggLasting(samples: number): Buffer {
  const granule = Buffer.alloc(8);
  granule.writeBigInt64LE(BigInt(samples));
  return bytesOf(ogg(), 'OggS', [0, 4], granule, [1, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [1, 4], [1, 2, 3, 4]);
}
