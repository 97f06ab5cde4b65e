// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { get } from './api-client';
import { translator } from './messages';
import { Goods, MUSEUM_CSS, museumText, pageUrl, Photo, RecordLinks, type MuseumProps, type PersonDetail, pagesBase } from './museum-common';
import { useResource } from './use-resource';
import { Frame, Pending, useWidget } from './widget-frame';

// Only this widget plays recordings: its strings and rules travel in its own chunk.
const VOICE = { recordings: ['口述录音', 'In their own voice'], transcript: ['文字稿：', 'Transcript: '] } satisfies Record<string, [zh: string, en: string]>;
const VOICE_CSS = `.rec{margin:.75em 0}.rec audio{display:block;width:100%}`;

/** 75 → "1:15". */
const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

export interface PersonProps extends MuseumProps {
  /** Person slug, e.g. `liu-guifang`. */
  person?: string;
}

/**
 * `<terroir-person>`: a heritage bearer or notable person of the village: name, life years
 * (circa shown as 约 / c.), roles with the heritage list each comes from, biography, the goods
 * they make, their voice recordings (a player each, with caption and transcript), their stories
 * and places, and a link to their page. Community-only and draft records are never served.
 *
 * @example
 * <terroir-person coop="laiyang-pear" person="liu-guifang"></terroir-person>
 * @csspart root - the widget's outer box
 * @csspart person - the article; image - the portrait; title - the name; roles - the roles list
 * @csspart recording - one voice recording (caption, player, transcript); audio - its player
 * @csspart goods - the goods they make; goods-link - one of them
 * @csspart link - the link to their page
 * @csspart skeleton - loading placeholder; error - error state with retry
 * @cssprop --terroir-color-accent - links (#2d6a3e)
 * @cssprop --terroir-color-muted - life years, listings (#57534e)
 */
export function Person(props: PersonProps) {
  const w = useWidget(props);
  const { lang, t, config } = w;
  const pages = pagesBase(props.pages, config);
  const tm = museumText(lang);
  const slug = props.person ?? '';
  const [person, retry] = useResource(JSON.stringify([config, slug]), () =>
    get<{ person: PersonDetail }>(config, '/museum/people/' + encodeURIComponent(slug)),
  );
  const p = person.state === 'ready' ? person.data.person : null;
  const tv = translator(lang, VOICE);
  return (
    <Frame lang={lang} announcement={w.announcement} css={MUSEUM_CSS + VOICE_CSS}>
      {!p ? (
        <Pending resource={person} retry={retry} t={t} />
      ) : (
        <article class="card" part="person" lang={p.locale}>
          <Photo media={p.portrait} />
          <h2 part="title">{p.name}</h2>
          {p.lifeText && <p class="eb">{p.lifeText}</p>}
          {p.roles.length > 0 && (
            <ul part="roles" aria-label={tm('roles')}>
              {p.roles.map((r) => (
                <li>
                  {r.title}
                  {r.listing && <span class="m"> · {r.listing}</span>}
                </li>
              ))}
            </ul>
          )}
          {/* Sanitized HTML from the biography's Markdown (docs/museum.md, PersonDetail.biographyHtml). */}
          <div class="prose" dangerouslySetInnerHTML={{ __html: p.biographyHtml }} />
          {p.recordings.length > 0 && <h3>{tv('recordings')}</h3>}
          {p.recordings.map((r, i) => (
            <figure class="rec" part="recording" lang={r.locale}>
              <figcaption>
                {r.caption || `${tv('recordings')} ${i + 1}`}
                {r.durationSeconds !== null && <span class="m"> · {clock(r.durationSeconds)}</span>}
              </figcaption>
              <audio part="audio" controls preload="none" src={r.url} />
              {r.transcript && (
                <p class="m">
                  {tv('transcript')}
                  {r.transcript}
                </p>
              )}
            </figure>
          ))}
          {p.products.length > 0 && <h3>{tm('goods')}</h3>}
          <Goods products={p.products} lang={lang} pages={pages} />
          <RecordLinks links={[...p.stories, ...p.places]} lang={lang} pages={pages} label={tm('related')} />
          <p>
            <a href={pageUrl(pages, lang, 'person', p.slug)} part="link" class="go" aria-label={`${tm('open')}: ${p.name}`}>
              {tm('open')}
            </a>
          </p>
        </article>
      )}
    </Frame>
  );
}
