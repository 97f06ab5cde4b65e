/** Photos of a museum record (a person's portrait, a place's pictures): shown, removed, or uploaded to the media library. */
import { useState } from 'preact/hooks';
import { api, ApiError, sendWithProgress } from '../api';
import { ACCEPT, FileField, TextField, UploadProgress } from '../form-fields';
import { useLoad } from '../form-state';
import { useWorkspace } from '../workspace';
import { pick, type Localized } from './museum-parts';
import { useMuseumText } from './museum-text';

/**
 * Media ids as photos: each shown with its description and a remove button, and a new one
 * uploaded with its required description (with progress and the server's reason on refusal).
 * `max` 1 makes it a single photo that a new upload replaces.
 *
 * @example
 * <PhotoField legend={m('portrait')} name="portrait" ids={v.portraitMediaId ? [v.portraitMediaId] : []} max={1} onChange={(ids) => set('portraitMediaId', ids[0] ?? null)} />
 */
export function PhotoField(props: { legend: string; name: string; ids: string[]; max: number; onChange: (ids: string[]) => void; error?: string }) {
  const m = useMuseumText();
  const { base, locale, announce, errorText, errorMessage } = useWorkspace();
  const [alt, setAlt] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const photos = useLoad(
    () => Promise.all(props.ids.map((id) => api<{ media: { id: string; url: string; alt?: Localized } }>('GET', `${base}/media/${id}`).then((r) => r.media))),
    [base, props.ids.join()],
  );
  async function upload(file: File) {
    setUploadError(null);
    if (!alt.trim()) {
      setUploadError(m('portraitAltZh'));
      document.getElementById(`field-${props.name}-alt`)?.focus();
      return;
    }
    const data = new FormData();
    data.set('file', file);
    data.set('alt.zh-CN', alt.trim());
    setProgress(0);
    try {
      const { media } = await sendWithProgress<{ media: { id: string } }>('POST', `${base}/media`, data, setProgress);
      props.onChange(props.max === 1 ? [media.id] : [...props.ids.filter((id) => id !== media.id), media.id]);
      setAlt('');
      announce(m('photoAdded'));
    } catch (e) {
      setUploadError(e instanceof ApiError && e.status !== 0 ? errorText(e.code, e.message) : errorMessage(e));
    } finally {
      setProgress(null);
    }
  }
  const full = props.max > 1 && props.ids.length >= props.max;
  return (
    <fieldset class={props.error ? 'field-invalid' : ''}>
      <legend>{props.legend}</legend>
      {props.error ? <p class="field-error">{props.error}</p> : null}
      {photos.state.phase === 'failed' ? <p class="form-error">{photos.state.message}</p> : null}
      {photos.data?.length ? (
        <ul class="photos">
          {photos.data.map((p) => (
            <li key={p.id} data-photo={p.id}>
              <img src={p.url} alt={pick(p.alt, locale) || props.legend} />
              <button
                type="button"
                class="button"
                onClick={() => {
                  props.onChange(props.ids.filter((id) => id !== p.id));
                  announce(m('photoRemoved'));
                }}
              >
                {m('removePhoto')}
                <span class="visually-hidden">: {pick(p.alt, locale)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {full ? null : (
        <>
          <TextField label={m('portraitAltZh')} name={`${props.name}-alt`} value={alt} onInput={setAlt} error={uploadError ?? undefined} />
          <FileField
            id={`${props.name}-file`}
            label={props.max === 1 && props.ids.length ? m('replacePhoto') : m('choosePhoto')}
            accept={ACCEPT.image}
            disabled={progress !== null}
            onFile={(file) => void upload(file)}
          />
        </>
      )}
      {progress !== null ? <UploadProgress label={props.legend} fraction={progress} /> : null}
    </fieldset>
  );
}
