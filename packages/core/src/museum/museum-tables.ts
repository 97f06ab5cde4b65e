/** Tables of the museum module (migration 0009-museum). */
export interface MuseumTables {
  chronicle_entries: {
    id: string;
    cooperative_id: string;
    slug: string;
    /** `HistoricalDate` as JSON. */
    date: string;
    /** `historicalSortKey(date)`: the timeline's order, through an index. */
    sort_key: number;
    /** First and last year the date covers, for filtering by period. */
    from_year: number;
    to_year: number;
    title: string;
    body: string;
    /** Where it is written down (a county gazetteer page…), localized, JSON. */
    source: string;
    /** Ordered media ids (images, audio, video) of this cooperative, JSON (migration 0016). */
    media: string;
    visibility: string;
    status: string;
    created_at: string;
    updated_at: string;
  };
}

/** Tables of migration 0011-museum-places-people. JSON columns hold localized texts and lists. */
export interface MuseumPlacesPeopleTables {
  museum_settings: {
    cooperative_id: string;
    /** The village map image (a media id of this cooperative), pins are placed on it. */
    map_media_id: string | null;
    updated_at: string;
  };
  museum_places: {
    id: string;
    cooperative_id: string;
    slug: string;
    kind: string;
    name: string;
    description: string;
    latitude: number | null;
    longitude: number | null;
    /** Pin on the village map, relative: 0 = left/top edge, 1 = right/bottom edge. */
    pin_x: number | null;
    pin_y: number | null;
    /** Media ids, JSON. */
    media: string;
    visibility: string;
    status: string;
    position: number;
    created_at: string;
    updated_at: string;
  };
  museum_people: {
    id: string;
    cooperative_id: string;
    slug: string;
    name: string;
    /** `HistoricalDate` as JSON, or null when unknown. */
    born: string | null;
    died: string | null;
    roles: string;
    biography: string;
    portrait_media_id: string | null;
    /** Ordered audio media ids (voice recordings), JSON (migration 0016). */
    recordings: string;
    producer_id: string | null;
    visibility: string;
    status: string;
    position: number;
    created_at: string;
    updated_at: string;
  };
  museum_halls: {
    id: string;
    cooperative_id: string;
    slug: string;
    title: string;
    intro: string;
    visibility: string;
    status: string;
    position: number;
    created_at: string;
    updated_at: string;
  };
  museum_hall_exhibits: {
    hall_id: string;
    position: number;
    kind: string;
    target_id: string;
    caption: string;
  };
  museum_links: {
    cooperative_id: string;
    subject_kind: string;
    subject_id: string;
    object_kind: string;
    object_id: string;
  };
}

/** Tables of migration 0013-museum-memories: memories sent in by villagers, their media, the rate-limit counters. */
export interface MuseumMemoryTables {
  museum_memories: {
    id: string;
    cooperative_id: string;
    contributor_name: string | null;
    /** How to reach the sender; never public. */
    contact: string | null;
    /** Plain text as sent in. */
    text: string;
    /** The editor's version, shown once approved (null: the text as sent in). */
    published_text: string | null;
    language: string;
    licence: string;
    consented_at: string;
    status: string;
    visibility: string;
    moderated_by: string | null;
    moderated_at: string | null;
    rejection_note: string | null;
    /** HMAC-SHA256 of the sender's IP with a server secret. */
    ip_hash: string | null;
    /** 1 for the demo seed's examples. */
    demo: number;
    created_at: string;
    updated_at: string;
  };
  museum_memory_media: {
    memory_id: string;
    position: number;
    media_id: string;
    kind: string;
    owned: number;
  };
  museum_memory_limits: {
    key: string;
    window_started_at: string;
    count: number;
  };
}
