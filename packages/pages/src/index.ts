export { createPages, MAX_LABELS, type PagesOptions } from './create-pages';
export { pageUrls, type PageKind, type PageUrls } from './page-urls';
export { decimalPrice, moneyText, unitPriceText } from './format/money-text';
export { serializeJsonLd, productJsonLd, storyJsonLd, organizationJsonLd, producerJsonLd, type JsonLd } from './structured-data/json-ld';
export { qrSvg, qrMatrix, type QrMatrix } from './qr/qr-svg';
export { sitemapEntries, sitemapXml, robotsTxt, type SitemapEntry } from './seo/sitemap';
export { PAGE_CACHE_CONTROL } from './http/html-response';
export { pageContentSecurityPolicy, pageSecurityHeaders } from './http/page-security-headers';
export { PAGE_FAVICON } from './views/page-document';
