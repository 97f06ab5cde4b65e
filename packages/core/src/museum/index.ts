// The village museum module: dates a timeline can sort (more to come: chronicle entries,
// places, people, halls — see docs/museum.md).
export {
  HISTORICAL_PERIODS,
  historicalDateSchema,
  yearSpan,
  compareHistoricalDates,
  historicalSortKey,
  formatHistoricalDate,
  type HistoricalDate,
  type HistoricalPeriodId,
} from './historical-date';
export {
  createChronicleEntry,
  listTimeline,
  listChronicleForEditing,
  deleteChronicleEntry,
  type ChronicleEntry,
  type NewChronicleEntry,
  type TimelineEntry,
  type TimelineQuery,
} from './chronicle';
