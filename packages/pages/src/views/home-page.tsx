import { PRODUCT_CATEGORIES, type ProductCard, type ProductCategory, type StoryCard } from '@terroir/core';
import type { PageContext } from '../page-context';
import { homeJsonLd } from '../structured-data/json-ld';
import { PageDocument } from './page-document';
import { Paragraphs, ProductCardView, StoryCardView } from './page-parts';

/** How many products and stories the home features above the full lists. */
const FEATURED_PRODUCTS = 4;
const FEATURED_STORIES = 3;

/**
 * The cooperative's home: a hero with the village's picture and one-line story, category and
 * season navigation, what is in season (add to cart from the card), every product by
 * category, featured stories, and the producers.
 */
export function HomePage({ ctx, products, stories }: { ctx: PageContext; products: ProductCard[]; stories: StoryCard[] }) {
  const { t, coop, urls, locale } = ctx;
  const name = ctx.pick(coop.name);
  const producers = [...new Map(products.flatMap((p) => (p.producer ? [[p.producer.slug, p.producer] as const] : []))).values()];
  // The cooperative's chosen picture (admin app → settings); else the first product's.
  const heroImage = coop.heroImage ?? products.find((p) => p.images[0])?.images[0];
  const description = ctx.pick(coop.description);
  const [firstParagraph = '', ...moreParagraphs] = description.split(/\n\s*\n/);
  // What is in season leads; then what is sold all year; nothing sold out.
  const available = products.filter((p) => p.stock !== 'sold-out');
  const inSeason = [...available.filter((p) => p.season === 'in-season'), ...available.filter((p) => p.season === 'year-round')];
  const featured = (inSeason.length > 0 ? inSeason : products).slice(0, FEATURED_PRODUCTS);
  const byCategory = new Map<ProductCategory, ProductCard[]>();
  for (const category of PRODUCT_CATEGORIES) byCategory.set(category, []);
  for (const product of products) byCategory.get(product.category)?.push(product);
  const categories = [...byCategory].filter(([, list]) => list.length > 0);
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: name,
        description: description.slice(0, 160),
        page: { kind: 'home' },
        ogType: 'website',
        ...(heroImage ? { image: { url: urls.resolve(heroImage.url), alt: ctx.pick(heroImage.alt) } } : {}),
        jsonLd: [homeJsonLd(ctx)],
      }}
    >
      <section class="hero" aria-labelledby="village">
        {heroImage && (
          <div class="hero-media">
            <img
              src={heroImage.url}
              alt={ctx.pick(heroImage.alt)}
              width={heroImage.width ?? 800}
              height={heroImage.height ?? 600}
              fetchpriority="high"
              decoding="async"
            />
          </div>
        )}
        <div class="hero-text">
          <p class="eyebrow">
            {ctx.pick(coop.place.name)}
            {coop.place.region ? ` · ${ctx.pick(coop.place.region)}` : ''}
          </p>
          <h1 id="village">{name}</h1>
          <p class="lede">{firstParagraph}</p>
          <p class="cta">
            <a class="button" href="#products">
              {t.shopNow}
            </a>
            <a class="button secondary" href="#stories">
              {t.readStories}
            </a>
          </p>
        </div>
      </section>
      {moreParagraphs.length > 0 && (
        <div class="lede">
          <Paragraphs text={moreParagraphs.join('\n\n')} />
        </div>
      )}
      <nav class="chips" aria-label={t.categoriesNav}>
        <a href="#featured">{t.featured}</a>
        {categories.map(([category]) => (
          <a href={`#category-${category}`}>{t.categories[category]}</a>
        ))}
      </nav>
      <section aria-labelledby="featured">
        <h2 id="featured">{t.featured}</h2>
        <ul class="grid products">
          {featured.map((product) => (
            <li>
              <ProductCardView ctx={ctx} product={product} quickAdd />
            </li>
          ))}
        </ul>
      </section>
      {/* `later` sections (content-visibility: auto) are laid out when scrolled near, not before the first paint. */}
      <section aria-labelledby="products">
        <h2 id="products">{t.products}</h2>
        {categories.map(([category, list]) => (
          <section class="later" aria-labelledby={`category-${category}`}>
            <h3 id={`category-${category}`} class="category">
              {t.categories[category]}
            </h3>
            <ul class="grid products">
              {list.map((product) => (
                <li>
                  <ProductCardView ctx={ctx} product={product} heading="h4" quickAdd />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
      <section class="later" aria-labelledby="stories">
        <h2 id="stories">{t.stories}</h2>
        <ul class="grid">
          {stories.slice(0, FEATURED_STORIES).map((story) => (
            <li>
              <StoryCardView ctx={ctx} story={story} />
            </li>
          ))}
        </ul>
        {stories.length > FEATURED_STORIES && (
          <ul class="more-stories">
            {stories.slice(FEATURED_STORIES).map((story) => (
              <li>
                <a href={urls.path(locale, 'story', story.slug)} lang={ctx.pickLocale(story.title)}>
                  {ctx.pick(story.title)}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      {producers.length > 0 && (
        <section class="later" aria-labelledby="producers">
          <h2 id="producers">{t.producers}</h2>
          <ul>
            {producers.map((p) => (
              <li>
                <a href={urls.path(locale, 'producer', p.slug)}>{ctx.pick(p.name)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </PageDocument>
  );
}
