import type { CooperativeVariables } from './http/cooperative-context';

/** The Hono environment of storefront routes: the cooperative is loaded before any handler runs. */
export interface StorefrontEnv {
  Variables: CooperativeVariables & {
    /** The catalog version read at the start of the request (SQLite), or null (PostgreSQL). */
    catalogVersion: string | null;
  };
}
