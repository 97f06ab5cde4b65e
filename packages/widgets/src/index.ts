// For Preact (or preact/compat) apps: the same components, without defining custom elements,
// with the shared strings of both languages at hand (the loader fetches only the page's).
import { addMessages } from './messages';
import en from './messages.en';
import zh from './messages.zh-CN';

addMessages('zh-CN', zh);
addMessages('en', en);

export { Products, type ProductsProps } from './products.component';
export { Product, type ProductProps } from './product.component';
export { Story, type StoryProps } from './story.component';
export { Stories, type StoriesProps } from './stories.component';
export { Cart, type CartProps } from './cart.component';
export { Search, resultHref, type SearchProps } from './search.component';
export { highlightRuns, type HighlightRun } from './search-highlight';
export { checkoutKey, clearCheckoutKey } from './checkout-key';
export { readCart, addToCart, setQuantity, subscribeCart, MAX_QUANTITY, type CartLine, type CartChangeDetail } from './cart-store';
export { formatMoney, decimalAmount, minorUnitExponent } from './format-money.generated';
export { apiBase, ApiError, type ApiConfig } from './api-client';
export type { AddToCartDetail, CheckoutDetail } from './events';
export type * from './types';
export { Timeline, type TimelineProps } from './timeline.component';
export { VillageMap, type MapProps } from './map.component';
export { Hall, type HallProps } from './hall.component';
export { Person, type PersonProps } from './person.component';
export { pageUrl, type MuseumProps } from './museum-common';
