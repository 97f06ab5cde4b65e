import { z } from 'zod';
import { withFastCheck } from '../db/json-column';
import { LOCALES, type LocalizedText } from '../locale/locale';
import { CERTIFICATION_KINDS, type Certification, type ContactInfo, type HarvestWindow, type ImageRef, type Place } from './types';

/*
 * Schemas of the JSON text columns of the catalog tables (cooperatives, producers,
 * products, variants), used by the row mappers through `parseJsonColumn`. They check the
 * shape the writers store; unknown keys are kept so an older row with an extra field reads.
 * The hot ones carry a plain-JavaScript check (`withFastCheck`) that accepts the well-formed
 * value without zod; it accepts nothing the schema would refuse (tested side by side).
 */

const localeKeys = new Set<string>(LOCALES);

type Check = (value: unknown) => boolean;
/** A JSON object (what JSON.parse makes for `{…}`): not null, not an array. */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
const isLocalizedText: Check = (value) => {
  if (!isRecord(value)) return false;
  for (const key of Object.keys(value)) if (!localeKeys.has(key) || typeof value[key] !== 'string') return false;
  return true;
};
const optional = (check: Check) => (value: unknown) => value === undefined || check(value);
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isString: Check = (value) => typeof value === 'string';
const arrayOf = (check: Check) => (value: unknown) => Array.isArray(value) && value.every(check);
const isMonth: Check = (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 12;
const certificationKinds = new Set<unknown>(CERTIFICATION_KINDS);

const isImageRef: Check = (v) => isRecord(v) && isString(v.url) && isLocalizedText(v.alt) && optional(isNumber)(v.width) && optional(isNumber)(v.height);
const isHarvestWindow: Check = (v) => isRecord(v) && isMonth(v.fromMonth) && isMonth(v.toMonth);
const isCertification: Check = (v) => isRecord(v) && certificationKinds.has(v.kind) && optional(isString)(v.registryId) && optional(isLocalizedText)(v.issuer);
const isPlace: Check = (v) =>
  isRecord(v) && isLocalizedText(v.name) && optional(isLocalizedText)(v.region) && optional(isNumber)(v.latitude) && optional(isNumber)(v.longitude);

/** `{ "zh-CN": "…", "en": "…" }`: every key a locale, every value a string. */
export const localizedTextSchema: z.ZodType<LocalizedText> = withFastCheck(
  z.record(z.string(), z.string()).refine((value) => Object.keys(value).every((key) => localeKeys.has(key)), { message: 'unknown locale key' }),
  isLocalizedText,
);

export const placeSchema: z.ZodType<Place> = withFastCheck(
  z.looseObject({
    name: localizedTextSchema,
    region: localizedTextSchema.optional(),
    latitude: z.number().optional(),
    longitude: z.number().optional(),
  }),
  isPlace,
);

export const imageRefSchema: z.ZodType<ImageRef> = withFastCheck(
  z.looseObject({
    url: z.string(),
    alt: localizedTextSchema,
    width: z.number().optional(),
    height: z.number().optional(),
  }),
  isImageRef,
);

/** A list of images (products' `images`). */
export const imageListSchema: z.ZodType<ImageRef[]> = withFastCheck(z.array(imageRefSchema), arrayOf(isImageRef));

export const contactSchema: z.ZodType<ContactInfo> = z.looseObject({
  phone: z.string().optional(),
  email: z.string().optional(),
  wechat: z.string().optional(),
  address: localizedTextSchema.optional(),
});

export const certificationSchema: z.ZodType<Certification> = withFastCheck(
  z.looseObject({
    kind: z.enum(CERTIFICATION_KINDS),
    registryId: z.string().optional(),
    issuer: localizedTextSchema.optional(),
  }),
  isCertification,
);

/** A list of certifications (products' `certifications`). */
export const certificationListSchema: z.ZodType<Certification[]> = withFastCheck(z.array(certificationSchema), arrayOf(isCertification));

export const harvestWindowSchema: z.ZodType<HarvestWindow> = withFastCheck(
  z.looseObject({
    fromMonth: z.number().int().min(1).max(12),
    toMonth: z.number().int().min(1).max(12),
  }),
  isHarvestWindow,
);

/** A list of harvest windows (products' `harvest_windows`). */
export const harvestWindowListSchema: z.ZodType<HarvestWindow[]> = withFastCheck(z.array(harvestWindowSchema), arrayOf(isHarvestWindow));

export const stringListSchema: z.ZodType<string[]> = withFastCheck(z.array(z.string()), arrayOf(isString));
