// The review life of a space: which operator decision is allowed from which status.
import type { SpaceStatus } from './space.entity';

// A new space is unverified until its host confirms their email through the link mailed to them; only then
// does it wait for an operator's review.
export type ReviewAction = 'verify' | 'approve' | 'reject' | 'retire' | 'update';

const allowedFrom: Record<ReviewAction, readonly SpaceStatus[]> = {
  verify: ['unverified'],
  approve: ['pending_review'],
  reject: ['unverified', 'pending_review'],
  retire: ['unverified', 'pending_review', 'approved'],
  update: ['unverified', 'pending_review', 'approved'],
};

export function canReview(action: ReviewAction, status: SpaceStatus): boolean {
  return allowedFrom[action].includes(status);
}

export function reviewRefusal(action: ReviewAction, status: SpaceStatus): string {
  return `A space that is ${status.replace('_', ' ')} cannot be ${
    { verify: 'verified', approve: 'approved', reject: 'rejected', retire: 'retired', update: 'changed' }[
      action
    ]
  } (allowed from: ${allowedFrom[action].join(', ')})`;
}
