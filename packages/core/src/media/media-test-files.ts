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
