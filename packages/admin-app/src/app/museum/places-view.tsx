import { api } from '../api';
import { focusFirstInvalid, FormError, LoadNotice, LoadState, Page, SelectField, TextField } from '../form-fields';
import { useFormState, useLoad } from '../form-state';
import { useWorkspace } from '../workspace';
import {
  asciiDigits,
  BackLink,
  basicErrors,
  LinksEditor,
  localized,
  pick,
  useDeleteRecord,
  VisibilityFields,
  type Localized,
  MarkdownFields,
  RecordListPage,
  statusParts,
} from './museum-parts';
import { useMuseumText } from './museum-text';
import { PhotoField } from './photo-field';
import { MapCanvas, MapUpload, percent, useVillageMap, type MapPin } from './village-map';

export const PLACE_KINDS = ['orchard', 'river', 'temple', 'well', 'ancestral-hall', 'workshop', 'market', 'scenic-spot', 'other'] as const;
const KIND_TEXT: Record<'zh-CN' | 'en', Record<(typeof PLACE_KINDS)[number], string>> = {
  'zh-CN': {
    orchard: '果园',
    river: '河流',
    temple: '庙宇',
    well: '水井',
    'ancestral-hall': '祠堂',
    workshop: '作坊',
    market: '集市',
    'scenic-spot': '景点',
    other: '其他',
  },
  en: {
    orchard: 'Orchard',
    river: 'River',
    temple: 'Temple',
    well: 'Well',
    'ancestral-hall': 'Ancestral hall',
    workshop: 'Workshop',
    market: 'Market',
    'scenic-spot': 'Scenic spot',
    other: 'Other',
  },
};

/** A place as the admin API answers it. */
export interface Place {
  id: string;
  slug: string;
  kind: (typeof PLACE_KINDS)[number];
  name: Localized;
  description: Localized;
  coordinates: { latitude: number; longitude: number } | null;
  pin: MapPin | null;
  media: string[];
  visibility: 'public' | 'community';
  status: 'draft' | 'published';
}

/** Places of the village: the village map with every pin (upload or replace it here) and the list. */
export function PlaceList() {
  const { base, locale, label } = useWorkspace();
  const m = useMuseumText();
  const list = useLoad(() => api<{ items: Place[] }>('GET', `${base}/museum/places`).then((r) => r.items), [base]);
  const map = useVillageMap();
  const pinned = (list.data ?? []).filter((p) => p.pin);
  return (
    <RecordListPage
      title={m('places')}
      newHref="#/museum-places/new"
      newLabel={m('newPlace')}
      list={list}
      card={(p) => ({
        href: `#/museum-places/${p.id}`,
        title: pick(p.name, locale),
        meta: [KIND_TEXT[locale][p.kind], ...statusParts(p, label, m), p.pin ? `📍 ${percent(p.pin.x)}%, ${percent(p.pin.y)}%` : m('pinNone')],
      })}
    >
      <section class="panel" aria-labelledby="map-title">
        <h2 id="map-title">{m('villageMap')}</h2>
        <LoadNotice state={map.state} onRetry={map.retry} />
        {map.state.phase === 'ready' && !map.data ? <p class="muted">{m('mapNone')}</p> : null}
        {map.state.phase === 'ready' ? (
          <MapCanvas
            image={map.data}
            label=""
            pins={pinned.map((p) => ({ id: p.id, name: pick(p.name, locale), pin: p.pin!, href: `#/museum-places/${p.id}` }))}
          />
        ) : null}
        <MapUpload hasMap={!!map.data} onSaved={map.reload} />
      </section>
    </RecordListPage>
  );
}

interface PlaceDraft {
  slug: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  latitude: string;
  longitude: string;
  /** Percent from the left / top as typed, '' for no pin. */
  pinX: string;
  pinY: string;
  visibility: string;
  status: string;
  /** Media ids of the place's photos. */
  media: string[];
}

const draftOf = (p: Place): PlaceDraft => ({
  slug: p.slug,
  kind: p.kind,
  nameZh: p.name['zh-CN'] ?? '',
  nameEn: p.name.en ?? '',
  descriptionZh: p.description['zh-CN'] ?? '',
  descriptionEn: p.description.en ?? '',
  latitude: p.coordinates ? String(p.coordinates.latitude) : '',
  longitude: p.coordinates ? String(p.coordinates.longitude) : '',
  pinX: p.pin ? String(percent(p.pin.x)) : '',
  pinY: p.pin ? String(percent(p.pin.y)) : '',
  visibility: p.visibility,
  status: p.status,
  media: p.media,
});

const number = (typed: string) => {
  const text = asciiDigits(typed);
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : null;
};

/** Creates or edits a place: names, kind, description, coordinates, and its pin on the village map (tap, arrow keys or numbers). */
export function PlaceForm({ id }: { id: string | null }) {
  const { t, base, locale, navigate, announce } = useWorkspace();
  const m = useMuseumText();
  const map = useVillageMap();
  const form = useFormState<PlaceDraft>({
    initial: {
      slug: '',
      kind: 'well',
      nameZh: '',
      nameEn: '',
      descriptionZh: '',
      descriptionEn: '',
      latitude: '',
      longitude: '',
      pinX: '',
      pinY: '',
      visibility: 'public',
      status: 'published',
      media: [],
    },
    load: id ? () => api<{ place: Place }>('GET', `${base}/museum/places/${id}`).then((r) => draftOf(r.place)) : null,
    deps: [id, base],
  });
  const remove = useDeleteRecord(`${base}/museum/places/${id}`, '#/museum-places');
  const { values: v, errors, set } = form;
  const name = v.nameZh || v.nameEn || m('newPlace');
  const pinX = number(v.pinX);
  const pinY = number(v.pinY);
  const pin = pinX !== null && pinY !== null && pinX >= 0 && pinX <= 100 && pinY >= 0 && pinY <= 100 ? { x: pinX / 100, y: pinY / 100 } : null;
  const setPin = (next: MapPin) => {
    form.update((d) => ({ ...d, pinX: String(percent(next.x)), pinY: String(percent(next.y)) }));
    announce(m('pinSet', { x: percent(next.x), y: percent(next.y) }));
  };

  const save = (event: Event) => {
    event.preventDefault();
    const clientErrors = basicErrors(v.slug, v.nameZh, v.nameEn, 'name', m);
    const lat = number(v.latitude);
    const lng = number(v.longitude);
    if ((v.latitude.trim() === '') !== (v.longitude.trim() === '')) clientErrors['coordinates.latitude'] = m('coordinatesHalf');
    if (v.latitude.trim() && (lat === null || lat < -90 || lat > 90)) clientErrors['coordinates.latitude'] = m('badCoordinate');
    if (v.longitude.trim() && (lng === null || lng < -180 || lng > 180)) clientErrors['coordinates.longitude'] = m('badCoordinate');
    const noPin = v.pinX.trim() === '' && v.pinY.trim() === '';
    if (!noPin && !pin) clientErrors[pinX === null || pinX < 0 || pinX > 100 ? 'pin.x' : 'pin.y'] = m('pinRange');
    if (Object.keys(clientErrors).length) {
      form.setErrors(() => clientErrors);
      announce(t('fixErrors'));
      focusFirstInvalid();
      return;
    }
    void form.submit(async (d) => {
      const body = {
        slug: d.slug,
        kind: d.kind,
        name: localized(d.nameZh, d.nameEn),
        description: localized(d.descriptionZh, d.descriptionEn),
        coordinates: lat !== null && lng !== null ? { latitude: lat, longitude: lng } : null,
        pin: noPin ? null : pin,
        visibility: d.visibility,
        status: d.status,
        media: d.media,
      };
      if (id) await api('PATCH', `${base}/museum/places/${id}`, body);
      else {
        const { place } = await api<{ place: Place }>('POST', `${base}/museum/places`, body);
        queueMicrotask(() => navigate(`#/museum-places/${place.id}`));
      }
    });
  };

  if (form.loaded.phase !== 'ready') return <LoadState title={m('places')} state={form.loaded} onRetry={form.retry} />;
  return (
    <Page title={id ? name : m('newPlace')}>
      <BackLink href="#/museum-places" title={m('places')} />
      <form class="form" onSubmit={save} noValidate>
        <FormError message={form.formError ?? remove.error} />
        <TextField label={m('nameZh')} name="name.zh-CN" value={v.nameZh} onInput={(x) => set('nameZh', x)} error={errors['name.zh-CN'] ?? errors.name} />
        <TextField label={m('nameEn')} name="name.en" value={v.nameEn} onInput={(x) => set('nameEn', x)} error={errors['name.en']} />
        <TextField label={m('slug')} name="slug" value={v.slug} onInput={(x) => set('slug', x)} error={errors.slug} autoComplete="off" />
        <SelectField
          label={m('placeKind')}
          name="kind"
          value={v.kind}
          onChange={(x) => set('kind', x)}
          options={PLACE_KINDS.map((k) => ({ value: k, label: KIND_TEXT[locale][k] }))}
          error={errors.kind}
        />
        <fieldset class={`pin-field${errors['pin.x'] || errors['pin.y'] || errors.pin ? ' field-invalid' : ''}`}>
          <legend>{m('villageMap')}</legend>
          <p class="muted" id="pin-help">
            {m('mapHelp', { name })}
          </p>
          <LoadNotice state={map.state} onRetry={map.retry} />
          {map.state.phase === 'ready' ? (
            <MapCanvas image={map.data} label={m('mapPinButton', { name })} pins={pin ? [{ id: 'this', name, pin, editable: true }] : []} onPin={setPin} />
          ) : null}
          <p class="muted" id="pin-keys">
            {m('pinKeys')}
          </p>
          <p class="pin-state" data-pin-state>
            {pin ? m('pinSet', { x: percent(pin.x), y: percent(pin.y) }) : m('pinNone')}
          </p>
          <div class="row">
            <TextField label={m('pinX')} name="pin.x" value={v.pinX} onInput={(x) => set('pinX', x)} inputMode="decimal" error={errors['pin.x']} />
            <TextField label={m('pinY')} name="pin.y" value={v.pinY} onInput={(x) => set('pinY', x)} inputMode="decimal" error={errors['pin.y']} />
          </div>
          {pin ? (
            <button type="button" class="button" onClick={() => form.update((d) => ({ ...d, pinX: '', pinY: '' }))}>
              {m('pinClear')}
            </button>
          ) : null}
        </fieldset>
        <div class="row">
          <TextField
            label={m('latitude')}
            name="coordinates.latitude"
            value={v.latitude}
            onInput={(x) => set('latitude', x)}
            inputMode="decimal"
            error={errors['coordinates.latitude'] ?? errors.coordinates}
          />
          <TextField
            label={m('longitude')}
            name="coordinates.longitude"
            value={v.longitude}
            onInput={(x) => set('longitude', x)}
            inputMode="decimal"
            error={errors['coordinates.longitude']}
          />
        </div>
        <MarkdownFields
          name="description"
          zh={v.descriptionZh}
          en={v.descriptionEn}
          labels={[m('descriptionZh'), m('descriptionEn')]}
          onZh={(x) => set('descriptionZh', x)}
          onEn={(x) => set('descriptionEn', x)}
          errors={errors}
        />
        <PhotoField
          legend={m('placePhotos')}
          name="place-photos"
          ids={v.media}
          max={20}
          onChange={(ids) => set('media', ids)}
          error={errors.media ?? Object.entries(errors).find(([k]) => k.startsWith('media.'))?.[1]}
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
        <LinksEditor path={`${base}/museum/places/${id}`} kinds={['stories', 'products', 'producers', 'people']} />
      ) : (
        <p class="muted">{m('linksSaveFirst')}</p>
      )}
    </Page>
  );
}
