// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { get } from './api-client';
import { Goods, MUSEUM_CSS, museumText, pageUrl, Photo, type HallDetail, type MuseumProps, type PageKind, pagesBase } from './museum-common';
import { useResource } from './use-resource';
import { Frame, Pending, useWidget } from './widget-frame';

const HALL_CSS = `.ex{list-style:none;padding:0;margin:var(--g) 0 0;display:grid;gap:var(--g)}.ex h3{margin:.1em 0 .3em}`;

export interface HallProps extends MuseumProps {
  /** Hall slug, e.g. `pear-hall`. */
  hall?: string;
}

/**
 * `<terroir-hall>`: one curated hall of the village museum: its introduction, then its
 * exhibits in the editors' order, each with its kind, caption, a link to its page and the goods
 * it explains. Exhibits showing a community-only or draft record are left out by the API.
 *
 * @example
 * <terroir-hall coop="laiyang-pear" hall="pear-hall"></terroir-hall>
 * @csspart root - the widget's outer box
 * @csspart hall - the hall; title - its title and each exhibit's
 * @csspart exhibits - the ordered list; exhibit - one exhibit; image - a media exhibit's image
 * @csspart goods - an exhibit's linked products; goods-link - one of them
 * @csspart skeleton - loading placeholder; error - error state with retry
 * @cssprop --terroir-color-accent - links (#2d6a3e)
 * @cssprop --terroir-color-muted - kinds and captions (#57534e)
 */
export function Hall(props: HallProps) {
  const w = useWidget(props);
  const { lang, t, config } = w;
  const pages = pagesBase(props.pages, config);
  const tm = museumText(lang);
  const slug = props.hall ?? '';
  const [hall, retry] = useResource(JSON.stringify([config, slug]), () => get<{ hall: HallDetail }>(config, '/museum/halls/' + encodeURIComponent(slug)));
  const h2 = hall.state === 'ready' ? hall.data.hall : null;
  return (
    <Frame lang={lang} announcement={w.announcement} css={MUSEUM_CSS + HALL_CSS}>
      {!h2 ? (
        <Pending resource={hall} retry={retry} t={t} />
      ) : (
        <section part="hall" lang={h2.locale} aria-labelledby="ht">
          <h2 id="ht" part="title">
            {h2.title}
          </h2>
          {/* Sanitized HTML from the hall's Markdown introduction (docs/museum.md, HallCard.introHtml). */}
          <div class="prose" dangerouslySetInnerHTML={{ __html: h2.introHtml }} />
          <ol class="ex" part="exhibits" aria-label={tm('exhibits')}>
            {h2.exhibits.map((e) => {
              // Media exhibits have no page of their own; every other kind links to its record's page.
              const kind: PageKind | null = e.kind === 'media' || !e.slug ? null : e.kind;
              return (
                <li class="card" part="exhibit">
                  <p class="eb">{tm(e.kind)}</p>
                  <h3 part="title">{kind ? <a href={pageUrl(pages, lang, kind, e.slug!)}>{e.title}</a> : e.title}</h3>
                  <Photo media={e.media} />
                  {e.caption && <p>{e.caption}</p>}
                  <Goods products={e.products} lang={lang} pages={pages} />
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </Frame>
  );
}
