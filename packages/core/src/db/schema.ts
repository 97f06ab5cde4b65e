import type { Generated } from 'kysely';
import type { AccountTables } from '../accounts/account-tables';
import type { MediaTables } from '../media/media-tables';
import type { InventoryTables } from '../inventory/inventory-tables';
import type { SecurityTables } from '../accounts/security-tables';
import type { MuseumMemoryTables, MuseumPlacesPeopleTables, MuseumTables } from '../museum/museum-tables';
import type { ImportMappingsTable } from '../csv/import-settings';
import type { SearchTables } from '../search/search-tables';

/*
 * Row shapes as stored. The layer is dialect-neutral: localized texts and lists are JSON in
 * text columns, booleans are 0/1 integers, timestamps are ISO-8601 UTC strings (they sort
 * as text on both SQLite and PostgreSQL), money is integer minor units.
 */

export interface CooperativesTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  place: string;
  default_locale: string;
  currency: string;
  timezone: string;
  contact: string;
  allowed_origins: string;
  /** JSON ImageRef or null (0014). */
  hero_image: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProducersTable {
  id: string;
  cooperative_id: string;
  slug: string;
  kind: string;
  name: string;
  profile: string;
  portrait: string | null;
  place: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface ProductsTable {
  id: string;
  cooperative_id: string;
  slug: string;
  producer_id: string | null;
  category: string;
  title: string;
  summary: string;
  description: string;
  images: string;
  tags: string;
  certifications: string;
  harvest_windows: string;
  /** 12-bit month mask derived from harvest_windows (bit 0 = January). */
  season_mask: number;
  preorder: number;
  status: string;
  position: number;
  /** Lowest active variant price, kept by the writer so lists sort by price without a join. */
  price_from_minor: number | null;
  /** Lower-cased titles, summaries and tags in every locale, for text search. */
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface VariantsTable {
  id: string;
  product_id: string;
  sku: string | null;
  label: string;
  price_minor: number;
  currency: string;
  unit: string;
  unit_quantity: number;
  net_grams: number | null;
  stock_on_hand: number;
  status: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface StoriesTable {
  id: string;
  cooperative_id: string;
  slug: string;
  kind: string;
  title: string;
  summary: string;
  body: string;
  media: string;
  /** Deprecated copy of a place (JSON); a story's places are `museum_links` rows since 0018. */
  place: string | null;
  era: string | null;
  /** `HistoricalDate` as JSON, or null (migration 0018). */
  date: string | null;
  /** `historicalSortKey(date)`, for ordering dated stories through an index; null without a date. */
  date_sort_key: number | null;
  /** First and last year the date covers; null without a date. */
  date_from_year: number | null;
  date_to_year: number | null;
  attribution: string | null;
  visibility: string;
  status: string;
  position: number;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface StoryProductsTable {
  story_id: string;
  product_id: string;
  relation: string;
  position: number;
}

export interface StoryProducersTable {
  story_id: string;
  producer_id: string;
  relation: string;
  position: number;
}

export interface StoryLinksTable {
  from_story_id: string;
  to_story_id: string;
  relation: string;
  position: number;
}

export interface CheckoutSettingsTable {
  cooperative_id: string;
  /** JSON list: 'card' | 'alipay' | 'wechat_pay'. */
  payment_methods: string;
  max_line_quantity: number;
  updated_at: string;
  /** 1 when pay at pickup / on delivery is on for the cooperative (migration 0006). */
  offline_payment: Generated<number>;
}

export interface FulfilmentOptionsTable {
  id: string;
  cooperative_id: string;
  kind: string;
  name: string;
  address: string | null;
  hours: string | null;
  fee_minor: number | null;
  region_fees: string | null;
  currency: string;
  status: string;
  position: number;
  created_at: string;
  /** 1 (default) when this option accepts pay on collection / on delivery, if the cooperative has it on. */
  offline_payment: Generated<number>;
  /** How long a pay-on-collection order holds stock, in minutes (default 2880). */
  offline_hold_minutes: Generated<number>;
}

export interface OrdersTable {
  id: string;
  token: string;
  cooperative_id: string;
  status: string;
  currency: string;
  subtotal_minor: number;
  fulfilment_fee_minor: number;
  total_minor: number;
  refunded_minor: number;
  fulfilment: string;
  locale: string;
  email: string | null;
  idempotency_key: string;
  request_hash: string;
  payment_provider: string;
  payment_session_ref: string | null;
  payment_ref: string | null;
  redirect_url: string | null;
  expires_at: string;
  paid_at: string | null;
  created_at: string;
  updated_at: string;
  /** Pay-at-pickup orders: the short code staff type or scan (migration 0006). */
  pickup_code?: string | null;
}

export interface OrderLinesTable {
  order_id: string;
  line_no: number;
  variant_id: string;
  product_id: string;
  product_slug: string;
  title: string;
  variant_label: string;
  unit_price_minor: number;
  quantity: number;
  line_total_minor: number;
  preorder: number;
}

export interface StockReservationsTable {
  order_id: string;
  variant_id: string;
  quantity: number;
  status: string;
  expires_at: string;
  created_at: string;
  updated_at: string;
}

export interface OrderEventsTable {
  id: string;
  order_id: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  reason: string;
  detail: string | null;
  created_at: string;
}

export interface ProcessedWebhookEventsTable {
  event_id: string;
  provider: string;
  type: string;
  order_id: string | null;
  outcome: string;
  processed_at: string;
}

/** Every table Terroir owns. Later migrations extend this interface. */
export interface TerroirTables {
  cooperatives: CooperativesTable;
  producers: ProducersTable;
  products: ProductsTable;
  variants: VariantsTable;
  stories: StoriesTable;
  story_products: StoryProductsTable;
  story_producers: StoryProducersTable;
  story_links: StoryLinksTable;
  checkout_settings: CheckoutSettingsTable;
  fulfilment_options: FulfilmentOptionsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  stock_reservations: StockReservationsTable;
  order_events: OrderEventsTable;
  processed_webhook_events: ProcessedWebhookEventsTable;
  // 0003-accounts
  users: AccountTables['users'];
  memberships: AccountTables['memberships'];
  sessions: AccountTables['sessions'];
  api_tokens: AccountTables['api_tokens'];
  login_attempts: AccountTables['login_attempts'];
  audit_log: AccountTables['audit_log'];
  stock_adjustments: InventoryTables['stock_adjustments'];
  // 0004-media
  media: MediaTables['media'];
  // 0005-security
  invitations: SecurityTables['invitations'];
  two_factor: SecurityTables['two_factor'];
  recovery_codes: SecurityTables['recovery_codes'];
  two_factor_challenges: SecurityTables['two_factor_challenges'];
  cooperative_security: SecurityTables['cooperative_security'];
  checkout_clients: SecurityTables['checkout_clients'];
  // 0009-museum
  chronicle_entries: MuseumTables['chronicle_entries'];
  // 0011-museum-places-people
  museum_settings: MuseumPlacesPeopleTables['museum_settings'];
  museum_places: MuseumPlacesPeopleTables['museum_places'];
  museum_people: MuseumPlacesPeopleTables['museum_people'];
  museum_halls: MuseumPlacesPeopleTables['museum_halls'];
  museum_hall_exhibits: MuseumPlacesPeopleTables['museum_hall_exhibits'];
  museum_links: MuseumPlacesPeopleTables['museum_links'];
  // 0013-museum-memories
  museum_memories: MuseumMemoryTables['museum_memories'];
  museum_memory_media: MuseumMemoryTables['museum_memory_media'];
  museum_memory_limits: MuseumMemoryTables['museum_memory_limits'];
  // 0008-import-mappings
  import_mappings: ImportMappingsTable;
  // 0012-search
  search_documents: SearchTables['search_documents'];
  search_misses: SearchTables['search_misses'];
}

export type { Generated };
