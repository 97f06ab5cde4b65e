import type { ProductDetail, ProductInMuseum } from '@terroir/core';
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
 * enhancer turns its submit into "add to cart" for the `<terroir-cart>` widget.
 */
export function ProductPage({ ctx, product, museum }: { ctx: PageContext; product: ProductDetail; museum?: ProductInMuseum }) {
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
          <Picture ctx={ctx} image={image} eager />
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
            <p>
              {t.harvest}: {harvestText(ctx, product.harvestWindows)}
            </p>
            <form
              class="buy"
              method="get"
              action={urls.under(`/${locale}/order`)}
              data-terroir-add=""
              data-coop={ctx.coop.slug}
              data-product={product.slug}
              data-title={title}
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
          <section aria-labelledby="stories">
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
      </article>
    </PageDocument>
  );
}
