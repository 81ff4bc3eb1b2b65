// A space that hosts FOSS events, as its host described it, and where it stands in review.
import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

export const SPACE_KINDS = ['college', 'company', 'hackerspace', 'community', 'other'] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];

export const SPACE_STATUSES = ['unverified', 'pending_review', 'approved', 'rejected', 'retired'] as const;
export type SpaceStatus = (typeof SPACE_STATUSES)[number];

export const RATE_UNITS = ['hour', 'day', 'event'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

@Entity({ tableName: 'space' })
export class Space {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'string' })
  name: string;

  @Enum({ items: () => SPACE_KINDS })
  kind: SpaceKind;

  @Property({ type: 'text' })
  description: string;

  @Property({ type: 'string' })
  address: string;

  @Property({ type: 'string' })
  city: string;

  @Property({ type: 'string', length: 2 })
  country: string;

  @Property({ type: 'double' })
  latitude: number;

  @Property({ type: 'double' })
  longitude: number;

  @Property({ type: 'string' })
  timezone: string;

  @Property({ type: 'integer' })
  capacity: number;

  @Property({ type: 'string[]' })
  amenities: string[];

  @Property({ type: 'string' })
  pricingModel: 'free' | 'paid';

  @Property({ type: 'decimal', runtimeType: 'number', precision: 12, scale: 2, nullable: true })
  priceAmount: number | null = null;

  @Property({ type: 'string', length: 3, nullable: true })
  priceCurrency: string | null = null;

  @Property({ type: 'string', nullable: true })
  pricePer: RateUnit | null = null;

  @Property({ type: 'decimal', runtimeType: 'number', precision: 12, scale: 2, nullable: true })
  marketRateAmount: number | null = null;

  @Property({ type: 'string', length: 3, nullable: true })
  marketRateCurrency: string | null = null;

  @Property({ type: 'string', nullable: true })
  marketRatePer: RateUnit | null = null;

  @Property({ type: 'string' })
  hostName: string;

  @Property({ type: 'string' })
  hostEmail: string;

  @Property({ type: 'boolean' })
  supportsFoss: boolean;

  @Property({ type: 'boolean' })
  nonCommercialPledge: boolean;

  @Enum({ items: () => SPACE_STATUSES })
  status: SpaceStatus;

  @Property({ type: 'text', nullable: true })
  rejectionReason: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime' })
  updatedAt: Date;

  @Property({ type: 'datetime', nullable: true })
  approvedAt: Date | null = null;
}
