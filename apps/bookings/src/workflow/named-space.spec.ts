import type { BookingNeeds, RankedCandidate } from '@cocomo/contracts';
import { InvalidInput } from '@cocomo/platform';
import { atSpace, namedSpaceIn } from './named-space';

const needs: BookingNeeds = {
  community: 'Pune Python',
  spaceId: 'asked',
  near: { latitude: 18.52, longitude: 73.85, radiusKm: 10 },
  expectedAttendees: 40,
  needs: ['projector'],
  start: '2027-01-15T12:30:00.000Z',
  end: '2027-01-15T15:30:00.000Z',
};
const ranked = (spaceId: string) => ({ spaceId, name: spaceId }) as RankedCandidate;

describe('a space named for a booking', () => {
  it('asks for what the booking needs, of that space alone', () => {
    expect(atSpace(needs, 'chosen')).toEqual({
      community: 'Pune Python',
      spaceId: 'chosen',
      expectedAttendees: 40,
      needs: ['projector'],
      start: needs.start,
      end: needs.end,
    });
  });

  it.each([
    ['paused', 'is paused then: its host takes no requests until later'],
    ['closed', 'is closed on that date'],
    ['outside_hours', 'is not open at that time'],
    ['over_monthly_cap', 'has had as many requests this month as its host can answer'],
    ['booked', 'is booked at that time'],
  ] as const)('left out as %s is refused saying why', (reason, problem) => {
    try {
      namedSpaceIn([ranked('other')], needs, 'chosen', [{ spaceId: 'chosen', reason }]);
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInput);
      expect((error as InvalidInput).problems).toEqual([{ field: 'spaceId', code: reason, problem }]);
    }
  });

  it('is the one the directory ranked', () => {
    expect(namedSpaceIn([ranked('other'), ranked('chosen')], needs, 'chosen')).toEqual(ranked('chosen'));
  });

  it.each([
    ['nothing was ranked', []],
    ['only other spaces were', [ranked('other')]],
  ])('is refused, naming the field and the people, when %s', (_when, candidates) => {
    const refusal = (() => {
      try {
        namedSpaceIn(candidates, needs, 'chosen');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(InvalidInput);
    expect((refusal as InvalidInput).problems).toEqual([
      {
        field: 'spaceId',
        problem: 'is not an approved space that holds 40 people and is free at that time',
      },
    ]);
  });
});
