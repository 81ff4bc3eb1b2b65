import { canReview, reviewRefusal, type ReviewAction } from './space-status';
import type { SpaceStatus } from './space.entity';

describe('review of a space', () => {
  it.each<[ReviewAction, SpaceStatus, boolean]>([
    ['verify', 'unverified', true],
    ['verify', 'pending_review', false],
    ['approve', 'unverified', false],
    ['approve', 'pending_review', true],
    ['approve', 'approved', false],
    ['approve', 'rejected', false],
    ['approve', 'retired', false],
    ['reject', 'pending_review', true],
    ['reject', 'approved', false],
    ['retire', 'approved', true],
    ['retire', 'pending_review', true],
    ['retire', 'retired', false],
    ['update', 'approved', true],
    ['update', 'rejected', false],
  ])('%s from %s: %s', (action, status, allowed) => {
    expect(canReview(action, status)).toBe(allowed);
  });

  it('explains a refusal', () => {
    expect(reviewRefusal('approve', 'rejected')).toBe(
      'A space that is rejected cannot be approved (allowed from: pending_review)',
    );
  });
});
