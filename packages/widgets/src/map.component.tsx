// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from './api-client';
import {
  Goods,
  MUSEUM_CSS,
  museumText,
  pageUrl,
  Photo,
  RecordLinks,
  type MuseumOverview,
  type MuseumProps,
  type PlaceDetail,
  pagesBase,
} from './museum-common';
import { useResource } from './use-resource';
import { Frame, Pending, useWidget, type WidgetContext } from './widget-frame';
import type { Locale } from './types';

const KINDS: Record<string, [zh: string, en: string]> = {
  orchard: ['果园', 'Orchard'],
  river: ['河流', 'River'],
  temple: ['庙宇', 'Temple'],
  well: ['水井', 'Well'],
  'ancestral-hall': ['祠堂', 'Ancestral hall'],
  workshop: ['作坊', 'Workshop'],
  market: ['集市', 'Market'],
  'scenic-spot': ['景点', 'Scenic spot'],
  other: ['其他', 'Other'],
};
const kindName = (kind: string, lang: Locale) => KINDS[kind]?.[lang === 'en' ? 1 : 0] ?? kind;

// A pin is a 44 px target (2.75em of the 16 px root) centred on its point; its name shows on
// hover, focus and while its panel is open. Without an image the map is a plain drawn ground.
const MAP_CSS = `.map{position:relative;width:100%;border-radius:var(--r);background:linear-gradient(160deg,#0000 47%,#bcd3e0 47% 53%,#0000 53%),#eef1e2;border:1px solid var(--b);overflow:visible}.map>img{position:absolute;inset:0;width:100%;height:100%;object-fit:fill}.pin{position:absolute;width:2.75em;height:2.75em;min-height:0;margin:-1.375em 0 0 -1.375em;padding:0;border:0;background:none;border-radius:50%}.pin:before{content:'';position:absolute;inset:.75em;border-radius:50%;background:var(--a);border:3px solid var(--s);box-shadow:0 1px 3px #0006}.pin[aria-expanded=true]:before{background:var(--terroir-color-focus,#1d4ed8)}.lb{display:none;position:absolute;left:50%;top:100%;transform:translateX(-50%);white-space:nowrap;background:var(--s);border:1px solid var(--b);border-radius:.3em;padding:0 .4em;font-size:.85em;z-index:1}.pin:hover .lb,.pin:focus-visible .lb,.pin[aria-expanded=true] .lb{display:block}.pl0 .lb{left:0;transform:none}.pr .lb{left:auto;right:0;transform:none}.panel{margin-top:var(--g);position:relative}.panel h3:focus{outline:0}.x{position:absolute;top:.5em;right:.5em}.pl{list-style:none;padding:0;margin:var(--g) 0 0;display:grid;gap:.25em;grid-template-columns:repeat(auto-fill,minmax(min(100%,14em),1fr))}.pl a{display:inline-flex;align-items:center;min-height:44px}`;

export interface MapProps extends MuseumProps {
  /** URL of the village map image; default: the map image uploaded to the museum (when the server resolves media), else a plain drawn ground. */
  image?: string;
  /** The image's width/height, e.g. `3/2` (default `4/3`): the map keeps this box before and after loading. */
  ratio?: string;
}

/**
 * `<terroir-map>`: the village map with every public place pinned at its relative position
 * (no map-tile service: works offline and inside China). Each pin is a button named by the
 * place, in the API's order for Tab; it opens a panel with the place's description, the goods
 * it explains, a link to its page and a link out to a map app by coordinates. The list of
 * places below the map is the same content without the map.
 *
 * @example
 * <terroir-map coop="laiyang-pear" image="https://village.example.cn/map.jpg" ratio="4/3"></terroir-map>
 * @csspart root - the widget's outer box
 * @csspart map - the map box; pin - one pin (a button)
 * @csspart image - the uploaded map image, and the opened place's first photo
 * @csspart panel - the opened place; title; goods; link - its page; geo-link - the map app link
 * @csspart places - the list of places
 * @csspart button - every button; skeleton; error
 * @cssprop --terroir-color-accent - pins, links (#2d6a3e)
 * @cssprop --terroir-color-focus - the open pin and the focus ring (#1d4ed8)
 */
export function VillageMap(props: MapProps) {
  const w = useWidget(props);
  const { lang, t, config } = w;
  const pages = pagesBase(props.pages, config);
  const tm = museumText(lang);
  const [overview, retry] = useResource(JSON.stringify(config), () => get<{ museum: MuseumOverview }>(config, '/museum'));
  const [open, setOpen] = useState<string | null>(null);
  const pins = useRef<Record<string, HTMLButtonElement | null>>({});
  const close = () => {
    const slug = open;
    setOpen(null);
    if (slug) pins.current[slug]?.focus();
  };
  const ratio = /^\d+(\.\d+)?\s*\/\s*\d+(\.\d+)?$/.test(props.ratio ?? '') ? props.ratio! : '4/3';
  // While loading, the map's own box (the loader's placeholder draws the same 4:3 box).
  if (overview.state !== 'ready')
    return (
      <Frame lang={lang} css={MUSEUM_CSS + MAP_CSS}>
        {overview.state === 'loading' ? (
          <div class="map" part="map skeleton" aria-busy="true" style={`aspect-ratio:${ratio}`}>
            <p class="sr">{t('loading')}</p>
          </div>
        ) : (
          <Pending resource={overview} retry={retry} t={t} />
        )}
      </Frame>
    );
  const museum = overview.data.museum;
  // The `image` attribute wins over the uploaded map. The box keeps `ratio` (drawn before the data arrives, so it never moves).
  const uploaded = props.image ? null : museum.map.image;
  return (
    <Frame lang={lang} announcement={w.announcement} css={MUSEUM_CSS + MAP_CSS}>
      <div class="map" part="map" role="group" aria-label={tm('map')} style={`aspect-ratio:${ratio}`}>
        {props.image ? <img src={props.image} alt="" /> : <Photo media={uploaded} cls="" />}
        {museum.map.pins.map((pin) => (
          <button
            type="button"
            // Names of pins near an edge grow inwards, so they never widen the page.
            class={pin.x < 0.25 ? 'pin pl0' : pin.x > 0.75 ? 'pin pr' : 'pin'}
            part="pin"
            ref={(el) => {
              pins.current[pin.slug] = el;
            }}
            style={`left:${(pin.x * 100).toFixed(2)}%;top:${(pin.y * 100).toFixed(2)}%`}
            aria-label={pin.name}
            aria-expanded={open === pin.slug}
            aria-controls={open === pin.slug ? 'panel' : undefined}
            onClick={() => setOpen(open === pin.slug ? null : pin.slug)}
          >
            <span class="lb" aria-hidden="true">
              {pin.name}
            </span>
          </button>
        ))}
      </div>
      {museum.map.pins.length === 0 && <p class="msg">{tm('noPlaces')}</p>}
      {open && <PlacePanel w={w} slug={open} pages={pages} onClose={close} />}
      {museum.places.length > 0 && (
        <ul class="pl" part="places" aria-label={tm('places')}>
          {museum.places.map((p) => (
            <li>
              <a href={pageUrl(pages, lang, 'place', p.slug)}>{p.name}</a> <span class="m">{kindName(p.kind, lang)}</span>
            </li>
          ))}
        </ul>
      )}
    </Frame>
  );
}

/** The opened place: fetched when its pin is pressed; takes the focus, Escape closes it. */
function PlacePanel(props: { w: WidgetContext; slug: string; pages: string; onClose: () => void }) {
  const { lang, t, config } = props.w;
  const tm = museumText(lang);
  const [place, retry] = useResource(JSON.stringify([config, props.slug]), () =>
    get<{ place: PlaceDetail }>(config, '/museum/places/' + encodeURIComponent(props.slug)),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = place.state === 'ready';
  useEffect(() => {
    if (ready) heading.current?.focus();
  }, [ready, props.slug]);
  const p = ready ? place.data.place : null;
  return (
    <section id="panel" class="panel card" part="panel" aria-labelledby={p ? 'pt' : undefined} onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
      <button type="button" class="x" part="button" onClick={props.onClose}>
        {tm('close')}
      </button>
      {!p ? (
        <Pending resource={place} retry={retry} t={t} />
      ) : (
        <>
          <Photo media={p.photos[0]} />
          <p class="eb">{kindName(p.kind, lang)}</p>
          <h3 id="pt" part="title" tabIndex={-1} ref={heading} lang={p.locale}>
            {p.name}
          </h3>
          {/* Sanitized HTML from the place's Markdown (docs/museum.md, PlaceDetail.descriptionHtml). */}
          <div class="prose" lang={p.locale} dangerouslySetInnerHTML={{ __html: p.descriptionHtml }} />
          <Goods products={p.products} lang={lang} pages={props.pages} />
          <RecordLinks links={[...p.people, ...p.stories]} lang={lang} pages={props.pages} label={tm('related')} />
          <p class="row">
            <a href={pageUrl(props.pages, lang, 'place', p.slug)} part="link" class="go">
              {tm('open')}
            </a>
            {p.coordinates && (
              <a href={`geo:${p.coordinates.latitude},${p.coordinates.longitude}`} part="geo-link" class="go">
                {tm('openMap')}
              </a>
            )}
          </p>
        </>
      )}
    </section>
  );
}
