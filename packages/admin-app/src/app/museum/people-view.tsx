import { formatHistoricalDate, type HistoricalDate } from '@terroir/core/historical-date';
import { api } from '../api';
import { focusFirstInvalid, FormError, LoadState, Page, SelectField, TextField } from '../form-fields';
import { useFormState, useLoad } from '../form-state';
import { useWorkspace } from '../workspace';
import { dateDraftOf, dateFromDraft, HistoricalDateField, type DateDraft } from './historical-date-field';
import {
  BackLink,
  basicErrors,
  LinksEditor,
  localized,
  pick,
  useChoices,
  useDeleteRecord,
  VisibilityFields,
  type Localized,
  MarkdownFields,
  RecordListPage,
  statusParts,
} from './museum-parts';
import { useMuseumText } from './museum-text';
import { MediaListField } from './media-list-field';
import { PhotoField } from './photo-field';

/** A person as the admin API answers it. */
export interface Person {
  id: string;
  slug: string;
  name: Localized;
  born: HistoricalDate | null;
  died: HistoricalDate | null;
  roles: Array<{ title: Localized; listing: Localized }>;
  biography: Localized;
  portraitMediaId: string | null;
  /** Audio media ids, in playing order. */
  recordings: string[];
  producerId: string | null;
  visibility: 'public' | 'community';
  status: 'draft' | 'published';
}

/**
 * "1921–2003", "约1900年–", from the life dates in the UI's language.
 *
 * @example
 * lifeText({ precision: 'year', year: 1921 }, null, 'zh-CN') // '1921年–'
 */
export function lifeText(born: HistoricalDate | null, died: HistoricalDate | null, locale: 'zh-CN' | 'en'): string {
  if (!born && !died) return '';
  return `${born ? formatHistoricalDate(born, locale) : '?'}–${died ? formatHistoricalDate(died, locale) : ''}`;
}

/** The museum's people: heritage bearers and notable figures, with their life dates and first title. */
export function PersonList() {
  const { base, locale, label } = useWorkspace();
  const m = useMuseumText();
  const list = useLoad(() => api<{ items: Person[] }>('GET', `${base}/museum/people`).then((r) => r.items), [base]);
  return (
    <RecordListPage
      title={m('people')}
      newHref="#/museum-people/new"
      newLabel={m('newPerson')}
      list={list}
      card={(p) => ({
        href: `#/museum-people/${p.id}`,
        data: { 'data-person': p.slug },
        title: pick(p.name, locale),
        meta: [lifeText(p.born, p.died, locale), pick(p.roles[0]?.title, locale), ...statusParts(p, label, m)],
      })}
    />
  );
}

interface RoleDraft {
  titleZh: string;
  titleEn: string;
  listingZh: string;
  listingEn: string;
}
interface PersonDraft {
  slug: string;
  nameZh: string;
  nameEn: string;
  born: DateDraft;
  died: DateDraft;
  roles: RoleDraft[];
  biographyZh: string;
  biographyEn: string;
  portraitMediaId: string | null;
  recordings: string[];
  producerId: string;
  visibility: string;
  status: string;
}

const draftOf = (p: Person): PersonDraft => ({
  slug: p.slug,
  nameZh: p.name['zh-CN'] ?? '',
  nameEn: p.name.en ?? '',
  born: dateDraftOf(p.born),
  died: dateDraftOf(p.died),
  roles: p.roles.map((r) => ({
    titleZh: r.title['zh-CN'] ?? '',
    titleEn: r.title.en ?? '',
    listingZh: r.listing['zh-CN'] ?? '',
    listingEn: r.listing.en ?? '',
  })),
  biographyZh: p.biography['zh-CN'] ?? '',
  biographyEn: p.biography.en ?? '',
  portraitMediaId: p.portraitMediaId,
  recordings: p.recordings ?? [],
  producerId: p.producerId ?? '',
  visibility: p.visibility,
  status: p.status,
});

/** Creates or edits a person: name, life dates (any precision), roles, biography, portrait, voice recordings and producer. */
export function PersonForm({ id }: { id: string | null }) {
  const { t, base, navigate, announce } = useWorkspace();
  const m = useMuseumText();
  const producers = useChoices(['producers']);
  const form = useFormState<PersonDraft>({
    initial: {
      slug: '',
      nameZh: '',
      nameEn: '',
      born: dateDraftOf(null),
      died: dateDraftOf(null),
      roles: [],
      biographyZh: '',
      biographyEn: '',
      portraitMediaId: null,
      recordings: [],
      producerId: '',
      visibility: 'public',
      status: 'published',
    },
    load: id ? () => api<{ person: Person }>('GET', `${base}/museum/people/${id}`).then((r) => draftOf(r.person)) : null,
    deps: [id, base],
  });
  const remove = useDeleteRecord(`${base}/museum/people/${id}`, '#/museum-people');
  const { values: v, errors, set } = form;
  const setRole = (index: number, patch: Partial<RoleDraft>) =>
    form.update((d) => ({ ...d, roles: d.roles.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));

  const save = (event: Event) => {
    event.preventDefault();
    const born = dateFromDraft(v.born, 'born', m);
    const died = dateFromDraft(v.died, 'died', m);
    const clientErrors = { ...basicErrors(v.slug, v.nameZh, v.nameEn, 'name', m), ...born.errors, ...died.errors };
    v.roles.forEach((r, i) => {
      if (!r.titleZh.trim() && !r.titleEn.trim()) clientErrors[`roles.${i}.title`] = m('needTitle');
    });
    if (Object.keys(clientErrors).length) {
      form.setErrors(() => clientErrors);
      announce(t('fixErrors'));
      focusFirstInvalid();
      return;
    }
    void form.submit(async (d) => {
      const body = {
        slug: d.slug,
        name: localized(d.nameZh, d.nameEn),
        born: born.date,
        died: died.date,
        roles: d.roles.map((r) => ({ title: localized(r.titleZh, r.titleEn), listing: localized(r.listingZh, r.listingEn) })),
        biography: localized(d.biographyZh, d.biographyEn),
        portraitMediaId: d.portraitMediaId,
        recordings: d.recordings,
        producerId: d.producerId || null,
        visibility: d.visibility,
        status: d.status,
      };
      if (id) await api('PATCH', `${base}/museum/people/${id}`, body);
      else {
        const { person } = await api<{ person: Person }>('POST', `${base}/museum/people`, body);
        queueMicrotask(() => navigate(`#/museum-people/${person.id}`));
      }
    });
  };

  if (form.loaded.phase !== 'ready') return <LoadState title={m('people')} state={form.loaded} onRetry={form.retry} />;
  const name = v.nameZh || v.nameEn;
  return (
    <Page title={id ? name || m('people') : m('newPerson')}>
      <BackLink href="#/museum-people" title={m('people')} />
      <form class="form" onSubmit={save} noValidate>
        <FormError message={form.formError ?? remove.error} />
        <TextField label={m('personNameZh')} name="name.zh-CN" value={v.nameZh} onInput={(x) => set('nameZh', x)} error={errors['name.zh-CN'] ?? errors.name} />
        <TextField label={m('personNameEn')} name="name.en" value={v.nameEn} onInput={(x) => set('nameEn', x)} error={errors['name.en']} />
        <TextField label={m('slug')} name="slug" value={v.slug} onInput={(x) => set('slug', x)} error={errors.slug} autoComplete="off" />
        <HistoricalDateField legend={m('born')} name="born" value={v.born} onChange={(d) => set('born', d)} errors={errors} optional />
        <HistoricalDateField legend={m('died')} name="died" value={v.died} onChange={(d) => set('died', d)} errors={errors} optional />
        <fieldset>
          <legend>{m('roles')}</legend>
          {v.roles.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: roles have no id; the index is their identity while editing.
            <div class="variant" key={i}>
              <TextField
                label={m('roleTitleZh')}
                name={`roles.${i}.title.zh-CN`}
                value={r.titleZh}
                onInput={(x) => setRole(i, { titleZh: x })}
                error={errors[`roles.${i}.title.zh-CN`] ?? errors[`roles.${i}.title`]}
              />
              <TextField
                label={m('roleListingZh')}
                name={`roles.${i}.listing.zh-CN`}
                value={r.listingZh}
                onInput={(x) => setRole(i, { listingZh: x })}
                error={errors[`roles.${i}.listing.zh-CN`]}
              />
              <button type="button" class="button" onClick={() => form.update((d) => ({ ...d, roles: d.roles.filter((_, j) => j !== i) }))}>
                {m('removeRole')}
              </button>
            </div>
          ))}
          <button
            type="button"
            class="button"
            onClick={() => form.update((d) => ({ ...d, roles: [...d.roles, { titleZh: '', titleEn: '', listingZh: '', listingEn: '' }] }))}
          >
            {m('addRole')}
          </button>
        </fieldset>
        <MarkdownFields
          name="biography"
          zh={v.biographyZh}
          en={v.biographyEn}
          labels={[m('biographyZh'), m('biographyEn')]}
          onZh={(x) => set('biographyZh', x)}
          onEn={(x) => set('biographyEn', x)}
          errors={errors}
        />
        <PhotoField
          legend={m('portrait')}
          name="portrait"
          ids={v.portraitMediaId ? [v.portraitMediaId] : []}
          max={1}
          onChange={(ids) => set('portraitMediaId', ids[0] ?? null)}
          error={errors.portraitMediaId}
        />
        <MediaListField
          legend={m('recordings')}
          name="recordings"
          kinds={['audio']}
          max={20}
          ids={v.recordings}
          onChange={(ids) => set('recordings', ids)}
          errors={errors}
        />
        <SelectField
          label={m('producer')}
          name="producerId"
          value={v.producerId}
          onChange={(x) => set('producerId', x)}
          options={[{ value: '', label: m('notProducer') }, ...(producers.data?.producers ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          error={errors.producerId}
        />
        <VisibilityFields visibility={v.visibility} status={v.status} onChange={(p) => form.update((d) => ({ ...d, ...p }))} errors={errors} />
        <div class="actions sticky">
          <button type="submit" class="button primary" disabled={form.saving}>
            {form.saving ? t('saving') : t('save')}
          </button>
          {id ? (
            <button type="button" class="button danger" onClick={() => void remove.run(name)}>
              {t('delete')}
            </button>
          ) : null}
        </div>
      </form>
      {id ? (
        <LinksEditor path={`${base}/museum/people/${id}`} kinds={['stories', 'products', 'places', 'people']} exclude={id} />
      ) : (
        <p class="muted">{m('linksSaveFirst')}</p>
      )}
    </Page>
  );
}
