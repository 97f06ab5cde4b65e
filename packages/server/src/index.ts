export { createStorefront, type StorefrontContext, type StorefrontOptions } from './storefront';
export type { StorefrontEnv } from './storefront-env';
export {
  ApiError,
  apiErrorHandler,
  apiErrorResponse,
  apiNotFoundHandler,
  notFound,
  type ApiErrorBody,
  type ApiErrorCode,
  type ApiIssue,
} from './http/api-error';
export { validationHook, fieldPath } from './http/validation-hook';
export {
  cachedJson,
  cacheControlOf,
  etagOf,
  ifNoneMatchHits,
  prepareJson,
  sendPreparedJson,
  DEFAULT_CACHE_POLICY,
  type CachePolicy,
  type PreparedJson,
} from './http/etag';
export { createResponseCache, type ResponseCache, type ResponseCacheOptions } from './http/response-cache';
export { coopCors, isAllowedOrigin, type CoopCorsOptions } from './http/coop-cors';
export { requestLocale, chooseLocale } from './http/locale';
export { loadCooperative, cachedCooperativeLookup, type CooperativeVariables } from './http/cooperative-context';
export { isCleanText } from './http/text-schemas';
export { writeFence } from './http/write-fence';
export { ErrorSchema, SlugSchema, CoopParams } from './catalog/catalog-schemas';
export { openApiConfig } from './openapi/openapi-config';
export { readMultipartForm, readMediaUpload, type FileFieldRule, type MultipartForm } from './admin/media-upload';
export { registerMemoryRoutes, memoryRoutes, MEMORY_RECEIVED, type MemoryRoutesOptions } from './museum/memory-routes';
export { checkoutRoutes, cartQuoteRoutes, type CheckoutRoutesOptions, type CartQuoteRoutesOptions } from './checkout/checkout-routes';
export { fulfilmentRoutes, type FulfilmentRoutesOptions } from './checkout/fulfilment-routes';
export { reconcilePayments, type ReconcileOptions, type ReconcileReport } from './checkout/reconcile';
export { renderReceiptPage, formatMinor } from './checkout/receipt-page';
export { refundOrder, refundUnservableOrders, type RefundOrderResult } from './checkout/refund-order';
export { healthRoutes, type HealthRoutesOptions } from './health/health-routes';
export { createTelemetry, requestTelemetry, logRequestError, type Telemetry, type TelemetryOptions, type RequestTelemetry } from './observability/telemetry';
export { metricsRoute, type MetricsRouteOptions } from './observability/metrics-route';
