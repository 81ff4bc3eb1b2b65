import { badgeFacts } from './badge.controller';

describe("a space's badge", () => {
  it.each([
    [0, 'Hosted 0 FOSS events on CoCoMo'],
    [1, 'Hosted 1 FOSS event on CoCoMo'],
    [12, 'Hosted 12 FOSS events on CoCoMo'],
  ])('for %d events says %j', (events, label) => expect(badgeFacts(events).label).toBe(label));

  it('grows with the count, its second half starting where the first ends', () => {
    const small = badgeFacts(3);
    const large = badgeFacts(12345);
    expect(large.width).toBeGreaterThan(small.width);
    expect(small.width).toBe(small.split + small.rest);
  });
});
