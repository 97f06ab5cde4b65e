import type { ProductCard, StoryCard } from '@terroir/core';
import type { PageContext } from '../page-context';
import { homeJsonLd } from '../structured-data/json-ld';
import { PageDocument } from './page-document';
import { Paragraphs, ProductCardView, StoryCardView } from './page-parts';

/** The cooperative's home: who and where they are, everything they sell, every public story. */
export function HomePage({ ctx, products, stories }: { ctx: PageContext; products: ProductCard[]; stories: StoryCard[] }) {
  const { t, coop, urls, locale } = ctx;
  const name = ctx.pick(coop.name);
  const producers = [...new Map(products.flatMap((p) => (p.producer ? [[p.producer.slug, p.producer] as const] : []))).values()];
  const firstImage = products.find((p) => p.images[0])?.images[0];
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: name,
        description: ctx.pick(coop.description).slice(0, 160),
        page: { kind: 'home' },
        ogType: 'website',
        ...(firstImage ? { image: { url: urls.resolve(firstImage.url), alt: ctx.pick(firstImage.alt) } } : {}),
        jsonLd: [homeJsonLd(ctx)],
      }}
    >
      <h1>{name}</h1>
      <p class="eyebrow">
        {ctx.pick(coop.place.name)}
        {coop.place.region ? ` · ${ctx.pick(coop.place.region)}` : ''}
      </p>
      <div class="lede">
        <Paragraphs text={ctx.pick(coop.description)} />
      </div>
      <section aria-labelledby="products">
        <h2 id="products">{t.products}</h2>
        <ul class="grid">
          {products.map((product) => (
            <li>
              <ProductCardView ctx={ctx} product={product} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="stories">
        <h2 id="stories">{t.stories}</h2>
        <ul class="grid">
          {stories.map((story) => (
            <li>
              <StoryCardView ctx={ctx} story={story} />
            </li>
          ))}
        </ul>
      </section>
      {producers.length > 0 && (
        <section aria-labelledby="producers">
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
