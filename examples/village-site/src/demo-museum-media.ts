import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ingestMedia,
  listChronicleForEditing,
  listPeopleForEditing,
  type MediaStorage,
  type TerroirDatabase,
  updateChronicleEntry,
  updatePerson,
} from '@terroir/core';
import { DEMO_MUSEUM_MEDIA } from '@terroir/core/seed';

const MEDIA_DIR = new URL('../public/media/', import.meta.url);

/**
 * Gives the demo museum its voices and pictures once (`DEMO_MUSEUM_MEDIA` of the seed): each
 * file of public/media goes into the media library, as an owner's upload would, and becomes a
 * person's voice recording or a chronicle entry's media. A record that already has recordings
 * or media (chosen by the owner, or given on an earlier start) is left alone.
 *
 * @example
 * await ensureDemoMuseumMedia(database.db, uploads, seeded.cooperativeId); // { added: 3 } on first start
 */
export async function ensureDemoMuseumMedia(db: TerroirDatabase['db'], storage: MediaStorage, cooperativeId: string): Promise<{ added: number }> {
  const people = await listPeopleForEditing(db, cooperativeId);
  const entries = await listChronicleForEditing(db, cooperativeId);
  let added = 0;
  for (const media of DEMO_MUSEUM_MEDIA) {
    const person = media.target.kind === 'person' ? people.find((p) => p.slug === media.target.slug) : undefined;
    const entry = media.target.kind === 'chronicle' ? entries.find((e) => e.slug === media.target.slug) : undefined;
    if ((person?.recordings.length ?? 0) > 0 || (entry?.media.length ?? 0) > 0 || (!person && !entry)) continue;
    const { item } = await ingestMedia(db, storage, {
      cooperativeId,
      bytes: readFileSync(fileURLToPath(new URL(media.file, MEDIA_DIR))),
      ...(media.alt ? { alt: media.alt } : {}),
      ...(media.caption ? { caption: media.caption } : {}),
      ...(media.transcript ? { transcript: media.transcript } : {}),
    });
    if (person) await updatePerson(db, cooperativeId, person.id, { ...person, recordings: [item.id] });
    if (entry) await updateChronicleEntry(db, cooperativeId, entry.id, { ...entry, media: [item.id] });
    added += 1;
  }
  return { added };
}
