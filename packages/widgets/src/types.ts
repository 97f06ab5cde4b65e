// Response shapes of the storefront API as the widgets read them: aliases of the types
// @terroir/client generates from the served OpenAPI document (docs/openapi.json), so a server
// change that breaks the widgets is a type error here, not a surprise in a browser. Type-only
// imports: nothing of the client enters the widget bundle.
// Money is always integer minor units (fen for CNY) plus an ISO currency code.
import type { CartQuote, CheckoutRequest, Schemas } from '@terroir/client';

/** A served locale. */
export type Locale = Schemas['Cooperative']['defaultLocale'];
export type ProductCategory = Schemas['ProductSummary']['category'];
export type SeasonState = Schemas['ProductSummary']['season'];
export type StockState = Schemas['ProductSummary']['stock'];

export type Money = Schemas['Money'];
/** Price per kilogram and per jin, or null when the weight is unknown. */
export type UnitPrice = NonNullable<Schemas['UnitPrice']>;
export type ImageRef = Schemas['Image'];
export type ProductSummary = Schemas['ProductSummary'];
export type Variant = Schemas['Variant'];
export type ProductDetail = Schemas['ProductDetail'];
/** A story linked from a product. */
export type StoryLink = ProductDetail['stories'][number];
export type StorySummary = Schemas['StorySummary'];
export type StoryMedia = Schemas['StoryMedia'];
export type StoryDetail = Schemas['StoryDetail'];
/** One page of a keyset-paginated list (products, stories). */
export type Page<T> = Omit<Schemas['ProductPage'], 'items'> & { items: T[] };
export type Quote = CartQuote['quote'];
export type QuoteLine = Quote['lines'][number];
/** `GET /v1/coops/:coop/fulfilment`: how a shopper can receive an order. */
export type Fulfilment = Schemas['Fulfilment']['fulfilment'];
/** What the shopper chose, as checkout takes it. */
export type FulfilmentChoice = CheckoutRequest['fulfilment'];
/** The delivery address checkout takes. */
export type DeliveryAddress = Extract<FulfilmentChoice, { type: 'delivery' }>['address'];
