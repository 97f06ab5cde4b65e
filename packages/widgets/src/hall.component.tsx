// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { get } from './api-client';
import { translator } from './messages';
import { Goods, MUSEUM_CSS, museumText, pageUrl, Photo, type HallDetail, type MuseumProps, type PageKind, pagesBase } from './museum-common';
import { useResource } from './use-resource';
import { Frame, Pending, useWidget } from './widget-frame';

const HALL_CSS = `.ex{list-style:none;padding:0;margin:var(--g) 0 0;display:grid;gap:var(--g)}.ex h3{margin:.1em 0 .3em}.on{outline:3px solid var(--terroir-color-accent,#2d6a3e)}.guide audio{display:block;width:100%;margin:.5em 0}.cue[aria-current]{background:#fef3c7}`;
// The audio guide's words travel in this chunk: only halls need them.
const GUIDE = {
  play: ['播放语音导览', 'Play audio guide'],
  pause: ['暂停', 'Pause'],
  resume: ['继续', 'Resume'],
  next: ['下一件', 'Next'],
  now: ['正在播放 {n}/{total}：', 'Playing {n} of {total}: '],
  done: ['导览结束', 'End of the guide'],
  transcript: ['文字稿', 'Transcript'],
} satisfies Record<string, [zh: string, en: string]>;

export interface HallProps extends MuseumProps {
  /** Hall slug, e.g. `pear-hall`. */
  hall?: string;
}

/**
 * `<terroir-hall>`: one curated hall of the village museum: its introduction, then its
 * exhibits in the editors' order, each with its kind, caption, a link to its page and the goods
 * it explains. Exhibits showing a community-only or draft record are left out by the API. When
 * exhibits have recordings, "播放语音导览 / Play audio guide" plays them in order: the playing
 * exhibit is outlined and named in a status line, and its transcript's timed passage is marked.
 *
 * @example
 * <terroir-hall coop="laiyang-pear" hall="pear-hall"></terroir-hall>
 * @csspart root - the widget's outer box
 * @csspart hall - the hall; title - its title and each exhibit's
 * @csspart exhibits - the ordered list; exhibit - one exhibit; image - a media exhibit's image
 * @csspart goods - an exhibit's linked products; goods-link - one of them
 * @csspart guide - the audio guide (button, status, player), shown when an exhibit has a recording
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
  const tg = translator(lang, GUIDE);
  const player = useRef<HTMLAudioElement>(null);
  // The exhibit being played (index into the hall's exhibits), whether it plays, and the time.
  const [current, setCurrent] = useState(-1);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const voiced = h2 ? h2.exhibits.flatMap((e, i) => (e.audio ? [i] : [])) : [];
  const playAt = (index: number) => {
    const audio = player.current;
    const e = h2?.exhibits[index];
    if (!audio || !e?.audio) return;
    setCurrent(index);
    setTime(0);
    audio.src = e.audio.url;
    void audio.play().catch(() => setPlaying(false));
  };
  const next = () => {
    const after = voiced.find((i) => i > current);
    if (after === undefined) {
      setCurrent(-2);
      setPlaying(false);
    } else playAt(after);
  };
  const toggle = () => {
    const audio = player.current;
    if (!audio) return;
    if (current < 0) playAt(voiced[0]!);
    else if (audio.paused) void audio.play();
    else audio.pause();
  };
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
          {voiced.length > 0 && (
            <div class="guide" part="guide">
              <button type="button" class="go" onClick={toggle}>
                {current < 0 ? tg('play') : playing ? tg('pause') : tg('resume')}
              </button>{' '}
              {current >= 0 && voiced.indexOf(current) < voiced.length - 1 && (
                <button type="button" class="go" onClick={next}>
                  {tg('next')}
                </button>
              )}
              <p role="status" class="m">
                {current >= 0
                  ? tg('now', { n: voiced.indexOf(current) + 1, total: voiced.length }) + h2.exhibits[current]!.title
                  : current === -2
                    ? tg('done')
                    : ''}
              </p>
              <audio
                ref={player}
                controls={current >= 0}
                preload="none"
                onPlay={() => setPlaying(true)}
                onPause={() => setPlaying(false)}
                onEnded={next}
                onTimeUpdate={(ev) => setTime((ev.currentTarget as HTMLAudioElement).currentTime)}
              />
            </div>
          )}
          <ol class="ex" part="exhibits" aria-label={tm('exhibits')}>
            {h2.exhibits.map((e, i) => {
              // Media exhibits have no page of their own; every other kind links to its record's page.
              const kind: PageKind | null = e.kind === 'media' || !e.slug ? null : e.kind;
              const on = i === current;
              return (
                <li class={on ? 'card on' : 'card'} part="exhibit" aria-current={on ? 'true' : undefined}>
                  <p class="eb">{tm(e.kind)}</p>
                  <h3 part="title">{kind ? <a href={pageUrl(pages, lang, kind, e.slug!)}>{e.title}</a> : e.title}</h3>
                  <Photo media={e.media} />
                  {e.caption && <p>{e.caption}</p>}
                  {e.audio?.transcript && (
                    <details open={on} lang={e.audio.locale}>
                      <summary>{tg('transcript')}</summary>
                      {e.audio.cues.length > 0 ? (
                        e.audio.cues.map((c) => (
                          <p class="cue" aria-current={on && time >= c.start && time < c.end ? 'true' : undefined}>
                            {c.text}
                          </p>
                        ))
                      ) : (
                        <p>{e.audio.transcript}</p>
                      )}
                    </details>
                  )}
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
