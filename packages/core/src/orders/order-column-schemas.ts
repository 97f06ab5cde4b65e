import { z } from 'zod';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';

/** `orders.fulfilment`: the shopper's choice and the option as it was when they ordered. */
export const orderFulfilmentSchema = z.looseObject({
  choice: z.looseObject({ type: z.enum(['pickup', 'delivery']), region: z.string().optional(), address: z.record(z.string(), z.string()).optional() }),
  option: z.looseObject({ name: localizedTextSchema.optional(), address: localizedTextSchema.optional(), hours: localizedTextSchema.optional() }).nullable(),
});

/** `order_events.detail`: any JSON value (what happened, for the history). */
export const orderEventDetailSchema = z.unknown();
