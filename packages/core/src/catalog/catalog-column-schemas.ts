import { z } from 'zod';
import { LOCALES, type LocalizedText } from '../locale/locale';
import { CERTIFICATION_KINDS, type Certification, type ContactInfo, type HarvestWindow, type ImageRef, type Place } from './types';

/*
 * Schemas of the JSON text columns of the catalog tables (cooperatives, producers,
 * products, variants), used by the row mappers through `parseJsonColumn`. They check the
 * shape the writers store; unknown keys are kept so an older row with an extra field reads.
 */

const localeKeys = new Set<string>(LOCALES);

/** `{ "zh-CN": "…", "en": "…" }`: every key a locale, every value a string. */
export const localizedTextSchema: z.ZodType<LocalizedText> = z
  .record(z.string(), z.string())
  .refine((value) => Object.keys(value).every((key) => localeKeys.has(key)), { message: 'unknown locale key' });

export const placeSchema: z.ZodType<Place> = z.looseObject({
  name: localizedTextSchema,
  region: localizedTextSchema.optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
});

export const imageRefSchema: z.ZodType<ImageRef> = z.looseObject({
  url: z.string(),
  alt: localizedTextSchema,
  width: z.number().optional(),
  height: z.number().optional(),
});

export const contactSchema: z.ZodType<ContactInfo> = z.looseObject({
  phone: z.string().optional(),
  email: z.string().optional(),
  wechat: z.string().optional(),
  address: localizedTextSchema.optional(),
});

export const certificationSchema: z.ZodType<Certification> = z.looseObject({
  kind: z.enum(CERTIFICATION_KINDS),
  registryId: z.string().optional(),
  issuer: localizedTextSchema.optional(),
});

export const harvestWindowSchema: z.ZodType<HarvestWindow> = z.looseObject({
  fromMonth: z.number().int().min(1).max(12),
  toMonth: z.number().int().min(1).max(12),
});

export const stringListSchema: z.ZodType<string[]> = z.array(z.string());
