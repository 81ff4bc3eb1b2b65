import fc from 'fast-check';
import { approvedSpace, booking } from '../../test/booking-events';
import { foldBooking, type BookingRecord } from './booking-record';
import { foldSpace } from './space-record';
import {
  availabilityRequests,
  conductedRatio,
  diversity,
  eventsConducted,
  freeShare,
  median,
  moneySaved,
  protocols,
  readiness,
  registeredSpaces,
  stability,
  type MetricsScope,
} from './seed-metrics';

const spaces = [
  approvedSpace('s1', { approvedAt: '2026-01-05T09:00:00.000Z' }),
  approvedSpace('s2', { pricingModel: 'paid', approvedAt: '2026-03-10T09:00:00.000Z' }),
  approvedSpace('s3', { country: 'IN', approvedAt: '2026-04-02T09:00:00.000Z' }),
  [
    ...approvedSpace('s4', { country: 'FR' }),
    {
      name: 'space.retired',
      occurredAt: '2026-02-01T00:00:00.000Z',
      payload: { spaceId: 's4', country: 'FR', pricingModel: 'free' },
    },
  ],
].map((events) => foldSpace(events)!);

const stories = [
  // A community's February event at a paid space, then two March events at the same free space.
  booking('b5', {
    community: 'A',
    requestedAt: '2026-02-10T10:00:00.000Z',
    spaceId: 's2',
    pricingModel: 'paid',
  })
    .requested()
    .asked()
    .answered(true, 3)
    .held({ attendance: 10, newcomers: 2 }),
  booking('b1', { community: 'A', requestedAt: '2026-03-02T10:00:00.000Z', spaceId: 's1' })
    .requested()
    .asked()
    .answered(true, 4)
    .held({ attendance: 30, newcomers: 10, marketCost: 100, amountPaid: 0 }),
  booking('b2', { community: 'A', requestedAt: '2026-03-03T10:00:00.000Z', spaceId: 's1' })
    .requested()
    .asked()
    .answered(true, 10)
    .held({ attendance: 20, newcomers: 5, marketCost: 300, amountPaid: 50 }),
  // Declined by a paid space, the next host stays silent, and no space is left.
  booking('b3', {
    community: 'B',
    requestedAt: '2026-03-04T10:00:00.000Z',
    spaceId: 's2',
    pricingModel: 'paid',
  })
    .requested()
    .asked()
    .answered(false, 2)
    .at('s1', 'DE', 'free')
    .asked()
    .escalated()
    .unplaced(),
  booking('b4', { community: 'C', requestedAt: '2026-03-05T10:00:00.000Z', spaceId: 's5', country: 'IN' })
    .requested()
    .asked()
    .answered(true, 1)
    .cancelled('organizer'),
];
const bookings: BookingRecord[] = stories.map((story) => foldBooking(story.events)!);

const march: MetricsScope = {
  from: new Date('2026-03-01T00:00:00Z'),
  to: new Date('2026-04-01T00:00:00Z'),
  country: null,
};
const marchIn: MetricsScope = { ...march, country: 'IN' };

describe('the seed metrics, against their definitions', () => {
  it.each([
    [
      'registered spaces: approved before the end of the period and not retired',
      registeredSpaces(spaces, march),
      { total: 2, free: 1, paid: 1, byCountry: { DE: 2 }, approvedInPeriod: 1 },
    ],
    [
      'registered spaces in one country',
      registeredSpaces(spaces, marchIn),
      { total: 0, free: 0, paid: 0, byCountry: {}, approvedInPeriod: 0 },
    ],
    ['availability requests: requests made in the period', availabilityRequests(bookings, march), 4],
    [
      'availability requests in one country: by the country of the space asked',
      availabilityRequests(bookings, marchIn),
      1,
    ],
    ['events conducted: held events that started in the period', eventsConducted(bookings, march), 2],
    [
      "conducted ratio: of the period's requests, those held",
      conductedRatio(bookings, march),
      { requested: 4, held: 2, ratio: 0.5 },
    ],
    [
      'money saved: market cost less what was paid, per currency',
      moneySaved(bookings, march),
      {
        byCurrency: { EUR: { saved: 350, marketCost: 400, paid: 50, events: 2 } },
        eventsWithoutMarketRate: 0,
      },
    ],
    [
      "stability: the share of events at the space of the community's previous event",
      stability(bookings, march),
      { eventsWithPrevious: 2, sameSpaceAsPrevious: 1, repeatVenueShare: 0.5, lateVenueChanges: 0 },
    ],
    [
      'readiness: answers per ask, the median hours, acceptances per answer',
      readiness(bookings, march),
      {
        hostsAsked: 5,
        answered: 4,
        responseRate: 0.8,
        medianHoursToAnswer: 3,
        accepted: 3,
        acceptanceRate: 0.75,
      },
    ],
    [
      'protocols: escalations, unplaced requests and cancellations by whom',
      protocols(bookings, march),
      {
        lateDenials: 0,
        fallbackRescues: 0,
        escalations: 1,
        unplaced: 1,
        cancellations: { organizer: 1, operator: 0 },
      },
    ],
    ['free share: held events in free spaces', freeShare(bookings, march), { free: 2, paid: 0, share: 1 }],
  ])('%s', (_, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('diversity sums attendance, newcomers and age groups, and compares them with the period before', () => {
    expect(diversity(bookings, march)).toEqual({
      events: 2,
      attendance: 50,
      newcomers: 15,
      newcomerShare: 0.3,
      ageGroups: { '18to24': 20, '25to34': 40 },
      growth: {
        previousPeriod: { from: '2026-01-29T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
        events: 1,
        attendance: 4,
        newcomers: 6.5,
      },
    });
  });

  it('diversity has no growth without a start of the period to compare with', () => {
    expect(diversity(bookings, { ...march, from: null }).growth).toBeNull();
  });

  it('a venue change within 72 hours of the start is a late one, earlier ones are not', () => {
    const late = booking('late', {
      requestedAt: '2026-03-01T00:00:00.000Z',
      eventStart: '2026-03-20T18:00:00.000Z',
      spaceId: 's1',
    })
      .requested()
      .asked()
      .answered(true, 1);
    late.events.push(
      {
        name: 'booking.late-denial',
        occurredAt: '2026-03-19T10:00:00.000Z',
        payload: { ...late.base, at: '2026-03-19T10:00:00.000Z', spaceId: 's1' },
      },
      {
        name: 'booking.rescued',
        occurredAt: '2026-03-19T12:00:00.000Z',
        payload: { ...late.base, at: '2026-03-19T12:00:00.000Z', spaceId: 's2', country: 'DE' },
      },
    );
    const early = booking('early', {
      requestedAt: '2026-03-01T00:00:00.000Z',
      eventStart: '2026-03-25T18:00:00.000Z',
      spaceId: 's1',
    })
      .requested()
      .asked()
      .answered(true, 1)
      .lateDenial(24)
      .at('s2')
      .rescued();
    const records = [foldBooking(late.events)!, foldBooking(early.events)!];
    expect(stability(records, march).lateVenueChanges).toBe(1);
    expect(protocols(records, march)).toMatchObject({ lateDenials: 2, fallbackRescues: 2 });
  });

  it('counts held events without a market rate apart from the money saved', () => {
    const records = [
      foldBooking(booking('x').requested().asked().answered(true, 1).held({ marketCost: null }).events)!,
    ];
    expect(moneySaved(records, march)).toEqual({ byCurrency: {}, eventsWithoutMarketRate: 1 });
  });

  it.each([
    [[], null],
    [[5], 5],
    [[4, 1, 3], 3],
    [[10, 2, 4, 1], 3],
  ])('the median of %j is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it("stability finds each event's previous one as its definition reads, for any mix of communities and starts", () => {
    /** The definition, word for word: of the community's held events that started earlier, the latest. */
    const byDefinition = (records: BookingRecord[], scope: MetricsScope) => {
      let withPrevious = 0;
      let sameSpace = 0;
      for (const event of records.filter((b) => b.state === 'held' && b.report)) {
        if (!(Date.parse(event.eventStart) >= scope.from!.getTime())) continue;
        if (!(Date.parse(event.eventStart) < scope.to.getTime())) continue;
        const previous = records
          .filter((b) => b.state === 'held' && b.community === event.community)
          .filter((b) => Date.parse(b.eventStart) < Date.parse(event.eventStart))
          .sort((a, b) => Date.parse(b.eventStart) - Date.parse(a.eventStart))[0];
        if (!previous) continue;
        withPrevious++;
        if (previous.spaceId === event.spaceId) sameSpace++;
      }
      return { withPrevious, sameSpace };
    };
    const event = fc.record({
      community: fc.constantFrom('A', 'B', 'C'),
      space: fc.constantFrom('s1', 's2', 's3'),
      // Few distinct days, so that events starting at the same moment are common.
      day: fc.integer({ min: 1, max: 8 }),
      held: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const records = events.map(({ community, space, day, held }, index) => {
          const story = booking(`b${index}`, {
            community,
            requestedAt: '2026-02-20T10:00:00.000Z',
            eventStart: `2026-03-0${day}T18:00:00.000Z`,
          })
            .at(space)
            .requested()
            .asked()
            .answered(true, 1);
          return foldBooking((held ? story.held() : story.notHeld()).events)!;
        });
        const scope = { from: new Date('2026-03-04T00:00:00.000Z'), to: march.to, country: null };
        const counted = stability(records, scope);
        expect({ withPrevious: counted.eventsWithPrevious, sameSpace: counted.sameSpaceAsPrevious }).toEqual(
          byDefinition(records, scope),
        );
      }),
      { numRuns: 300 },
    );
  });
});
