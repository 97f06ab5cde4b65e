import { compareHistoricalDates, formatHistoricalDate, type HistoricalDate } from '@terroir/core/historical-date';
import { api } from '../api';
import { focusFirstInvalid, FormError, LoadState, Page, TextField } from '../form-fields';
import { useFormState, useLoad } from '../form-state';
import { useWorkspace } from '../workspace';
import { dateDraftOf, dateFromDraft, emptyDateDraft, HistoricalDateField, type DateDraft } from './historical-date-field';
import {
  BackLink,
  basicErrors,
  RecordListPage,
  statusParts,
  LinksEditor,
  localized,
  pick,
  useDeleteRecord,
  VisibilityFields,
  type Localized,
  MarkdownFields,
} from './museum-parts';
import { MediaListField } from './media-list-field';
import { useMuseumText } from './museum-text';

/** A chronicle entry as the admin API answers it. */
export interface ChronicleEntry {
  id: string;
  slug: string;
  date: HistoricalDate;
  title: Localized;
  body: Localized;
  source: Localized;
  /** Pictures, recordings and films, in order. */
  media: string[];
  visibility: 'public' | 'community';
  status: 'draft' | 'published';
}

/** The chronicle (村史) in timeline order: each entry's date as visitors read it, its title, and who may see it. */
export function ChronicleList() {
  const { base, locale, label, navigate } = useWorkspace();
  const m = useMuseumText();
  const list = useLoad(
    () => api<{ items: ChronicleEntry[] }>('GET', `${base}/museum/chronicle`).then((r) => [...r.items].sort((a, b) => compareHistoricalDates(a.date, b.date))),
    [base],
  );
  return (
    <RecordListPage
      title={m('chronicle')}
      newHref="#/museum-chronicle/new"
      newLabel={m('newEntry')}
      list={list}
      ordered
      card={(e) => ({
        href: `#/museum-chronicle/${e.id}`,
        data: { 'data-entry': e.slug },
        eyebrow: formatHistoricalDate(e.date, locale),
        title: pick(e.title, locale),
        meta: statusParts(e, label, m),
      })}
    />
  );
}

interface EntryDraft {
  slug: string;
  date: DateDraft;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  sourceZh: string;
  sourceEn: string;
  media: string[];
  visibility: string;
  status: string;
}

const draftOf = (e: ChronicleEntry): EntryDraft => ({
  slug: e.slug,
  date: dateDraftOf(e.date),
  titleZh: e.title['zh-CN'] ?? '',
  titleEn: e.title.en ?? '',
  bodyZh: e.body['zh-CN'] ?? '',
  bodyEn: e.body.en ?? '',
  sourceZh: e.source['zh-CN'] ?? '',
  sourceEn: e.source.en ?? '',
  media: e.media ?? [],
  visibility: e.visibility,
  status: e.status,
});

/** Creates or edits one chronicle entry: date with precision, texts in both languages, source, pictures and recordings, visibility, links. */
export function ChronicleForm({ id }: { id: string | null }) {
  const { t, base, navigate, announce } = useWorkspace();
  const m = useMuseumText();
  const form = useFormState<EntryDraft>({
    initial: {
      slug: '',
      date: emptyDateDraft('year'),
      titleZh: '',
      titleEn: '',
      bodyZh: '',
      bodyEn: '',
      sourceZh: '',
      sourceEn: '',
      media: [],
      visibility: 'public',
      status: 'published',
    },
    load: id ? () => api<{ entry: ChronicleEntry }>('GET', `${base}/museum/chronicle/${id}`).then((r) => draftOf(r.entry)) : null,
    deps: [id, base],
  });
  const remove = useDeleteRecord(`${base}/museum/chronicle/${id}`, '#/museum-chronicle');
  const { values: v, errors, set } = form;

  const save = (event: Event) => {
    event.preventDefault();
    const checked = dateFromDraft(v.date, 'date', m);
    const clientErrors = { ...basicErrors(v.slug, v.titleZh, v.titleEn, 'title', m), ...checked.errors };
    if (Object.keys(clientErrors).length || !checked.date) {
      form.setErrors(() => clientErrors);
      announce(t('fixErrors'));
      focusFirstInvalid();
      return;
    }
    const date = checked.date;
    void form.submit(async (d) => {
      const body = {
        slug: d.slug,
        date,
        title: localized(d.titleZh, d.titleEn),
        body: localized(d.bodyZh, d.bodyEn),
        source: localized(d.sourceZh, d.sourceEn),
        media: d.media,
        visibility: d.visibility,
        status: d.status,
      };
      if (id) await api('PATCH', `${base}/museum/chronicle/${id}`, body);
      else {
        const { entry } = await api<{ entry: ChronicleEntry }>('POST', `${base}/museum/chronicle`, body);
        queueMicrotask(() => navigate(`#/museum-chronicle/${entry.id}`));
      }
    });
  };

  if (form.loaded.phase !== 'ready') return <LoadState title={m('chronicle')} state={form.loaded} onRetry={form.retry} />;
  return (
    <Page title={id ? v.titleZh || v.titleEn || m('chronicle') : m('newEntry')}>
      <BackLink href="#/museum-chronicle" title={m('chronicle')} />
      <form class="form" onSubmit={save} noValidate>
        <FormError message={form.formError ?? remove.error} />
        <HistoricalDateField legend={m('date')} name="date" value={v.date} onChange={(d) => set('date', d)} errors={errors} />
        <TextField label={m('titleZh')} name="title.zh-CN" value={v.titleZh} onInput={(x) => set('titleZh', x)} error={errors['title.zh-CN'] ?? errors.title} />
        <TextField label={m('titleEn')} name="title.en" value={v.titleEn} onInput={(x) => set('titleEn', x)} error={errors['title.en']} />
        <TextField label={m('slug')} name="slug" value={v.slug} onInput={(x) => set('slug', x)} error={errors.slug} autoComplete="off" />
        <MarkdownFields
          name="body"
          zh={v.bodyZh}
          en={v.bodyEn}
          labels={[m('bodyZh'), m('bodyEn')]}
          onZh={(x) => set('bodyZh', x)}
          onEn={(x) => set('bodyEn', x)}
          errors={errors}
        />
        <TextField label={m('sourceZh')} name="source.zh-CN" value={v.sourceZh} onInput={(x) => set('sourceZh', x)} error={errors['source.zh-CN']} />
        <TextField label={m('sourceEn')} name="source.en" value={v.sourceEn} onInput={(x) => set('sourceEn', x)} error={errors['source.en']} />
        <MediaListField
          legend={m('entryMedia')}
          name="media"
          kinds={['image', 'audio', 'video']}
          max={20}
          ids={v.media}
          onChange={(ids) => set('media', ids)}
          errors={errors}
        />
        <VisibilityFields visibility={v.visibility} status={v.status} onChange={(p) => form.update((d) => ({ ...d, ...p }))} errors={errors} />
        <div class="actions sticky">
          <button type="submit" class="button primary" disabled={form.saving}>
            {form.saving ? t('saving') : t('save')}
          </button>
          {id ? (
            <button type="button" class="button danger" onClick={() => void remove.run(v.titleZh || v.titleEn)}>
              {t('delete')}
            </button>
          ) : null}
        </div>
      </form>
      {id ? (
        <LinksEditor path={`${base}/museum/chronicle/${id}`} kinds={['stories', 'products', 'places', 'people']} />
      ) : (
        <p class="muted">{m('linksSaveFirst')}</p>
      )}
    </Page>
  );
}
