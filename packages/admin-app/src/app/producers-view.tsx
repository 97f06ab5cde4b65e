import { useState } from 'preact/hooks';
import { api } from './api';
import { FormError, LoadNotice, LoadState, Page, SelectField, TextField } from './form-fields';
import { useFormState, useLoad } from './form-state';
import { useWorkspace } from './workspace';

interface Localized {
  'zh-CN'?: string;
  en?: string;
}
interface Producer {
  id: string;
  slug: string;
  kind: string;
  name: Localized;
  profile: Localized;
  place?: { name: Localized; region?: Localized };
}

const KINDS = ['farmer', 'farm', 'artisan', 'workshop'];

/** The orchards, families and workshops behind the products. */
export function ProducerList() {
  const { t, label, base, navigate } = useWorkspace();
  const list = useLoad(() => api<{ items: Producer[] }>('GET', `${base}/producers?limit=200`).then((r) => r.items), [base]);
  return (
    <Page
      title={t('navProducers')}
      actions={
        <a class="button primary" href="#/producers/new">
          {t('newProducer')}
        </a>
      }
    >
      <LoadNotice state={list.state} onRetry={list.retry} />
      {list.data?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {list.data?.map((p) => (
          <li key={p.id}>
            <a
              class="card"
              href={`#/producers/${p.id}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`#/producers/${p.id}`);
              }}
            >
              <span class="card-text">
                <strong>{p.name['zh-CN'] ?? p.name.en}</strong>
                <span class="muted">
                  {label(p.kind)}
                  {p.place?.name['zh-CN'] ? ` · ${p.place.name['zh-CN']}` : ''}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}

interface ProducerDraft {
  nameZh: string;
  nameEn: string;
  slug: string;
  kind: string;
  profileZh: string;
  profileEn: string;
  placeZh: string;
  /** Fields of the record this form does not edit (portrait, map position), sent back unchanged. */
  place?: Producer['place'];
}

const draftOf = (p: Producer): ProducerDraft => ({
  nameZh: p.name['zh-CN'] ?? '',
  nameEn: p.name.en ?? '',
  slug: p.slug,
  kind: p.kind,
  profileZh: p.profile['zh-CN'] ?? '',
  profileEn: p.profile.en ?? '',
  placeZh: p.place?.name['zh-CN'] ?? '',
  place: p.place,
});

const text = (zh: string, en: string): Localized => ({ ...(zh.trim() ? { 'zh-CN': zh } : {}), ...(en.trim() ? { en } : {}) });

export function ProducerForm({ id }: { id: string | null }) {
  const { t, label, base, navigate, announce, setDirty, errorMessage } = useWorkspace();
  const form = useFormState<ProducerDraft>({
    initial: { nameZh: '', nameEn: '', slug: '', kind: 'farmer', profileZh: '', profileEn: '', placeZh: '' },
    load: id ? () => api<{ producer: Producer }>('GET', `${base}/producers/${id}`).then((r) => draftOf(r.producer)) : null,
    deps: [id, base],
  });
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const { values, errors, set } = form;

  const save = (event: Event) => {
    event.preventDefault();
    void form.submit(async (d) => {
      // With no place name the place is left out (PATCH: `null` removes it).
      const place = d.placeZh.trim() ? { ...d.place, name: { ...d.place?.name, 'zh-CN': d.placeZh.trim() } } : id ? null : undefined;
      const body = {
        slug: d.slug,
        kind: d.kind,
        name: text(d.nameZh, d.nameEn),
        profile: text(d.profileZh, d.profileEn),
        ...(place !== undefined ? { place } : {}),
      };
      if (id) await api('PATCH', `${base}/producers/${id}`, body);
      else {
        const { producer } = await api<{ producer: Producer }>('POST', `${base}/producers`, body);
        queueMicrotask(() => navigate(`#/producers/${producer.id}`));
      }
    });
  };

  async function remove() {
    if (!id || !confirm(t('confirmDeleteProducer').replace('{name}', values.nameZh || values.nameEn))) return;
    setDeleteError(null);
    try {
      await api('DELETE', `${base}/producers/${id}`);
      setDirty(false);
      announce(t('deleted'));
      navigate('#/producers');
    } catch (e) {
      setDeleteError(errorMessage(e));
    }
  }

  if (form.loaded.phase !== 'ready') return <LoadState title={t('navProducers')} state={form.loaded} onRetry={form.retry} />;
  return (
    <Page title={id ? values.nameZh || values.nameEn : t('newProducer')}>
      <p>
        <a href="#/producers">← {t('navProducers')}</a>
      </p>
      <form class="form" onSubmit={save} noValidate>
        <FormError message={form.formError ?? deleteError} />
        <TextField
          label={t('producerNameZh')}
          name="name.zh-CN"
          value={values.nameZh}
          onInput={(v) => set('nameZh', v)}
          error={errors['name.zh-CN'] ?? errors.name}
        />
        <TextField label={t('producerNameEn')} name="name.en" value={values.nameEn} onInput={(v) => set('nameEn', v)} error={errors['name.en']} />
        <TextField label={t('slug')} name="slug" value={values.slug} onInput={(v) => set('slug', v)} error={errors.slug} autoComplete="off" />
        <SelectField
          label={t('kind')}
          name="kind"
          value={values.kind}
          onChange={(v) => set('kind', v)}
          options={KINDS.map((k) => ({ value: k, label: label(k) }))}
          error={errors.kind}
        />
        <TextField
          label={t('placeZh')}
          name="place.name.zh-CN"
          value={values.placeZh}
          onInput={(v) => set('placeZh', v)}
          error={errors['place.name.zh-CN'] ?? errors.place}
        />
        <TextField
          label={t('profileZh')}
          name="profile.zh-CN"
          value={values.profileZh}
          onInput={(v) => set('profileZh', v)}
          multiline
          rows={5}
          error={errors['profile.zh-CN']}
        />
        <TextField
          label={t('profileEn')}
          name="profile.en"
          value={values.profileEn}
          onInput={(v) => set('profileEn', v)}
          multiline
          rows={4}
          error={errors['profile.en']}
        />
        <div class="actions sticky">
          <button type="submit" class="button primary" disabled={form.saving}>
            {form.saving ? t('saving') : t('save')}
          </button>
          {id ? (
            <button type="button" class="button danger" onClick={() => void remove()}>
              {t('delete')}
            </button>
          ) : null}
        </div>
      </form>
    </Page>
  );
}
