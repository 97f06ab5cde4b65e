import { z } from '@hono/zod-openapi';
import { CONTROL_CHARACTER_MESSAGE, isCleanText } from '../http/text-schemas';

const VariantId = z.string().min(1).max(64).refine(isCleanText, CONTROL_CHARACTER_MESSAGE);

export const CartLineSchema = z.object({
  variantId: VariantId,
  // Any number: whole-number and range checks are per-line issues (422), not shape errors.
  quantity: z.number().finite(),
});

// Control characters are refused (400 naming the field), never stored in an order.
const Text = (max: number) => z.string().trim().min(1).max(max).refine(isCleanText, CONTROL_CHARACTER_MESSAGE);

const PickupSchema = z.object({ type: z.literal('pickup'), pickupPointId: Text(64) });
const AddressSchema = z.object({
  name: Text(100),
  phone: Text(40),
  line1: Text(200),
  line2: z.string().trim().max(200).refine(isCleanText, CONTROL_CHARACTER_MESSAGE).optional(),
  city: Text(100),
  postalCode: z.string().trim().max(20).refine(isCleanText, CONTROL_CHARACTER_MESSAGE).optional(),
});
const delivery = { type: z.literal('delivery'), optionId: Text(64).optional(), region: Text(64) };

export const FulfilmentSchema = z.discriminatedUnion('type', [PickupSchema, z.object({ ...delivery, address: AddressSchema })]);

/** A quote prices delivery by region alone, so the address may still be unfinished. */
export const QuoteFulfilmentSchema = z.discriminatedUnion('type', [PickupSchema, z.object({ ...delivery, address: AddressSchema.partial().optional() })]);

export const QuoteBodySchema = z
  .object({
    lines: z.array(CartLineSchema).min(1).max(50),
    fulfilment: QuoteFulfilmentSchema.optional(),
  })
  .openapi('CartQuoteRequest');

export const CheckoutBodySchema = z
  .object({
    lines: z.array(CartLineSchema).min(1).max(50),
    fulfilment: FulfilmentSchema,
    locale: z.enum(['zh-CN', 'en']),
    email: z.string().trim().email().max(254).optional(),
    payment: z.enum(['online', 'offline']).optional().openapi({
      description:
        '`online` (Stripe) or `offline` (pay at pickup / on delivery). Default: online when the server has it, else offline. Only what `GET …/fulfilment` lists in `paymentMethods` works.',
    }),
  })
  .openapi('CheckoutRequest');

export const CoopParamsSchema = z.object({ coop: z.string().min(1).max(120) });
export const LangQuerySchema = z.object({ lang: z.enum(['zh-CN', 'en']).optional() });
export const TokenParamsSchema = z.object({ token: z.string().min(1).max(100) });

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      issues: z
        .array(z.object({ field: z.string(), code: z.string(), message: z.string(), available: z.number().optional(), max: z.number().optional() }))
        .optional(),
      retryAfter: z
        .number()
        .int()
        .optional()
        .openapi({ description: 'Seconds until a held checkout lapses (429 `checkout_limit_reached`), as in `Retry-After`.' }),
    }),
  })
  .openapi('CheckoutError');

export const FulfilmentOptionSchema = z.union([
  z.object({
    id: z.string(),
    kind: z.literal('pickup'),
    name: z.string(),
    address: z.string(),
    hours: z.string(),
    feeMinor: z.literal(0),
    currency: z.string(),
  }),
  z.object({
    id: z.string(),
    kind: z.literal('delivery'),
    name: z.string(),
    flatFeeMinor: z.number().int().nullable(),
    regionFees: z.record(z.string(), z.number().int()),
    currency: z.string(),
  }),
]);

export const QuoteResponseSchema = z
  .object({
    quote: z.object({
      currency: z.string(),
      lines: z.array(
        z.object({
          variantId: z.string(),
          productSlug: z.string(),
          title: z.string(),
          variantLabel: z.string(),
          unitPriceMinor: z.number().int(),
          quantity: z.number().int(),
          lineTotalMinor: z.number().int(),
          available: z.number().int(),
          preorder: z.boolean(),
        }),
      ),
      subtotalMinor: z.number().int(),
      fulfilmentFeeMinor: z.number().int(),
      totalMinor: z.number().int(),
    }),
    fulfilmentOptions: z.array(FulfilmentOptionSchema),
    locale: z.enum(['zh-CN', 'en']),
  })
  .openapi('CartQuote');

export const CheckoutResponseSchema = z
  .object({
    checkout: z.object({
      orderId: z.string(),
      redirectUrl: z.string(),
      receiptUrl: z.string(),
      expiresAt: z.string(),
      totalMinor: z.number().int(),
      currency: z.string(),
      payment: z.enum(['online', 'offline']),
      pickupCode: z
        .string()
        .nullable()
        .openapi({ description: 'Pay at pickup: the code to show at the stall (`K7M-4PX`); `redirectUrl` is then the receipt page.' }),
    }),
  })
  .openapi('Checkout');

export const ReceiptSchema = z.object({ order: z.record(z.string(), z.unknown()) }).openapi('OrderReceipt');
