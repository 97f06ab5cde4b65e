import type { HarvestWindow, ImageRef, ProductCard, StoryCard } from '@terroir/core';
import { moneyText, unitPriceText } from '../format/money-text';
import type { PageContext } from '../page-context';
import { shareImagePath } from '../share/share-routes';

/**
 * A picture in a fixed 4:3 box with width and height set, so nothing moves when it loads.
 * Lazy unless it is the page's main picture (`eager`), which also gets `fetchpriority=high`.
 */
export function Picture({
  ctx,
  image,
  eager = false,
  absolute = false,
}: {
  ctx: PageContext;
  image: ImageRef | undefined;
  eager?: boolean;
  absolute?: boolean;
}) {
  if (!image) return null;
  return (
    <div class="media">
      <img
        src={absolute ? ctx.urls.resolve(image.url) : image.url}
        alt={ctx.pick(image.alt)}
        width={image.width ?? 800}
        height={image.height ?? 600}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        {...(eager ? { fetchpriority: 'high' } : {})}
      />
    </div>
  );
}

/** "9月—10月" / "Sep–Oct", or "all year". */
export function harvestText(ctx: PageContext, windows: readonly HarvestWindow[]): string {
  if (windows.length === 0) return ctx.t.yearRound;
  return windows.map((w) => ctx.t.months(w.fromMonth, w.toMonth)).join(ctx.locale === 'zh-CN' ? '、' : ', ');
}

/**
 * A product as a card in a list or a fragment: picture, title linking to its page, summary,
 * price from the cheapest variant with its price per kg / per 斤, season and stock.
 * `absolute` makes every URL absolute, for fragments included on other sites.
 */
export function ProductCardView({
  ctx,
  product,
  absolute = false,
  heading = 'h3',
  quickAdd = false,
}: {
  ctx: PageContext;
  product: ProductCard;
  absolute?: boolean;
  heading?: 'h2' | 'h3' | 'h4';
  /** Add to cart from the card (a product with one variant in stock), else a link to choose one. */
  quickAdd?: boolean;
}) {
  const href = absolute ? ctx.urls.absolute(ctx.locale, 'product', product.slug) : ctx.urls.path(ctx.locale, 'product', product.slug);
  const Heading = heading;
  const unit = product.cheapestVariant ? unitPriceText(product.cheapestVariant, ctx.locale) : undefined;
  return (
    <article class="card terroir-card" lang={ctx.pickLocale(product.title)}>
      <Picture ctx={ctx} image={product.images[0]} absolute={absolute} />
      <Heading>
        <a href={href}>{ctx.pick(product.title)}</a>
      </Heading>
      <p>{ctx.pick(product.summary)}</p>
      {product.priceFrom && (
        <p class="price">
          {moneyText(product.priceFrom.priceMinor, product.priceFrom.currency, ctx.locale)} <small>{ctx.t.from}</small>
          {unit && <span class="unit">{unit}</span>}
        </p>
      )}
      <p>
        <span class={product.season === 'out-of-season' ? 'badge out' : 'badge'}>{ctx.t.seasons[product.season]}</span>
        <span class={product.stock === 'sold-out' ? 'badge out' : 'badge'}>{ctx.t.stock[product.stock]}</span>
        {product.storyCount > 0 && <span class="badge">{`${ctx.t.stories} ${product.storyCount}`}</span>}
      </p>
      {quickAdd && <QuickAdd ctx={ctx} product={product} href={href} />}
    </article>
  );
}

/** A story as a card: kind, title linking to the story, summary, an audio mark. */
export function StoryCardView({
  ctx,
  story,
  absolute = false,
  heading = 'h3',
}: {
  ctx: PageContext;
  story: StoryCard;
  absolute?: boolean;
  heading?: 'h2' | 'h3';
}) {
  const href = absolute ? ctx.urls.absolute(ctx.locale, 'story', story.slug) : ctx.urls.path(ctx.locale, 'story', story.slug);
  const image = story.media.find((m) => m.kind === 'image');
  const hasAudio = story.media.some((m) => m.kind === 'audio');
  const Heading = heading;
  return (
    <article class="card terroir-card" lang={ctx.pickLocale(story.title)}>
      {image && (
        <Picture
          ctx={ctx}
          image={{ url: image.url, alt: image.alt ?? {}, ...(image.width ? { width: image.width } : {}), ...(image.height ? { height: image.height } : {}) }}
          absolute={absolute}
        />
      )}
      <p class="eyebrow">
        {ctx.t.storyKinds[story.kind]}
        {hasAudio ? ` · ${ctx.t.listen}` : ''}
      </p>
      <Heading>
        <a href={href}>{ctx.pick(story.title)}</a>
      </Heading>
      <p>{ctx.pick(story.summary)}</p>
    </article>
  );
}

/** Plain text with blank-line paragraphs, as product descriptions and profiles are stored. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => (
          <p>{p}</p>
        ))}
    </>
  );
}

/**
 * "分享海报": the record's phone-sized poster (photo, name, price or story facts, QR to the
 * page) to save and send; nothing when the site serves no share images.
 *
 * @example
 * <SharePosterLink ctx={ctx} kind="product" slug={product.slug} />
 */
export function SharePosterLink({ ctx, kind, slug }: { ctx: PageContext; kind: 'product' | 'story'; slug: string }) {
  if (!ctx.shareImages) return null;
  return (
    <p class="share">
      <a href={shareImagePath(ctx, kind, slug, 'poster')} download={`${slug}.jpg`} title={ctx.t.sharePosterHint}>
        {ctx.t.sharePoster}
      </a>
    </p>
  );
}

/**
 * A card's buy control. One variant in stock: a form the pages' enhancer turns into "add to
 * cart" (without JavaScript it opens the order note page, like the product page's form).
 * Several variants: a link to choose one. Sold out: nothing.
 */
function QuickAdd({ ctx, product, href }: { ctx: PageContext; product: ProductCard; href: string }) {
  const { t, locale, urls } = ctx;
  const title = ctx.pick(product.title);
  const only = product.onlyVariant;
  const colon = locale === 'zh-CN' ? '：' : ': ';
  if (only?.inStock) {
    return (
      <form
        class="quick-add"
        method="get"
        action={urls.under(`/${locale}/order`)}
        data-terroir-add=""
        data-coop={ctx.coop.slug}
        data-product={product.slug}
        data-title={title}
      >
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
        <span role="status" class="status" />
      </form>
    );
  }
  if (product.stock === 'sold-out') return null;
  return (
    <a class="button secondary" href={href} aria-label={`${t.chooseOption}${colon}${title}`}>
      {t.chooseOption}
    </a>
  );
}
