// The shapes operators, hosts and the public send to the directory, checked at the edge.
import { createZodDto } from 'nestjs-zod';
import { isLocale, SUPPORTED_LOCALES } from '@cocomo/i18n';
import { z } from 'zod';
import { eligibilityProblems } from './eligibility';
import { RATE_UNITS, SPACE_KINDS, SPACE_STATUSES } from './space.entity';
import { isCountryCode, isCurrencyCode, isTimeZone } from './standard-codes';
import { latitude, longitude, toCentimetres } from '@cocomo/platform';

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const countryCode = z
  .string()
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code in capitals, such as DE or IN');
const currencyCode = z
  .string()
  .refine(isCurrencyCode, 'must be an ISO 4217 currency code, such as EUR or INR');
const money = z.number().finite().nonnegative('must not be negative').max(10_000_000, 'is too large');

const rate = z.object({ amount: money, currency: currencyCode, per: z.enum(RATE_UNITS) }).strict();

const pricing = z.discriminatedUnion(
  'model',
  [
    z.object({ model: z.literal('free') }).strict(),
    z
      .object({
        model: z.literal('paid'),
        amount: money.positive('must be more than 0 for a paid space'),
        currency: currencyCode,
        per: z.enum(RATE_UNITS),
      })
      .strict(),
  ],
  { errorMap: () => ({ message: 'model must be "free" or "paid"' }) },
);

const spaceFields = {
  name: text(120),
  kind: z.enum(SPACE_KINDS),
  description: z.string().trim().max(4000, 'must be at most 4000 characters'),
  address: text(255),
  city: text(120),
  country: countryCode,
  latitude,
  longitude,
  timezone: z.string().refine(isTimeZone, 'must be an IANA time zone, such as Europe/Berlin'),
  capacity: z.number().int('must be a whole number').max(1_000_000, 'is too large'),
  amenities: z
    .array(text(60))
    .max(50, 'may list at most 50 amenities')
    .transform((list) => [...new Set(list.map((item) => item.toLowerCase()))]),
  pricing,
  marketRate: rate.optional(),
  host: z
    .object({ name: text(120), email: z.string().trim().email('must be an email address').max(320) })
    .strict(),
};

export const registerSpaceSchema = z
  .object({
    ...spaceFields,
    eligibility: z.object({ supportsFoss: z.boolean(), nonCommercialPledge: z.boolean() }).strict(),
    /** The host's language, for every mail about the space. */
    locale: z
      .string()
      .refine(isLocale, `must be a language CoCoMo speaks: ${SUPPORTED_LOCALES.join(', ')}`)
      .default('en'),
  })
  .strict()
  .superRefine((space, ctx) => {
    for (const { field, problem } of eligibilityProblems(space)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: field.split('.'), message: problem });
    }
    if (space.pricing.model === 'paid' && !space.marketRate) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['marketRate'],
        message: 'is required for a paid space: what renting it would cost (it feeds the money-saved metric)',
      });
    }
  });
export class RegisterSpaceDto extends createZodDto(registerSpaceSchema) {}
/** A space to register; its host's language is English unless they chose another. */
export type RegisterSpace = Omit<z.output<typeof registerSpaceSchema>, 'locale'> & { locale?: string };

export const updateSpaceSchema = z
  .object(spaceFields)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { message: 'must change at least one field' });
export class UpdateSpaceDto extends createZodDto(updateSpaceSchema) {}
export type UpdateSpace = z.output<typeof updateSpaceSchema>;

export const rejectSpaceSchema = z.object({ reason: text(2000) }).strict();
export class RejectSpaceDto extends createZodDto(rejectSpaceSchema) {}

const moment = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date and time with its zone' })
  .transform((text) => new Date(text));

const near = z
  .string()
  .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'must be "latitude,longitude", such as 52.52,13.40')
  .transform((value) => value.split(',').map((part) => toCentimetres(Number(part))) as [number, number])
  .refine(
    ([lat, lng]) => Math.abs(lat) <= 90 && Math.abs(lng) <= 180,
    'is outside the map (latitude ±90, longitude ±180)',
  );

/** A view of the map: `west,south,east,north` in degrees, as Leaflet's `getBounds().toBBoxString()` writes it. */
export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

const boundingBox = z.string().transform((value, ctx): BoundingBox => {
  const parts = value.split(',');
  const numbers = parts.map((part) => (/^\s*-?\d+(\.\d+)?\s*$/.test(part) ? Number(part) : Number.NaN));
  const fail = (message: string) => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    return z.NEVER;
  };
  if (parts.length !== 4 || numbers.some((number) => !Number.isFinite(number))) {
    return fail('must be four numbers "west,south,east,north" in degrees, such as 13.2,52.4,13.6,52.6');
  }
  const [west, south, east, north] = numbers.map(toCentimetres);
  if ([west, east].some((lng) => Math.abs(lng) > 180) || [south, north].some((lat) => Math.abs(lat) > 90)) {
    return fail('is outside the map (longitude ±180, latitude ±90)');
  }
  if (south >= north) return fail('must have its south below its north');
  if (west >= east) {
    return fail(
      'must have its west left of its east; a view across the antimeridian (180°) is asked as two boxes, one on each side',
    );
  }
  return { west, south, east, north };
});

/** What the map and the list may filter spaces by, besides where they are. */
const spaceFilters = {
  minCapacity: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
  amenities: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean),
    )
    .optional(),
  pricing: z.enum(['free', 'paid']).optional(),
  country: countryCode.optional(),
  q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
};

/** Only spaces open and free for the whole of this time (ISO 8601 with its zone): the search and the map. */
const openDuring = { from: moment.optional(), to: moment.optional() };

function checkOpenDuring(query: { from?: Date; to?: Date }, context: z.RefinementCtx): void {
  if ((query.from === undefined) !== (query.to === undefined)) {
    const missing = query.from === undefined ? 'from' : 'to';
    context.addIssue({ code: 'custom', path: [missing], message: 'from and to go together' });
  } else if (query.from && query.to && query.to <= query.from) {
    context.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  }
}

export const spaceFiltersSchema = z.object(spaceFilters);
export type SpaceFilters = z.output<typeof spaceFiltersSchema>;

export const searchSpacesSchema = z
  .object({
    near: near.optional(),
    bbox: boundingBox.optional(),
    radiusKm: z.coerce
      .number()
      .min(0.001, 'must be at least 0.001 (one metre)')
      .max(20_000, 'must be at most 20000')
      .optional(),
    ...spaceFilters,
    status: z.enum(SPACE_STATUSES).optional(),
    limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(20),
    cursor: z.string().max(500).optional(),
    ...openDuring,
  })
  .strict()
  .refine((query) => query.radiusKm === undefined || query.near !== undefined, {
    path: ['radiusKm'],
    message: 'needs near=latitude,longitude',
  })
  .superRefine(checkOpenDuring);
export class SearchSpacesDto extends createZodDto(searchSpacesSchema) {}
export type SearchSpaces = z.output<typeof searchSpacesSchema>;

/** GET /api/map: the spaces in one view of the map, as clusters or pins, with the search's filters. */
export const mapViewSchema = z
  .object({ bbox: boundingBox, ...spaceFilters, ...openDuring })
  .strict()
  .superRefine(checkOpenDuring);
export class MapViewDto extends createZodDto(mapViewSchema) {}
export type MapView = z.output<typeof mapViewSchema>;
