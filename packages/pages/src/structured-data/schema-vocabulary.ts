/*
 * The slice of the schema.org vocabulary our JSON-LD uses, so a test can prove every type and
 * property we emit exists and is used on a type that accepts it. Copied by hand from the
 * schema.org term pages (https://schema.org/<Term>, release 29.x; the same facts are in
 * https://schema.org/version/latest/schemaorg-current-https.jsonld as rdfs:subClassOf and
 * schema:domainIncludes). Add a term here only after reading its page.
 */

/** Each type and its direct parent (rdfs:subClassOf). */
export const SCHEMA_TYPES: Record<string, string | null> = {
  Thing: null,
  CreativeWork: 'Thing',
  Article: 'CreativeWork',
  MediaObject: 'CreativeWork',
  AudioObject: 'MediaObject',
  VideoObject: 'MediaObject',
  Intangible: 'Thing',
  StructuredValue: 'Intangible',
  Offer: 'Intangible',
  Brand: 'Intangible',
  ItemList: 'Intangible',
  BreadcrumbList: 'ItemList',
  ListItem: 'Intangible',
  PriceSpecification: 'StructuredValue',
  UnitPriceSpecification: 'PriceSpecification',
  QuantitativeValue: 'StructuredValue',
  GeoCoordinates: 'StructuredValue',
  ContactPoint: 'StructuredValue',
  PostalAddress: 'ContactPoint',
  Product: 'Thing',
  Organization: 'Thing',
  Person: 'Thing',
  Place: 'Thing',
};

/** Each property and the types it is defined on (schema:domainIncludes); subtypes inherit. */
export const SCHEMA_PROPERTIES: Record<string, readonly string[]> = {
  name: ['Thing'],
  description: ['Thing'],
  url: ['Thing'],
  image: ['Thing'],
  subjectOf: ['Thing'],
  mainEntityOfPage: ['Thing'],
  headline: ['CreativeWork'],
  about: ['CreativeWork'],
  author: ['CreativeWork'],
  publisher: ['CreativeWork'],
  datePublished: ['CreativeWork'],
  dateModified: ['CreativeWork'],
  inLanguage: ['CreativeWork'],
  contentLocation: ['CreativeWork'],
  audio: ['CreativeWork'],
  video: ['CreativeWork'],
  creditText: ['CreativeWork'],
  contentUrl: ['MediaObject'],
  encodingFormat: ['CreativeWork', 'MediaObject'],
  duration: ['MediaObject', 'Audiobook', 'Event', 'Movie', 'MusicRecording', 'MusicRelease', 'QuantitativeValueDistribution', 'Schedule'],
  uploadDate: ['MediaObject'],
  width: ['MediaObject', 'Product', 'VisualArtwork', 'OfferShippingDetails', 'ShippingConditions'],
  height: ['MediaObject', 'Person', 'Product', 'VisualArtwork', 'OfferShippingDetails', 'ShippingConditions'],
  transcript: ['AudioObject', 'VideoObject'],
  caption: ['AudioObject', 'ImageObject', 'VideoObject'],
  thumbnailUrl: ['CreativeWork'],
  brand: ['Organization', 'Person', 'Product', 'Service'],
  manufacturer: ['Product'],
  offers: ['AggregateOffer', 'CreativeWork', 'EducationalOccupationalProgram', 'Event', 'MenuItem', 'Product', 'Service', 'Trip'],
  sku: ['Offer', 'Product', 'Demand'],
  category: ['Offer', 'Product', 'PhysicalActivity', 'Recommendation', 'Service', 'SpecialAnnouncement', 'ActionAccessSpecification', 'Invoice', 'Demand'],
  price: ['Offer', 'PriceSpecification', 'TradeAction', 'CompoundPriceSpecification'],
  priceCurrency: ['Offer', 'PriceSpecification', 'Reservation', 'Ticket', 'TradeAction', 'DonateAction', 'MonetaryAmountDistribution'],
  availability: ['Offer', 'Demand'],
  seller: ['Offer', 'BuyAction', 'Demand', 'Flight', 'Order'],
  priceSpecification: ['Offer', 'TradeAction', 'Demand'],
  referenceQuantity: ['UnitPriceSpecification'],
  value: ['QuantitativeValue', 'PropertyValue', 'MonetaryAmount', 'InteractionCounter'],
  unitCode: ['QuantitativeValue', 'UnitPriceSpecification', 'PropertyValue', 'TypeAndQuantityNode'],
  email: ['ContactPoint', 'Organization', 'Person'],
  telephone: ['ContactPoint', 'Organization', 'Person', 'Place'],
  location: ['Organization', 'Action', 'Event', 'InteractionCounter'],
  homeLocation: ['Person'],
  memberOf: ['Person', 'Organization'],
  address: ['GeoCoordinates', 'GeoShape', 'Organization', 'Person', 'Place'],
  addressRegion: ['PostalAddress'],
  geo: ['Place'],
  latitude: ['GeoCoordinates', 'Place'],
  longitude: ['GeoCoordinates', 'Place'],
  itemListElement: ['ItemList'],
  position: ['CreativeWork', 'ListItem'],
  item: ['ListItem'],
};

/** Enumeration members we use as values (`https://schema.org/InStock`…). */
export const SCHEMA_ENUMERATION_MEMBERS: ReadonlySet<string> = new Set([
  'https://schema.org/InStock',
  'https://schema.org/OutOfStock',
  'https://schema.org/PreOrder',
]);
