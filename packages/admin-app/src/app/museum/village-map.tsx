/** The village map: the uploaded image (or a plain background), pins on it, tap-to-pin, and uploading the image. */
import { useState } from 'preact/hooks';
import { api, ApiError, sendWithProgress } from '../api';
import { ACCEPT, FileField, TextField, UploadProgress } from '../form-fields';
import { useLoad } from '../form-state';
import { useWorkspace } from '../workspace';
import { useMuseumText } from './museum-text';

/** A pin's relative position on the map image: (0, 0) top left, (1, 1) bottom right, as the API stores it. */
export interface MapPin {
  x: number;
  y: number;
}

interface MediaItem {
  id: string;
  url: string;
  alt?: { 'zh-CN'?: string; en?: string };
}

/**
 * The cooperative's village map image (its media id and URL), or null when none is set.
 *
 * @example
 * const map = useVillageMap(); // map.data?.url
 */
export function useVillageMap() {
  const { base } = useWorkspace();
  return useLoad(async () => {
    const { settings } = await api<{ settings: { mapMediaId: string | null } }>('GET', `${base}/museum/settings`);
    if (!settings.mapMediaId) return null;
    const { media } = await api<{ media: MediaItem }>('GET', `${base}/media/${settings.mapMediaId}`);
    return media;
  }, [base]);
}

/** A percentage for people: at most one decimal. */
export const percent = (fraction: number) => Math.round(fraction * 1000) / 10;

/**
 * The map with pins. With `onPin`, tapping the map moves the editable pin there (relative x/y);
 * the pin is a button named for screen readers, and arrow keys move it (Shift: 10 %).
 *
 * @example
 * <MapCanvas image={map} pins={[{ id, name, pin, editable: true }]} onPin={(pin) => set('pin', pin)} />
 */
export function MapCanvas({
  image,
  pins,
  onPin,
  label,
}: {
  image: MediaItem | null;
  pins: Array<{ id: string; name: string; pin: MapPin; href?: string; editable?: boolean }>;
  onPin?: (pin: MapPin) => void;
  label: string;
}) {
  const m = useMuseumText();
  const { locale } = useWorkspace();
  const tap = (event: MouseEvent) => {
    if (!onPin) return;
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const clamp = (n: number) => Math.min(1, Math.max(0, Math.round(n * 10_000) / 10_000));
    onPin({ x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) });
  };
  const keys = (pin: MapPin) => (event: KeyboardEvent) => {
    if (!onPin) return;
    const step = event.shiftKey ? 0.1 : 0.01;
    const move: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const delta = move[event.key];
    if (!delta) return;
    event.preventDefault();
    const clamp = (n: number) => Math.min(1, Math.max(0, Math.round(n * 1000) / 1000));
    onPin({ x: clamp(pin.x + delta[0]), y: clamp(pin.y + delta[1]) });
  };
  return (
    <div class={`village-map${image ? '' : ' plain'}${onPin ? ' pinning' : ''}`}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: tapping the picture is the quick way; the pin button (arrow keys) and the number boxes are the keyboard way. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: as above, the keyboard way is the pin button and the number boxes. */}
      <div class="map-surface" onClick={tap} data-map-surface>
        {image ? <img src={image.url} alt={label || image.alt?.[locale] || image.alt?.['zh-CN'] || m('villageMap')} draggable={false} /> : null}
      </div>
      {pins.map((p) => {
        const name = m('pinLabel', { name: p.name, x: percent(p.pin.x), y: percent(p.pin.y) });
        const style = { left: `${p.pin.x * 100}%`, top: `${p.pin.y * 100}%` };
        return p.href ? (
          <a key={p.id} class="map-pin" href={p.href} style={style} title={p.name}>
            <span class="visually-hidden">{name}</span>
          </a>
        ) : (
          <button
            key={p.id}
            type="button"
            class={`map-pin${p.editable ? ' editable' : ''}`}
            style={style}
            aria-label={name}
            aria-describedby={p.editable ? 'pin-keys' : undefined}
            onKeyDown={keys(p.pin)}
          />
        );
      })}
    </div>
  );
}

/**
 * Upload or replace the village map: a photo of the media library (with its required description),
 * then `PUT /museum/settings`. Shows progress and the server's reason on refusal.
 *
 * @example
 * <MapUpload hasMap={!!map.data} onSaved={map.reload} />
 */
export function MapUpload({ hasMap, onSaved }: { hasMap: boolean; onSaved: () => void }) {
  const m = useMuseumText();
  const { base, announce, errorText, errorMessage } = useWorkspace();
  const [alt, setAlt] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function upload(file: File) {
    setError(null);
    if (!alt.trim()) {
      setError(m('mapAltZh'));
      document.getElementById('field-map-alt')?.focus();
      return;
    }
    const data = new FormData();
    data.set('file', file);
    data.set('alt.zh-CN', alt.trim());
    setProgress(0);
    try {
      const { media } = await sendWithProgress<{ media: MediaItem }>('POST', `${base}/media`, data, setProgress);
      await api('PUT', `${base}/museum/settings`, { mapMediaId: media.id });
      setAlt('');
      announce(m('mapSaved'));
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError && e.status !== 0 ? errorText(e.code, e.message) : errorMessage(e));
    } finally {
      setProgress(null);
    }
  }
  return (
    <div class="map-upload">
      <TextField label={m('mapAltZh')} name="map-alt" value={alt} onInput={setAlt} error={error ?? undefined} />
      <FileField
        id="map-file"
        label={hasMap ? m('mapReplace') : m('mapUpload')}
        accept={ACCEPT.image}
        disabled={progress !== null}
        onFile={(file) => void upload(file)}
      />
      {progress !== null ? <UploadProgress label={m('mapUpload')} fraction={progress} /> : null}
    </div>
  );
}
