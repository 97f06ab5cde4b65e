// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { storefront } from './api-client';
import type { ProductCategory, ProductSummary } from './types';
import { useResource } from './use-resource';
import {
  AddCheapestButton,
  Expander,
  Frame,
  Lazy,
  Pending,
  Picture,
  UnitPriceText,
  price,
  useWidget,
  type BaseProps,
  type WidgetContext,
} from './widget-frame';

// The stories behind a product are their own chunk, fetched when a shopper opens them.
const loadStoryList = () => import('./stories.component').then((m) => m.StoryList);

const CATEGORIES: ProductCategory[] = ['fresh', 'processed', 'craft', 'experience'];

export interface ProductsProps extends BaseProps {
  /** Initial category filter: `fresh`, `processed`, `craft` or `experience`. */
  category?: string;
  /** `in-season` to show only what is in season now. */
  season?: string;
  /** How many products to show (1–100, default 24). */
  limit?: string;
  /** Present to hide the filter bar. */
  nofilters?: string;
}

/**
 * `<terroir-products>`: a responsive grid of a cooperative's products with category and
 * in-season filters, prices per unit, season and stock, add to cart, and the stories behind them.
 *
 * @example
 * <terroir-products coop="laiyang-pear" lang="zh-CN" category="fresh"></terroir-products>
 * @csspart root - the widget's outer box
 * @csspart filters - the filter bar
 * @csspart grid - the product list
 * @csspart card - one product
 * @csspart image - product image
 * @csspart title - product title
 * @csspart price - "from" price
 * @csspart unit-price - price per kg and per jin
 * @csspart badge - season and stock badges
 * @csspart button - every button; add-button - the add to cart button
 * @csspart skeleton - loading placeholder; error - error state with retry
 * @event terroir:add-to-cart - a product was added ({@link AddToCartDetail})
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
export function Products(props: ProductsProps) {
  const { lang, t, config, announcement, announce } = useWidget(props);
  const [category, setCategory] = useState(props.category ?? '');
  const [inSeason, setInSeason] = useState(props.season === 'in-season');
  // Attributes are live: a site changing category="…" moves the filter too.
  useEffect(() => setCategory(props.category ?? ''), [props.category]);
  useEffect(() => setInSeason(props.season === 'in-season'), [props.season]);
  const params = { category: category || undefined, season: inSeason ? 'in-season' : undefined, limit: props.limit };
  const [list, retry] = useResource(JSON.stringify([config, params]), () => storefront.products(config, params));
  const items = list.state === 'ready' ? list.data.items : [];
  return (
    <Frame lang={lang} announcement={announcement}>
      {props.nofilters == null && (
        <div class="row f" part="filters" role="group" aria-label={t('category')}>
          <label>
            <span class="sr">{t('category')}</span>
            <select value={category} onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value)} part="select">
              <option value="">{t('all')}</option>
              {CATEGORIES.map((c) => (
                <option value={c}>{t(c)}</option>
              ))}
            </select>
          </label>
          <label class="row">
            <input type="checkbox" checked={inSeason} onChange={(e) => setInSeason((e.currentTarget as HTMLInputElement).checked)} />
            {t('inSeasonOnly')}
          </label>
        </div>
      )}
      <Pending resource={list} retry={retry} t={t} count={3} />
      {list.state === 'ready' && items.length === 0 && <p class="msg">{t('empty')}</p>}
      {items.length > 0 && (
        <ul class="grid" part="grid">
          {items.map((p) => (
            <ProductCard product={p} w={{ lang, t, config, announce }} />
          ))}
        </ul>
      )}
    </Frame>
  );
}

function ProductCard({ product: p, w }: { product: ProductSummary; w: WidgetContext }) {
  const { lang, t, config, announce } = w;
  return (
    <li class="card" part="card">
      <Picture image={p.image} sizes="(min-width: 48rem) 16rem, 100vw" />
      <h3 part="title">{p.title}</h3>
      {p.producer && <p class="m">{p.producer.name}</p>}
      <p>{p.summary}</p>
      <div class="row">
        <span class={`badge ${p.season}`} part="badge">
          {t(p.season)}
        </span>
        <span class={`badge ${p.stock}`} part="badge">
          {t(p.stock)}
        </span>
      </div>
      {p.priceFrom && (
        <p class="price" part="price">
          {price(p.priceFrom, lang)} <span class="m">{t('from')}</span>
        </p>
      )}
      <UnitPriceText unitPrice={p.unitPrice} currency={p.priceFrom?.currency} lang={lang} t={t} />
      {p.storyCount > 0 && (
        <Expander summary={`${t('storyBehind')} (${p.storyCount})`}>
          <Lazy load={loadStoryList} props={{ w, product: p.slug }} t={t} />
        </Expander>
      )}
      <AddCheapestButton config={config} slug={p.slug} title={p.title} soldOut={p.stock === 'sold-out'} t={t} announce={announce} />
    </li>
  );
}
