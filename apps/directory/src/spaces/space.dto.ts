// The shapes operators, hosts and the public send to the directory, checked at the edge.
import { createZodDto } from 'nestjs-zod';
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
export type RegisterSpace = z.output<typeof registerSpaceSchema>;

export const updateSpaceSchema = z
  .object(spaceFields)
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, { message: 'must change at least one field' });
export class UpdateSpaceDto extends createZodDto(updateSpaceSchema) {}
export type UpdateSpace = z.output<typeof updateSpaceSchema>;

export const rejectSpaceSchema = z.object({ reason: text(2000) }).strict();
export class RejectSpaceDto extends createZodDto(rejectSpaceSchema) {}

const near = z
  .string()
  .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, 'must be "latitude,longitude", such as 52.52,13.40')
  .transform((value) => value.split(',').map((part) => toCentimetres(Number(part))) as [number, number])
  .refine(
    ([lat, lng]) => Math.abs(lat) <= 90 && Math.abs(lng) <= 180,
    'is outside the map (latitude ±90, longitude ±180)',
  );

export const searchSpacesSchema = z
  .object({
    near: near.optional(),
    radiusKm: z.coerce
      .number()
      .min(0.001, 'must be at least 0.001 (one metre)')
      .max(20_000, 'must be at most 20000')
      .optional(),
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
    status: z.enum(SPACE_STATUSES).optional(),
    limit: z.coerce.number().int('must be a whole number').min(1).max(200).default(20),
    cursor: z.string().max(500).optional(),
  })
  .strict()
  .refine((query) => query.radiusKm === undefined || query.near !== undefined, {
    path: ['radiusKm'],
    message: 'needs near=latitude,longitude',
  });
export class SearchSpacesDto extends createZodDto(searchSpacesSchema) {}
export type SearchSpaces = z.output<typeof searchSpacesSchema>;
