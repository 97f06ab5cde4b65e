import { useState } from 'preact/hooks';
import { api } from '../api';
import { focusFirstInvalid, FormError, LoadNotice, LoadState, Page, SelectField, TextField } from '../form-fields';
import { useFormState, useLoad } from '../form-state';
import { useWorkspace } from '../workspace';
import {
  BackLink,
  basicErrors,
  localized,
  pick,
  useChoices,
  useDeleteRecord,
  VisibilityFields,
  type Choice,
  type Localized,
  MarkdownFields,
  RecordListPage,
  statusParts,
} from './museum-parts';
import { useMuseumText, type MuseumKey } from './museum-text';

export const EXHIBIT_KINDS = ['story', 'chronicle', 'person', 'place', 'product', 'media'] as const;
type ExhibitKind = (typeof EXHIBIT_KINDS)[number];

/** A hall as the admin API answers it: exhibits in the order shown. */
export interface Hall {
  id: string;
  slug: string;
  title: Localized;
  intro: Localized;
  exhibits: Array<{ kind: ExhibitKind; targetId: string; caption: Localized }>;
  visibility: 'public' | 'community';
  status: 'draft' | 'published';
}

/** The museum's halls with how many exhibits each has. */
export function HallList() {
  const { base, locale, label } = useWorkspace();
  const m = useMuseumText();
  const list = useLoad(() => api<{ items: Hall[] }>('GET', `${base}/museum/halls`).then((r) => r.items), [base]);
  return (
    <RecordListPage
      title={m('halls')}
      newHref="#/museum-halls/new"
      newLabel={m('newHall')}
      list={list}
      card={(hall) => ({
        href: `#/museum-halls/${hall.id}`,
        data: { 'data-hall': hall.slug },
        title: pick(hall.title, locale),
        meta: [`${m('exhibits')}: ${hall.exhibits.length}`, ...statusParts(hall, label, m)],
      })}
    />
  );
}

interface ExhibitDraft {
  /** Stable while editing, so a moved exhibit keeps its element (and the focus on its button). */
  key: number;
  kind: ExhibitKind;
  targetId: string;
  captionZh: string;
  captionEn: string;
}
interface HallDraft {
  slug: string;
  titleZh: string;
  titleEn: string;
  introZh: string;
  introEn: string;
  exhibits: ExhibitDraft[];
  visibility: string;
  status: string;
}

let nextKey = 1;
// Not `h`: the classic JSX runtime compiles tags to h(…).
const draftOf = (hall: Hall): HallDraft => ({
  slug: hall.slug,
  titleZh: hall.title['zh-CN'] ?? '',
  titleEn: hall.title.en ?? '',
  introZh: hall.intro['zh-CN'] ?? '',
  introEn: hall.intro.en ?? '',
  exhibits: hall.exhibits.map((e) => ({
    key: nextKey++,
    kind: e.kind,
    targetId: e.targetId,
    captionZh: e.caption['zh-CN'] ?? '',
    captionEn: e.caption.en ?? '',
  })),
  visibility: hall.visibility,
  status: hall.status,
});

const CHOICE_KIND: Record<ExhibitKind, 'stories' | 'chronicle' | 'people' | 'places' | 'products' | 'media'> = {
  story: 'stories',
  chronicle: 'chronicle',
  person: 'people',
  place: 'places',
  product: 'products',
  media: 'media',
};

/** The records an exhibit can show, by kind (photos and recordings from the media library included). */
function useExhibitChoices() {
  const { base, locale } = useWorkspace();
  const records = useChoices(['stories', 'chronicle', 'people', 'places', 'products']);
  const media = useLoad(
    () =>
      api<{ items: Array<{ id: string; kind: string; alt?: Localized; caption?: Localized; transcript?: Localized }> }>('GET', `${base}/media?limit=200`).then(
        (r) =>
          r.items.map((i): Choice => ({ id: i.id, name: pick(i.caption, locale) || pick(i.alt, locale) || pick(i.transcript, locale).slice(0, 40) || i.id })),
      ),
    [base, locale],
  );
  return {
    state: records.state.phase !== 'ready' ? records.state : media.state,
    retry: () => (records.retry(), media.retry()),
    of: (kind: ExhibitKind): Choice[] => (kind === 'media' ? (media.data ?? []) : (records.data?.[CHOICE_KIND[kind] as 'stories'] ?? [])),
  };
}

/**
 * Creates or edits a hall: title, introduction, and exhibits in order with captions. Up/down
 * buttons move an exhibit; on a saved hall with no exhibits added or removed since, the new order
 * is saved at once (`PUT …/order`), otherwise with the form.
 */
export function HallForm({ id }: { id: string | null }) {
  const { t, base, navigate, announce, errorMessage } = useWorkspace();
  const m = useMuseumText();
  const choices = useExhibitChoices();
  const [saved, setSaved] = useState<string[] | null>(null);
  const form = useFormState<HallDraft>({
    initial: { slug: '', titleZh: '', titleEn: '', introZh: '', introEn: '', exhibits: [], visibility: 'public', status: 'published' },
    load: id
      ? () =>
          api<{ hall: Hall }>('GET', `${base}/museum/halls/${id}`).then((r) => {
            setSaved(r.hall.exhibits.map((e) => `${e.kind}:${e.targetId}`));
            return draftOf(r.hall);
          })
      : null,
    deps: [id, base],
  });
  const remove = useDeleteRecord(`${base}/museum/halls/${id}`, '#/museum-halls');
  const [newKind, setNewKind] = useState<ExhibitKind>('place');
  const [newTarget, setNewTarget] = useState('');
  const [orderError, setOrderError] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const { values: v, errors, set } = form;
  const nameOf = (e: { kind: ExhibitKind; targetId: string }) => choices.of(e.kind).find((c) => c.id === e.targetId)?.name ?? e.targetId;

  async function move(index: number, by: -1 | 1) {
    const to = index + by;
    if (to < 0 || to >= v.exhibits.length || moving) return;
    const order = v.exhibits.map((_, i) => i);
    [order[index], order[to]] = [order[to]!, order[index]!];
    const reordered = order.map((i) => v.exhibits[i]!);
    const same = saved && saved.join() === v.exhibits.map((e) => `${e.kind}:${e.targetId}`).join();
    setOrderError(null);
    const moved = v.exhibits[index]!;
    if (id && same) {
      // Only the order changed since the last save: keep it at once, as the curator sees it.
      setMoving(true);
      try {
        const { hall } = await api<{ hall: Hall }>('PUT', `${base}/museum/halls/${id}/order`, { order });
        setSaved(hall.exhibits.map((e) => `${e.kind}:${e.targetId}`));
        // Other unsaved edits stay unsaved; with none, the form is as saved.
        if (form.dirty) form.update((d) => ({ ...d, exhibits: order.map((i) => d.exhibits[i]!) }));
        else form.reset({ ...v, exhibits: reordered });
        announce(`${m('moved', { name: nameOf(moved), n: to + 1 })} · ${m('orderSaved')}`);
      } catch (e) {
        setOrderError(errorMessage(e));
      } finally {
        setMoving(false);
      }
    } else {
      form.update((d) => ({ ...d, exhibits: order.map((i) => d.exhibits[i]!) }));
      announce(m('moved', { name: nameOf(moved), n: to + 1 }));
    }
  }

  const save = (event: Event) => {
    event.preventDefault();
    const clientErrors = basicErrors(v.slug, v.titleZh, v.titleEn, 'title', m);
    if (Object.keys(clientErrors).length) {
      form.setErrors(() => clientErrors);
      announce(t('fixErrors'));
      focusFirstInvalid();
      return;
    }
    void form.submit(async (d) => {
      const body = {
        slug: d.slug,
        title: localized(d.titleZh, d.titleEn),
        intro: localized(d.introZh, d.introEn),
        exhibits: d.exhibits.map((e) => ({ kind: e.kind, targetId: e.targetId, caption: localized(e.captionZh, e.captionEn) })),
        visibility: d.visibility,
        status: d.status,
      };
      if (id) {
        const { hall } = await api<{ hall: Hall }>('PATCH', `${base}/museum/halls/${id}`, body);
        setSaved(hall.exhibits.map((e) => `${e.kind}:${e.targetId}`));
      } else {
        const { hall } = await api<{ hall: Hall }>('POST', `${base}/museum/halls`, body);
        queueMicrotask(() => navigate(`#/museum-halls/${hall.id}`));
      }
    });
  };

  if (form.loaded.phase !== 'ready') return <LoadState title={m('halls')} state={form.loaded} onRetry={form.retry} />;
  const title = v.titleZh || v.titleEn;
  const setExhibit = (key: number, patch: Partial<ExhibitDraft>) =>
    form.update((d) => ({ ...d, exhibits: d.exhibits.map((e) => (e.key === key ? { ...e, ...patch } : e)) }));
  const targets = choices.of(newKind);
  return (
    <Page title={id ? title || m('halls') : m('newHall')}>
      <BackLink href="#/museum-halls" title={m('halls')} />
      <form class="form" onSubmit={save} noValidate>
        <FormError message={form.formError ?? remove.error} />
        <TextField label={m('titleZh')} name="title.zh-CN" value={v.titleZh} onInput={(x) => set('titleZh', x)} error={errors['title.zh-CN'] ?? errors.title} />
        <TextField label={m('titleEn')} name="title.en" value={v.titleEn} onInput={(x) => set('titleEn', x)} error={errors['title.en']} />
        <TextField label={m('slug')} name="slug" value={v.slug} onInput={(x) => set('slug', x)} error={errors.slug} autoComplete="off" />
        <MarkdownFields
          name="intro"
          zh={v.introZh}
          en={v.introEn}
          labels={[m('introZh'), m('introEn')]}
          onZh={(x) => set('introZh', x)}
          onEn={(x) => set('introEn', x)}
          errors={errors}
        />
        <VisibilityFields visibility={v.visibility} status={v.status} onChange={(p) => form.update((d) => ({ ...d, ...p }))} errors={errors} />

        <fieldset>
          <legend>{m('exhibits')}</legend>
          <LoadNotice state={choices.state} onRetry={choices.retry} />
          <FormError message={orderError} />
          {v.exhibits.length === 0 ? <p class="muted">{m('noExhibits')}</p> : null}
          <ol class="exhibits">
            {v.exhibits.map((e, i) => {
              const label = m('exhibitN', { n: i + 1, name: nameOf(e) });
              const fieldError = errors[`exhibits.${i}.targetId`] ?? errors[`exhibits.${i}`];
              return (
                <li key={e.key} class={`exhibit${fieldError ? ' field-invalid' : ''}`} data-exhibit={e.targetId}>
                  <div class="exhibit-head">
                    <strong id={`exhibit-${e.key}`}>
                      {label} <span class="muted">({m(`kind_${e.kind}` as MuseumKey)})</span>
                    </strong>
                    <button type="button" class="button" aria-describedby={`exhibit-${e.key}`} disabled={i === 0 || moving} onClick={() => void move(i, -1)}>
                      ↑ {m('moveUp')}
                    </button>
                    <button
                      type="button"
                      class="button"
                      aria-describedby={`exhibit-${e.key}`}
                      disabled={i === v.exhibits.length - 1 || moving}
                      onClick={() => void move(i, 1)}
                    >
                      ↓ {m('moveDown')}
                    </button>
                    <button
                      type="button"
                      class="button danger"
                      aria-describedby={`exhibit-${e.key}`}
                      onClick={() => {
                        form.update((d) => ({ ...d, exhibits: d.exhibits.filter((x) => x.key !== e.key) }));
                        announce(`${m('removeExhibit')}: ${nameOf(e)}`);
                      }}
                    >
                      {m('removeExhibit')}
                    </button>
                  </div>
                  {fieldError ? <p class="field-error">{fieldError}</p> : null}
                  <TextField
                    label={`${m('exhibitCaptionZh')} · ${i + 1}`}
                    name={`exhibits.${i}.caption.zh-CN`}
                    value={e.captionZh}
                    onInput={(x) => setExhibit(e.key, { captionZh: x })}
                    error={errors[`exhibits.${i}.caption.zh-CN`]}
                  />
                  <TextField
                    label={`${m('exhibitCaptionEn')} · ${i + 1}`}
                    name={`exhibits.${i}.caption.en`}
                    value={e.captionEn}
                    onInput={(x) => setExhibit(e.key, { captionEn: x })}
                    error={errors[`exhibits.${i}.caption.en`]}
                  />
                </li>
              );
            })}
          </ol>
          <div class="panel">
            <SelectField
              label={m('exhibitKind')}
              name="new-exhibit-kind"
              value={newKind}
              onChange={(x) => {
                setNewKind(x as ExhibitKind);
                setNewTarget('');
              }}
              options={EXHIBIT_KINDS.map((k) => ({ value: k, label: m(`kind_${k}` as MuseumKey) }))}
            />
            <SelectField
              label={m('exhibitTarget')}
              name="new-exhibit-target"
              value={newTarget}
              onChange={setNewTarget}
              options={[{ value: '', label: m('chooseTarget') }, ...targets.map((c) => ({ value: c.id, label: c.name }))]}
            />
            <button
              type="button"
              class="button"
              disabled={!newTarget}
              onClick={() => {
                form.update((d) => ({ ...d, exhibits: [...d.exhibits, { key: nextKey++, kind: newKind, targetId: newTarget, captionZh: '', captionEn: '' }] }));
                announce(`${m('addExhibit')}: ${targets.find((c) => c.id === newTarget)?.name ?? ''}`);
                setNewTarget('');
              }}
            >
              {m('addExhibit')}
            </button>
          </div>
        </fieldset>

        <div class="actions sticky">
          <button type="submit" class="button primary" disabled={form.saving}>
            {form.saving ? t('saving') : t('save')}
          </button>
          {id ? (
            <button type="button" class="button danger" onClick={() => void remove.run(title)}>
              {t('delete')}
            </button>
          ) : null}
        </div>
      </form>
    </Page>
  );
}
