import { rankSpaces, type CandidateFacts, type RankingRequest } from './candidate-ranking';

const request: RankingRequest = { expectedAttendees: 40, needs: ['projector'], previousSpaceIds: [] };

function space(spaceId: string, change: Partial<CandidateFacts> = {}): CandidateFacts {
  return {
    spaceId,
    pricingModel: 'free',
    distanceKm: 1,
    capacity: 50,
    amenities: ['wifi', 'projector'],
    readiness: null,
    ...change,
  };
}

const order = (spaces: CandidateFacts[], change: Partial<RankingRequest> = {}) =>
  rankSpaces(spaces, { ...request, ...change }).map((candidate) => candidate.spaceId);

describe('ranking candidate spaces', () => {
  it.each<[string, CandidateFacts[], Partial<RankingRequest>, string[]]>([
    [
      'free before paid, even when the paid one is nearer',
      [space('paid', { pricingModel: 'paid', distanceKm: 0.5 }), space('free', { distanceKm: 4 })],
      {},
      ['free', 'paid'],
    ],
    [
      'then the nearer one',
      [space('far', { distanceKm: 20 }), space('near', { distanceKm: 2 })],
      {},
      ['near', 'far'],
    ],
    [
      'then the tighter capacity fit',
      [space('hall', { capacity: 400 }), space('room', { capacity: 45 })],
      {},
      ['room', 'hall'],
    ],
    [
      'then the one with the needed amenities',
      [space('bare', { amenities: ['wifi'] }), space('equipped')],
      {},
      ['equipped', 'bare'],
    ],
    [
      'then the readier host',
      [space('slow', { readiness: 0.2 }), space('ready', { readiness: 0.9 })],
      {},
      ['ready', 'slow'],
    ],
    [
      "then the community's previous space",
      [space('new'), space('usual')],
      { previousSpaceIds: ['usual'] },
      ['usual', 'new'],
    ],
    [
      'the named space first',
      [space('other'), space('named', { pricingModel: 'paid', distanceKm: 30 })],
      { spaceId: 'named' },
      ['named', 'other'],
    ],
    ['spaces too small are left out', [space('tiny', { capacity: 10 }), space('fits')], {}, ['fits']],
    [
      'a space without a known distance comes after those near',
      [space('unknown', { distanceKm: null }), space('near', { distanceKm: 3 })],
      {},
      ['near', 'unknown'],
    ],
  ])('%s', (_rule, spaces, change, expected) => {
    expect(order(spaces, change)).toEqual(expected);
  });

  it('distance decides across bands, the later preferences within one', () => {
    const spaces = [
      space('4km-bare', { distanceKm: 4, amenities: [] }),
      space('2km-equipped', { distanceKm: 2 }),
      space('12km', { distanceKm: 12 }),
    ];
    expect(order(spaces)).toEqual(['2km-equipped', '4km-bare', '12km']);
  });
});
