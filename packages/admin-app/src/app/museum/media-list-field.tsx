/** An ordered list of media-library items on a museum record: a person's voice recordings, a chronicle entry's pictures and recordings. */
import { useState } from 'preact/hooks';
import { api, ApiError, sendWithProgress } from '../api';
import { ACCEPT, FileField, SelectField, TextField, UploadProgress } from '../form-fields';
import { useLoad } from '../form-state';
import { useWorkspace } from '../workspace';
import { pick, type Localized } from './museum-parts';
import { useMuseumText, type MuseumKey } from './museum-text';

type Kind = 'image' | 'audio' | 'video';

/** A media-library item as the admin API answers it. */
interface LibraryItem {
  id: string;
  kind: Kind;
  url: string;
  mimeType: string;
  alt?: Localized;
  caption?: Localized;
  transcript?: Localized;
  durationSeconds?: number | null;
  createdAt: string;
}

const KIND_LABEL: Record<Kind, MuseumKey> = { image: 'kindImage', audio: 'kindAudio', video: 'kindVideo' };

/**
 * Media ids in order, each shown (a picture, or a player that loads nothing until pressed) with
 * buttons to move it up or down and to remove it; more are chosen from the cooperative's media
 * library or uploaded (a picture needs its description, a recording may bring its caption and
 * transcript). Every control is a native button, select or file input, reachable by keyboard;
 * each change is announced. Server errors on `{name}.{i}` show beside that item.
 *
 * @example
 * <MediaListField legend={m('recordings')} name="recordings" kinds={['audio']} max={20} ids={v.recordings} onChange={(ids) => set('recordings', ids)} errors={errors} />
 */
export function MediaListField(props: {
  legend: string;
  name: string;
  kinds: Kind[];
  max: number;
  ids: string[];
  onChange: (ids: string[]) => void;
  errors: Record<string, string>;
}) {
  const m = useMuseumText();
  const { base, locale, announce, errorText, errorMessage } = useWorkspace();
  const [choice, setChoice] = useState('');
  const [altZh, setAltZh] = useState('');
  const [captionZh, setCaptionZh] = useState('');
  const [transcriptZh, setTranscriptZh] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [added, setAdded] = useState<LibraryItem[]>([]);
  const kindQuery = props.kinds.length === 1 ? `&kind=${props.kinds[0]}` : '';
  const library = useLoad(
    () => api<{ items: LibraryItem[] }>('GET', `${base}/media?limit=500${kindQuery}`).then((r) => r.items.filter((item) => props.kinds.includes(item.kind))),
    [base, kindQuery],
  );
  const known = new Map([...(library.data ?? []), ...added].map((item) => [item.id, item]));
  const nameOf = (item: LibraryItem | undefined, id: string) => {
    if (!item) return id;
    const text = pick(item.caption, locale) || pick(item.alt, locale) || pick(item.transcript, locale).slice(0, 40);
    return `${m(KIND_LABEL[item.kind])}${locale === 'zh-CN' ? '：' : ': '}${text || item.createdAt.slice(0, 10)}`;
  };
  const full = props.ids.length >= props.max;
  const onlyAudio = props.kinds.length === 1 && props.kinds[0] === 'audio';

  const move = (index: number, by: -1 | 1) => {
    const ids = [...props.ids];
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    props.onChange(ids);
    announce(m('mediaMoved', { n: index + by + 1 }));
    // The focus stays on the same button of the moved item (or its other one at an end).
    const at = index + by;
    const atEnd = by < 0 ? at === 0 : at === ids.length - 1;
    const button = by < 0 !== atEnd ? 'up' : 'down';
    requestAnimationFrame(() => document.getElementById(`${props.name}-${button}-${id}`)?.focus());
  };
  const remove = (index: number) => {
    const id = props.ids[index]!;
    props.onChange(props.ids.filter((x) => x !== id));
    announce(m('mediaRemoved'));
    requestAnimationFrame(() => document.getElementById(`field-${props.name}-choice`)?.focus());
  };
  const add = (id: string) => {
    if (!id || props.ids.includes(id)) return;
    props.onChange([...props.ids, id]);
    setChoice('');
    announce(m('mediaAdded'));
  };

  async function upload(file: File) {
    setUploadError(null);
    const isImage = file.type.startsWith('image/');
    if (isImage && !altZh.trim()) {
      setUploadError(m('mediaAltZh'));
      document.getElementById(`field-${props.name}-alt`)?.focus();
      return;
    }
    const data = new FormData();
    data.set('file', file);
    if (altZh.trim()) data.set('alt.zh-CN', altZh.trim());
    if (captionZh.trim()) data.set('caption.zh-CN', captionZh.trim());
    if (transcriptZh.trim()) data.set('transcript.zh-CN', transcriptZh.trim());
    setProgress(0);
    try {
      const { media } = await sendWithProgress<{ media: LibraryItem }>('POST', `${base}/media`, data, setProgress);
      if (!props.kinds.includes(media.kind)) {
        setUploadError(m('wrongKindUploaded', { kind: m(KIND_LABEL[media.kind]) }));
        return;
      }
      setAdded((list) => [...list.filter((x) => x.id !== media.id), media]);
      add(media.id);
      setAltZh('');
      setCaptionZh('');
      setTranscriptZh('');
    } catch (e) {
      setUploadError(e instanceof ApiError && e.status !== 0 ? errorText(e.code, e.message) : errorMessage(e));
    } finally {
      setProgress(null);
    }
  }

  const choices = (library.data ?? []).filter((item) => !props.ids.includes(item.id));
  const listError = props.errors[props.name];
  return (
    <fieldset class={`media-list${listError ? ' field-invalid' : ''}`}>
      <legend>{props.legend}</legend>
      {listError ? <p class="field-error">{listError}</p> : null}
      {props.ids.length ? (
        <ol class="media-items">
          {props.ids.map((id, i) => {
            const item = known.get(id);
            const name = nameOf(item, id);
            const error = props.errors[`${props.name}.${i}`];
            return (
              <li key={id} data-media={id} class={error ? 'field-invalid' : ''}>
                {item?.kind === 'image' ? (
                  <img src={item.url} alt={pick(item.alt, locale) || name} width={96} height={96} />
                ) : item?.kind === 'video' ? (
                  // biome-ignore lint/a11y/useMediaCaption: the transcript is the film's text alternative, shown on the public pages.
                  <video controls preload="none" src={item.url} aria-label={name} width={160} />
                ) : item ? (
                  // biome-ignore lint/a11y/useMediaCaption: the transcript is the recording's text alternative, shown on the public pages.
                  <audio controls preload="none" src={item.url} aria-label={name} />
                ) : null}
                <p class="media-name">{name}</p>
                {error ? <p class="field-error">{error}</p> : null}
                <div class="media-actions">
                  <button type="button" class="button" id={`${props.name}-up-${id}`} disabled={i === 0} onClick={() => move(i, -1)}>
                    {m('moveUp')}
                    <span class="visually-hidden">: {name}</span>
                  </button>
                  <button type="button" class="button" id={`${props.name}-down-${id}`} disabled={i === props.ids.length - 1} onClick={() => move(i, 1)}>
                    {m('moveDown')}
                    <span class="visually-hidden">: {name}</span>
                  </button>
                  <button type="button" class="button" onClick={() => remove(i)}>
                    {m('removeMedia')}
                    <span class="visually-hidden">: {name}</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      ) : (
        <p class="muted">{m('noMediaYet')}</p>
      )}
      {full ? null : (
        <>
          <div class="media-choose">
            <SelectField
              label={m('fromLibrary')}
              name={`${props.name}-choice`}
              value={choice}
              onChange={setChoice}
              options={[
                { value: '', label: choices.length ? m('chooseOne') : m('noneInLibrary') },
                ...choices.map((item) => ({ value: item.id, label: nameOf(item, item.id) })),
              ]}
            />
            <button type="button" class="button" disabled={!choice} onClick={() => add(choice)}>
              {m('addMedia')}
            </button>
          </div>
          {onlyAudio ? null : <TextField label={m('mediaAltZh')} name={`${props.name}-alt`} value={altZh} onInput={setAltZh} />}
          <TextField label={m('mediaCaptionZh')} name={`${props.name}-caption`} value={captionZh} onInput={setCaptionZh} />
          <TextField label={m('mediaTranscriptZh')} name={`${props.name}-transcript`} value={transcriptZh} onInput={setTranscriptZh} multiline rows={3} />
          <FileField
            id={`${props.name}-file`}
            label={onlyAudio ? m('uploadRecording') : m('uploadMedia')}
            accept={props.kinds.map((k) => ACCEPT[k]).join(',')}
            disabled={progress !== null}
            onFile={(file) => void upload(file)}
            error={uploadError ?? undefined}
          />
        </>
      )}
      {progress !== null ? <UploadProgress label={props.legend} fraction={progress} /> : null}
    </fieldset>
  );
}
