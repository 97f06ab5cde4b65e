import { MEMORY_LICENCES, MEMORY_TEXT_MAX, type MemoryLicence, type PublicMemory } from '@terroir/core';
import type { PageContext } from '../page-context';
import { memoryMessages } from './memory-messages';
import { crumbs } from './museum-pages';
import { PageDocument } from './page-document';

/*
 * Memories sent in by villagers (issue 11): the public list of approved memories and the
 * form to send one, which works without JavaScript (a multipart POST to the pages themselves).
 * Memory texts are plain text: Preact escapes them, and line breaks are kept by CSS.
 */

/** What the sender typed, given back when the form is refused so nothing is lost. */
export interface MemoryFormValues {
  text?: string;
  name?: string;
  contact?: string;
  licence?: string;
  lang?: string;
}

/** One approved memory: the text (escaped), who told it, its photos and recording, the museum records it is linked to. */
export function MemoryCard({ ctx, memory }: { ctx: PageContext; memory: PublicMemory }) {
  const m = memoryMessages(ctx.locale);
  const links = [...memory.places, ...memory.people, ...memory.stories];
  return (
    <article class="memory" lang={memory.language}>
      <h2 class="memory-by" lang={ctx.locale}>
        {m.by}: {memory.contributorName ?? m.anonymous}
      </h2>
      <p class="memory-text">{memory.text}</p>
      {memory.photos.map((photo) => (
        <img src={photo.url} alt={m.photo} width={photo.width ?? undefined} height={photo.height ?? undefined} loading="lazy" decoding="async" />
      ))}
      {memory.audio && <audio controls preload="none" src={memory.audio.url} />}
      <p class="hint" lang={ctx.locale}>
        <time datetime={memory.approvedAt}>{memory.approvedAt.slice(0, 10)}</time> · {m.licenceShort[memory.licence]}
        {memory.demo && ` · ${ctx.locale === 'zh-CN' ? '示例' : 'demo'}`}
      </p>
      {links.length > 0 && (
        <ul lang={ctx.locale}>
          {links.map((l) => (
            <li>
              <a href={ctx.urls.path(ctx.locale, l.kind === 'place' ? 'museum-place' : l.kind === 'person' ? 'museum-person' : 'story', l.slug)}>{l.title}</a>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/** `/{lang}/museum/memories`: approved public memories, newest first, with the way to send one. */
export function MemoriesPage({ ctx, memories, nextCursor }: { ctx: PageContext; memories: PublicMemory[]; nextCursor: string | null }) {
  const m = memoryMessages(ctx.locale);
  const { urls, locale } = ctx;
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: m.memories,
        description: m.memoriesLede,
        page: { kind: 'museum-memories' },
        ogType: 'website',
        breadcrumbs: crumbs(ctx, [m.memories, urls.path(locale, 'museum-memories')]),
      }}
    >
      <h1>{m.memories}</h1>
      <p class="lede">{m.memoriesLede}</p>
      <p>
        <a class="button" href={urls.path(locale, 'museum-memory-new')}>
          {m.share}
        </a>
      </p>
      {memories.length === 0 ? <p>{m.noMemories}</p> : memories.map((memory) => <MemoryCard ctx={ctx} memory={memory} />)}
      {nextCursor && (
        <p>
          <a href={`${urls.path(locale, 'museum-memories')}?cursor=${encodeURIComponent(nextCursor)}`}>{m.more}</a>
        </p>
      )}
    </PageDocument>
  );
}

/**
 * `/{lang}/museum/memories/new`: the form (no JavaScript needed), its refusal with the values
 * kept, or the thank-you once sent. The honeypot field sits off-screen, out of the tab order
 * and hidden from screen readers; only bots fill it.
 */
export function MemoryFormPage({ ctx, state, values = {}, error }: { ctx: PageContext; state: 'form' | 'sent'; values?: MemoryFormValues; error?: string }) {
  const m = memoryMessages(ctx.locale);
  const { urls, locale } = ctx;
  const licence = (MEMORY_LICENCES as readonly string[]).includes(values.licence ?? '') ? (values.licence as MemoryLicence) : 'cc-by-4.0';
  const lang = values.lang === 'en' || values.lang === 'zh-CN' ? values.lang : locale;
  return (
    <PageDocument
      ctx={ctx}
      meta={{
        title: m.share,
        description: m.shareLede,
        page: { kind: 'museum-memory-new' },
        ogType: 'website',
        noindex: state === 'sent' || error !== undefined,
        breadcrumbs: crumbs(ctx, [m.memories, urls.path(locale, 'museum-memories')], [m.share, urls.path(locale, 'museum-memory-new')]),
      }}
    >
      <h1>{m.share}</h1>
      {state === 'sent' ? (
        <>
          <p role="status">{m.thanks}</p>
          <p>
            <a href={urls.path(locale, 'museum-memory-new')}>{m.another}</a> · <a href={urls.path(locale, 'museum-memories')}>{m.backToMemories}</a>
          </p>
        </>
      ) : (
        <>
          <p class="lede">{m.shareLede}</p>
          {error && (
            <div role="alert" class="form-error">
              <h2>{m.errorHeading}</h2>
              <p>{error}</p>
            </div>
          )}
          <form method="post" action={urls.path(locale, 'museum-memory-new')} enctype="multipart/form-data" class="memory-form">
            <p>
              <label for="memory-text">{m.text}</label>
              <textarea id="memory-text" name="text" required maxLength={MEMORY_TEXT_MAX} rows={8} aria-describedby="memory-text-hint">
                {values.text ?? ''}
              </textarea>
              <span id="memory-text-hint" class="hint">
                {m.textHint}
              </span>
            </p>
            <p>
              <label for="memory-lang">{m.language}</label>
              <select id="memory-lang" name="lang">
                <option value="zh-CN" selected={lang === 'zh-CN'} lang="zh-CN">
                  中文
                </option>
                <option value="en" selected={lang === 'en'} lang="en">
                  English
                </option>
              </select>
            </p>
            <p>
              <label for="memory-name">{m.name}</label>
              <input id="memory-name" name="name" maxLength={80} autocomplete="name" value={values.name ?? ''} />
            </p>
            <p>
              <label for="memory-contact">{m.contact}</label>
              <input id="memory-contact" name="contact" maxLength={200} value={values.contact ?? ''} />
            </p>
            <p>
              <label for="memory-photos">{m.photos}</label>
              <input id="memory-photos" type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple />
            </p>
            <p>
              <label for="memory-audio">{m.audio}</label>
              <input id="memory-audio" type="file" name="audio" accept="audio/mpeg,audio/mp4,audio/ogg" />
            </p>
            <fieldset>
              <legend>{m.licence}</legend>
              {MEMORY_LICENCES.map((value) => (
                <p>
                  <input type="radio" id={`memory-licence-${value}`} name="licence" value={value} checked={licence === value} />{' '}
                  <label for={`memory-licence-${value}`}>{m.licences[value]}</label>
                </p>
              ))}
            </fieldset>
            <p>
              <input type="checkbox" id="memory-consent" name="consent" value="on" required /> <label for="memory-consent">{m.consent}</label>
            </p>
            <div aria-hidden="true" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">
              <label for="memory-website">{m.website}</label>
              <input id="memory-website" name="website" tabIndex={-1} autocomplete="off" />
            </div>
            <p>
              <button type="submit">{m.send}</button>
            </p>
          </form>
        </>
      )}
    </PageDocument>
  );
}
