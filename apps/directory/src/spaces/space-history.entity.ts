// One change of a space by its host (or an operator's decision on it): what changed, when, by which email.
// The manage page lists them, and the host is mailed each.
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** What happened: a change applied at once, one waiting for review, that review's outcome, new availability. */
export const HISTORY_KINDS = [
  'listing_changed',
  'change_awaits_review',
  'change_approved',
  'change_rejected',
  'availability_changed',
  'hand_over_offered',
  'handed_over',
  'retired',
  'host_locale_changed',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** A field and its value after the change, as the host reads it. */
export interface FieldChange {
  field: string;
  value: string;
}

@Entity({ tableName: 'space_history' })
@Index({ name: 'space_history_space', properties: ['spaceId', 'at'] })
export class SpaceHistoryEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'uuid' })
  spaceId: string;

  @Property({ type: 'datetime' })
  at: Date;

  @Property({ type: 'string' })
  byEmail: string;

  @Property({ type: 'string' })
  what: HistoryKind;

  @Property({ type: 'json' })
  changes: FieldChange[];

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
