import type { ProducerDetail } from '@terroir/core';
import type { PageContext } from '../page-context';
import { producerJsonLd } from '../structured-data/json-ld';
import { PageDocument } from './page-document';
import { Paragraphs, ProductCardView, StoryCardView } from './page-parts';

/** A producer's page: portrait, profile, place, what they make and the stories they are in. */
export function ProducerPage({ ctx, producer }: { ctx: PageContext; producer: ProducerDetail }) {
  const { t, urls, locale } = ctx;
  const name = ctx.pick(producer.name);
  const portrait = producer.portrait;
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: name,
        description: ctx.pick(producer.profile).slice(0, 160),
        page: { kind: 'producer', slug: producer.slug },
        ogType: 'profile',
        ...(portrait ? { image: { url: urls.resolve(portrait.url), alt: ctx.pick(portrait.alt) } } : {}),
        jsonLd: [producerJsonLd(ctx, producer)],
        breadcrumbs: [
          [t.home, urls.path(locale, 'home')],
          [name, urls.path(locale, 'producer', producer.slug)],
        ],
      }}
    >
      <div class="person">
        {portrait && (
          <img
            src={portrait.url}
            alt={ctx.pick(portrait.alt)}
            width={portrait.width ?? 160}
            height={portrait.height ?? 160}
            decoding="async"
            fetchpriority="high"
          />
        )}
        <div>
          <h1 lang={ctx.pickLocale(producer.name)}>{name}</h1>
          {producer.place && <p class="eyebrow">{ctx.pick(producer.place.name)}</p>}
          <div lang={ctx.pickLocale(producer.profile)}>
            <Paragraphs text={ctx.pick(producer.profile)} />
          </div>
        </div>
      </div>
      {producer.products.length > 0 && (
        <section aria-labelledby="products">
          <h2 id="products">{`${name}${t.productsBy}`}</h2>
          <ul class="grid">
            {producer.products.map((p) => (
              <li>
                <ProductCardView ctx={ctx} product={p} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {producer.stories.length > 0 && (
        <section aria-labelledby="stories">
          <h2 id="stories">{t.storiesWith}</h2>
          <ul class="grid">
            {producer.stories.map((s) => (
              <li>
                <StoryCardView ctx={ctx} story={s} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </PageDocument>
  );
}
