/**
 * Digits as typed on a Chinese keyboard (full-width ０-９, ．, －) read as ASCII, so "１９３５" is 1935.
 *
 * @example
 * asciiDigits('－２０６') // '-206'
 */
export const asciiDigits = (text: string) =>
  text.replace(/[０-９．－]/g, (c) => (c === '．' ? '.' : c === '－' ? '-' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))).trim();
