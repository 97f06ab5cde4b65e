import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, sendWithProgress } from './api';
import { FormError, Page, SelectField, TextField, UploadProgress, focusFirstInvalid } from './form-fields';
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
}
interface StoryLinks {
  products: Array<{ productId?: string; id?: string; relation: string }>;
}

const KINDS = ['craft-technique', 'history', 'festival', 'person', 'recipe', 'place', 'legend'];
const RELATIONS = ['made-with-technique', 'grown-in-place', 'tradition-of', 'featured-in', 'recipe-for'];

export function StoryList() {
  const { t, label, base, navigate } = useWorkspace();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [items, setItems] = useState<Story[] | null>(null);
  useEffect(() => {
    const params = new URLSearchParams({ limit: '100', ...(q ? { q } : {}), ...(status ? { status } : {}) });
    const timer = setTimeout(() => api<{ items: Story[] }>('GET', `${base}/stories?${params}`).then((r) => setItems(r.items), () => setItems([])), 200);
    return () => clearTimeout(timer);
  }, [q, status, base]);
  return (
    <Page title={t('navStories')} actions={<a class="button primary" href="#/stories/new">{t('newStory')}</a>}>
      <div class="filters" role="search">
        <TextField label={t('searchStories')} name="q" type="search" value={q} onInput={setQ} />
        <SelectField label={t('status')} name="status" value={status} onChange={setStatus} options={[{ value: '', label: t('statusAll') }, ...['draft', 'published'].map((s) => ({ value: s, label: label(s) }))]} />
      </div>
      {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {items?.map((s) => (
          <li key={s.id}>
            <a class="card" href={`#/stories/${s.id}`} onClick={(e) => { e.preventDefault(); navigate(`#/stories/${s.id}`); }}>
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
function MarkdownPreview({ markdown }: { markdown: string }) {
  const { base } = useWorkspace();
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    api<{ html: string }>('POST', `${base}/preview/markdown`, { markdown }).then((r) => setHtml(r.html), () => setHtml(''));
  }, [markdown, base]);
  // The HTML comes from the server's sanitising renderer (allowlisted tags, no scripts).
  return html === null ? null : <div class="preview prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

function ProductPicker({ storyId }: { storyId: string }) {
  const { t, label, base, announce } = useWorkspace();
  const [products, setProducts] = useState<Product[]>([]);
  const [linked, setLinked] = useState<Record<string, string>>({});
  const [relation, setRelation] = useState('made-with-technique');
  const [q, setQ] = useState('');
  useEffect(() => {
    api<{ items: Product[] }>('GET', `${base}/products?limit=200`).then((r) => setProducts(r.items));
    api<{ links: StoryLinks }>('GET', `${base}/stories/${storyId}`).then((r) => {
      const map: Record<string, string> = {};
      for (const link of r.links.products) map[link.productId ?? link.id ?? ''] = link.relation;
      setLinked(map);
    });
  }, [storyId, base]);
  async function toggle(product: Product, on: boolean) {
    if (on) {
      await api('PUT', `${base}/stories/${storyId}/products/${product.id}`, { relation });
      setLinked((m) => ({ ...m, [product.id]: relation }));
      announce(`${t('linked')}: ${product.title['zh-CN'] ?? product.title.en}`);
    } else {
      await api('DELETE', `${base}/stories/${storyId}/products/${product.id}`);
      setLinked((m) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== product.id)));
      announce(`${t('unlinked')}: ${product.title['zh-CN'] ?? product.title.en}`);
    }
  }
  const shown = products.filter((p) => !q || `${p.title['zh-CN'] ?? ''} ${p.title.en ?? ''} ${p.slug}`.toLowerCase().includes(q.toLowerCase()));
  return (
    <fieldset class="picker">
      <legend>{t('linkedProducts')}</legend>
      <SelectField label={t('relation')} name="relation" value={relation} onChange={setRelation} options={RELATIONS.map((r) => ({ value: r, label: label(r) }))} />
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

export function StoryForm({ id }: { id: string | null }) {
  const { t, label, base, navigate, setDirty, announce, errorText } = useWorkspace();
  const [titleZh, setTitleZh] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [slug, setSlug] = useState('');
  const [kind, setKind] = useState('craft-technique');
  const [status, setStatus] = useState('draft');
  const [bodyZh, setBodyZh] = useState('');
  const [bodyEn, setBodyEn] = useState('');
  const [previewing, setPreviewing] = useState(false);
  const [media, setMedia] = useState<StoryMedia[]>([]);
  const [transcriptZh, setTranscriptZh] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [loaded, setLoaded] = useState(id === null);

  useEffect(() => {
    if (!id) return;
    api<{ story: Story }>('GET', `${base}/stories/${id}`).then(({ story }) => {
      setTitleZh(story.title['zh-CN'] ?? '');
      setTitleEn(story.title.en ?? '');
      setSlug(story.slug);
      setKind(story.kind);
      setStatus(story.status);
      setBodyZh(story.body['zh-CN'] ?? '');
      setBodyEn(story.body.en ?? '');
      setMedia(story.media);
      setLoaded(true);
    });
  }, [id, base]);

  const edit = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value);
    setDirty(true);
  };

  async function uploadAudio(file: File) {
    const form = new FormData();
    form.set('file', file);
    form.set('transcript.zh-CN', transcriptZh);
    setProgress(0);
    setErrors((e) => ({ ...e, audio: '' }));
    try {
      const { media: item } = await sendWithProgress<{ media: { kind: 'audio' | 'video' | 'image'; url: string; mimeType: string; transcript: Localized; alt: Localized } }>('POST', `${base}/media`, form, setProgress);
      setMedia((list) => [...list, { kind: item.kind, url: item.url, mimeType: item.mimeType, transcript: item.transcript, ...(item.kind === 'image' ? { alt: item.alt } : {}) }]);
      setTranscriptZh('');
      setDirty(true);
      announce(t('uploaded'));
    } catch (error) {
      if (error instanceof ApiError) setErrors((e) => ({ ...e, audio: errorText(error.code, error.message) }));
    } finally {
      setProgress(null);
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    setFormError(null);
    announce(t('saving'));
    const fields = { slug, kind, status, title: { 'zh-CN': titleZh || undefined, en: titleEn || undefined }, body: { 'zh-CN': bodyZh || undefined, en: bodyEn || undefined }, media };
    try {
      if (id) await api('PATCH', `${base}/stories/${id}`, fields);
      else {
        const { story } = await api<{ story: Story }>('POST', `${base}/stories`, fields);
        setDirty(false);
        announce(t('saved'));
        navigate(`#/stories/${story.id}`);
        return;
      }
      setDirty(false);
      announce(t('saved'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setErrors(error.fieldErrors(errorText));
      setFormError(error.issues.length || error.field ? t('fixErrors') : error.message);
      announce(t('fixErrors'));
      focusFirstInvalid();
    } finally {
      setSaving(false);
    }
  }

  if (!loaded) return <p>{t('loading')}</p>;
  return (
    <Page title={id ? titleZh || titleEn : t('newStory')}>
      <form class="form" onSubmit={save} noValidate>
        <FormError message={formError} />
        <TextField label={t('storyTitleZh')} name="title.zh-CN" value={titleZh} onInput={edit(setTitleZh)} error={errors['title.zh-CN'] ?? errors.title} />
        <TextField label={t('storyTitleEn')} name="title.en" value={titleEn} onInput={edit(setTitleEn)} error={errors['title.en']} />
        <TextField label={t('slug')} name="slug" value={slug} onInput={edit(setSlug)} error={errors.slug} autoComplete="off" />
        <div class="row">
          <SelectField label={t('kind')} name="kind" value={kind} onChange={edit(setKind)} options={KINDS.map((k) => ({ value: k, label: label(k) }))} />
          <SelectField label={t('status')} name="status" value={status} onChange={edit(setStatus)} options={['draft', 'published'].map((s) => ({ value: s, label: label(s) }))} />
        </div>
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
            <TextField label={t('bodyZh')} name="body.zh-CN" value={bodyZh} onInput={edit(setBodyZh)} multiline rows={10} error={errors['body.zh-CN']} />
            <TextField label={t('bodyEn')} name="body.en" value={bodyEn} onInput={edit(setBodyEn)} multiline rows={6} error={errors['body.en']} />
          </>
        )}

        <fieldset>
          <legend>{t('audio')}</legend>
          {media.map((m, index) => (
            <div class="media-item" key={m.url}>
              {m.kind === 'audio' ? <audio controls src={m.url} preload="none" /> : null}
              <p class="muted">{m.transcript?.['zh-CN'] ?? m.transcript?.en ?? ''}</p>
              {errors[`media[${index}].transcript`] ? <p class="field-error">{errors[`media[${index}].transcript`]}</p> : null}
            </div>
          ))}
          <TextField label={t('transcriptZh')} name="transcript" value={transcriptZh} onInput={setTranscriptZh} multiline rows={3} />
          <label class="button file-button" for="audio-file">
            {t('chooseAudio')}
          </label>
          <input id="audio-file" class="visually-hidden" type="file" accept="audio/mpeg,audio/mp4,audio/ogg,video/mp4,video/webm" onChange={(e) => { const input = e.currentTarget as HTMLInputElement; const file = input.files?.[0]; input.value = ''; if (file) void uploadAudio(file); }} />
          {errors.audio ? <p class="field-error" role="alert">{errors.audio}</p> : null}
          {progress !== null ? <UploadProgress label={t('uploading')} fraction={progress} /> : null}
        </fieldset>

        <div class="actions sticky">
          <button type="submit" class="button primary" disabled={saving || progress !== null}>
            {saving ? t('saving') : t('save')}
          </button>
        </div>
      </form>
      {id ? <ProductPicker storyId={id} /> : <p class="muted">{t('linkHint')}</p>}
    </Page>
  );
}
