// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { storefront } from './api-client';
import { MAX_QUANTITY } from './cart-store';
import { translator } from './messages';
import type { ProductDetail } from './types';
import { useResource } from './use-resource';
import {
  Expander,
  Frame,
  Lazy,
  Pending,
  Picture,
  UnitPriceText,
  addVariant,
  cheapestAvailable,
  price,
  useWidget,
  type BaseProps,
  type WidgetContext,
} from './widget-frame';

// A linked story's full text is its own chunk, fetched when a shopper opens it.
const loadStoryView = () => import('./story.component').then((m) => m.StoryView);

/** Rules only this widget needs (the shared ones are in styles.ts). */
const PRODUCT_CSS = `.qty input{width:4.5em;text-align:center}fieldset{border:0;padding:0;margin:0 0 .5em}[type=radio]{min-height:0;margin:.3em 0}.line{border-bottom:1px solid var(--b);padding:.5em 0}.two>div>img{width:100%}.pc{flex-direction:row}.pc img{width:4em;height:4em;border-radius:50%}@media(min-width:48em){.two{display:grid;grid-template-columns:1fr 1fr;gap:2em}.st{grid-template-columns:3fr 2fr}}`;

/** Strings only this widget shows (zh-CN, en). */
const PRODUCT_MESSAGES = {
  variant: ['规格', 'Size'],
  producer: ['生产者', 'Producer'],
  stories: ['相关故事', 'Stories'],
  readMore: ['阅读全文', 'Read the story'],
} satisfies Record<string, [zh: string, en: string]>;

export interface ProductProps extends BaseProps {
  /** Product slug (or id). */
  product?: string;
}

/**
 * `<terroir-product>`: one product with its variants, a quantity, add to cart, the producer,
 * and its linked stories inline (summary, expandable).
 *
 * @example
 * <terroir-product coop="laiyang-pear" product="laiyang-pear-5jin"></terroir-product>
 * @csspart root - the widget's outer box
 * @csspart image; title; price; unit-price; badge
 * @csspart variants - the variant choice; quantity - the quantity stepper
 * @csspart button; add-button
 * @csspart producer - the producer card
 * @csspart stories - the linked stories; expander - one story disclosure
 * @csspart skeleton; error
 * @event terroir:add-to-cart - the shopper added the chosen variant and quantity
 * @event terroir:cart-change - the cart changed
 * @cssprop --terroir-font - font (default: inherited from the page)
 * @cssprop --terroir-color-text - text colour (default: inherited)
 * @cssprop --terroir-color-accent - buttons, links, disclosures, in-season badge (#2d6a3e)
 * @cssprop --terroir-color-accent-text - text on accent (#fff)
 * @cssprop --terroir-color-surface - cards and inputs (#fff)
 * @cssprop --terroir-color-muted - secondary text (#57534e)
 * @cssprop --terroir-color-border - borders (#d6d3d1)
 * @cssprop --terroir-color-focus - focus ring (#1d4ed8)
 * @cssprop --terroir-radius - corners (.5rem)
 * @cssprop --terroir-gap - grid gaps (1rem)
 */
export function Product(props: ProductProps) {
  const w = useWidget(props);
  const slug = props.product ?? '';
  const [product, retry] = useResource(JSON.stringify([w.config, slug]), () => storefront.product(w.config, slug));
  return (
    <Frame lang={w.lang} announcement={w.announcement}>
      {product.state === 'ready' ? <ProductView w={w} product={product.data.product} /> : <Pending resource={product} retry={retry} t={w.t} />}
    </Frame>
  );
}

function ProductView({ w, product: p }: { w: WidgetContext; product: ProductDetail }) {
  const { t, lang } = w;
  const tp = translator(lang, PRODUCT_MESSAGES);
  const [variantId, setVariantId] = useState(cheapestAvailable(p.variants)?.id ?? p.variants[0]?.id);
  const [quantity, setQuantity] = useState(1);
  useEffect(() => setVariantId(cheapestAvailable(p.variants)?.id ?? p.variants[0]?.id), [p]);
  const variant = p.variants.find((v) => v.id === variantId);
  const max = Math.max(1, Math.min(MAX_QUANTITY, variant?.stock.available ?? MAX_QUANTITY));
  const clamp = (n: number) => Math.max(1, Math.min(max, Math.trunc(n) || 1));
  const soldOut = !variant || variant.stock.state === 'sold-out';
  const onAdd = (event: Event) => {
    if (!variant) return;
    addVariant(w.config, p, variant, clamp(quantity), event.currentTarget as EventTarget);
    w.announce(`${t('added')}${p.title} · ${variant.label} × ${clamp(quantity)}`);
  };
  return (
    <div class="two">
      <style>{PRODUCT_CSS}</style>
      <div>
        <Picture image={p.images[0] ?? p.image} sizes="(min-width: 48rem) 50vw, 100vw" />
      </div>
      <div>
        <h2 part="title">{p.title}</h2>
        <div class="row f">
          <span class={`badge ${p.season}`} part="badge">
            {t(p.season)}
          </span>
        </div>
        <p>{p.description || p.summary}</p>
        <fieldset part="variants">
          <legend>{tp('variant')}</legend>
          {p.variants.map((v) => (
            <label class="row">
              <input type="radio" name="variant" value={v.id} checked={v.id === variantId} onChange={() => setVariantId(v.id)} />
              <span>
                {v.label} — <strong part="price">{price(v, lang)}</strong>{' '}
                <span class={`badge ${v.stock.state}`} part="badge">
                  {t(v.stock.state)}
                </span>
                <br />
                <UnitPriceText unitPrice={v.unitPrice} currency={v.currency} lang={lang} t={t} />
              </span>
            </label>
          ))}
        </fieldset>
        <div class="row qty" part="quantity" role="group" aria-label={t('quantity')}>
          <button type="button" aria-label={t('less')} onClick={() => setQuantity(clamp(quantity - 1))} disabled={quantity <= 1}>
            −
          </button>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={max}
            value={quantity}
            aria-label={t('quantity')}
            onChange={(e) => setQuantity(clamp(Number((e.currentTarget as HTMLInputElement).value)))}
          />
          <button type="button" aria-label={t('more')} onClick={() => setQuantity(clamp(quantity + 1))} disabled={quantity >= max}>
            +
          </button>
          <button type="button" class="p" part="button add-button" disabled={soldOut} onClick={onAdd}>
            {soldOut ? t('sold-out') : t('add')}
          </button>
        </div>
        {p.producer && (
          <section class="pc card" part="producer" aria-label={tp('producer')}>
            <Picture image={p.producer.portrait} sizes="4rem" />
            <div>
              <strong>{p.producer.name}</strong>
              {p.producer.profile && <p class="m">{p.producer.profile}</p>}
            </div>
          </section>
        )}
        {p.stories.length > 0 && (
          <section part="stories" aria-label={tp('stories')}>
            <h3>{tp('stories')}</h3>
            {p.stories.map((s) => (
              <div class="line">
                <strong>{s.title}</strong>
                <p class="m">{s.summary}</p>
                <Expander summary={tp('readMore')}>
                  <Lazy load={loadStoryView} props={{ w, slug: s.slug, heading: 3 as const }} t={t} />
                </Expander>
              </div>
            ))}
          </section>
        )}
      </div>
    </div>
  );
}
