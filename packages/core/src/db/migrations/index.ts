import type { Migration } from 'kysely';
import * as catalog from './0001-catalog';
import * as orders from './0002-orders';
import * as accounts from './0003-accounts';
import * as media from './0004-media';
import * as security from './0005-security';
import * as offlinePayments from './0006-offline-payments';
import * as importMappings from './0008-import-mappings';
import * as museum from './0009-museum';
import * as museumPlacesPeople from './0011-museum-places-people';
import * as search from './0012-search';
import * as museumMemories from './0013-museum-memories';
import * as cooperativeHeroImage from './0014-cooperative-hero-image';
import * as searchCompact from './0015-search-compact';
import * as museumRecordings from './0016-museum-recordings';
import * as searchPostgres from './0017-search-postgres';
import * as storyDatesPlaces from './0018-story-dates-places';

/**
 * Every migration, in order. Names are versions: never rename or edit one that has shipped;
 * add the next file instead. Each runs once per database (Kysely records it), on SQLite and
 * PostgreSQL alike.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-catalog': catalog,
  '0002-orders': orders,
  '0003-accounts': accounts,
  '0004-media': media,
  '0005-security': security,
  '0006-offline-payments': offlinePayments,
  '0008-import-mappings': importMappings,
  '0009-museum': museum,
  '0011-museum-places-people': museumPlacesPeople,
  '0012-search': search,
  '0013-museum-memories': museumMemories,
  '0014-cooperative-hero-image': cooperativeHeroImage,
  '0015-search-compact': searchCompact,
  '0016-museum-recordings': museumRecordings,
  '0017-search-postgres': searchPostgres,
  '0018-story-dates-places': storyDatesPlaces,
};
