import { renderMarkdown, storyTimeText, type ProductInMuseum, type StoryDetail, type StoryMedia } from '@terroir/core';
import { moneyText } from '../format/money-text';
import type { PageContext } from '../page-context';
import { storyJsonLd } from '../structured-data/json-ld';
import { PageDocument, type PageMeta } from './page-document';
import { Picture, SharePosterLink, StoryCardView } from './page-parts';
import { shareImagePath } from '../share/share-routes';
import { OG_IMAGE_SIZE } from '../share/share-image';
import { ProductInMuseumSection } from './museum-pages';

/** One media item: a figure with caption and credit; audio and video carry a visible transcript. */
function MediaFigure({ ctx, media, eager }: { ctx: PageContext; media: StoryMedia; eager: boolean }) {
  const caption = ctx.pick(media.caption);
  const credit = ctx.pick(media.credit);
  const transcript = ctx.pick(media.transcript);
  const figcaption = (caption || credit) && (
    <figcaption>
      {caption}
      {credit && <span class="credit">© {credit}</span>}
    </figcaption>
  );
  if (media.kind === 'image') {
    return (
      <figure>
        <Picture
          ctx={ctx}
          image={{ url: media.url, alt: media.alt ?? {}, ...(media.width ? { width: media.width } : {}), ...(media.height ? { height: media.height } : {}) }}
          eager={eager}
        />
        {figcaption}
      </figure>
    );
  }
  const download = (
    <a href={media.url} download="">
      {media.url.split('/').pop()}
    </a>
  );
  return (
    <figure>
      {figcaption}
      {media.kind === 'audio' ? (
        <audio controls preload="none" src={media.url}>
          {download}
        </audio>
      ) : (
        <video controls preload="none" src={media.url} width={media.width ?? 640} height={media.height ?? 360}>
          {download}
        </video>
      )}
      {transcript && (
        <div class="transcript" lang={ctx.pickLocale(media.transcript)}>
          <h3>{ctx.t.transcript}</h3>
          <div dangerouslySetInnerHTML={{ __html: renderMarkdown(transcript) }} />
        </div>
      )}
    </figure>
  );
}

/**
 * A story page: the sanitized Markdown body, pictures with captions and credits, recordings
 * with transcripts that need no script to read, the products to "take this story home",
 * the people in it and stories to read next.
 */
export function StoryPage({ ctx, story, museum }: { ctx: PageContext; story: StoryDetail; museum?: ProductInMuseum }) {
  const { t, locale, urls } = ctx;
  const title = ctx.pick(story.title);
  const [lead, ...rest] = story.media;
  const heroImage = lead?.kind === 'image' ? lead : undefined;
  const meta: PageMeta = {
    title,
    description: ctx.pick(story.summary),
    page: { kind: 'story', slug: story.slug },
    ogType: 'article',
    ...(ctx.shareImages
      ? {
          image: {
            url: urls.origin + shareImagePath(ctx, 'story', story.slug, 'og'),
            alt: heroImage ? ctx.pick(heroImage.alt) || title : title,
            ...OG_IMAGE_SIZE,
          },
        }
      : heroImage
        ? {
            image: {
              url: urls.resolve(heroImage.url),
              alt: ctx.pick(heroImage.alt),
              ...(heroImage.width ? { width: heroImage.width } : {}),
              ...(heroImage.height ? { height: heroImage.height } : {}),
            },
          }
        : {}),
    jsonLd: [storyJsonLd(ctx, story)],
    breadcrumbs: [
      [t.home, urls.path(locale, 'home')],
      [t.stories, `${urls.path(locale, 'home')}#stories`],
      [title, urls.path(locale, 'story', story.slug)],
    ],
  };
  const time = storyTimeText(story, locale, ctx.coop.defaultLocale);
  // Places are museum records, each a link to its page; an old story with only a copied place
  // (written before places were records) still shows its name.
  const copiedPlace = story.places.length === 0 && story.place ? ctx.pick(story.place.name) : '';
  return (
    <PageDocument ctx={ctx} meta={meta}>
      <article>
        <header>
          <p class="eyebrow">
            {t.storyKinds[story.kind]}
            {time && (
              <>
                {' · '}
                <span class="story-date" lang={time.locale}>
                  {time.text}
                </span>
              </>
            )}
            {story.places.map((p) => (
              <>
                {' · '}
                <a href={urls.path(locale, 'museum-place', p.slug)} lang={ctx.pickLocale(p.name)}>
                  {ctx.pick(p.name)}
                </a>
              </>
            ))}
            {copiedPlace && ` · ${copiedPlace}`}
          </p>
          <h1 lang={ctx.pickLocale(story.title)}>{title}</h1>
          <p class="lede">{ctx.pick(story.summary)}</p>
          <SharePosterLink ctx={ctx} kind="story" slug={story.slug} />
        </header>
        {heroImage && <MediaFigure ctx={ctx} media={heroImage} eager />}
        <div class="prose" lang={ctx.pickLocale(story.body)} dangerouslySetInnerHTML={{ __html: renderMarkdown(ctx.pick(story.body)) }} />
        {(heroImage ? rest : story.media).length > 0 && (
          <section aria-labelledby="media">
            <h2 id="media">{t.media}</h2>
            {(heroImage ? rest : story.media).map((m) => (
              <MediaFigure ctx={ctx} media={m} eager={false} />
            ))}
          </section>
        )}
        {story.attribution && (
          <p class="hint">
            {t.attribution}: {ctx.pick(story.attribution)}
          </p>
        )}
        {story.products.length > 0 && (
          <section aria-labelledby="take-home">
            <h2 id="take-home">{t.takeHome}</h2>
            <ul class="grid">
              {story.products.map((p) => (
                <li>
                  <article class="card">
                    <Picture ctx={ctx} image={p.images[0]} />
                    <h3>
                      <a href={urls.path(locale, 'product', p.slug)}>{ctx.pick(p.title)}</a>
                    </h3>
                    {p.priceFrom && (
                      <p class="price">
                        {moneyText(p.priceFrom.priceMinor, p.priceFrom.currency, locale)} <small>{t.from}</small>
                      </p>
                    )}
                    <p>
                      <a class="button" href={urls.path(locale, 'product', p.slug)} aria-label={`${t.viewAndBuy}: ${ctx.pick(p.title)}`}>
                        {t.viewAndBuy}
                      </a>
                    </p>
                  </article>
                </li>
              ))}
            </ul>
          </section>
        )}
        {story.producers.length > 0 && (
          <section aria-labelledby="people">
            <h2 id="people">{t.toldBy}</h2>
            {story.producers.map((p) => (
              <div class="person">
                {p.portrait && (
                  <img
                    src={p.portrait.url}
                    alt={ctx.pick(p.portrait.alt)}
                    width={p.portrait.width ?? 160}
                    height={p.portrait.height ?? 160}
                    loading="lazy"
                    decoding="async"
                  />
                )}
                <div>
                  <h3>
                    <a href={urls.path(locale, 'producer', p.slug)}>{ctx.pick(p.name)}</a>
                  </h3>
                  <p>{ctx.pick(p.profile)}</p>
                </div>
              </div>
            ))}
          </section>
        )}
        {story.seeAlso.length > 0 && (
          <section aria-labelledby="see-also">
            <h2 id="see-also">{t.seeAlso}</h2>
            <ul class="grid">
              {story.seeAlso.map((s) => (
                <li>
                  <StoryCardView ctx={ctx} story={s} />
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
