import type { ProductDetail } from '@terroir/core';
import { moneyText } from '../format/money-text';
import { messagesFor } from '../page-messages';
import type { PageContext } from '../page-context';
import { qrSvg } from '../qr/qr-svg';

/*
 * A4 at 10 mm margins holds 3 × 4 labels of 63 × 68 mm; each label is its own box that never
 * splits across pages. Screen styles show the same sheet with a shadow so it can be checked
 * before printing.
 */
const LABELS_CSS = `
@page{size:A4;margin:10mm}
*{box-sizing:border-box}
body{margin:0;font:12pt/1.35 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#000;background:#eee}
.intro{max-width:190mm;margin:1rem auto;padding:0 .5rem}
.sheet{display:grid;grid-template-columns:repeat(3,63mm);grid-auto-rows:68mm;width:190mm;margin:0 auto 1rem;background:#fff;list-style:none;padding:0;box-shadow:0 0 4px #999}
.label{border:0.2mm dashed #999;padding:3mm;display:flex;flex-direction:column;align-items:center;text-align:center;break-inside:avoid;page-break-inside:avoid;overflow:hidden}
.label svg{width:38mm;height:38mm;display:block}
.zh{font-weight:700;margin:1.5mm 0 0}
.en{font-size:9pt;margin:0}
.price{font-weight:700;margin:1mm 0 0}
.scan{font-size:8pt;margin:0}
@media print{body{background:#fff}.intro{display:none}.sheet{box-shadow:none;margin:0}.sheet+.sheet{break-before:page;page-break-before:always}}
`.replace(/\n/g, '');

const PER_SHEET = 12;

/** One printed label: a QR code of `url`, the name in both languages, an optional price and call to action. */
export interface QrLabel {
  url: string;
  /** Name in Chinese (or the only name there is). */
  nameZh: string;
  /** Name in English; left out when the record has none. */
  nameEn: string;
  /** Accessible name of the code. */
  qrTitle: string;
  /** A price line, already formatted ("¥12.00 起"). */
  price?: string;
  /** What scanning gives, per language. */
  scan: { 'zh-CN': string; en: string };
}

/**
 * The labels of products: code to the product page in the served language, the name in both
 * languages, the price from the cheapest variant.
 *
 * @example
 * const labels = productLabels(ctx, [pear, basket]); // then <LabelsPage ctx={ctx} labels={labels} />
 */
export function productLabels(ctx: PageContext, products: ProductDetail[]): QrLabel[] {
  const zh = messagesFor('zh-CN');
  const en = messagesFor('en');
  return products.map((product) => ({
    url: ctx.urls.absolute(ctx.locale, 'product', product.slug),
    nameZh: product.title['zh-CN'] ?? ctx.pick(product.title),
    nameEn: product.title.en ?? '',
    qrTitle: `QR: ${ctx.pick(product.title)}`,
    price: product.priceFrom ? `${moneyText(product.priceFrom.priceMinor, product.priceFrom.currency, 'zh-CN')} ${zh.from}` : undefined,
    scan: { 'zh-CN': zh.scanToRead, en: en.scanToRead },
  }));
}

/**
 * A printable sheet of QR labels (products, museum places and people, a hall's exhibits): 12 to
 * an A4 sheet, each label a box that never splits across pages.
 */
export function LabelsPage({ ctx, labels }: { ctx: PageContext; labels: QrLabel[] }) {
  const sheets: QrLabel[][] = [];
  for (let i = 0; i < labels.length; i += PER_SHEET) sheets.push(labels.slice(i, i + PER_SHEET));
  const coopName = ctx.pick(ctx.coop.name);
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${ctx.t.labelsTitle} · ${coopName}`}</title>
        <style dangerouslySetInnerHTML={{ __html: LABELS_CSS }} />
      </head>
      <body>
        <main>
          <div class="intro">
            <h1>{`${ctx.t.labelsTitle} · ${coopName}`}</h1>
            <p>{ctx.t.labelsPrint}</p>
          </div>
          {sheets.map((sheet) => (
            <ul class="sheet">
              {sheet.map((label) => (
                <li class="label">
                  <div dangerouslySetInnerHTML={{ __html: qrSvg(label.url, label.qrTitle) }} />
                  <p class="zh" lang="zh-CN">
                    {label.nameZh}
                  </p>
                  {label.nameEn && label.nameEn !== label.nameZh && (
                    <p class="en" lang="en">
                      {label.nameEn}
                    </p>
                  )}
                  {label.price && (
                    <p class="price" lang="zh-CN">
                      {label.price}
                    </p>
                  )}
                  <p class="scan">
                    <span lang="zh-CN">{label.scan['zh-CN']}</span> · <span lang="en">{label.scan.en}</span>
                  </p>
                </li>
              ))}
            </ul>
          ))}
        </main>
      </body>
    </html>
  );
}
