// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { get } from './api-client';
import type { StoryDetail, StoryMedia } from './types';
import { useResource } from './use-resource';
import { translator } from './messages';
import { AddCheapestButton, Frame, Pending, Picture, price, useWidget, type BaseProps, type WidgetContext } from './widget-frame';

/** Rules only the story widgets need (the shared ones are in styles.ts). */
const STORY_CSS = `figure{margin:0 0 var(--g)}audio{width:100%}.pre{white-space:pre-line}.two>div>img{width:100%}@media(min-width:48em){.two{display:grid;grid-template-columns:1fr 1fr;gap:2em}.st{grid-template-columns:3fr 2fr}}`;

/** Strings only the story widgets show (zh-CN, en); the products + cart path does not carry them. */
export const STORY_MESSAGES = {
  noStories: ['这里暂时还没有故事。', 'No stories here yet.'],
  transcript: ['文字稿', 'Transcript'],
  credit: ['来源：', 'Credit: '],
  takeHome: ['把故事带回家', 'Take this story home'],
  readMore: ['阅读全文', 'Read the story'],
} satisfies Record<string, [zh: string, en: string]>;

export interface StoryProps extends BaseProps {
  /** Story slug (or id). */
  story?: string;
}

/**
 * `<terroir-story>`: one heritage story with its images, audio (with transcript) and video,
 * credits and attribution, and the products linked to it ("take this story home").
 * Community-only stories are never served, so never shown.
 *
 * @example
 * <terroir-story coop="laiyang-pear" story="grafting-craft"></terroir-story>
 * @csspart root - the widget's outer box
 * @csspart story - the article
 * @csspart media - each figure (image, audio, video)
 * @csspart transcript - the transcript disclosure of audio and video
 * @csspart products - the "take this story home" list
 * @csspart card - one linked product; image, title, price, button, add-button as in terroir-products
 * @csspart skeleton - loading placeholder; error - error state with retry
 * @event terroir:add-to-cart - a linked product was added
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
export function Story(props: StoryProps) {
  const w = useWidget(props);
  return (
    <Frame lang={w.lang} announcement={w.announcement}>
      <StoryView w={w} slug={props.story ?? ''} heading={2} />
    </Frame>
  );
}

/** A story fetched by slug and rendered in full; used by terroir-story and inside lists. */
export function StoryView(props: { w: WidgetContext; slug: string; heading: 2 | 3 }) {
  const { config, t } = props.w;
  const [story, retry] = useResource(JSON.stringify([config, props.slug]), () =>
    get<{ story: StoryDetail }>(config, '/stories/' + encodeURIComponent(props.slug)),
  );
  if (story.state !== 'ready') return <Pending resource={story} retry={retry} t={t} />;
  return <StoryArticle w={props.w} story={story.data.story} heading={props.heading} />;
}

function StoryArticle({ w, story: s, heading }: { w: WidgetContext; story: StoryDetail; heading: 2 | 3 }) {
  const { t, lang } = w;
  const ts = translator(lang, STORY_MESSAGES);
  const H = heading === 2 ? 'h2' : 'h3';
  const H2 = heading === 2 ? 'h3' : 'h4';
  return (
    <article part="story" class="two st">
      <style>{STORY_CSS}</style>
      <div>
        <H part="title">{s.title}</H>
        {/* The date as read (else the era text), then the museum places (else an old copied place). */}
        <p class="m">{[s.dateText ?? s.era, ...(s.places.length > 0 ? s.places.map((p) => p.name) : [s.place?.name])].filter(Boolean).join(' · ')}</p>
        <div dangerouslySetInnerHTML={{ __html: s.bodyHtml }} />
        {s.attribution && <p class="m">{s.attribution}</p>}
      </div>
      <div>
        {s.media.map((m) => (
          <Media media={m} lang={lang} />
        ))}
        {s.products.length > 0 && (
          <section part="products" aria-label={ts('takeHome')}>
            <H2>{ts('takeHome')}</H2>
            <ul class="grid sm">
              {s.products.map((p) => (
                <li class="card" part="card">
                  <Picture image={p.image} sizes="(min-width: 48rem) 12rem, 50vw" />
                  <span part="title">{p.title}</span>
                  {p.priceFrom && (
                    <span class="price" part="price">
                      {price(p.priceFrom, lang)} <span class="m">{t('from')}</span>
                    </span>
                  )}
                  <AddCheapestButton config={w.config} slug={p.slug} title={p.title} t={t} announce={w.announce} />
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </article>
  );
}

function Media({ media: m, lang }: { media: StoryMedia; lang: WidgetContext['lang'] }) {
  const t = translator(lang, STORY_MESSAGES);
  const caption = (m.caption || m.credit) && (
    <figcaption class="m">
      {m.caption} {m.credit && <span>{t('credit') + m.credit}</span>}
    </figcaption>
  );
  const transcript = m.transcript && (
    <details part="transcript">
      <summary>{t('transcript')}</summary>
      <p class="pre">{m.transcript}</p>
    </details>
  );
  const label = m.caption || m.alt || undefined;
  return (
    <figure part="media">
      {m.kind === 'image' && <Picture image={{ url: m.url, alt: m.alt ?? '', width: m.width ?? undefined, height: m.height ?? undefined }} />}
      {m.kind === 'audio' && <audio controls preload="none" src={m.url} aria-label={label} />}
      {m.kind === 'video' && <video controls preload="none" src={m.url} aria-label={label} width={m.width ?? 640} height={m.height ?? 360} />}
      {caption}
      {transcript}
    </figure>
  );
}
