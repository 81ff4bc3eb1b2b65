import { approvedSpace } from '../../test/booking-events';
import { foldSpace } from './space-record';

describe('foldSpace', () => {
  it('knows when a space was approved, and where it is', () => {
    expect(foldSpace(approvedSpace('s1', { country: 'IN', pricingModel: 'paid' }))).toEqual({
      spaceId: 's1',
      country: 'IN',
      pricingModel: 'paid',
      marketRate: { amount: 300, currency: 'EUR', per: 'day' },
      approvedAt: '2026-01-05T09:00:00.000Z',
      retiredAt: null,
    });
  });

  it('keeps the time a space was retired, whatever order the events came in', () => {
    const events = [
      ...approvedSpace('s1'),
      {
        name: 'space.retired',
        occurredAt: '2026-02-01T00:00:00.000Z',
        payload: { spaceId: 's1', country: 'DE', pricingModel: 'free' },
      },
    ];
    expect(foldSpace([...events].reverse())?.retiredAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('takes the pricing a space was updated to', () => {
    const events = [
      ...approvedSpace('s1', { pricingModel: 'free' }),
      {
        name: 'space.updated',
        occurredAt: '2026-02-01T00:00:00.000Z',
        payload: { spaceId: 's1', pricingModel: 'paid', changed: ['pricing'] },
      },
    ];
    expect(foldSpace(events)?.pricingModel).toBe('paid');
  });
});
