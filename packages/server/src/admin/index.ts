export { createAdminApi, type AdminApiOptions } from './admin-api';
export type { AdminAuth, AdminEnv } from './admin-auth';
export { ApiError } from '../http/api-error';
export { ADMIN_OPENAPI_PATH } from './admin-openapi-config';
export { mediaFiles, type MediaFilesOptions } from './media-routes';
