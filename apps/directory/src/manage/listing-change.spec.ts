import { Space } from '../spaces/space.entity';
import { listingChange } from './listing-change';

function aSpace(status: Space['status']): Space {
  return Object.assign(new Space(), {
    id: 'id',
    name: 'Hall',
    kind: 'college',
    description: 'A hall',
    address: '1 Road',
    city: 'Pune',
    country: 'IN',
    latitude: 18.5,
    longitude: 73.8,
    timezone: 'Asia/Kolkata',
    capacity: 40,
    amenities: ['wifi'],
    pricingModel: 'free',
    hostName: 'Asha',
    hostEmail: 'asha@example.org',
    status,
  });
}

describe("a host's change", () => {
  it.each([
    ['the name waits', { name: 'Great Hall' }, {}, { name: 'Great Hall' }],
    ['the address waits', { address: '2 Road' }, {}, { address: '2 Road' }],
    ['the location waits', { latitude: 18.6 }, {}, { latitude: 18.6 }],
    ['the capacity applies at once', { capacity: 80 }, { capacity: 80 }, {}],
    ['the description applies at once', { description: 'Big' }, { description: 'Big' }, {}],
    [
      'the contact applies at once',
      { host: { name: 'Ravi', email: 'asha@example.org' } },
      { hostName: 'Ravi' },
      {},
    ],
    [
      'becoming paid waits, with its price',
      { pricing: { model: 'paid' as const, amount: 10, currency: 'INR', per: 'hour' as const } },
      {},
      { pricingModel: 'paid', priceAmount: 10, priceCurrency: 'INR', pricePer: 'hour' },
    ],
    ['the same values change nothing', { name: 'Hall', capacity: 40 }, {}, {}],
  ])('of an approved space: %s', (_name, listing, immediate, reviewed) => {
    expect(listingChange(aSpace('approved'), listing)).toEqual({ immediate, reviewed });
  });

  it.each([
    ['withdrawn waits', { supportsFoss: true, nonCommercialPledge: false }, { nonCommercialPledge: false }],
    ['kept changes nothing', { supportsFoss: true, nonCommercialPledge: true }, {}],
  ])('of an approved space: a pledge %s', (_name, pledges, reviewed) => {
    const pledged = Object.assign(aSpace('approved'), { supportsFoss: true, nonCommercialPledge: true });
    expect(listingChange(pledged, {}, pledges)).toEqual({ immediate: {}, reviewed });
  });

  it('of a space not yet approved applies at once: its review is still to come', () => {
    expect(listingChange(aSpace('pending_review'), { name: 'Great Hall' })).toEqual({
      immediate: { name: 'Great Hall' },
      reviewed: {},
    });
  });
});
