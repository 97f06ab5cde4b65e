/** What the museum screens share: localized texts, visibility and status, links, deleting a record. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import type { ComponentChildren } from 'preact';
import { FormError, LoadNotice, Page, SelectField, TextField } from '../form-fields';
import { type Loaded, useLoad } from '../form-state';
import { MarkdownPreview } from '../stories-view';
import { useWorkspace } from '../workspace';
import { useMuseumText, type MuseumKey } from './museum-text';

export interface Localized {
  'zh-CN'?: string;
  en?: string;
}

/**
 * Two boxes as the API's localized text, leaving out a language left blank.
 *
 * @example
 * localized('老井', '') // { 'zh-CN': '老井' }
 */
export const localized = (zh: string, en: string): Localized => ({ ...(zh.trim() ? { 'zh-CN': zh } : {}), ...(en.trim() ? { en } : {}) });

/**
 * A localized text in the UI's language, else the other one.
 *
 * @example
 * pick({ en: 'The old well' }, 'zh-CN') // 'The old well'
 */
export const pick = (text: Localized | undefined, locale: 'zh-CN' | 'en') => text?.[locale] || text?.['zh-CN'] || text?.en || '';

// Lives beside the form fields so the story form's date field does not load the museum screens.
export { asciiDigits } from '../ascii-digits';

/** A URL name as the API accepts it (checked here first; the server checks again). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The kinds of record a museum record can link to, as `PUT …/links` names them. */
export type LinkKind = 'stories' | 'products' | 'producers' | 'places' | 'people';
export type MuseumLinks = Record<LinkKind, string[]>;
export const emptyLinks = (): MuseumLinks => ({ stories: [], products: [], producers: [], places: [], people: [] });

const LINK_TITLE: Record<LinkKind, MuseumKey> = {
  stories: 'linkStories',
  products: 'linkProducts',
  producers: 'linkProducers',
  places: 'linkPlaces',
  people: 'linkPeople',
};

/** One choice of a picker: a record's id and its name in the UI's language. */
export interface Choice {
  id: string;
  name: string;
}

/**
 * The cooperative's records of the given kinds as choices (for links and exhibits), loaded once.
 *
 * @example
 * const choices = useChoices(['places', 'people']); // choices.data?.places → [{ id, name }]
 */
export function useChoices(kinds: Array<LinkKind | 'chronicle'>) {
  const { base, locale } = useWorkspace();
  return useLoad(async () => {
    const out: Partial<Record<LinkKind | 'chronicle', Choice[]>> = {};
    type Row = { id: string; slug?: string; title?: Localized; name?: Localized };
    const url: Record<LinkKind | 'chronicle', string> = {
      stories: `${base}/stories?limit=100`,
      products: `${base}/products?limit=200`,
      producers: `${base}/producers?limit=200`,
      places: `${base}/museum/places`,
      people: `${base}/museum/people`,
      chronicle: `${base}/museum/chronicle`,
    };
    await Promise.all(
      kinds.map(async (kind) => {
        const { items } = await api<{ items: Row[] }>('GET', url[kind]);
        out[kind] = items.map((r) => ({ id: r.id, name: pick(r.title ?? r.name, locale) || r.slug || r.id }));
      }),
    );
    return out;
  }, [base, locale, kinds.join()]);
}

/**
 * Who sees a record and whether it is published: the two selects every museum form has.
 *
 * @example
 * <VisibilityFields visibility={v.visibility} status={v.status} onChange={(patch) => form.update((d) => ({ ...d, ...patch }))} errors={form.errors} />
 */
export function VisibilityFields(props: {
  visibility: string;
  status?: string;
  onChange: (patch: { visibility?: string; status?: string }) => void;
  errors: Record<string, string>;
}) {
  const m = useMuseumText();
  const { label } = useWorkspace();
  return (
    <div class="row">
      <SelectField
        label={m('visibility')}
        name="visibility"
        value={props.visibility}
        onChange={(v) => props.onChange({ visibility: v })}
        options={[
          { value: 'public', label: m('public') },
          { value: 'community', label: m('community') },
        ]}
        error={props.errors.visibility}
      />
      {props.status !== undefined ? (
        <SelectField
          label={m('status')}
          name="status"
          value={props.status}
          onChange={(v) => props.onChange({ status: v })}
          options={['draft', 'published'].map((s) => ({ value: s, label: label(s) }))}
          error={props.errors.status}
        />
      ) : null}
    </div>
  );
}

/**
 * Links of a saved record, as checklists by kind; each tick replaces them at once (`PUT {path}/links`).
 * A refused link (another cooperative's record) shows the server's reason on its group.
 *
 * @example
 * <LinksEditor path={`${base}/museum/places/${id}`} kinds={['stories', 'products', 'people']} />
 */
export function LinksEditor({ path, kinds, exclude }: { path: string; kinds: LinkKind[]; exclude?: string }) {
  const m = useMuseumText();
  const { announce, errorMessage, errorText } = useWorkspace();
  const choices = useChoices(kinds);
  const current = useLoad(() => api<{ links?: MuseumLinks }>('GET', path).then((r) => ({ ...emptyLinks(), ...r.links })), [path]);
  const [links, setLinks] = useState<MuseumLinks | null>(null);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // One save at a time, in the order of the taps, so the last tap is what the server keeps.
  const queue = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    if (current.data) setLinks(current.data);
  }, [current.data]);

  /** Each tick saves at once (as the story screen's product links do): nothing is left unsaved. */
  function change(next: MuseumLinks) {
    setLinks(next);
    setError(null);
    setFieldErrors({});
    setPending((n) => n + 1);
    queue.current = queue.current.then(async () => {
      try {
        await api('PUT', `${path}/links`, Object.fromEntries(kinds.map((k) => [k, next[k]])));
        announce(m('linksSaved'));
      } catch (e) {
        setError(errorMessage(e));
        setFieldErrors(e instanceof ApiError && e.status !== 0 ? e.fieldErrors(errorText) : {});
        // Show what the server has, not the tick it refused.
        await current.reload();
      } finally {
        setPending((n) => n - 1);
      }
    });
  }

  return (
    <section class="panel links-editor" aria-labelledby="links-title" aria-busy={pending > 0}>
      <h2 id="links-title">{m('links')}</h2>
      <p class="muted">{m('linksHelp')}</p>
      <LoadNotice state={choices.state.phase !== 'ready' ? choices.state : current.state} onRetry={() => (choices.retry(), current.retry())} />
      <FormError message={error} />
      {links && choices.data ? (
        <LinkChecklists kinds={kinds} choices={choices.data} links={links} onChange={change} errors={fieldErrors} exclude={exclude} />
      ) : null}
      <p class="muted" data-links-state>
        {pending > 0 ? m('working') : null}
      </p>
    </section>
  );
}

/**
 * Checklists of the cooperative's records by kind, for links (controlled: the caller saves them).
 * A server error naming a kind (`products.1`, `links.places.0`) shows on that group.
 *
 * @example
 * <LinkChecklists kinds={['places']} choices={choices.data} links={links} onChange={setLinks} errors={form.errors} />
 */
export function LinkChecklists(props: {
  kinds: LinkKind[];
  choices: Partial<Record<LinkKind | 'chronicle', Choice[]>>;
  links: MuseumLinks;
  onChange: (links: MuseumLinks) => void;
  errors: Record<string, string>;
  exclude?: string;
}) {
  const m = useMuseumText();
  const { links } = props;
  return (
    <>
      {props.kinds.map((kind) => {
        const groupError = Object.entries(props.errors).find(
          ([f]) => f === kind || f.startsWith(`${kind}.`) || f.startsWith(`${kind}[`) || f.startsWith(`links.${kind}`),
        )?.[1];
        return (
          <fieldset key={kind} class={groupError ? 'field-invalid' : ''}>
            <legend>{m(LINK_TITLE[kind])}</legend>
            {groupError ? <p class="field-error">{groupError}</p> : null}
            <ul class="checklist">
              {(props.choices[kind] ?? [])
                .filter((c) => c.id !== props.exclude)
                .map((c) => (
                  <li key={c.id}>
                    <label class="check">
                      <input
                        type="checkbox"
                        name={`links.${kind}`}
                        value={c.id}
                        checked={links[kind].includes(c.id)}
                        onChange={(e) => {
                          const on = (e.currentTarget as HTMLInputElement).checked;
                          props.onChange({ ...links, [kind]: on ? [...links[kind], c.id] : links[kind].filter((x) => x !== c.id) });
                        }}
                      />
                      <span>{c.name}</span>
                    </label>
                  </li>
                ))}
            </ul>
          </fieldset>
        );
      })}
    </>
  );
}

/**
 * Deleting a record after asking, then back to its list (announced).
 *
 * @example
 * const remove = useDeleteRecord(`${base}/museum/places/${id}`, '#/museum-places');
 * <button onClick={() => void remove.run(name)}>…</button>
 */
export function useDeleteRecord(path: string, back: string) {
  const m = useMuseumText();
  const { setDirty, announce, navigate, errorMessage } = useWorkspace();
  const [error, setError] = useState<string | null>(null);
  return {
    error,
    async run(name: string) {
      if (!confirm(m('confirmDelete', { name }))) return;
      setError(null);
      try {
        await api('DELETE', path);
        setDirty(false);
        announce(m('deleted'));
        navigate(back);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
  };
}

/** The way back to a museum list (a plain link: the unsaved-changes guard applies). */
export function BackLink({ href, title }: { href: string; title: string }) {
  return (
    <p>
      <a href={href}>← {title}</a>
    </p>
  );
}

/**
 * Client checks every museum record shares: a URL name and a name or title in one language.
 *
 * @example
 * const errors = basicErrors(d.slug, d.titleZh, d.titleEn, 'title', m);
 */
export function basicErrors(slug: string, zh: string, en: string, nameField: string, m: (key: MuseumKey) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!SLUG.test(slug)) errors.slug = m('needSlug');
  if (!zh.trim() && !en.trim()) errors[`${nameField}.zh-CN`] = m('needTitle');
  return errors;
}

/**
 * A long Markdown text in both languages, with "edit / preview" (the preview is the storefront's
 * own renderer through the API, so it is what visitors will see).
 *
 * @example
 * <MarkdownFields name="body" zh={v.bodyZh} en={v.bodyEn} labels={[m('bodyZh'), m('bodyEn')]} onZh={(x) => set('bodyZh', x)} onEn={(x) => set('bodyEn', x)} errors={errors} />
 */
export function MarkdownFields(props: {
  name: string;
  zh: string;
  en: string;
  labels: [string, string];
  onZh: (value: string) => void;
  onEn: (value: string) => void;
  errors: Record<string, string>;
}) {
  const { t } = useWorkspace();
  const [previewing, setPreviewing] = useState(false);
  return (
    <div class="markdown-fields">
      <div class="tabs" role="group">
        <button type="button" class={`button${previewing ? '' : ' selected'}`} aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
          {t('edit')}
        </button>
        <button type="button" class={`button${previewing ? ' selected' : ''}`} aria-pressed={previewing} onClick={() => setPreviewing(true)}>
          {t('preview')}
        </button>
      </div>
      {previewing ? (
        <MarkdownPreview markdown={props.zh || props.en} />
      ) : (
        <>
          <TextField
            label={props.labels[0]}
            name={`${props.name}.zh-CN`}
            value={props.zh}
            onInput={props.onZh}
            multiline
            rows={6}
            error={props.errors[`${props.name}.zh-CN`]}
          />
          <TextField
            label={props.labels[1]}
            name={`${props.name}.en`}
            value={props.en}
            onInput={props.onEn}
            multiline
            rows={4}
            error={props.errors[`${props.name}.en`]}
          />
        </>
      )}
    </div>
  );
}

/** One record's card on a museum list screen. */
export interface RecordCard {
  href: string;
  /** `data-*` attributes the tests find the card by (e.g. `{ 'data-person': slug }`). */
  data?: Record<string, string>;
  /** A line above the title (a chronicle entry's date). */
  eyebrow?: string;
  title: string;
  /** The parts of the line under the title, joined with " · " (empty parts left out). */
  meta: string[];
}

/**
 * A museum list screen: its title, a "new" button, the way back to the museum, the load states,
 * `children` (e.g. the village map) and one card per record (an ordered list for a timeline).
 *
 * @example
 * <RecordListPage title={m('people')} newHref="#/museum-people/new" newLabel={m('newPerson')} list={list}
 *   card={(p) => ({ href: `#/museum-people/${p.id}`, title: pick(p.name, locale), meta: [label(p.status)] })} />
 */
export function RecordListPage<T extends { id: string }>(props: {
  title: string;
  newHref: string;
  newLabel: string;
  list: { state: Loaded<T[]>; data: T[] | null; retry: () => void };
  card: (item: T) => RecordCard;
  ordered?: boolean;
  children?: ComponentChildren;
}) {
  const m = useMuseumText();
  const { navigate } = useWorkspace();
  const items = props.list.data?.map((item) => {
    const card = props.card(item);
    return (
      <li key={item.id} {...card.data}>
        <a
          class="card"
          href={card.href}
          onClick={(event) => {
            event.preventDefault();
            navigate(card.href);
          }}
        >
          <span class="card-text">
            {card.eyebrow ? <span class="muted">{card.eyebrow}</span> : null}
            <strong>{card.title}</strong>
            <span class="muted">{card.meta.filter(Boolean).join(' · ')}</span>
          </span>
        </a>
      </li>
    );
  });
  return (
    <Page
      title={props.title}
      actions={
        <a class="button primary" href={props.newHref}>
          {props.newLabel}
        </a>
      }
    >
      <BackLink href="#/museum" title={m('museum')} />
      {props.children}
      <LoadNotice state={props.list.state} onRetry={props.list.retry} />
      {props.list.data?.length === 0 ? <p>{m('noneYet')}</p> : null}
      {props.ordered ? (
        <ol class="cards timeline" aria-label={props.title}>
          {items}
        </ol>
      ) : (
        <ul class="cards">{items}</ul>
      )}
    </Page>
  );
}

/**
 * The status words every museum card shows: draft or published, and community-only.
 *
 * @example
 * statusParts(entry, label, m) // ['已发布', '仅村民可见']
 */
export function statusParts(record: { status: string; visibility: string }, label: (value: string) => string, m: (key: MuseumKey) => string): string[] {
  return [label(record.status), record.visibility === 'community' ? m('community') : ''];
}
