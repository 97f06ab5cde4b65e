// Types of the admin API (`/admin/api`), generated from docs/admin-openapi.json. Types only: the
// admin app talks to its own origin with cookies and a CSRF header, so it keeps its own fetch.
export type { components as AdminComponents, operations as AdminOperations, paths as AdminPaths } from './admin-schema';
import type { components } from './admin-schema';

/** Every named schema of the admin API (`AdminSchemas['User']`, …). */
export type AdminSchemas = components['schemas'];
