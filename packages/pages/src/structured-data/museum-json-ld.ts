import {
  yearSpan,
  type HallDetail,
  type HistoricalDate,
  type MuseumOverview,
  type MuseumProductLink,
  type MuseumRecordLink,
  type PersonDetail,
  type PlaceDetail,
  type ChronicleDetail,
  type MuseumMediaItem,
} from '@terroir/core';
import type { PageContext } from '../page-context';
import type { PageKind } from '../page-urls';
import type { JsonLd } from './json-ld';

/*
 * JSON-LD of the village museum: the museum as a `Museum` (a Place) containing its places, a
 * place as a `Place`, a person as a `Person`, a hall as a `Collection` whose parts are
 * `CreativeWork`s, and every exhibit a `CreativeWork` with `temporalCoverage`,
 * `spatialCoverage` and `about` the products it explains. Only public records reach here.
 */

const SCHEMA = 'https://schema.org';

function compact(node: Record<string, unknown>): JsonLd {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as JsonLd;
}

/** Seconds as an ISO 8601 duration: 75.5 → 'PT1M15.5S'. */
const isoDuration = (seconds: number) => {
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round((seconds - minutes * 60) * 100) / 100;
  return `PT${minutes ? `${minutes}M` : ''}${rest}S`;
};

/**
 * A recording or picture as an `AudioObject`, `VideoObject` or `ImageObject` with its file,
 * playing time, caption and transcript.
 *
 * @example
 * mediaObject(ctx, recording)['@type'] // 'AudioObject'
 */
export function mediaObject(ctx: PageContext, m: MuseumMediaItem): JsonLd {
  return compact({
    '@type': m.kind === 'audio' ? 'AudioObject' : m.kind === 'video' ? 'VideoObject' : 'ImageObject',
    contentUrl: ctx.urls.resolve(m.url),
    encodingFormat: m.mimeType,
    duration: m.durationSeconds ? isoDuration(m.durationSeconds) : undefined,
    name: m.caption ?? undefined,
    caption: m.kind === 'image' ? m.alt || undefined : (m.caption ?? undefined),
    transcript: m.transcript ?? undefined,
    inLanguage: m.transcript || m.caption ? m.locale : undefined,
    width: m.width ?? undefined,
    height: m.height ?? undefined,
  });
}

const isoYear = (y: number) => (y < 0 ? `-${String(-y).padStart(4, '0')}` : String(y).padStart(4, '0'));

/**
 * A historical date as ISO 8601 for `temporalCoverage`: a day, a month, a year, or an interval
 * of years (`1644/1912`). BCE years are written as negative years.
 *
 * @example
 * temporalCoverage({ precision: 'period', period: 'qing' }) // '1644/1912'
 */
export function temporalCoverage(date: HistoricalDate): string {
  if (date.precision === 'day') return `${isoYear(date.year)}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  if (date.precision === 'month') return `${isoYear(date.year)}-${String(date.month).padStart(2, '0')}`;
  const { from, to } = yearSpan(date);
  return from === to ? isoYear(from) : `${isoYear(from)}/${isoYear(to)}`;
}

const KIND_PAGE: Partial<Record<MuseumRecordLink['kind'], PageKind>> = {
  place: 'museum-place',
  person: 'museum-person',
  hall: 'museum-hall',
  story: 'story',
  producer: 'producer',
};

/** A product an exhibit explains, as a reference to the product page's `Product`. */
export const productRef = (ctx: PageContext, p: MuseumProductLink): JsonLd => {
  const url = ctx.urls.absolute(ctx.locale, 'product', p.slug);
  return { '@type': 'Product', '@id': `${url}#product`, name: p.title, url };
};

const placeRef = (ctx: PageContext, p: { slug: string; title?: string; name?: string }): JsonLd => {
  const url = ctx.urls.absolute(ctx.locale, 'museum-place', p.slug);
  return { '@type': 'Place', '@id': `${url}#place`, name: p.title ?? p.name ?? p.slug, url };
};

const personRef = (ctx: PageContext, p: { slug: string; title?: string; name?: string }): JsonLd => {
  const url = ctx.urls.absolute(ctx.locale, 'museum-person', p.slug);
  return { '@type': 'Person', '@id': `${url}#person`, name: p.title ?? p.name ?? p.slug, url };
};

/**
 * The museum's front page: a `Museum` containing the pinned places (and its map image).
 *
 * @example
 * museumJsonLd(ctx, overview, mapUrl)['@type'] // 'Museum'
 */
export function museumJsonLd(ctx: PageContext, overview: MuseumOverview, mapUrl: string | null): JsonLd {
  const url = ctx.urls.absolute(ctx.locale, 'museum');
  return compact({
    '@context': SCHEMA,
    '@type': 'Museum',
    '@id': `${url}#museum`,
    name: `${ctx.pick(ctx.coop.name)} · ${ctx.locale === 'zh-CN' ? '数字村史馆' : 'Digital village museum'}`,
    url,
    hasMap: mapUrl ? ctx.urls.resolve(mapUrl) : undefined,
    containsPlace: overview.places.map((p) => placeRef(ctx, p)),
  });
}

/**
 * A place of the village as a `Place` with its coordinates, and the page about it as a
 * `CreativeWork` whose `about` is the place and the products it explains.
 *
 * @example
 * museumPlaceJsonLd(ctx, place).length // 2
 */
export function museumPlaceJsonLd(ctx: PageContext, place: PlaceDetail): JsonLd[] {
  const url = ctx.urls.absolute(ctx.locale, 'museum-place', place.slug);
  const node = compact({
    '@context': SCHEMA,
    '@type': 'Place',
    '@id': `${url}#place`,
    name: place.name,
    url,
    geo: place.coordinates ? { '@type': 'GeoCoordinates', latitude: place.coordinates.latitude, longitude: place.coordinates.longitude } : undefined,
    subjectOf: place.stories.map((s) => ({ '@type': 'Article', url: ctx.urls.absolute(ctx.locale, 'story', s.slug), headline: s.title })),
  });
  const page = compact({
    '@context': SCHEMA,
    '@type': 'CreativeWork',
    '@id': `${url}#exhibit`,
    headline: place.name,
    url,
    inLanguage: place.locale,
    spatialCoverage: { '@id': `${url}#place` },
    about: [{ '@id': `${url}#place` }, ...place.products.map((p) => productRef(ctx, p))],
    mainEntityOfPage: url,
  });
  return [node, page];
}

/**
 * A person as a `Person` (life years, roles as `jobTitle`, their voice recordings as
 * `subjectOf` `AudioObject`s with transcript), and the page about them as a `CreativeWork`
 * about the person and the products they make.
 *
 * @example
 * museumPersonJsonLd(ctx, person, recordings)[0]['@type'] // 'Person'
 */
export function museumPersonJsonLd(ctx: PageContext, person: PersonDetail, recordings: MuseumMediaItem[] = []): JsonLd[] {
  const url = ctx.urls.absolute(ctx.locale, 'museum-person', person.slug);
  const exact = (d: HistoricalDate | null) =>
    d && !d.circa && (d.precision === 'year' || d.precision === 'day' || d.precision === 'month') ? temporalCoverage(d) : undefined;
  const node = compact({
    '@context': SCHEMA,
    '@type': 'Person',
    '@id': `${url}#person`,
    name: person.name,
    url,
    birthDate: exact(person.born),
    deathDate: exact(person.died),
    jobTitle: person.roles.map((r) => r.title).filter(Boolean),
    subjectOf: recordings.map((r) => mediaObject(ctx, r)),
  });
  const page = compact({
    '@context': SCHEMA,
    '@type': 'CreativeWork',
    '@id': `${url}#exhibit`,
    headline: person.name,
    url,
    inLanguage: person.locale,
    spatialCoverage: person.places.map((p) => placeRef(ctx, p)),
    about: [{ '@id': `${url}#person` }, ...person.products.map((p) => productRef(ctx, p))],
    mainEntityOfPage: url,
  });
  return [node, page];
}

/**
 * A chronicle entry as a `CreativeWork` with `temporalCoverage` (ISO years), its places as
 * `spatialCoverage`, its products as `about` and its pictures and recordings as `associatedMedia`.
 *
 * @example
 * chronicleJsonLd(ctx, entry).temporalCoverage // '1644/1912'
 */
export function chronicleJsonLd(ctx: PageContext, entry: ChronicleDetail & { mediaItems?: MuseumMediaItem[] }): JsonLd {
  // A dated story on the timeline is its own page's work; a chronicle entry lives at its anchor.
  const url = entry.kind === 'story' ? ctx.urls.absolute(ctx.locale, 'story', entry.slug) : `${ctx.urls.absolute(ctx.locale, 'museum-timeline')}#${entry.slug}`;
  return compact({
    '@context': SCHEMA,
    '@type': 'CreativeWork',
    '@id': url,
    headline: entry.title,
    url,
    inLanguage: entry.locale,
    temporalCoverage: temporalCoverage(entry.date),
    spatialCoverage: entry.places.map((p) => placeRef(ctx, p)),
    about: [...entry.people.map((p) => personRef(ctx, p)), ...entry.products.map((p) => productRef(ctx, p))],
    creditText: entry.source ?? undefined,
    associatedMedia: (entry.mediaItems ?? []).map((m) => mediaObject(ctx, m)),
  });
}

/**
 * A hall as a `Collection` whose `hasPart` are its exhibits, each a `CreativeWork` about the
 * exhibited record and the products it explains.
 *
 * @example
 * hallJsonLd(ctx, hall).collectionSize // 5
 */
export function hallJsonLd(ctx: PageContext, hall: HallDetail): JsonLd {
  const url = ctx.urls.absolute(ctx.locale, 'museum-hall', hall.slug);
  return compact({
    '@context': SCHEMA,
    '@type': 'Collection',
    '@id': `${url}#collection`,
    headline: hall.title,
    url,
    inLanguage: hall.locale,
    collectionSize: hall.exhibits.length,
    hasPart: hall.exhibits.map((e, i) => {
      const page = e.slug && e.kind !== 'chronicle' && e.kind !== 'media' ? KIND_PAGE[e.kind as MuseumRecordLink['kind']] : undefined;
      const target =
        e.kind === 'product'
          ? undefined
          : e.kind === 'place'
            ? placeRef(ctx, { slug: e.slug!, title: e.title })
            : e.kind === 'person'
              ? personRef(ctx, { slug: e.slug!, title: e.title })
              : undefined;
      return compact({
        '@type': 'CreativeWork',
        '@id': `${url}#exhibit-${i + 1}`,
        position: i + 1,
        headline: e.title,
        description: e.caption ?? undefined,
        url:
          page && e.slug
            ? ctx.urls.absolute(ctx.locale, page, e.slug)
            : e.kind === 'chronicle' && e.slug
              ? `${ctx.urls.absolute(ctx.locale, 'museum-timeline')}#${e.slug}`
              : undefined,
        about: [...(target ? [target] : []), ...e.products.map((p) => productRef(ctx, p))],
      });
    }),
    mainEntityOfPage: url,
  });
}
