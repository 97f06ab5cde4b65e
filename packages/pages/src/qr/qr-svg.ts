import qrcode from 'qrcode-generator';
import { escapeHtml } from '@terroir/core';

/** The dark modules of a QR code, row by row (true = dark), without the quiet zone. */
export type QrMatrix = boolean[][];

/**
 * Encodes text (a URL, ASCII only: percent-encode first, as `URL.href` does) as a QR matrix
 * with error correction level M (15 % of the code may be scuffed on a box and still scan).
 *
 * @example
 * qrMatrix('https://pears.example.cn/zh-CN/products/laiyang-pear').length // 33 (version 4)
 */
export function qrMatrix(text: string): QrMatrix {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new RangeError('QR text must be printable ASCII; percent-encode URLs first.');
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => code.isDark(row, col)));
}

/**
 * A scalable SVG of a QR code: one path (runs of dark modules per row), a 4-module quiet zone,
 * `shape-rendering="crispEdges"`, and a title so screen readers say what it is.
 *
 * @example
 * qrSvg('https://pears.example.cn/zh-CN/products/laiyang-pear', 'QR: 莱阳梨')
 */
export function qrSvg(text: string, title: string): string {
  const matrix = qrMatrix(text);
  const quiet = 4;
  const size = matrix.length + quiet * 2;
  let path = '';
  matrix.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      path += `M${start + quiet} ${y + quiet}h${x - start}v1h-${x - start}z`;
    }
  });
  const escaped = escapeHtml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * 4}" height="${size * 4}" role="img" shape-rendering="crispEdges">` +
    `<title>${escaped}</title><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
