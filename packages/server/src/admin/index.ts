export { createAdminApi, type AdminApiOptions } from './admin-api';
export type { AdminAuth, AdminEnv } from './admin-auth';
export { AdminError } from './admin-errors';
export { mediaFiles, type MediaFilesOptions } from './media-routes';
