import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getMuseumSettings, ingestMedia, type MediaStorage, setMuseumMap, type TerroirDatabase } from '@terroir/core';

/** The demo's hand-drawn guide map (drawn from `public/media/village-map.svg`; a fictional layout). */
const MAP_PNG = fileURLToPath(new URL('../public/media/village-map.png', import.meta.url));

/**
 * Gives the demo museum its village map once: the drawn guide map goes into the media library
 * (as an owner's upload would) and becomes the museum's map, under the seeded places' pins. A
 * map the owner has chosen is left alone.
 *
 * @example
 * await ensureDemoVillageMap(database.db, uploads, seeded.cooperativeId);
 */
export async function ensureDemoVillageMap(db: TerroirDatabase['db'], storage: MediaStorage, cooperativeId: string): Promise<{ created: boolean }> {
  if ((await getMuseumSettings(db, cooperativeId)).mapMediaId) return { created: false };
  const { item } = await ingestMedia(db, storage, {
    cooperativeId,
    bytes: readFileSync(MAP_PNG),
    alt: {
      'zh-CN': '村庄手绘导览图（示例）：河、梨园、集市、老井、草编作坊、祠堂和梨花坡',
      en: 'Hand-drawn guide map of the village (demo): river, pear orchard, market, old well, straw workshop, ancestral hall and blossom slope',
    },
    accept: ['image'],
  });
  await setMuseumMap(db, cooperativeId, item.id);
  return { created: true };
}
