import {
  HISTORICAL_PERIODS,
  renderMarkdown,
  type ExhibitAudio,
  type ExhibitView,
  type HistoricalPeriodId,
  type ChronicleDetail,
  type MuseumMediaItem,
  type HallDetail,
  type MuseumOverview,
  type MuseumProductLink,
  type MuseumRecordLink,
  type PersonDetail,
  type PlaceDetail,
  type ProductInMuseum,
} from '@terroir/core';

/** The periods offered as filters on the timeline page (the broad ones; the API takes every period). */
const TIMELINE_PERIODS: HistoricalPeriodId[] = ['han', 'tang', 'song', 'yuan', 'ming', 'qing', 'republic', 'prc'];
import { moneyText } from '../format/money-text';
import type { PageContext } from '../page-context';
import type { PageKind } from '../page-urls';
import { chronicleJsonLd, hallJsonLd, museumJsonLd, museumPersonJsonLd, museumPlaceJsonLd } from '../structured-data/museum-json-ld';
import { AUDIO_GUIDE_SCRIPT_FILE } from './audio-guide-script';
import { museumMessages, type MuseumMessages } from './museum-messages';
import { memoryMessages } from './memory-messages';
import { PageDocument } from './page-document';

/*
 * The village museum's pages (issue 11): the overview with the village map, a place, a person,
 * a hall and the timeline. Every exhibit lists the goods it explains as plain links to their
 * product pages; only public, published records are ever passed in.
 */

const PAGE_OF: Record<MuseumRecordLink['kind'], PageKind | null> = {
  place: 'museum-place',
  person: 'museum-person',
  hall: 'museum-hall',
  story: 'story',
  producer: 'producer',
  chronicle: null,
};

/** Where a museum link points: its page, or the timeline's anchor for a chronicle entry. */
export function recordHref(ctx: PageContext, link: Pick<MuseumRecordLink, 'kind' | 'slug'>): string {
  const page = PAGE_OF[link.kind];
  return page ? ctx.urls.path(ctx.locale, page, link.slug) : `${ctx.urls.path(ctx.locale, 'museum-timeline')}#${encodeURIComponent(link.slug)}`;
}

const priceFrom = (ctx: PageContext, minor: number, currency: string) =>
  ctx.locale === 'zh-CN' ? `${moneyText(minor, currency, ctx.locale)}起` : `from ${moneyText(minor, currency, ctx.locale)}`;

/**
 * The goods an exhibit explains, each one link to its product page with its price. Inside an
 * exhibit or a timeline entry (`nested`) it is a plain list under a small heading, not another
 * landmark with the same name.
 */
export function MuseumGoods({ ctx, products, nested }: { ctx: PageContext; products: MuseumProductLink[]; nested?: boolean }) {
  const m = museumMessages(ctx.locale);
  if (products.length === 0) return null;
  const list = (
    <ul>
      {products.map((p) => (
        <li>
          <a href={ctx.urls.path(ctx.locale, 'product', p.slug)}>{p.title}</a>{' '}
          <span class="hint">{p.priceFromMinor === null ? m.noPrice : priceFrom(ctx, p.priceFromMinor, p.currency)}</span>
        </li>
      ))}
    </ul>
  );
  if (nested) {
    return (
      <div class="goods">
        <h3>{m.goods}</h3>
        {list}
      </div>
    );
  }
  return (
    <section class="goods" aria-labelledby="goods">
      <h2 id="goods">{m.goods}</h2>
      {list}
    </section>
  );
}

function Links({ ctx, links, heading, id }: { ctx: PageContext; links: MuseumRecordLink[]; heading: string; id: string }) {
  if (links.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a href={recordHref(ctx, l)}>{l.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The village map: the uploaded drawing (when there is one) with each place a keyboard-reachable, named link. */
export function VillageMap({ ctx, map, mapUrl }: { ctx: PageContext; map: MuseumOverview['map']; mapUrl: string | null }) {
  const m = museumMessages(ctx.locale);
  return (
    <figure class="village-map">
      <div class={mapUrl ? 'map' : 'map plain'}>
        {mapUrl && <img src={mapUrl} alt={m.map} width={960} height={640} decoding="async" />}
        <ul aria-label={m.map}>
          {map.pins.map((pin) => (
            <li style={`left:${(pin.x * 100).toFixed(2)}%;top:${(pin.y * 100).toFixed(2)}%`}>
              <a
                href={ctx.urls.path(ctx.locale, 'museum-place', pin.slug)}
                aria-label={ctx.locale === 'zh-CN' ? `${pin.name}（${m.placeKinds[pin.kind]}）` : `${pin.name} (${m.placeKinds[pin.kind]})`}
              >
                <span class="pin" aria-hidden="true" />
                <span class="pin-name">{pin.name}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
      <figcaption>
        {m.mapHint}
        {!mapUrl && ` ${m.noMapImage}`}
      </figcaption>
    </figure>
  );
}

/** Breadcrumbs under the museum: home › museum › `rest`. */
export const crumbs = (ctx: PageContext, ...rest: Array<readonly [string, string]>) =>
  [
    [ctx.t.home, ctx.urls.path(ctx.locale, 'home')] as const,
    [museumMessages(ctx.locale).museum, ctx.urls.path(ctx.locale, 'museum')] as const,
    ...rest,
  ] as const;

/** `/{lang}/museum`: halls, the map with its places, people and the first entries of the timeline. */
export function MuseumPage({ ctx, overview, mapUrl, memories }: { ctx: PageContext; overview: MuseumOverview; mapUrl: string | null; memories?: boolean }) {
  const m = museumMessages(ctx.locale);
  const mm = memoryMessages(ctx.locale);
  const { urls, locale } = ctx;
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: m.museumTitle,
        description: m.museumLede,
        page: { kind: 'museum' },
        ogType: 'website',
        jsonLd: [museumJsonLd(ctx, overview, mapUrl)],
        breadcrumbs: [
          [ctx.t.home, urls.path(locale, 'home')],
          [m.museum, urls.path(locale, 'museum')],
        ],
      }}
    >
      <h1>{m.museumTitle}</h1>
      <p class="lede">{m.museumLede}</p>
      {overview.halls.length > 0 && (
        <section aria-labelledby="halls">
          <h2 id="halls">{m.halls}</h2>
          <ul class="grid">
            {overview.halls.map((h) => (
              <li class="card">
                <h3>
                  <a href={urls.path(locale, 'museum-hall', h.slug)}>{h.title}</a>
                </h3>
                <div class="hint" dangerouslySetInnerHTML={{ __html: h.introHtml }} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {overview.places.length > 0 && (
        <section aria-labelledby="places">
          <h2 id="places">{m.places}</h2>
          <VillageMap ctx={ctx} map={overview.map} mapUrl={mapUrl} />
          <ul>
            {overview.places.map((p) => (
              <li>
                <a href={urls.path(locale, 'museum-place', p.slug)}>{p.name}</a> <span class="hint">{m.placeKinds[p.kind]}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {overview.people.length > 0 && (
        <section aria-labelledby="people">
          <h2 id="people">{m.people}</h2>
          <ul>
            {overview.people.map((p) => (
              <li>
                <a href={urls.path(locale, 'museum-person', p.slug)}>{p.name}</a>
                {p.lifeText && <span class="hint"> {p.lifeText}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {overview.timeline.length > 0 && (
        <section aria-labelledby="timeline">
          <h2 id="timeline">{m.timelineExcerpt}</h2>
          <ol class="timeline">
            {overview.timeline.map((e) => (
              <li>
                <span class="eyebrow">{e.dateText}</span>{' '}
                <a href={e.kind === 'story' ? urls.path(locale, 'story', e.slug) : `${urls.path(locale, 'museum-timeline')}#${encodeURIComponent(e.slug)}`}>
                  {e.title}
                </a>
              </li>
            ))}
          </ol>
          <p>
            <a href={urls.path(locale, 'museum-timeline')}>{m.fullTimeline}</a>
          </p>
        </section>
      )}
      {memories && (
        <section aria-labelledby="memories">
          <h2 id="memories">{mm.memories}</h2>
          <p>{mm.memoriesLede}</p>
          <ul>
            <li>
              <a href={urls.path(locale, 'museum-memories')}>{mm.backToMemories}</a>
            </li>
            <li>
              <a href={urls.path(locale, 'museum-memory-new')}>{mm.share}</a>
            </li>
          </ul>
        </section>
      )}
    </PageDocument>
  );
}

/** `/{lang}/museum/places/{slug}`: a place, its description, the goods it explains and what links to it. */
export function MuseumPlacePage({ ctx, place }: { ctx: PageContext; place: PlaceDetail }) {
  const m = museumMessages(ctx.locale);
  const { urls, locale } = ctx;
  const geo = place.coordinates ? `geo:${place.coordinates.latitude},${place.coordinates.longitude}` : undefined;
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: place.name,
        description: `${m.placeKinds[place.kind]} · ${m.museumTitle}`,
        page: { kind: 'museum-place', slug: place.slug },
        ogType: 'article',
        jsonLd: museumPlaceJsonLd(ctx, place),
        breadcrumbs: crumbs(ctx, [place.name, urls.path(locale, 'museum-place', place.slug)]),
      }}
    >
      <article>
        <p class="eyebrow">{m.placeKinds[place.kind]}</p>
        <h1 lang={place.locale}>{place.name}</h1>
        <div class="prose" lang={place.locale} dangerouslySetInnerHTML={{ __html: place.descriptionHtml }} />
        {geo && (
          <p>
            <a href={geo}>{m.openMap}</a>
          </p>
        )}
        <MuseumGoods ctx={ctx} products={place.products} />
        <Links ctx={ctx} links={place.people} heading={m.linkedPeople} id="people" />
        <Links ctx={ctx} links={place.stories} heading={m.linkedStories} id="stories" />
        <Links ctx={ctx} links={place.chronicle} heading={m.chronicle} id="chronicle" />
        <Links ctx={ctx} links={place.halls} heading={m.inHalls} id="halls" />
      </article>
    </PageDocument>
  );
}

/** `/{lang}/museum/people/{slug}`: a person, their roles, life years, biography and what they make. */
export function MuseumPersonPage({
  ctx,
  person,
  portrait,
  recordings = [],
}: {
  ctx: PageContext;
  person: PersonDetail;
  /** The portrait, when the pages were given the media storage to resolve it. */
  portrait?: { url: string; alt: string; width: number | null; height: number | null } | undefined;
  /** Their voice recordings, resolved (with the media storage), in order. */
  recordings?: MuseumMediaItem[] | undefined;
}) {
  const m = museumMessages(ctx.locale);
  const { urls, locale } = ctx;
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: person.name,
        description: [person.roles.map((r) => r.title).join(' · '), person.lifeText].filter(Boolean).join(' · ') || m.museumTitle,
        page: { kind: 'museum-person', slug: person.slug },
        ogType: 'profile',
        jsonLd: museumPersonJsonLd(ctx, person, recordings),
        breadcrumbs: crumbs(ctx, [person.name, urls.path(locale, 'museum-person', person.slug)]),
        ...(portrait ? { image: { url: urls.resolve(portrait.url), alt: portrait.alt } } : {}),
      }}
    >
      <article>
        {portrait && (
          <img class="portrait" src={portrait.url} alt={portrait.alt} width={portrait.width ?? 160} height={portrait.height ?? 160} decoding="async" />
        )}
        <h1 lang={person.locale}>{person.name}</h1>
        <dl>
          {person.lifeText && (
            <>
              <dt>{m.life}</dt>
              <dd>{person.lifeText}</dd>
            </>
          )}
          {person.roles.map((r) => (
            <>
              <dt>{m.roles}</dt>
              <dd>
                {r.title}
                {r.listing && <span class="hint"> · {r.listing}</span>}
              </dd>
            </>
          ))}
        </dl>
        <div class="prose" lang={person.locale} dangerouslySetInnerHTML={{ __html: person.biographyHtml }} />
        {recordings.length > 0 && (
          <section aria-labelledby="recordings">
            <h2 id="recordings">{m.voiceRecordings}</h2>
            {recordings.map((r, i) => (
              <MediaFigure m={m} media={r} label={r.caption ?? `${m.recording} ${i + 1}`} />
            ))}
          </section>
        )}
        {person.producer && (
          <p>
            <a href={recordHref(ctx, person.producer)}>{person.producer.title}</a>
          </p>
        )}
        <MuseumGoods ctx={ctx} products={person.products} />
        <Links ctx={ctx} links={person.places} heading={m.linkedPlaces} id="places" />
        <Links ctx={ctx} links={person.stories} heading={m.linkedStories} id="stories" />
        <Links ctx={ctx} links={person.chronicle} heading={m.chronicle} id="chronicle" />
        <Links ctx={ctx} links={person.halls} heading={m.inHalls} id="halls" />
      </article>
    </PageDocument>
  );
}

/**
 * The fragment of an exhibit on its hall page, stable while exhibits are added, hidden or moved
 * (printed QR labels point at it): `exhibit-story-grafting-craft`, `exhibit-media-med_…`.
 *
 * @example
 * exhibitAnchor({ kind: 'place', slug: 'old-well', mediaId: null }) // 'exhibit-place-old-well'
 */
export function exhibitAnchor(exhibit: Pick<ExhibitView, 'kind' | 'slug' | 'mediaId'>): string {
  return `exhibit-${exhibit.kind}-${exhibit.slug ?? exhibit.mediaId ?? 'item'}`;
}

/** `/{lang}/museum/halls/{slug}`: a curated hall, its exhibits in order, each with its caption and goods. */
export function MuseumHallPage({ ctx, hall }: { ctx: PageContext; hall: HallDetail }) {
  const m = museumMessages(ctx.locale);
  const { urls, locale } = ctx;
  const recordings = hall.exhibits.filter((e) => e.audio).length;
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: hall.title,
        description: hall.introHtml.replace(/<[^>]*>/g, '').slice(0, 160) || m.museumTitle,
        page: { kind: 'museum-hall', slug: hall.slug },
        ogType: 'article',
        jsonLd: [hallJsonLd(ctx, hall)],
        breadcrumbs: crumbs(ctx, [hall.title, urls.path(locale, 'museum-hall', hall.slug)]),
      }}
    >
      <h1 lang={hall.locale}>{hall.title}</h1>
      <div class="prose" lang={hall.locale} dangerouslySetInnerHTML={{ __html: hall.introHtml }} />
      {recordings > 0 && <AudioGuideControls m={m} />}
      <ol class="exhibits" aria-label={m.exhibits}>
        {hall.exhibits.map((e, i) => (
          <li class="card" id={exhibitAnchor(e)}>
            <h2 id={`exhibit-${i + 1}`}>
              {e.kind === 'product' && e.slug ? (
                <a href={urls.path(locale, 'product', e.slug)}>{e.title}</a>
              ) : e.slug && e.kind !== 'media' ? (
                <a href={recordHref(ctx, { kind: e.kind as MuseumRecordLink['kind'], slug: e.slug })}>{e.title}</a>
              ) : (
                e.title
              )}
            </h2>
            {e.caption && <p>{e.caption}</p>}
            {e.audio && <ExhibitRecording m={m} audio={e.audio} title={e.title} />}
            {e.kind !== 'product' && <MuseumGoods ctx={ctx} products={e.products} nested />}
          </li>
        ))}
      </ol>
      {recordings > 0 && <script type="module" src={urls.under(`/assets/${AUDIO_GUIDE_SCRIPT_FILE}`)} />}
    </PageDocument>
  );
}

/**
 * The audio guide's controls: hidden until the guide script shows them (without JavaScript each
 * exhibit's own player works); the status line is announced as it changes.
 */
function AudioGuideControls({ m }: { m: MuseumMessages }) {
  return (
    <section
      class="audio-guide card"
      aria-labelledby="audio-guide-heading"
      data-audio-guide=""
      data-playing={m.guidePlaying}
      data-paused={m.guidePaused}
      data-done={m.guideDone}
      data-failed={m.guideFailed}
      data-pause={m.pauseGuide}
      data-resume={m.resumeGuide}
      hidden
    >
      <h2 id="audio-guide-heading">{m.audioGuide}</h2>
      <p class="hint">{m.audioGuideHint}</p>
      <div class="guide-controls" role="group" aria-label={m.guideControls}>
        <button type="button" class="guide-start" data-guide="start">
          {m.playGuide}
        </button>
        <button type="button" data-guide="previous" disabled>
          {m.previousExhibit}
        </button>
        <button type="button" data-guide="toggle" disabled>
          {m.pauseGuide}
        </button>
        <button type="button" data-guide="next" disabled>
          {m.nextExhibit}
        </button>
      </div>
      <p class="guide-status" role="status" aria-live="polite" data-guide-status=""></p>
    </section>
  );
}

/** An exhibit's recording with its transcript; timed cues become one paragraph each, for highlighting. */
function ExhibitRecording({ m, audio, title }: { m: MuseumMessages; audio: ExhibitAudio; title: string }) {
  return (
    <figure class="exhibit-audio" data-guide-item="" data-title={title}>
      <figcaption>
        {m.recording}: {title}
      </figcaption>
      <audio controls preload="none" src={audio.url}>
        <a href={audio.url}>{m.recording}</a>
      </audio>
      {audio.transcript !== null && (
        <div class="transcript" lang={audio.locale}>
          <h3>{m.transcript}</h3>
          {audio.cues.length > 0 ? (
            audio.cues.map((cue) => (
              <p class="cue" data-start={String(cue.start)} data-end={String(cue.end)}>
                {cue.text}
              </p>
            ))
          ) : (
            <div dangerouslySetInnerHTML={{ __html: renderMarkdown(audio.transcript) }} />
          )}
        </div>
      )}
    </figure>
  );
}

/** "1:15" for 75 seconds. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;

/**
 * A picture (its size, alt text, loaded lazily) or a recording or film (a player that loads
 * nothing until pressed, its caption and playing time, the transcript shown below it).
 */
function MediaFigure({ m, media, label }: { m: MuseumMessages; media: MuseumMediaItem; label: string }) {
  if (media.kind === 'image') {
    return (
      <figure class="entry-picture">
        <img src={media.url} alt={media.alt} width={media.width ?? undefined} height={media.height ?? undefined} loading="lazy" decoding="async" />
        {media.caption && <figcaption lang={media.locale}>{media.caption}</figcaption>}
      </figure>
    );
  }
  const Player = media.kind === 'video' ? 'video' : 'audio';
  return (
    <figure class="exhibit-audio">
      <figcaption lang={media.locale}>
        {label}
        {media.durationSeconds !== null && <span class="hint"> · {clock(media.durationSeconds)}</span>}
      </figcaption>
      <Player controls preload="none" src={media.url}>
        <a href={media.url}>{m.recording}</a>
      </Player>
      {media.transcript !== null && (
        <div class="transcript" lang={media.locale}>
          <h3>{m.transcript}</h3>
          {media.transcript
            .split(/\n{2,}/)
            .filter((paragraph) => paragraph.trim() !== '')
            .map((paragraph) => (
              <p>{paragraph}</p>
            ))}
        </div>
      )}
    </figure>
  );
}

/** `/{lang}/museum/timeline`: the chronicle, oldest first, each entry with its places, people, goods, pictures and recordings. */
export function MuseumTimelinePage({
  ctx,
  entries,
  nextCursor,
  period,
}: {
  ctx: PageContext;
  /** The entries, each with its media resolved (empty without the media storage). */
  entries: Array<ChronicleDetail & { mediaItems?: MuseumMediaItem[] }>;
  nextCursor: string | null;
  /** The period the timeline is filtered by, if any. */
  period?: HistoricalPeriodId | undefined;
}) {
  const m = museumMessages(ctx.locale);
  const { urls, locale } = ctx;
  const timelinePath = urls.path(locale, 'museum-timeline');
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: m.timeline,
        description: m.museumLede,
        page: { kind: 'museum-timeline' },
        ogType: 'article',
        jsonLd: entries.map((e) => chronicleJsonLd(ctx, e)),
        breadcrumbs: crumbs(ctx, [m.timeline, urls.path(locale, 'museum-timeline')]),
      }}
    >
      <h1>{m.timeline}</h1>
      <nav aria-label={m.byPeriod}>
        <ul class="periods">
          <li>{period ? <a href={timelinePath}>{m.allPeriods}</a> : <span aria-current="page">{m.allPeriods}</span>}</li>
          {TIMELINE_PERIODS.map((id) => {
            const name = HISTORICAL_PERIODS.find((p) => p.id === id)!.name[locale];
            return <li>{id === period ? <span aria-current="page">{name}</span> : <a href={`${timelinePath}?period=${id}`}>{name}</a>}</li>;
          })}
        </ul>
      </nav>
      <ol class="timeline">
        {entries.map((e) => (
          <li id={e.kind === 'story' ? `story-${e.slug}` : e.slug}>
            <p class="eyebrow">{e.dateText}</p>
            <h2 lang={e.locale}>{e.kind === 'story' ? <a href={urls.path(locale, 'story', e.slug)}>{e.title}</a> : e.title}</h2>
            <div class="prose" lang={e.locale} dangerouslySetInnerHTML={{ __html: e.bodyHtml }} />
            {(e.mediaItems ?? []).map((media, i) => (
              <MediaFigure m={m} media={media} label={media.caption ?? `${m.recording} ${i + 1}`} />
            ))}
            {e.source && (
              <p class="hint">
                {m.source}: {e.source}
              </p>
            )}
            {[...e.places, ...e.people, ...e.stories].length > 0 && (
              <p>
                {[...e.places, ...e.people, ...e.stories].map((l, i) => (
                  <>
                    {i > 0 && ' · '}
                    <a href={recordHref(ctx, l)}>{l.title}</a>
                  </>
                ))}
              </p>
            )}
            <MuseumGoods ctx={ctx} products={e.products} nested />
          </li>
        ))}
      </ol>
      {nextCursor && (
        <p>
          <a href={`${timelinePath}?${period ? `period=${period}&` : ''}cursor=${encodeURIComponent(nextCursor)}`} rel="next">
            {m.laterEntries}
          </a>
        </p>
      )}
    </PageDocument>
  );
}

/** On a product page: where the product is in the museum (its places, people, chronicle entries, halls). */
export function ProductInMuseumSection({ ctx, museum }: { ctx: PageContext; museum: ProductInMuseum }) {
  const m = museumMessages(ctx.locale);
  const links = [...museum.places, ...museum.people, ...museum.halls, ...museum.chronicle];
  if (links.length === 0) return null;
  return (
    <section aria-labelledby="in-museum">
      <h2 id="in-museum">{m.inMuseum}</h2>
      <ul>
        {links.map((l) => (
          <li>
            <a href={recordHref(ctx, l)}>{l.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
