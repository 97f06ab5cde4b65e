import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { pickLocalized, type Locale, type LocalizedText } from '../locale/locale';
import { resolveMediaForDisplay, type DisplayMedia } from '../media/media-library';
import type { MediaStorage } from '../media/media-storage';
import type { MuseumReadOptions } from './museum-reads';

/** A picture of the museum as a page or widget shows it: its URL, size (no layout shift) and alt text in one locale. */
export interface MuseumImage {
  id: string;
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
}

/** A media item of the museum in one locale: a picture, or a recording or film with its caption, transcript and playing time. */
export interface MuseumMediaItem extends MuseumImage {
  kind: DisplayMedia['kind'];
  mimeType: string;
  caption: string | null;
  /** What is said, plain text; null when none was written. */
  transcript: string | null;
  durationSeconds: number | null;
  /** The locale the texts were served in (the wanted one, or the fallback). */
  locale: Locale;
}

/** The media of one answer, resolved: look each up by id. */
export interface MuseumMediaLookup {
  /** A picture; null when unknown, not an image, or without storage. */
  image(id: string | null | undefined): MuseumImage | null;
  /** The ids resolved in order, optionally of one kind; unknown ids left out (all of them without storage). */
  items(ids: readonly string[], kind?: DisplayMedia['kind']): MuseumMediaItem[];
}

/**
 * Resolves every media id one page or API answer shows in a single query (a portrait and the
 * recordings, a timeline page's pictures), in the reader's locale with the cooperative's
 * fallback. Without storage nothing resolves: pictures are null and lists empty.
 *
 * @example
 * const media = await resolveMuseumMedia(db, storage, coopId, [person.portraitMediaId, ...person.recordingMediaIds], { locale: 'en', fallback: 'zh-CN' });
 * media.image(person.portraitMediaId)?.url; media.items(person.recordingMediaIds, 'audio')[0]?.transcript;
 */
export async function resolveMuseumMedia(
  db: Kysely<TerroirTables>,
  storage: MediaStorage | undefined,
  cooperativeId: string,
  ids: ReadonlyArray<string | null | undefined>,
  o: MuseumReadOptions,
): Promise<MuseumMediaLookup> {
  const wanted = ids.filter((id): id is string => !!id);
  const found = storage && wanted.length ? await resolveMediaForDisplay(db, storage, cooperativeId, wanted) : new Map<string, DisplayMedia>();
  const pick = (text: LocalizedText) => pickLocalized(text, o.locale, o.fallback);
  const picture = (m: DisplayMedia): MuseumImage => ({ id: m.id, url: m.url, width: m.width, height: m.height, alt: pick(m.alt)?.value ?? '' });
  return {
    image(id) {
      const m = id ? found.get(id) : undefined;
      return m && m.kind === 'image' ? picture(m) : null;
    },
    items(list, kind) {
      return list.flatMap((id) => {
        const m = found.get(id);
        if (!m || (kind && m.kind !== kind)) return [];
        const transcript = pick(m.transcript);
        const caption = pick(m.caption);
        return [
          {
            ...picture(m),
            alt: m.kind === 'image' ? picture(m).alt : '',
            kind: m.kind,
            mimeType: m.mimeType,
            caption: caption?.value ?? null,
            transcript: transcript?.value ?? null,
            durationSeconds: m.durationSeconds,
            locale: transcript?.locale ?? caption?.locale ?? o.locale,
          },
        ];
      });
    },
  };
}
