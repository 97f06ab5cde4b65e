export { adminApp, type AdminAppOptions } from './admin-app';
