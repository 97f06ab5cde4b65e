import type { FulfilmentOption, ImageRef, ProductDetail, ProductInMuseum } from '@terroir/core';
import { decimalPrice, moneyText, unitPriceText } from '../format/money-text';
import type { PageContext } from '../page-context';
import { productJsonLd } from '../structured-data/json-ld';
import { PageDocument, type PageMeta } from './page-document';
import { harvestText, Paragraphs, Picture, SharePosterLink, StoryCardView } from './page-parts';
import { shareImagePath } from '../share/share-routes';
import { OG_IMAGE_SIZE } from '../share/share-image';
import { ProductInMuseumSection } from './museum-pages';

/**
 * A product page. The buy form works without JavaScript (GET to the order note page, which
 * shows the server's total and how to reach the cooperative); with JavaScript the pages'
 * enhancer turns its submit into "add to cart" for the `<terroir-cart>` widget. Above it: the
 * gallery, harvest months and pickup/delivery; below the article on phones: the buy bar.
 *
 * @example
 * const fulfilment = await listFulfilmentOptions(db, ctx.coop.id);
 * render(<ProductPage ctx={ctx} product={product} fulfilment={fulfilment} />);
 */
export function ProductPage({
  ctx,
  product,
  museum,
  fulfilment = [],
}: {
  ctx: PageContext;
  product: ProductDetail;
  museum?: ProductInMuseum;
  /** The cooperative's active pickup points and delivery options, shown beside the price. */
  fulfilment?: readonly FulfilmentOption[];
}) {
  const { t, locale, urls } = ctx;
  const title = ctx.pick(product.title);
  const image = product.images[0];
  const firstBuyable = product.variants.find((v) => v.stock !== 'sold-out') ?? product.variants[0];
  const cheapest = product.priceFrom;
  const meta: PageMeta = {
    title,
    description: ctx.pick(product.summary),
    page: { kind: 'product', slug: product.slug },
    ogType: 'product',
    ...(ctx.shareImages
      ? {
          image: { url: urls.origin + shareImagePath(ctx, 'product', product.slug, 'og'), alt: image ? ctx.pick(image.alt) || title : title, ...OG_IMAGE_SIZE },
        }
      : image
        ? {
            image: {
              url: urls.resolve(image.url),
              alt: ctx.pick(image.alt),
              ...(image.width ? { width: image.width } : {}),
              ...(image.height ? { height: image.height } : {}),
            },
          }
        : {}),
    ...(cheapest ? { price: { amount: decimalPrice(cheapest.priceMinor, cheapest.currency), currency: cheapest.currency } } : {}),
    jsonLd: [productJsonLd(ctx, product)],
    breadcrumbs: [
      [t.home, urls.path(locale, 'home')],
      [t.products, `${urls.path(locale, 'home')}#products`],
      [title, urls.path(locale, 'product', product.slug)],
    ],
  };
  const soldOut = product.variants.every((v) => v.stock === 'sold-out');
  return (
    <PageDocument ctx={ctx} meta={meta}>
      <article>
        <div class="product-top">
          <Gallery ctx={ctx} images={product.images} />
          <div>
            <p class="eyebrow">
              {t.categories[product.category]} · <span class={product.season === 'out-of-season' ? 'badge out' : 'badge'}>{t.seasons[product.season]}</span>
            </p>
            <h1 lang={ctx.pickLocale(product.title)}>{title}</h1>
            <p class="lede">{ctx.pick(product.summary)}</p>
            <SharePosterLink ctx={ctx} kind="product" slug={product.slug} />
            {cheapest && (
              <p class="price">
                {moneyText(cheapest.priceMinor, cheapest.currency, locale)} <small>{t.from}</small>
              </p>
            )}
            <ProductFacts ctx={ctx} product={product} fulfilment={fulfilment} />
            <form
              class="buy"
              method="get"
              action={urls.under(`/${locale}/order`)}
              data-terroir-add=""
              data-coop={ctx.coop.slug}
              data-product={product.slug}
              data-title={title}
              id="buy"
            >
              <input type="hidden" name="product" value={product.slug} />
              <fieldset>
                <legend>{t.variants}</legend>
                {product.variants.map((v) => {
                  const unit = unitPriceText(v, locale);
                  const id = `variant-${v.id}`;
                  return (
                    <label class="variant" for={id}>
                      <input
                        type="radio"
                        id={id}
                        name="variant"
                        value={v.id}
                        checked={v.id === firstBuyable?.id}
                        disabled={v.stock === 'sold-out' && product.season !== 'preorder'}
                        data-label={ctx.pick(v.label)}
                        data-price={String(v.priceMinor)}
                        data-currency={v.currency}
                      />
                      <span>
                        {ctx.pick(v.label)}
                        {v.stock === 'sold-out' ? t.soldOutVariant : ''}
                      </span>
                      <strong>{moneyText(v.priceMinor, v.currency, locale)}</strong>
                      {unit && <span class="unit">{unit}</span>}
                    </label>
                  );
                })}
              </fieldset>
              <p class="qty">
                <label for="quantity">{t.quantity}</label>
                <input id="quantity" type="number" name="quantity" min="1" max="99" value="1" inputmode="numeric" required />
              </p>
              <button type="submit" disabled={soldOut && product.season !== 'preorder'}>
                {t.addToCart}
              </button>
              {/* Always shown (not <noscript>): true with or without scripts, and nothing moves when they start. */}
              <p class="hint">{t.noJsHelp}</p>
              <p class="status" role="status" />
            </form>
          </div>
        </div>
        <section aria-labelledby="about-product">
          <h2 id="about-product">{locale === 'zh-CN' ? '介绍' : 'About'}</h2>
          <div lang={ctx.pickLocale(product.description)}>
            <Paragraphs text={ctx.pick(product.description)} />
          </div>
          {product.certifications.length > 0 && (
            <dl>
              {product.certifications.map((c) => (
                <>
                  <dt>{t.certifications}</dt>
                  <dd>
                    {ctx.pick(c.issuer) || c.kind}
                    {c.registryId ? ` · ${c.registryId}` : ''}
                  </dd>
                </>
              ))}
            </dl>
          )}
        </section>
        {product.producer && (
          <section aria-labelledby="producer">
            <h2 id="producer">{t.meetProducer}</h2>
            <div class="person">
              {product.producer.portrait && (
                <img
                  src={product.producer.portrait.url}
                  alt={ctx.pick(product.producer.portrait.alt)}
                  width={product.producer.portrait.width ?? 160}
                  height={product.producer.portrait.height ?? 160}
                  loading="lazy"
                  decoding="async"
                />
              )}
              <div>
                <h3>
                  <a href={urls.path(locale, 'producer', product.producer.slug)}>{ctx.pick(product.producer.name)}</a>
                </h3>
                <p>{ctx.pick(product.producer.profile)}</p>
              </div>
            </div>
          </section>
        )}
        {product.stories.length > 0 && (
          <section class="later" aria-labelledby="stories">
            <h2 id="stories">{t.storiesBehind}</h2>
            <ul class="grid">
              {product.stories.map((story) => (
                <li>
                  <StoryCardView ctx={ctx} story={story} />
                </li>
              ))}
            </ul>
          </section>
        )}
        {museum && <ProductInMuseumSection ctx={ctx} museum={museum} />}
        {cheapest && !(soldOut && product.season !== 'preorder') && <BuyBar ctx={ctx} product={product} title={title} />}
      </article>
    </PageDocument>
  );
}

/**
 * The product's pictures as a swipeable strip (CSS scroll snap, no script needed) with a
 * thumbnail link per picture. The first picture loads eagerly with its size set; the rest
 * are lazy inside the same fixed 4:3 boxes, so nothing shifts. With the pages' enhancer the
 * thumbnails scroll the strip in place and follow the swipe (`aria-current`).
 *
 * @example
 * <Gallery ctx={ctx} images={product.images} />
 */
export function Gallery({ ctx, images }: { ctx: PageContext; images: readonly ImageRef[] }) {
  const { t } = ctx;
  if (images.length === 0) return null;
  if (images.length === 1) return <Picture ctx={ctx} image={images[0]} eager />;
  return (
    <div class="gallery" data-gallery="">
      {/* Focusable so the strip scrolls with the arrow keys; named for screen readers. */}
      <ul class="slides" tabindex={0} aria-label={t.photos}>
        {images.map((image, index) => (
          <li id={`photo-${index + 1}`}>
            <Picture ctx={ctx} image={image} eager={index === 0} />
          </li>
        ))}
      </ul>
      <ol class="thumbs" aria-label={t.photos}>
        {images.map((image, index) => (
          <li>
            <a href={`#photo-${index + 1}`} aria-label={t.photoN(index + 1, images.length)} {...(index === 0 ? { 'aria-current': 'true' } : {})}>
              <img src={image.url} alt="" width={56} height={56} loading="lazy" decoding="async" />
            </a>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Harvest months and how the goods reach the shopper, in the shopper's words, beside the price. */
function ProductFacts({ ctx, product, fulfilment }: { ctx: PageContext; product: ProductDetail; fulfilment: readonly FulfilmentOption[] }) {
  const { t, locale } = ctx;
  // Experiences happen in the village: nothing is picked up or delivered.
  const goods = product.category !== 'experience';
  const pickups = goods ? fulfilment.filter((f) => f.kind === 'pickup') : [];
  const deliveries = goods ? fulfilment.filter((f) => f.kind === 'delivery') : [];
  const fees = deliveries.flatMap((d) => [...(d.flatFeeMinor === null ? [] : [d.flatFeeMinor]), ...Object.values(d.regionFees)]);
  const lowest = fees.length > 0 ? Math.min(...fees) : undefined;
  const currency = deliveries[0]?.currency ?? ctx.coop.currency;
  const separator = locale === 'zh-CN' ? '，' : ', ';
  return (
    <dl class="facts">
      <dt>{t.harvest}</dt>
      <dd>{harvestText(ctx, product.harvestWindows)}</dd>
      {pickups.length > 0 && (
        <>
          <dt>{t.pickup}</dt>
          <dd>
            <ul>
              {pickups.map((p) => (
                <li>
                  <span lang={ctx.pickLocale(p.name)}>{ctx.pick(p.name)}</span>
                  {ctx.pick(p.hours) && <span class="unit">{ctx.pick(p.hours)}</span>}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {deliveries.length > 0 && (
        <>
          <dt>{t.delivery}</dt>
          <dd>
            {deliveries.map((d) => ctx.pick(d.name)).join(separator)}
            {lowest !== undefined && <span class="unit">{lowest === 0 ? t.freeDelivery : t.deliveryFrom(moneyText(lowest, currency, locale))}</span>}
          </dd>
        </>
      )}
    </dl>
  );
}

/**
 * The phone's buy bar, fixed to the bottom of the viewport at 600 px and narrower (CSS hides
 * it where the buy box sits beside the gallery): the price, and either "add to cart" for a
 * product with one variant in stock or a link to the buy form to choose one. It is the last
 * thing in the article and sticky, so its own height keeps the page's end uncovered.
 */
function BuyBar({ ctx, product, title }: { ctx: PageContext; product: ProductDetail; title: string }) {
  const { t, locale, urls } = ctx;
  const cheapest = product.priceFrom;
  const buyable = product.variants.filter((v) => v.stock !== 'sold-out');
  const only = product.variants.length === 1 && buyable.length === 1 ? buyable[0] : undefined;
  const colon = locale === 'zh-CN' ? '：' : ': ';
  return (
    <aside class="buy-bar" aria-label={t.buyBar}>
      <p>
        {cheapest && <strong>{moneyText(cheapest.priceMinor, cheapest.currency, locale)}</strong>}
        {product.variants.length > 1 && <small> {t.from}</small>}
      </p>
      {only ? (
        <form method="get" action={urls.under(`/${locale}/order`)} data-terroir-add="" data-coop={ctx.coop.slug} data-product={product.slug} data-title={title}>
          <input type="hidden" name="product" value={product.slug} />
          <input
            type="radio"
            name="variant"
            value={only.id}
            checked
            hidden
            data-label={ctx.pick(only.label)}
            data-price={String(only.priceMinor)}
            data-currency={only.currency}
          />
          <input type="hidden" name="quantity" value="1" />
          <button type="submit" aria-label={`${t.addToCart}${colon}${title}`}>
            {t.addToCart}
          </button>
          <span class="status visually-hidden" role="status" />
        </form>
      ) : (
        <a class="button" href="#buy">
          {t.chooseOption}
        </a>
      )}
    </aside>
  );
}
