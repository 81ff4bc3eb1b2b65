// What the directory's JSON API answers, as zod schemas: the handlers' return types are drawn from them and the
// OpenAPI document is generated from them, so the two cannot part. Not parsed at run time.
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { RATE_UNITS, SPACE_KINDS, SPACE_STATUSES } from './space.entity';

const instant = z.string().datetime().describe('ISO 8601, UTC');
const rate = z.object({ amount: z.number(), currency: z.string(), per: z.enum(RATE_UNITS) });

export const pricingAnswerSchema = z.discriminatedUnion('model', [
  z.object({ model: z.literal('free') }),
  z.object({ model: z.literal('paid'), amount: z.number(), currency: z.string(), per: z.enum(RATE_UNITS) }),
]);
export type PricingAnswer = z.input<typeof pricingAnswerSchema>;
export type RateAnswer = z.input<typeof rate>;

/** A space as the public sees it: what a visitor needs. */
export const publicSpaceSchema = z.object({
  id: z.string().uuid(),
  status: z.enum(SPACE_STATUSES),
  name: z.string(),
  kind: z.enum(SPACE_KINDS),
  description: z.string(),
  address: z.string(),
  city: z.string(),
  country: z.string().describe('ISO 3166-1 alpha-2'),
  latitude: z.number(),
  longitude: z.number(),
  timezone: z.string().describe('IANA time zone'),
  capacity: z.number().int(),
  amenities: z.array(z.string()),
  pricing: pricingAnswerSchema,
  marketRate: rate.nullable().describe('What renting it would cost elsewhere (paid spaces)'),
  createdAt: instant,
  approvedAt: instant.nullable(),
});
export type PublicSpace = z.input<typeof publicSpaceSchema>;

/** A space as operators see it: also its host, its eligibility and its review. */
export const operatorSpaceSchema = publicSpaceSchema.extend({
  host: z.object({ name: z.string(), email: z.string() }),
  eligibility: z.object({ supportsFoss: z.boolean(), nonCommercialPledge: z.boolean() }),
  rejectionReason: z.string().nullable(),
  pendingChange: z
    .object({
      columns: z.record(z.string(), z.unknown()),
      by: z.string().nullable(),
      at: instant.nullable(),
    })
    .nullable()
    .describe("The host's change to reviewed fields, by column, that waits for an operator"),
  updatedAt: instant,
});
export type OperatorSpace = z.input<typeof operatorSpaceSchema>;

export class OperatorSpaceDto extends createZodDto(operatorSpaceSchema) {}

const OPERATOR_ONLY = {
  host: true,
  eligibility: true,
  rejectionReason: true,
  pendingChange: true,
  updatedAt: true,
} as const;

/**
 * One space: operators see any, with its host and review; the public sees approved spaces without them. One
 * object with those fields optional, rather than a union of the two, of which an operator's answer would match
 * both.
 */
export const spaceAnswerSchema = operatorSpaceSchema.partial(OPERATOR_ONLY);
export type SpaceAnswer = z.input<typeof spaceAnswerSchema>;
export class SpaceAnswerDto extends createZodDto(spaceAnswerSchema) {}

export const searchAnswerSchema = z.object({
  items: z.array(
    spaceAnswerSchema.extend({
      distanceKm: z.number().nullable().describe('From `near`, when it was given'),
    }),
  ),
  total: z.number().int(),
  nextCursor: z.string().nullable().describe('Gives the next page as `cursor`; null on the last'),
});
export type SearchAnswer = z.input<typeof searchAnswerSchema>;
export class SearchAnswerDto extends createZodDto(searchAnswerSchema) {}

/** Spaces as a GeoJSON FeatureCollection (RFC 7946); coordinates are [longitude, latitude]. */
export const spaceFeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string().uuid(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).length(2) }),
      properties: z.object({
        id: z.string().uuid(),
        name: z.string(),
        kind: z.enum(SPACE_KINDS),
        pricing: pricingAnswerSchema,
        capacity: z.number().int(),
        amenities: z.array(z.string()),
        city: z.string(),
        country: z.string(),
      }),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type SpaceFeatureCollection = z.input<typeof spaceFeatureCollectionSchema>;
export class SpaceFeatureCollectionDto extends createZodDto(spaceFeatureCollectionSchema) {}

/** A space in the terms of the SpaceAPI schema (v14/v15); CoCoMo's own fields under `ext_cocomo`. */
export const spaceApiDocumentSchema = z.object({
  api_compatibility: z.array(z.string()),
  space: z.string(),
  logo: z.string().url(),
  url: z.string().url(),
  location: z.object({
    address: z.string(),
    lat: z.number(),
    lon: z.number(),
    timezone: z.string(),
    country_code: z.string(),
  }),
  contact: z.object({}),
  /** The space's public calendar: busy times and event titles only. */
  feeds: z.object({ calendar: z.object({ type: z.literal('ical'), url: z.string().url() }) }),
  ext_cocomo: z.object({
    id: z.string().uuid(),
    kind: z.enum(SPACE_KINDS),
    capacity: z.number().int(),
    amenities: z.array(z.string()),
    pricing: pricingAnswerSchema,
    description: z.string(),
  }),
});
export type SpaceApiDocument = z.input<typeof spaceApiDocumentSchema>;
export class SpaceApiDocumentDto extends createZodDto(spaceApiDocumentSchema) {}

/** The events a space has hosted: totals over all of them, the newest listed. */
export const hostedEventsSchema = z.object({
  events: z.number().int(),
  attendance: z.number().int(),
  newcomers: z.number().int(),
  items: z.array(
    z.object({
      title: z.string().nullable().describe('Null when the message that told the event did not carry it'),
      community: z.string(),
      eventStart: instant,
      eventEnd: instant,
      attendance: z.number().int(),
      newcomers: z.number().int(),
    }),
  ),
});
export type HostedEvents = z.input<typeof hostedEventsSchema>;
export class HostedEventsDto extends createZodDto(hostedEventsSchema) {}

/**
 * One view of the map (GeoJSON, coordinates [longitude, latitude]): more than MAX_PINS spaces come as clusters,
 * a cell's count with its free and paid spaces apart, at the middle of its spaces; fewer as a pin each.
 */
export const mapViewAnswerSchema = z.object({
  type: z.literal('FeatureCollection'),
  total: z
    .number()
    .int()
    .describe('The spaces shown: every pin, or every cluster (cells at the edges of the view counted whole)'),
  clustered: z.boolean(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string().uuid().optional().describe("A pin's space"),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).length(2) }),
      // One object, not a union: its `cluster` tells a cluster (count, free, paid, bbox) from a pin (id, pricing).
      properties: z.object({
        cluster: z.boolean(),
        count: z.number().int().optional(),
        free: z.number().int().optional(),
        paid: z.number().int().optional(),
        bbox: z.array(z.number()).length(4).optional().describe("A cluster's cell: west, south, east, north"),
        id: z.string().uuid().optional().describe("A pin's space: GET /api/spaces/{id} tells the rest"),
        pricing: z.enum(['free', 'paid']).optional(),
      }),
    }),
  ),
});
export type MapViewAnswer = z.input<typeof mapViewAnswerSchema>;
export class MapViewAnswerDto extends createZodDto(mapViewAnswerSchema) {}
