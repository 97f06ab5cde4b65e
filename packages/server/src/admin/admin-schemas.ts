import {
  CERTIFICATION_KINDS,
  LOCALES,
  MEDIA_KINDS,
  PRODUCER_KINDS,
  PRODUCT_CATEGORIES,
  PRODUCT_STATUSES,
  ROLES,
  SALE_UNITS,
  STOCK_ADJUSTMENT_REASONS,
  STORY_KINDS,
  STORY_PRODUCER_RELATIONS,
  STORY_PRODUCT_RELATIONS,
  STORY_STATUSES,
  STORY_STORY_RELATIONS,
  STORY_VISIBILITIES,
  historicalDateSchema,
  parseOrigin,
} from '@terroir/core';
import { z } from 'zod';
import { text } from '../http/text-schemas';

/*
 * What the admin API accepts. Text is stored exactly as given (escaping is the renderer's
 * job) but every string has a length limit and no control characters (tab and newlines only
 * in multi-line fields), every list a size limit, every number a range.
 */

/** A localized text: zh-CN and/or en, each at most `max` characters; `multiline` allows tab and newlines. */
export const localized = (max: number, options: { multiline?: boolean } = {}) =>
  z.strictObject({ 'zh-CN': text(max, options).optional(), en: text(max, options).optional() });
const multiline = { multiline: true };

/** Lower-case words joined by single hyphens: no dots, slashes or percent signs can get in. */
export const slugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens.');

/** An absolute http(s) URL or a site path; never `javascript:` or protocol-relative. */
export const urlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    if (value.startsWith('/')) return !value.startsWith('//') && !value.includes('\\');
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Use an http(s) URL or a path starting with /.');

const dimension = z.number().int().min(1).max(20_000);

export const imageSchema = z.strictObject({
  url: urlSchema,
  alt: localized(300),
  width: dimension.optional(),
  height: dimension.optional(),
});

export const placeSchema = z.strictObject({
  name: localized(200),
  region: localized(200).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});

export const contactSchema = z.strictObject({
  phone: text(40).optional(),
  email: text(254).optional(),
  wechat: text(60).optional(),
  address: localized(300, multiline).optional(),
});

/**
 * An origin a cooperative's widgets may be embedded on: scheme, host and port only,
 * normalised the way browsers send it in the `Origin` header.
 */
export const originSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    // The same parser as `terroir origins add` (core), so both accept and refuse alike.
    const parsed = parseOrigin(value);
    if (parsed.ok) return parsed.origin;
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  });

export const CURRENCIES = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'GBP', 'JPY'] as const;

export const settingsSchema = z.strictObject({
  name: localized(200),
  description: localized(5000, multiline),
  place: placeSchema,
  contact: contactSchema,
  allowedOrigins: z.array(originSchema).max(20),
  currency: z.enum(CURRENCIES),
  defaultLocale: z.enum(LOCALES),
  timezone: z
    .string()
    .max(64)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'Unknown time zone.'),
  /** The home page's hero picture, checked like every other image reference; null in a patch removes it. */
  heroImage: imageSchema.optional(),
});

export const producerSchema = z.strictObject({
  slug: slugSchema,
  kind: z.enum(PRODUCER_KINDS),
  name: localized(200),
  profile: localized(5000, multiline),
  portrait: imageSchema.optional(),
  place: placeSchema.optional(),
});

const priceMinor = z.number().int().min(0).max(100_000_000);

export const variantSchema = z.strictObject({
  sku: text(64).optional(),
  label: localized(100),
  priceMinor,
  unit: z.enum(SALE_UNITS),
  unitQuantity: z.number().int().min(1).max(100_000),
  netGrams: z.number().int().min(1).max(10_000_000).optional(),
  stockOnHand: z.number().int().min(0).max(10_000_000),
  status: z.enum(PRODUCT_STATUSES),
  position: z.number().int().min(0).max(100_000),
});
/** Variant fields an edit may change: stock only moves through adjustments. */
export const variantEditSchema = variantSchema.omit({ stockOnHand: true });
/** A new variant: status and position have defaults. */
export const newVariantSchema = variantSchema.partial({ status: true, position: true });

export const productSchema = z.strictObject({
  slug: slugSchema,
  producerId: text(64).optional(),
  category: z.enum(PRODUCT_CATEGORIES),
  title: localized(200),
  summary: localized(500, multiline),
  description: localized(20_000, multiline),
  images: z.array(imageSchema).max(20),
  tags: z.array(text(40, { min: 1 })).max(30),
  certifications: z.array(z.strictObject({ kind: z.enum(CERTIFICATION_KINDS), registryId: text(100).optional(), issuer: localized(200).optional() })).max(10),
  harvestWindows: z.array(z.strictObject({ fromMonth: z.number().int().min(1).max(12), toMonth: z.number().int().min(1).max(12) })).max(12),
  preorder: z.boolean(),
  status: z.enum(PRODUCT_STATUSES),
  position: z.number().int().min(0).max(100_000),
});

export const newProductSchema = productSchema
  .partial({
    images: true,
    tags: true,
    certifications: true,
    harvestWindows: true,
    preorder: true,
    status: true,
    position: true,
    summary: true,
    description: true,
  })
  .extend({ variants: z.array(newVariantSchema).max(50).default([]) });

const mediaSchema = z.strictObject({
  kind: z.enum(MEDIA_KINDS),
  url: urlSchema,
  mimeType: z
    .string()
    .max(100)
    .regex(/^[a-z]+\/[a-z0-9.+-]+$/)
    .optional(),
  caption: localized(500, multiline).optional(),
  credit: localized(200).optional(),
  transcript: localized(50_000, multiline).optional(),
  /** Timed passages of the transcript (seconds); the hall audio guide highlights the one being heard. */
  cues: z
    .array(
      z
        .strictObject({ start: z.number().min(0).max(86_400), end: z.number().min(0).max(86_400), text: localized(2000, multiline) })
        .refine((cue) => cue.end > cue.start, { message: 'a cue ends after it starts', path: ['end'] }),
    )
    .max(500)
    .optional(),
  alt: localized(300).optional(),
  durationSeconds: z.number().min(0).max(86_400).optional(),
  width: dimension.optional(),
  height: dimension.optional(),
});

/** A story's fields; {@link storySchema} adds the rules across fields. */
export const storyFields = z.strictObject({
  slug: slugSchema,
  kind: z.enum(STORY_KINDS),
  title: localized(200),
  summary: localized(500, multiline),
  body: localized(50_000, multiline),
  media: z.array(mediaSchema).max(30),
  place: placeSchema.optional().meta({
    deprecated: true,
    description: 'A copied place, kept for old data. Link the story from a museum place instead: `PUT …/museum/places/{id}/links` with its id in `stories`.',
  }),
  /** When the story happened, with its precision and optional label (the chronicle's date rules). */
  date: historicalDateSchema.optional().meta({
    description:
      'When the story happened: precision (day … period) plus its fields, `circa` and a free-text `label` (docs/museum.md). `null` in a patch removes it.',
  }),
  era: localized(100).optional().meta({ description: 'Free text shown when the story has no `date` ("Handed down over generations").' }),
  attribution: localized(300).optional(),
  visibility: z.enum(STORY_VISIBILITIES),
  status: z.enum(STORY_STATUSES),
  position: z.number().int().min(0).max(100_000),
});

export const storySchema = storyFields.superRefine((story, ctx) => {
  // A published recording must be readable by people who cannot listen.
  if (story.status !== 'published') return;
  story.media.forEach((m, index) => {
    if ((m.kind === 'audio' || m.kind === 'video') && !Object.values(m.transcript ?? {}).some((t) => t && t.trim())) {
      ctx.addIssue({ code: 'custom', path: ['media', index, 'transcript'], message: 'Audio and video need a transcript before the story is published.' });
    }
  });
});

export const newStoryDefaults = { summary: {}, body: {}, media: [], visibility: 'public', status: 'draft', position: 0 } as const;

export const stockAdjustmentSchema = z.strictObject({
  delta: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((d) => d !== 0, 'Must not be zero.'),
  reason: z.enum(STOCK_ADJUSTMENT_REASONS),
  note: text(500, multiline).optional(),
});

export const loginSchema = z.strictObject({ email: text(254, { min: 1 }), password: z.string().min(1).max(256) });
export const passwordChangeSchema = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });
export const memberSchema = z.strictObject({
  email: text(254, { min: 3 }),
  role: z.enum(ROLES),
  /** Needed only when the email has no account yet. */
  password: z.string().max(256).optional(),
  displayName: text(100).optional(),
});
export const memberRoleSchema = z.strictObject({ role: z.enum(ROLES) });
export const apiTokenSchema = z.strictObject({ name: text(100, { min: 1 }), role: z.enum(ROLES) });

export const productLinkSchema = z.strictObject({ relation: z.enum(STORY_PRODUCT_RELATIONS), position: z.number().int().min(0).max(10_000).default(0) });
export const producerLinkSchema = z.strictObject({ relation: z.enum(STORY_PRODUCER_RELATIONS), position: z.number().int().min(0).max(10_000).default(0) });
export const storyLinkSchema = z.strictObject({ relation: z.enum(STORY_STORY_RELATIONS), position: z.number().int().min(0).max(10_000).default(0) });

export const listQuerySchema = z.object({
  q: text(100).optional(),
  status: text(20).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});
