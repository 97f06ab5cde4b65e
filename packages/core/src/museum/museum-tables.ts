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
    visibility: string;
    status: string;
    created_at: string;
    updated_at: string;
  };
}
