// The review life of a space: which operator decision is allowed from which status.
import type { SpaceStatus } from './space.entity';

export type ReviewAction = 'approve' | 'reject' | 'retire' | 'update';

const allowedFrom: Record<ReviewAction, readonly SpaceStatus[]> = {
  approve: ['pending_review'],
  reject: ['pending_review'],
  retire: ['pending_review', 'approved'],
  update: ['pending_review', 'approved'],
};

export function canReview(action: ReviewAction, status: SpaceStatus): boolean {
  return allowedFrom[action].includes(status);
}

export function reviewRefusal(action: ReviewAction, status: SpaceStatus): string {
  return `A space that is ${status.replace('_', ' ')} cannot be ${
    { approve: 'approved', reject: 'rejected', retire: 'retired', update: 'changed' }[action]
  } (allowed from: ${allowedFrom[action].join(', ')})`;
}
