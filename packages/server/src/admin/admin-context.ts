import type { Context } from 'hono';
import type { DatabaseCapabilities, MediaLimits, MediaStorage, PaymentProvider, ScryptParams, TerroirDatabase, ThrottleConfig } from '@terroir/core';

/** What every admin handler group is built from (see createAdminApi's options). */
export interface AdminContext {
  db: TerroirDatabase['db'];
  cookie: { name: string; secure: boolean };
  allowedOrigins: (c: Context) => string[];
  clientIp: (c: Context) => string | undefined;
  throttle: ThrottleConfig;
  scryptParams: ScryptParams | undefined;
  capabilities: DatabaseCapabilities;
  payments: PaymentProvider | undefined;
  media: { storage: MediaStorage; limits: Partial<MediaLimits> | undefined };
}
