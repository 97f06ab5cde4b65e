import type { HistoricalDate } from '@terroir/core/historical-date';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, sendWithProgress } from './api';
import type { CueEditorProps, TranscriptCue } from './cue-editor';
import { FormError, LoadError, LoadNotice, LoadState, Page, SelectField, TextField, UploadProgress, focusFirstInvalid } from './form-fields';
import { useFormState, useLoad } from './form-state';
import type { DateDraft } from './museum/historical-date-field';
import type { Product } from './products-view';
import { useWorkspace } from './workspace';

interface Localized {
  'zh-CN'?: string;
  en?: string;
}
interface StoryMedia {
  kind: 'image' | 'audio' | 'video';
  url: string;
  mimeType?: string;
  transcript?: Localized;
  cues?: TranscriptCue[];
  durationSeconds?: number;
  alt?: Localized;
}
interface Story {
  id: string;
  slug: string;
  kind: string;
  status: string;
  title: Localized;
  body: Localized;
  media: StoryMedia[];
  date?: HistoricalDate;
}
interface StoryLinks {
  products: Array<{ productId?: string; id?: string; relation: string }>;
  /** Museum places linking the story (linked from the place's screen). */
  places: Array<{ placeId: string; slug: string; name: Localized; status: string }>;
}

const KINDS = ['craft-technique', 'history', 'festival', 'person', 'recipe', 'place', 'legend'];
const RELATIONS = ['made-with-technique', 'grown-in-place', 'tradition-of', 'featured-in', 'recipe-for'];

export function StoryList() {
  const { t, label, base, navigate } = useWorkspace();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState({ q: '', status: '' });
  useEffect(() => {
    const timer = setTimeout(() => setQuery({ q, status }), 200);
    return () => clearTimeout(timer);
  }, [q, status]);
  const list = useLoad(() => {
    const params = new URLSearchParams({ limit: '100', ...(query.q ? { q: query.q } : {}), ...(query.status ? { status: query.status } : {}) });
    return api<{ items: Story[] }>('GET', `${base}/stories?${params}`).then((r) => r.items);
  }, [query.q, query.status, base]);
  const items = list.data;
  return (
    <Page
      title={t('navStories')}
      actions={
        <a class="button primary" href="#/stories/new">
          {t('newStory')}
        </a>
      }
    >
      <div class="filters" role="search">
        <TextField label={t('searchStories')} name="q" type="search" value={q} onInput={setQ} />
        <SelectField
          label={t('status')}
          name="status"
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('statusAll') }, ...['draft', 'published'].map((s) => ({ value: s, label: label(s) }))]}
        />
      </div>
      <LoadNotice state={list.state} onRetry={list.retry} />
      {items?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {items?.map((s) => (
          <li key={s.id}>
            <a
              class="card"
              href={`#/stories/${s.id}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`#/stories/${s.id}`);
              }}
            >
              <span class="card-text">
                <strong>{s.title['zh-CN'] ?? s.title.en}</strong>
                <span class="muted">
                  {label(s.kind)} · {label(s.status)}
                  {s.media.some((m) => m.kind === 'audio') ? ' · 🎙' : ''}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}

/** The storefront's renderer, through the API: the preview is exactly what shoppers will see. */
export function MarkdownPreview({ markdown }: { markdown: string }) {
  const { base } = useWorkspace();
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    api<{ html: string }>('POST', `${base}/preview/markdown`, { markdown }).then(
      (r) => setHtml(r.html),
      () => setHtml(''),
    );
  }, [markdown, base]);
  // The HTML comes from the server's sanitising renderer (allowlisted tags, no scripts).
  return html === null ? null : <div class="preview prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

function ProductPicker({ storyId }: { storyId: string }) {
  const { t, label, base, announce, errorMessage } = useWorkspace();
  const [linked, setLinked] = useState<Record<string, string>>({});
  const [relation, setRelation] = useState('made-with-technique');
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const loaded = useLoad(async () => {
    const [list, detail] = await Promise.all([
      api<{ items: Product[] }>('GET', `${base}/products?limit=200`),
      api<{ links: StoryLinks }>('GET', `${base}/stories/${storyId}`),
    ]);
    const map: Record<string, string> = {};
    for (const link of detail.links.products) map[link.productId ?? link.id ?? ''] = link.relation;
    setLinked(map);
    return list.items;
  }, [storyId, base]);
  const products = loaded.data ?? [];
  async function toggle(product: Product, on: boolean) {
    setError(null);
    try {
      if (on) {
        await api('PUT', `${base}/stories/${storyId}/products/${product.id}`, { relation });
        setLinked((m) => ({ ...m, [product.id]: relation }));
        announce(`${t('linked')}: ${product.title['zh-CN'] ?? product.title.en}`);
      } else {
        await api('DELETE', `${base}/stories/${storyId}/products/${product.id}`);
        setLinked((m) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== product.id)));
        announce(`${t('unlinked')}: ${product.title['zh-CN'] ?? product.title.en}`);
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  const shown = products.filter((p) => !q || `${p.title['zh-CN'] ?? ''} ${p.title.en ?? ''} ${p.slug}`.toLowerCase().includes(q.toLowerCase()));
  return (
    <fieldset class="picker">
      <legend>{t('linkedProducts')}</legend>
      <LoadNotice state={loaded.state} onRetry={loaded.retry} />
      <FormError message={error} />
      <SelectField
        label={t('relation')}
        name="relation"
        value={relation}
        onChange={setRelation}
        options={RELATIONS.map((r) => ({ value: r, label: label(r) }))}
      />
      <TextField label={t('searchProducts')} name="picker-q" type="search" value={q} onInput={setQ} />
      <ul class="checklist">
        {shown.map((p) => (
          <li key={p.id}>
            <label class="check">
              <input type="checkbox" checked={p.id in linked} onChange={(e) => void toggle(p, (e.currentTarget as HTMLInputElement).checked)} />
              <span>
                {p.title['zh-CN'] ?? p.title.en}
                {linked[p.id] ? <span class="muted"> · {label(linked[p.id]!)}</span> : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

interface StoryDraft {
  titleZh: string;
  titleEn: string;
  slug: string;
  kind: string;
  status: string;
  bodyZh: string;
  bodyEn: string;
  media: StoryMedia[];
  /** The date as saved. */
  date: HistoricalDate | null;
  /** The date as being edited (precision '' is "no date"); null until the editor touches it. */
  dateDraft: DateDraft | null;
}

const newStory = (): StoryDraft => ({
  titleZh: '',
  titleEn: '',
  slug: '',
  kind: 'craft-technique',
  status: 'draft',
  bodyZh: '',
  bodyEn: '',
  media: [],
  date: null,
  dateDraft: null,
});

const storyDraft = (story: Story): StoryDraft => ({
  titleZh: story.title['zh-CN'] ?? '',
  titleEn: story.title.en ?? '',
  slug: story.slug,
  kind: story.kind,
  status: story.status,
  bodyZh: story.body['zh-CN'] ?? '',
  bodyEn: story.body.en ?? '',
  media: story.media,
  date: story.date ?? null,
  dateDraft: null,
});

export function StoryForm({ id }: { id: string | null }) {
  const { t, label, base, navigate, announce, errorText, locale } = useWorkspace();
  const [places, setPlaces] = useState<StoryLinks['places']>([]);
  const form = useFormState<StoryDraft>({
    initial: newStory(),
    load: id
      ? () =>
          api<{ story: Story; links: StoryLinks }>('GET', `${base}/stories/${id}`).then(({ story, links }) => {
            setPlaces(links.places ?? []);
            return storyDraft(story);
          })
      : null,
    deps: [id, base],
  });
  const { values, errors, set } = form;
  const [previewing, setPreviewing] = useState(false);
  const [transcriptZh, setTranscriptZh] = useState('');
  const [progress, setProgress] = useState<number | null>(null);

  async function uploadAudio(file: File) {
    const data = new FormData();
    data.set('file', file);
    data.set('transcript.zh-CN', transcriptZh);
    setProgress(0);
    form.setErrors((e) => ({ ...e, audio: '' }));
    try {
      const { media: item } = await sendWithProgress<{
        media: { kind: 'audio' | 'video' | 'image'; url: string; mimeType: string; transcript: Localized; alt: Localized };
      }>('POST', `${base}/media`, data, setProgress);
      form.update((d) => ({
        ...d,
        media: [
          ...d.media,
          { kind: item.kind, url: item.url, mimeType: item.mimeType, transcript: item.transcript, ...(item.kind === 'image' ? { alt: item.alt } : {}) },
        ],
      }));
      setTranscriptZh('');
      announce(t('uploaded'));
    } catch (error) {
      if (error instanceof ApiError) form.setErrors((e) => ({ ...e, audio: errorText(error.code, error.message) }));
    } finally {
      setProgress(null);
    }
  }

  const save = (event: Event) => {
    event.preventDefault();
    // A draft exists only once the date field (and so its module) has loaded.
    const checked =
      values.dateDraft && dateFields ? dateFields.dateFromDraft(values.dateDraft, 'date', (key) => dateFields!.DATE_FIELD_TEXT[locale][key]) : null;
    if (checked && Object.keys(checked.errors).length) {
      form.setErrors(() => checked.errors);
      announce(t('fixErrors'));
      focusFirstInvalid();
      return;
    }
    const date = checked ? checked.date : values.date;
    void form.submit(async (draft) => {
      const fields = {
        slug: draft.slug,
        kind: draft.kind,
        status: draft.status,
        title: { 'zh-CN': draft.titleZh || undefined, en: draft.titleEn || undefined },
        body: { 'zh-CN': draft.bodyZh || undefined, en: draft.bodyEn || undefined },
        media: draft.media,
        // null in an edit removes the date; a new story without one leaves it out.
        ...(date ? { date } : id ? { date: null } : {}),
      };
      if (id) await api('PATCH', `${base}/stories/${id}`, fields);
      else {
        const { story } = await api<{ story: Story }>('POST', `${base}/stories`, fields);
        queueMicrotask(() => navigate(`#/stories/${story.id}`));
      }
    });
  };

  if (form.loaded.phase !== 'ready') return <LoadState title={t('navStories')} state={form.loaded} onRetry={form.retry} />;
  const { titleZh, titleEn, slug, kind, status, bodyZh, bodyEn, media } = values;
  return (
    <Page title={id ? titleZh || titleEn : t('newStory')}>
      <form class="form" onSubmit={save} noValidate>
        <FormError message={form.formError} />
        <TextField
          label={t('storyTitleZh')}
          name="title.zh-CN"
          value={titleZh}
          onInput={(v) => set('titleZh', v)}
          error={errors['title.zh-CN'] ?? errors.title}
        />
        <TextField label={t('storyTitleEn')} name="title.en" value={titleEn} onInput={(v) => set('titleEn', v)} error={errors['title.en']} />
        <TextField label={t('slug')} name="slug" value={slug} onInput={(v) => set('slug', v)} error={errors.slug} autoComplete="off" />
        <div class="row">
          <SelectField
            label={t('kind')}
            name="kind"
            value={kind}
            onChange={(v) => set('kind', v)}
            options={KINDS.map((k) => ({ value: k, label: label(k) }))}
          />
          <SelectField
            label={t('status')}
            name="status"
            value={status}
            onChange={(v) => set('status', v)}
            options={['draft', 'published'].map((s) => ({ value: s, label: label(s) }))}
          />
        </div>
        <StoryDateField saved={values.date} draft={values.dateDraft} onChange={(draft) => set('dateDraft', draft)} errors={errors} />
        {id ? (
          <div class="story-places">
            <p>
              <strong>{t('storyPlaces')}</strong>{' '}
              {places.length === 0
                ? t('none')
                : places.map((p, i) => (
                    <>
                      {i > 0 ? '、' : ''}
                      <a href={`#/museum-places/${p.placeId}`}>{(locale === 'en' ? p.name.en : p.name['zh-CN']) || p.name['zh-CN'] || p.name.en || p.slug}</a>
                    </>
                  ))}
            </p>
            <p class="muted">{t('storyPlacesHint')}</p>
          </div>
        ) : null}
        <div class="tabs" role="group">
          <button type="button" class={`button${previewing ? '' : ' selected'}`} aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
            {t('edit')}
          </button>
          <button type="button" class={`button${previewing ? ' selected' : ''}`} aria-pressed={previewing} onClick={() => setPreviewing(true)}>
            {t('preview')}
          </button>
        </div>
        {previewing ? (
          <MarkdownPreview markdown={bodyZh || bodyEn} />
        ) : (
          <>
            <TextField
              label={t('bodyZh')}
              name="body.zh-CN"
              value={bodyZh}
              onInput={(v) => set('bodyZh', v)}
              multiline
              rows={10}
              error={errors['body.zh-CN']}
            />
            <TextField label={t('bodyEn')} name="body.en" value={bodyEn} onInput={(v) => set('bodyEn', v)} multiline rows={6} error={errors['body.en']} />
          </>
        )}

        <fieldset>
          <legend>{t('audio')}</legend>
          {media.map((m, index) => (
            <div class="media-item" key={m.url}>
              {m.kind === 'audio' ? <audio controls src={m.url} preload="none" /> : null}
              <p class="muted">{m.transcript?.['zh-CN'] ?? m.transcript?.en ?? ''}</p>
              {errors[`media[${index}].transcript`] ? <p class="field-error">{errors[`media[${index}].transcript`]}</p> : null}
              {m.kind !== 'image' ? (
                <TranscriptTiming
                  url={m.url}
                  transcript={m.transcript}
                  cues={m.cues}
                  durationSeconds={m.durationSeconds}
                  onChange={(cues) =>
                    form.update((d) => ({
                      ...d,
                      media: d.media.map((item, i) => {
                        if (i !== index) return item;
                        const { cues: _old, ...rest } = item;
                        return cues ? { ...rest, cues } : rest;
                      }),
                    }))
                  }
                />
              ) : null}
              {errors[`media[${index}].cues`] ? <p class="field-error">{errors[`media[${index}].cues`]}</p> : null}
            </div>
          ))}
          <TextField label={t('transcriptZh')} name="transcript" value={transcriptZh} onInput={setTranscriptZh} multiline rows={3} />
          <label class="button file-button" for="audio-file">
            {t('chooseAudio')}
          </label>
          <input
            id="audio-file"
            class="visually-hidden"
            type="file"
            accept="audio/mpeg,audio/mp4,audio/ogg,video/mp4,video/webm"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              input.value = '';
              if (file) void uploadAudio(file);
            }}
          />
          {errors.audio ? (
            <p class="field-error" role="alert">
              {errors.audio}
            </p>
          ) : null}
          {progress !== null ? <UploadProgress label={t('uploading')} fraction={progress} /> : null}
        </fieldset>

        <div class="actions sticky">
          <button type="submit" class="button primary" disabled={form.saving || progress !== null}>
            {form.saving ? t('saving') : t('save')}
          </button>
        </div>
      </form>
      {id ? <ProductPicker storyId={id} /> : <p class="muted">{t('linkHint')}</p>}
    </Page>
  );
}

type DateFieldModule = typeof import('./museum/historical-date-field');
let dateFieldModule: Promise<DateFieldModule> | null = null;
/** The loaded date field module, once any story form has loaded it. */
let dateFields: DateFieldModule | null = null;

/**
 * The story's date: the museum's date field (precision, period table, circa, label), loaded as a
 * chunk of its own when a story form first opens, so the date rules stay out of the app's entry.
 */
function StoryDateField(props: {
  saved: HistoricalDate | null;
  draft: DateDraft | null;
  onChange: (draft: DateDraft) => void;
  errors: Record<string, string>;
}) {
  const { t } = useWorkspace();
  const [loaded, setLoaded] = useState<DateFieldModule | null>(dateFields);
  const [failed, setFailed] = useState(false);
  function load() {
    setFailed(false);
    dateFieldModule ??= import('./museum/historical-date-field');
    dateFieldModule.then(
      (module) => {
        dateFields = module;
        setLoaded(module);
      },
      () => {
        dateFieldModule = null;
        setFailed(true);
      },
    );
  }
  useEffect(() => {
    if (!loaded) load();
  }, []);
  if (loaded) {
    const { HistoricalDateField, dateDraftOf } = loaded;
    return (
      <HistoricalDateField
        legend={t('storyDate')}
        name="date"
        value={props.draft ?? dateDraftOf(props.saved)}
        onChange={props.onChange}
        errors={props.errors}
        optional
      />
    );
  }
  if (failed) return <LoadError message={`${t('loadFailed')} ${t('networkError')}`} retryLabel={t('retry')} onRetry={load} />;
  return <p role="status">{t('loading')}</p>;
}

type CueModule = typeof import('./cue-editor');
let cueModule: Promise<CueModule> | null = null;

/**
 * The "time the transcript" button under a recording; the editor itself is a chunk of its own,
 * loaded when an editor first opens it (most never do).
 */
function TranscriptTiming(props: Omit<CueEditorProps, 'panelId'>) {
  const { t } = useWorkspace();
  const [open, setOpen] = useState(false);
  const [editor, setEditor] = useState<CueModule | null>(null);
  const [failed, setFailed] = useState(false);
  const panelId = `cues-${props.url.replace(/[^\w]/g, '-')}`;
  function load() {
    setFailed(false);
    cueModule ??= import('./cue-editor');
    cueModule.then(setEditor, () => {
      cueModule = null;
      setFailed(true);
    });
  }
  return (
    <div>
      <button
        type="button"
        class="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          if (!open && !editor) load();
          setOpen(!open);
        }}
      >
        {props.cues?.length ? t('cuesEdit') : t('cuesAdd')}
      </button>
      {!open ? null : editor ? (
        <editor.CueEditor {...props} panelId={panelId} />
      ) : failed ? (
        <LoadError message={`${t('loadFailed')} ${t('networkError')}`} retryLabel={t('retry')} onRetry={load} />
      ) : (
        <p id={panelId} role="status">
          {t('loading')}
        </p>
      )}
    </div>
  );
}
