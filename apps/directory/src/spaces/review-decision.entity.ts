// An operator's decision about a space: the review trail behind its status.
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

export type ReviewOutcome = 'approved' | 'rejected' | 'retired';

@Entity({ tableName: 'review_decision' })
export class ReviewDecision {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'uuid' })
  spaceId: string;

  @Property({ type: 'string' })
  outcome: ReviewOutcome;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'datetime' })
  decidedAt: Date;
}
