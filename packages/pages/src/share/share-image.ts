import { createHash } from 'node:crypto';
import { escapeHtml, loadOptionalPackage } from '@terroir/core';
import { qrMatrix } from '../qr/qr-svg';

/** The two shapes a record is shared as. */
export type ShareFormat = 'og' | 'poster';

/** Link previews (Open Graph, X, WeChat's crawler): 1200 × 630, the size the platforms document. */
export const OG_IMAGE_SIZE = { width: 1200, height: 630 } as const;
/** A poster to save and send in WeChat or short-video apps: a phone screen, 1080 × 1920. */
export const POSTER_SIZE = { width: 1080, height: 1920 } as const;

export interface ShareCard {
  /** The record's name: product title or story title. */
  title: string;
  /** One line under it: the price ("¥68.00 起") or the story's kind and era. */
  line?: string;
  /** The cooperative's name, shown as the sender. */
  village: string;
  /** The page the poster's QR opens (absolute, ASCII). */
  url: string;
  /** "扫码查看" / "Scan to open". */
  scanLabel: string;
  lang: string;
  /** The record's photo (any format sharp reads: JPEG, PNG, WebP, SVG…), or none. */
  photo?: Uint8Array;
}

// Fonts fontconfig resolves, a missing one falling through. Chinese cards use a CJK font for
// everything; English ones a Latin font first (a CJK font draws ’ and · full width).
const CJK_FONTS = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei'";
const fontFor = (lang: string) =>
  lang === 'zh-CN' ? `${CJK_FONTS},sans-serif` : `'Noto Sans','Liberation Sans','DejaVu Sans','Helvetica Neue',Arial,${CJK_FONTS},sans-serif`;
const GREEN = '#2f5d1e';
const PAPER = '#fbf8f1';

/**
 * Breaks text into lines of at most `max` columns (a CJK character counts 2, others 1.2),
 * between words for Latin text and anywhere for CJK; the last line ends in "…" when cut.
 *
 * @example
 * wrapColumns('莱阳梨 5斤装 礼盒', 10, 2) // ['莱阳梨 5', '斤装 礼盒']
 */
export function wrapColumns(text: string, max: number, maxLines: number): string[] {
  // A CJK character is one em; a Latin letter averages about 0.6 em in a bold sans.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1.2), 0);
  const tokens = text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (width(line + token) <= max) {
      line += token;
      continue;
    }
    if (line.trim()) lines.push(line.trim());
    line = /^\s+$/.test(token) ? '' : token;
    // A single Latin word wider than a line is cut.
    while (width(line) > max) {
      const chars = [...line];
      let cut = '';
      while (chars.length && width(cut + chars[0]) <= max) cut += chars.shift();
      lines.push(cut);
      line = chars.join('');
    }
  }
  if (line.trim()) lines.push(line.trim());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${[...kept[maxLines - 1]!].slice(0, -1).join('')}…`;
  return kept;
}

function qrPath(url: string, x: number, y: number, size: number): string {
  const matrix = qrMatrix(url);
  const quiet = 2;
  const cell = size / (matrix.length + quiet * 2);
  let d = '';
  for (const [r, row] of matrix.entries()) {
    for (const [col, dark] of row.entries()) {
      if (dark)
        d += `M${(x + (col + quiet) * cell).toFixed(2)} ${(y + (r + quiet) * cell).toFixed(2)}h${cell.toFixed(2)}v${cell.toFixed(2)}h-${cell.toFixed(2)}z`;
    }
  }
  return `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#111"/>`;
}

const textLines = (lines: string[], x: number, y: number, size: number, lineHeight: number, attrs: string) =>
  lines.map((line, i) => `<text x="${x}" y="${y + i * lineHeight}" font-size="${size}" ${attrs}>${escapeHtml(line)}</text>`).join('');

/** Where the photo goes on each format (the SVG leaves that box for it). */
export const PHOTO_BOX: Record<ShareFormat, { left: number; top: number; width: number; height: number }> = {
  og: { left: 0, top: 0, width: 630, height: 630 },
  poster: { left: 0, top: 0, width: 1080, height: 1080 },
};

/**
 * The card's SVG, every text escaped (a title with `<script>` or `&` stays text). The photo is
 * composited into `PHOTO_BOX` afterwards; without one the box shows the title's first letter.
 *
 * @example
 * shareCardSvg('og', { title: '莱阳梨', line: '¥68.00 起', village: '莱阳梨乡合作社', url: 'https://x.cn/zh-CN/products/laiyang-pear', scanLabel: '扫码查看', lang: 'zh-CN' })
 */
export function shareCardSvg(format: ShareFormat, card: ShareCard): string {
  const { width, height } = format === 'og' ? OG_IMAGE_SIZE : POSTER_SIZE;
  const box = PHOTO_BOX[format];
  const initial = escapeHtml([...card.title.trim()][0] ?? '·');
  const placeholder = card.photo
    ? ''
    : `<rect x="${box.left}" y="${box.top}" width="${box.width}" height="${box.height}" fill="#e3ecd9"/><text x="${box.left + box.width / 2}" y="${box.top + box.height / 2 + box.height * 0.12}" font-size="${Math.round(box.height * 0.36)}" text-anchor="middle" fill="${GREEN}" font-family="${fontFor(card.lang)}">${initial}</text>`;
  const font = `font-family="${fontFor(card.lang)}"`;
  if (format === 'og') {
    const title = wrapColumns(card.title, 18, 3);
    const x = box.width + 56;
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" lang="${escapeHtml(card.lang)}">
<rect width="${width}" height="${height}" fill="${PAPER}"/>${placeholder}
<rect x="${box.width}" y="0" width="12" height="${height}" fill="${GREEN}"/>
${textLines(title, x, 170, 52, 68, `${font} font-weight="700" fill="#1d1d1b"`)}
${card.line ? textLines([card.line], x, 170 + title.length * 68 + 40, 40, 48, `${font} fill="${GREEN}" font-weight="700"`) : ''}
${textLines(wrapColumns(card.village, 28, 2), x, 540, 30, 40, `${font} fill="#555"`)}
</svg>`;
  }
  const title = wrapColumns(card.title, 25, 3);
  const qrSize = 300;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" lang="${escapeHtml(card.lang)}">
<rect width="${width}" height="${height}" fill="${PAPER}"/>${placeholder}
<rect x="0" y="${box.height}" width="${width}" height="14" fill="${GREEN}"/>
${textLines(title, 72, box.height + 130, 72, 92, `${font} font-weight="700" fill="#1d1d1b"`)}
${card.line ? textLines([card.line], 72, box.height + 130 + title.length * 92 + 30, 56, 64, `${font} fill="${GREEN}" font-weight="700"`) : ''}
${textLines(wrapColumns(card.village, 24, 2), 72, height - 200, 40, 52, `${font} fill="#555"`)}
${qrPath(card.url, width - 72 - qrSize, height - 72 - qrSize - 50, qrSize)}
${textLines([card.scanLabel], width - 72 - qrSize / 2, height - 72, 34, 40, `${font} fill="#555" text-anchor="middle"`)}
</svg>`;
}

/**
 * Renders a share card to JPEG with sharp (librsvg for the SVG, the photo cropped to cover
 * its box). Resolves with the bytes and a content hash for the ETag.
 *
 * @example
 * const { bytes } = await renderShareCard('og', card); // 1200 × 630 JPEG
 */
export async function renderShareCard(format: ShareFormat, card: ShareCard): Promise<{ bytes: Buffer; etag: string }> {
  const { default: sharp } = await loadOptionalPackage('sharp', () => import('sharp'), 'Share images');
  const svg = shareCardSvg(format, card);
  const box = PHOTO_BOX[format];
  const layers: { input: Buffer; left: number; top: number }[] = [];
  if (card.photo) {
    try {
      const photo = await sharp(card.photo, { limitInputPixels: 40_000_000 }).resize(box.width, box.height, { fit: 'cover' }).jpeg().toBuffer();
      layers.push({ input: photo, left: box.left, top: box.top });
    } catch {
      // An unreadable photo leaves the placeholder's colour: the card is still worth sharing.
    }
  }
  const bytes = await sharp(Buffer.from(svg)).composite(layers).jpeg({ quality: 84, mozjpeg: true }).toBuffer();
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
  return { bytes, etag };
}
