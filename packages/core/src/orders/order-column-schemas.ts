import { z } from 'zod';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';

/** `orders.fulfilment`: the shopper's choice and the option as it was when they ordered. */
export const orderFulfilmentSchema = z.looseObject({
  choice: z.looseObject({ type: z.enum(['pickup', 'delivery']), region: z.string().optional() }),
  option: z
    .looseObject({ name: localizedTextSchema.optional(), address: localizedTextSchema.optional(), hours: localizedTextSchema.optional() })
    .nullable(),
});
