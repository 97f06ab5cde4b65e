import type { ActiveVariant, ProductDetail } from '@terroir/core';
import { moneyText } from '../format/money-text';
import type { PageContext } from '../page-context';
import { PageDocument } from './page-document';

/**
 * The no-JavaScript order note: what the shopper chose, the server's total (integer minor
 * units, never browser arithmetic) and how to reach the cooperative, with a pre-filled email.
 * Without a product it only explains how to order.
 */
export function OrderPage({ ctx, choice }: { ctx: PageContext; choice?: { product: ProductDetail; variant: ActiveVariant; quantity: number } }) {
  const { t, coop, urls, locale } = ctx;
  const contact = coop.contact;
  let mailto: string | undefined;
  if (contact.email) {
    const line = choice
      ? `${ctx.pick(choice.product.title)} · ${ctx.pick(choice.variant.label)}${choice.variant.sku ? ` (${choice.variant.sku})` : ''} × ${choice.quantity}`
      : '';
    const subject = `${t.emailSubject}${choice ? `: ${ctx.pick(choice.product.title)}` : ''}`;
    mailto = `mailto:${contact.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(line)}`;
  }
  return (
    <PageDocument ctx={ctx} meta={{ title: t.orderTitle, description: t.orderIntro, ogType: 'website', noindex: true }}>
      <h1>{t.orderTitle}</h1>
      {choice && (
        <section aria-labelledby="choice">
          <h2 id="choice">{t.orderLine}</h2>
          <dl>
            <dt>{ctx.t.products}</dt>
            <dd>
              <a href={urls.path(locale, 'product', choice.product.slug)}>{ctx.pick(choice.product.title)}</a>
            </dd>
            <dt>{t.variants}</dt>
            <dd>
              {ctx.pick(choice.variant.label)} · {moneyText(choice.variant.priceMinor, choice.variant.currency, locale)}
              {choice.variant.stock === 'sold-out' ? t.soldOutVariant : ''}
            </dd>
            <dt>{t.quantity}</dt>
            <dd>{choice.quantity}</dd>
            <dt>{t.total}</dt>
            <dd>
              <strong>{moneyText(choice.variant.priceMinor * choice.quantity, choice.variant.currency, locale)}</strong>
            </dd>
          </dl>
          <p class="hint">{t.orderIntro}</p>
        </section>
      )}
      <section aria-labelledby="contact">
        <h2 id="contact">{t.contactToOrder}</h2>
        <dl>
          {contact.email && (
            <>
              <dt>{t.email}</dt>
              <dd>
                <a href={mailto}>{contact.email}</a>
              </dd>
            </>
          )}
          {contact.phone && (
            <>
              <dt>{t.phone}</dt>
              <dd>
                <a href={`tel:${contact.phone.replace(/\s+/g, '')}`}>{contact.phone}</a>
              </dd>
            </>
          )}
          {contact.wechat && (
            <>
              <dt>{t.wechat}</dt>
              <dd>{contact.wechat}</dd>
            </>
          )}
          {contact.address && (
            <>
              <dt>{t.address}</dt>
              <dd>{ctx.pick(contact.address)}</dd>
            </>
          )}
        </dl>
        <p class="hint">{t.onlinePayHint}</p>
      </section>
      {choice && (
        <p>
          <a href={urls.path(locale, 'product', choice.product.slug)}>{t.backToProduct}</a>
        </p>
      )}
    </PageDocument>
  );
}
