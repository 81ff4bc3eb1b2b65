// A space that hosts FOSS events, as its host described it, and where it stands in review.
import { Entity, Enum, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { ALWAYS_AVAILABLE, type Availability } from '../availability/availability';

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

  /** The language the host reads: every mail to them, and the pages behind its links. */
  @Property({ type: 'string', length: 35 })
  hostLocale: Opt<string> = 'en';

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

  /** When the host may be asked: weekly hours in the space's zone, closures, a pause, a monthly cap. */
  @Property({ type: 'json' })
  availability: Opt<Availability> = ALWAYS_AVAILABLE;

  /**
   * The host's change to fields operators reviewed (name, address and location, pricing model), waiting for
   * an operator: the listing keeps its approved values until then. Column names and their new values.
   */
  @Property({ type: 'json', nullable: true })
  pendingChange: Partial<SpaceColumns> | null = null;

  @Property({ type: 'string', nullable: true })
  pendingChangeBy: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  pendingChangeAt: Date | null = null;

  /**
   * The host offered the space to another email, which has not confirmed yet (ISO 8601 `at`); `locale`: the
   * language that person chose for their mails on the take-over page, the space's once they take it over.
   */
  @Property({ type: 'json', nullable: true })
  handOver: { name: string; email: string; by: string; at: string; locale?: string } | null = null;

  /** When the host opted out of the yearly summary of their hosting (the link in that mail). */
  @Property({ type: 'datetime', nullable: true })
  summaryOptOutAt: Date | null = null;
}

/** The columns a listing's fields are kept in, as a change names them. */
export type SpaceColumns = Pick<
  Space,
  | 'name'
  | 'kind'
  | 'description'
  | 'address'
  | 'city'
  | 'country'
  | 'latitude'
  | 'longitude'
  | 'timezone'
  | 'capacity'
  | 'amenities'
  | 'pricingModel'
  | 'priceAmount'
  | 'priceCurrency'
  | 'pricePer'
  | 'marketRateAmount'
  | 'marketRateCurrency'
  | 'marketRatePer'
  | 'hostName'
  | 'supportsFoss'
  | 'nonCommercialPledge'
>;
