import { escapeHtml, type Locale, type OrderReceipt } from '@terroir/core';
import { formatMoney } from '@terroir/core/money';
import qrcode from 'qrcode-generator';

const T = {
  title: { 'zh-CN': '订单', en: 'Your order' },
  notFound: { 'zh-CN': '找不到该订单。请检查链接是否完整。', en: 'We could not find this order. Please check the link is complete.' },
  pending: { 'zh-CN': '正在确认付款，此页面会自动刷新。', en: 'We are confirming your payment; this page refreshes by itself.' },
  cancelReturn: { 'zh-CN': '您已离开付款页面，尚未付款。库存为您保留至：', en: 'You left the payment page without paying. Your items are held until:' },
  resume: { 'zh-CN': '继续付款', en: 'Continue to payment' },
  item: { 'zh-CN': '商品', en: 'Item' },
  qty: { 'zh-CN': '数量', en: 'Qty' },
  amount: { 'zh-CN': '金额', en: 'Amount' },
  subtotal: { 'zh-CN': '小计', en: 'Subtotal' },
  fee: { 'zh-CN': '配送费', en: 'Delivery' },
  total: { 'zh-CN': '合计', en: 'Total' },
  refunded: { 'zh-CN': '已退款', en: 'Refunded' },
  pickup: { 'zh-CN': '自取地点', en: 'Pickup point' },
  delivery: { 'zh-CN': '配送', en: 'Delivery' },
  hours: { 'zh-CN': '营业时间', en: 'Opening hours' },
  preorder: { 'zh-CN': '预售', en: 'Pre-order' },
  orderNo: { 'zh-CN': '订单号', en: 'Order number' },
  other: { 'zh-CN': 'English', en: '中文' },
  payAtPickup: {
    'zh-CN': '到店付款：取货时出示下面的取货码，付现金或微信/支付宝转账。',
    en: 'Pay at pickup: show the pickup code below when you collect, and pay in cash or by WeChat/Alipay transfer.',
  },
  payOnDelivery: { 'zh-CN': '货到付款：收货时出示下面的取货码并付款。', en: 'Pay on delivery: show the code below when the order arrives, and pay then.' },
  pickupCode: { 'zh-CN': '取货码', en: 'Pickup code' },
  heldUntil: { 'zh-CN': '商品为您保留至：', en: 'Your items are held until:' },
  qrAlt: { 'zh-CN': '取货码二维码，供工作人员扫描', en: 'QR code of the pickup code, for staff to scan' },
} satisfies Record<string, Record<Locale, string>>;

/**
 * Formats integer minor units for display (`6800` CNY → `¥68.00`): core's one money formatter
 * (exact decimal, no float division), kept under this name for existing callers.
 *
 * @example
 * formatMinor(6800, 'CNY', 'zh-CN') // '¥68.00'
 */
export function formatMinor(minor: number, currency: string, locale: Locale): string {
  return formatMoney(minor, currency, locale);
}

/** The pickup code as an inline SVG QR (the code's six characters, so a scanner types them into the staff screen). */
function pickupQrSvg(code: string, label: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(code.replace(/-/g, ''), 'Byte');
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeHtml(label)}" `);
}

/**
 * The shopper's receipt page: reads only, never changes the order (the webhook is the one
 * completion path). Mobile first, one locale per page with a link to the other.
 *
 * @example
 * c.html(renderReceiptPage(await readOrderReceipt(db, token, 'zh-CN'), 'zh-CN', { token }));
 */
export function renderReceiptPage(
  receipt: OrderReceipt | undefined,
  locale: Locale,
  context: { token: string; returnedFrom?: 'success' | 'cancel' | undefined },
): string {
  const t = (key: keyof typeof T) => escapeHtml(T[key][locale]);
  const other: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const money = (minor: number) => escapeHtml(formatMinor(minor, receipt?.currency ?? 'CNY', locale));
  const switchHref = `?lang=${other}${context.returnedFrom ? `&amp;return=${context.returnedFrom}` : ''}`;
  let body: string;
  let refresh = '';
  if (!receipt) {
    body = `<h1>${t('title')}</h1><p>${t('notFound')}</p>`;
  } else {
    const pending = receipt.status === 'pending_payment';
    const offline = receipt.pickupCode !== null && receipt.paymentProvider === 'offline';
    // A pay-at-pickup order waits for the shopper, not for a webhook: no refresh loop.
    if (pending && !offline && context.returnedFrom !== 'cancel') refresh = '<meta http-equiv="refresh" content="5">';
    const heldUntil = `<time datetime="${escapeHtml(receipt.payment?.expiresAt ?? '')}">${escapeHtml(new Date(receipt.payment?.expiresAt ?? 0).toLocaleString(locale, { timeZone: 'Asia/Shanghai' }))}</time>`;
    const notice = offline
      ? `${pending ? `<p role="status">${t(receipt.fulfilment.type === 'pickup' ? 'payAtPickup' : 'payOnDelivery')}</p>` : ''}<section class="pickup" aria-labelledby="pickup-code-label"><h2 id="pickup-code-label">${t('pickupCode')}</h2><p class="code" data-pickup-code>${escapeHtml(receipt.pickupCode ?? '')}</p>${
          pending ? `${pickupQrSvg(receipt.pickupCode ?? '', T.qrAlt[locale])}<p>${t('heldUntil')} ${heldUntil}</p>` : ''
        }</section>`
      : pending
        ? context.returnedFrom === 'cancel'
          ? `<p role="status">${t('cancelReturn')} ${heldUntil}</p>${
              receipt.payment?.redirectUrl ? `<p><a class="button" href="${escapeHtml(receipt.payment.redirectUrl)}">${t('resume')}</a></p>` : ''
            }`
          : `<p role="status">${t('pending')}</p>`
        : '';
    const rows = receipt.lines
      .map(
        (l) =>
          `<tr><th scope="row">${escapeHtml(l.title)}<br><small>${escapeHtml(l.variantLabel)}${l.preorder ? ` · ${t('preorder')}` : ''}</small></th><td>${l.quantity}</td><td>${money(l.lineTotalMinor)}</td></tr>`,
      )
      .join('');
    const f = receipt.fulfilment;
    const fulfilment =
      f.type === 'pickup'
        ? `<h2>${t('pickup')}</h2><p>${escapeHtml(f.name)}<br>${escapeHtml(f.address ?? '')}</p>${f.hours ? `<p>${t('hours')}: ${escapeHtml(f.hours)}</p>` : ''}`
        : `<h2>${t('delivery')}</h2><p>${escapeHtml(f.name)}${f.region ? ` · ${escapeHtml(f.region)}` : ''}</p>`;
    body = `<p class="coop">${escapeHtml(receipt.cooperative.name)}</p>
<h1>${t('title')}: <span class="status status-${escapeHtml(receipt.status)}">${escapeHtml(receipt.statusLabel)}</span></h1>
${notice}
<table><caption>${t('orderNo')} ${escapeHtml(receipt.orderId)}</caption>
<thead><tr><th scope="col">${t('item')}</th><th scope="col">${t('qty')}</th><th scope="col">${t('amount')}</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row" colspan="2">${t('subtotal')}</th><td>${money(receipt.subtotalMinor)}</td></tr>
${receipt.fulfilmentFeeMinor > 0 ? `<tr><th scope="row" colspan="2">${t('fee')}</th><td>${money(receipt.fulfilmentFeeMinor)}</td></tr>` : ''}
<tr><th scope="row" colspan="2">${t('total')}</th><td><strong>${money(receipt.totalMinor)}</strong></td></tr>
${receipt.refundedMinor > 0 ? `<tr><th scope="row" colspan="2">${t('refunded')}</th><td>${money(receipt.refundedMinor)}</td></tr>` : ''}</tfoot></table>
${fulfilment}`;
  }
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">${refresh}
<title>${t('title')}</title>
<style>
body{font:16px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:40rem;padding:1rem;color:#1f2a1c;background:#fbfaf5}
h1{font-size:1.4rem}table{width:100%;border-collapse:collapse;margin:1rem 0}th,td{text-align:left;padding:.5rem .25rem;border-bottom:1px solid #d8d4c4;vertical-align:top}
td:last-child{text-align:right;white-space:nowrap}caption{text-align:left;color:#4a5444;font-size:.875rem}.coop{color:#4a5444;margin:0}
.button{display:inline-block;padding:.75rem 1.25rem;background:#2f5d2a;color:#fff;border-radius:.5rem;text-decoration:none;min-height:44px;box-sizing:border-box}
.pickup{border:2px dashed #2f5d2a;border-radius:.5rem;padding:.75rem;text-align:center;margin:1rem 0}.pickup h2{margin:0;font-size:1rem}
.code{font:700 2.25rem/1.2 ui-monospace,"SFMono-Regular",Menlo,monospace;letter-spacing:.15em;margin:.25rem 0}.pickup svg{width:10rem;height:10rem}
a{color:#2f5d2a}a:focus-visible{outline:3px solid #c77d00;outline-offset:2px}nav{text-align:right}
</style></head>
<body><nav><a href="${switchHref}" hreflang="${other}" lang="${other}">${t('other')}</a></nav>
<main>${body}</main></body></html>`;
}
