import {
  bookingCancelled,
  bookingHeld,
  bookingHostAnswered,
  bookingNotHeld,
  bookingOfferTaken,
  bookingRescued,
} from '@cocomo/contracts';
import { bookingMachine, decide } from './booking-machine';
import {
  BOOKING_STATES,
  FINAL_STATES,
  HOLDING_STATES,
  OFFER_STATES,
  OPEN_STATES,
  SEEKING_STATES,
  type BookingEvent,
  type BookingFacts,
  type BookingState,
  type Effect,
  type MachineSettings,
  type OfferedTime,
} from './booking-vocabulary';

const HOUR = 3_600_000;
const settings: MachineSettings = {
  reminderAfterMs: 24 * HOUR,
  escalateAfterMs: 48 * HOUR,
  reconfirmBeforeMs: 72 * HOUR,
  urgentWindowMs: 48 * HOUR,
  urgentFanout: 3,
  reportAfterMs: 2 * HOUR,
  reportReminderAfterMs: 72 * HOUR,
  reportCloseAfterMs: 14 * 24 * HOUR,
};
const now = new Date('2026-12-01T10:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 24 * HOUR);

function facts(change: Partial<BookingFacts> = {}): BookingFacts {
  return {
    state: 'requested',
    version: 1,
    start: inDays(10),
    end: new Date(inDays(10).getTime() + 3 * HOUR),
    candidates: ['a', 'b', 'c', 'd'],
    asked: [],
    spaceId: null,
    offers: [],
    ...change,
  };
}

/** A time space `spaceId` offered instead, `days` from now, for three hours. */
const offer = (id: string, spaceId: string, days: number): OfferedTime => ({
  id,
  spaceId,
  start: inDays(days),
  end: new Date(inDays(days).getTime() + 3 * HOUR),
});
const slot = ({ start, end }: OfferedTime) => ({ start, end });

function moved(from: BookingFacts, event: BookingEvent, at = now) {
  const decision = decide(from, event, settings, at);
  if (decision.outcome !== 'moved') throw new Error(`expected a transition, got: ${decision.reason}`);
  return decision;
}

const kinds = (effects: Effect[]) =>
  effects.map((effect) =>
    effect.kind === 'tell'
      ? `tell ${effect.mail}`
      : effect.kind === 'record'
        ? `record ${effect.event.name}`
        : effect.kind,
  );

describe('the booking machine', () => {
  it.each<[string, BookingFacts, BookingEvent, BookingState, Partial<BookingFacts>]>([
    [
      'a request asks the best candidate',
      facts({ candidates: [] }),
      { type: 'candidatesRanked', candidates: ['a', 'b'] },
      'pending_host',
      { asked: [{ spaceId: 'a', version: 2 }], candidates: ['b'] },
    ],
    [
      'a request with no candidate is unplaced',
      facts({ candidates: [] }),
      { type: 'candidatesRanked', candidates: [] },
      'unplaced',
      {},
    ],
    [
      "a date of a series its host took is confirmed at the series' space",
      facts({ candidates: [] }),
      { type: 'seriesAccepted', spaceId: 'a' },
      'confirmed',
      { spaceId: 'a', asked: [], candidates: [] },
    ],
    [
      "a date the series' host left asks the best other candidate, never that host again",
      facts({ candidates: [] }),
      { type: 'seriesDateLeft', spaceId: 'a', candidates: ['a', 'b', 'c'] },
      'pending_host',
      { asked: [{ spaceId: 'b', version: 2 }], candidates: ['c'] },
    ],
    [
      "a date the series' host left, with no other candidate, is unplaced",
      facts({ candidates: [] }),
      { type: 'seriesDateLeft', spaceId: 'a', candidates: ['a'] },
      'unplaced',
      {},
    ],
    [
      'a directory that never answers leaves the request with the operators',
      facts(),
      { type: 'rankingFailed' },
      'unplaced',
      {},
    ],
    [
      'a host who accepts confirms the booking',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }] }),
      { type: 'hostAccepted', spaceId: 'a' },
      'confirmed',
      { spaceId: 'a', asked: [] },
    ],
    [
      'a host who declines: the next candidate is asked',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }], candidates: ['b'] }),
      { type: 'hostDeclined', spaceId: 'a' },
      'pending_host',
      { asked: [{ spaceId: 'b', version: 2 }], candidates: [] },
    ],
    [
      'a host who declines when none is left: unplaced',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }], candidates: [] }),
      { type: 'hostDeclined', spaceId: 'a' },
      'unplaced',
      { asked: [] },
    ],
    [
      'a silent host is escalated and the next candidate asked',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }], candidates: ['b'] }),
      { type: 'timerFired', timer: 'hostEscalation', version: 1, spaceId: 'a' },
      'pending_host',
      { asked: [{ spaceId: 'b', version: 2 }] },
    ],
    [
      'reconfirmation asks the host "still on?"',
      facts({ state: 'confirmed', spaceId: 'a' }),
      { type: 'timerFired', timer: 'reconfirmation', version: 1 },
      'reconfirming',
      {},
    ],
    [
      'a host who reconfirms keeps the booking',
      facts({ state: 'reconfirming', spaceId: 'a' }),
      { type: 'hostReconfirmed' },
      'confirmed',
      { spaceId: 'a' },
    ],
    [
      'a late denial far from the start asks one fallback',
      facts({ state: 'confirmed', spaceId: 'a', candidates: ['b', 'c', 'd'] }),
      { type: 'hostWithdrew' },
      'seeking_fallback',
      { spaceId: null, asked: [{ spaceId: 'b', version: 2 }], candidates: ['c', 'd'] },
    ],
    [
      'a late denial near the start asks the top three at once',
      facts({ state: 'reconfirming', spaceId: 'a', start: inDays(1), candidates: ['b', 'c', 'd', 'e'] }),
      { type: 'hostWithdrew' },
      'seeking_fallback',
      { asked: ['b', 'c', 'd'].map((spaceId) => ({ spaceId, version: 2 })), candidates: ['e'] },
    ],
    [
      'a late denial with no candidate left is unplaced',
      facts({ state: 'confirmed', spaceId: 'a', candidates: [] }),
      { type: 'hostWithdrew' },
      'unplaced',
      {},
    ],
    [
      'the first fallback host to accept wins',
      facts({
        state: 'seeking_fallback',
        asked: [
          { spaceId: 'b', version: 1 },
          { spaceId: 'c', version: 1 },
        ],
      }),
      { type: 'hostAccepted', spaceId: 'c' },
      'confirmed',
      { spaceId: 'c', asked: [] },
    ],
    [
      'one fallback host declining leaves the others asked',
      facts({
        state: 'seeking_fallback',
        asked: [
          { spaceId: 'b', version: 1 },
          { spaceId: 'c', version: 1 },
        ],
      }),
      { type: 'hostDeclined', spaceId: 'b' },
      'seeking_fallback',
      { asked: [{ spaceId: 'c', version: 1 }] },
    ],
    [
      'a host who declines with a reason and other times: the next is asked, the times stay open',
      facts({ state: 'pending_host', version: 4, asked: [{ spaceId: 'a', version: 4 }], candidates: ['b'] }),
      {
        type: 'hostDeclined',
        spaceId: 'a',
        reason: 'closed',
        offers: [slot(offer('x', 'a', 11)), slot(offer('x', 'a', 12))],
      },
      'pending_host',
      { asked: [{ spaceId: 'b', version: 5 }], offers: [offer('5.1', 'a', 11), offer('5.2', 'a', 12)] },
    ],
    [
      'a last host who declines with another time: unplaced, and the time stays open',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }], candidates: [] }),
      { type: 'hostDeclined', spaceId: 'a', reason: 'too_many_people', offers: [slot(offer('x', 'a', 11))] },
      'unplaced',
      { asked: [], offers: [offer('2.1', 'a', 11)] },
    ],
    [
      'a fallback host who declines with another time while another is asked: the time stays open',
      facts({
        state: 'seeking_fallback',
        asked: [
          { spaceId: 'b', version: 1 },
          { spaceId: 'c', version: 1 },
        ],
      }),
      { type: 'hostDeclined', spaceId: 'b', offers: [slot(offer('x', 'b', 11))] },
      'seeking_fallback',
      { asked: [{ spaceId: 'c', version: 1 }], offers: [offer('2.1', 'b', 11)] },
    ],
    [
      'the organizer takes an offered time while the next host is asked: confirmed at that space, then',
      facts({
        state: 'pending_host',
        asked: [{ spaceId: 'b', version: 1 }],
        offers: [offer('1.1', 'a', 11), offer('1.2', 'a', 12)],
      }),
      { type: 'offerTaken', offerId: '1.2' },
      'confirmed',
      { spaceId: 'a', asked: [], offers: [], start: offer('', 'a', 12).start, end: offer('', 'a', 12).end },
    ],
    [
      'the organizer takes an offered time of an unplaced request',
      facts({ state: 'unplaced', offers: [offer('1.1', 'a', 11)] }),
      { type: 'offerTaken', offerId: '1.1' },
      'confirmed',
      { spaceId: 'a', offers: [], start: offer('', 'a', 11).start },
    ],
    [
      'the organizer takes a time a fallback host offered',
      facts({
        state: 'seeking_fallback',
        asked: [{ spaceId: 'c', version: 1 }],
        offers: [offer('1.1', 'b', 11)],
      }),
      { type: 'offerTaken', offerId: '1.1' },
      'confirmed',
      { spaceId: 'b', asked: [], offers: [] },
    ],
    [
      'an offered time booked meanwhile closes that offer only, and the next host stays asked',
      facts({
        state: 'pending_host',
        asked: [{ spaceId: 'b', version: 1 }],
        offers: [offer('1.1', 'a', 11), offer('1.2', 'a', 12)],
      }),
      { type: 'offerUnavailable', offerId: '1.1' },
      'pending_host',
      { asked: [{ spaceId: 'b', version: 1 }], offers: [offer('1.2', 'a', 12)] },
    ],
    [
      'an offered time booked meanwhile leaves an unplaced request with the operators',
      facts({ state: 'unplaced', offers: [offer('1.1', 'a', 11)] }),
      { type: 'offerUnavailable', offerId: '1.1' },
      'unplaced',
      { offers: [] },
    ],
    [
      'a confirmation closes the times other hosts offered',
      facts({
        state: 'pending_host',
        asked: [{ spaceId: 'b', version: 1 }],
        offers: [offer('1.1', 'a', 11)],
      }),
      { type: 'hostAccepted', spaceId: 'b' },
      'confirmed',
      { spaceId: 'b', offers: [], start: inDays(10) },
    ],
    [
      'the organizer cancels',
      facts({ state: 'confirmed', spaceId: 'a' }),
      { type: 'organizerCancelled' },
      'cancelled',
      {},
    ],
    [
      'an operator cancels an open request',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }] }),
      { type: 'operatorCancelled', reason: 'duplicate' },
      'cancelled',
      { asked: [] },
    ],
    [
      'an operator assigns a space to an unplaced request',
      facts({ state: 'unplaced' }),
      { type: 'operatorAssigned', spaceId: 'z' },
      'confirmed',
      { spaceId: 'z' },
    ],
    [
      'an operator assigns a space while a host is asked',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }] }),
      { type: 'operatorAssigned', spaceId: 'z' },
      'confirmed',
      { spaceId: 'z', asked: [] },
    ],
    [
      'the end of the event awaits the report',
      facts({ state: 'confirmed', spaceId: 'a' }),
      { type: 'timerFired', timer: 'eventEnd', version: 1 },
      'awaiting_report',
      {},
    ],
    [
      'the report asks the organizer again later',
      facts({ state: 'awaiting_report', spaceId: 'a' }),
      { type: 'timerFired', timer: 'reportRequest', version: 1 },
      'awaiting_report',
      {},
    ],
    [
      'a report of a held event',
      facts({ state: 'awaiting_report', spaceId: 'a' }),
      {
        type: 'reported',
        report: { held: true, attendance: 30, newcomers: 5, amountPaid: 0, ageGroups: {} },
      },
      'held',
      {},
    ],
    [
      'a report of an event not held',
      facts({ state: 'awaiting_report', spaceId: 'a' }),
      {
        type: 'reported',
        report: { held: false, attendance: 0, newcomers: 0, amountPaid: 0, ageGroups: {} },
      },
      'not_held',
      {},
    ],
    [
      'no report in time closes it as unreported',
      facts({ state: 'awaiting_report', spaceId: 'a' }),
      { type: 'timerFired', timer: 'reportClose', version: 1 },
      'unreported',
      {},
    ],
  ])('%s', (_rule, from, event, to, expected) => {
    const decision = moved(from, event);
    expect(decision.facts.state).toBe(to);
    expect(decision.facts.version).toBe(from.version + 1);
    expect(decision.facts).toMatchObject(expected);
  });

  it.each<[string, BookingFacts, BookingEvent]>([
    [
      'a host answering who was not asked',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }] }),
      { type: 'hostAccepted', spaceId: 'x' },
    ],
    [
      'a reminder from an earlier round',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 3 }] }),
      { type: 'timerFired', timer: 'hostReminder', version: 1, spaceId: 'a' },
    ],
    [
      'a reconfirmation timer of an earlier version',
      facts({ state: 'confirmed', spaceId: 'a', version: 5 }),
      { type: 'timerFired', timer: 'reconfirmation', version: 2 },
    ],
    [
      'an accept after the booking was cancelled',
      facts({ state: 'cancelled' }),
      { type: 'hostAccepted', spaceId: 'a' },
    ],
    [
      'a second report',
      facts({ state: 'held' }),
      { type: 'reported', report: { held: true, attendance: 1, newcomers: 0, amountPaid: 0, ageGroups: {} } },
    ],
    [
      'a withdrawal before anything was confirmed',
      facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }] }),
      { type: 'hostWithdrew' },
    ],
    ['a cancellation of a finished booking', facts({ state: 'not_held' }), { type: 'organizerCancelled' }],
    [
      'an offered time taken after the booking was confirmed elsewhere',
      facts({ state: 'confirmed', spaceId: 'b', offers: [offer('1.1', 'a', 11)] }),
      { type: 'offerTaken', offerId: '1.1' },
    ],
    [
      'an offered time taken after the booking was cancelled',
      facts({ state: 'cancelled', offers: [offer('1.1', 'a', 11)] }),
      { type: 'offerTaken', offerId: '1.1' },
    ],
    [
      'an offered time that has already begun',
      facts({ state: 'unplaced', offers: [offer('1.1', 'a', -0.01)] }),
      { type: 'offerTaken', offerId: '1.1' },
    ],
    [
      'an offer that was never made',
      facts({
        state: 'pending_host',
        asked: [{ spaceId: 'b', version: 1 }],
        offers: [offer('1.1', 'a', 11)],
      }),
      { type: 'offerTaken', offerId: '1.9' },
    ],
    [
      'an offered time booked meanwhile that was closed already',
      facts({ state: 'unplaced', offers: [] }),
      { type: 'offerUnavailable', offerId: '1.1' },
    ],
  ])('ignores %s', (_rule, from, event) => {
    expect(decide(from, event, settings, now).outcome).toBe('ignored');
  });

  it('tells the organizer who was asked, and sets the reminder and escalation for that host', () => {
    const decision = moved(facts({ candidates: [] }), { type: 'candidatesRanked', candidates: ['a'] });
    expect(decision.effects).toEqual(
      expect.arrayContaining([
        { kind: 'askHosts', spaceIds: ['a'] },
        { kind: 'tell', mail: 'booking-organizer-host-asked', spaceId: 'a' },
        {
          kind: 'setTimer',
          timer: 'hostReminder',
          at: new Date(now.getTime() + settings.reminderAfterMs),
          spaceId: 'a',
        },
        {
          kind: 'setTimer',
          timer: 'hostEscalation',
          at: new Date(now.getTime() + settings.escalateAfterMs),
          spaceId: 'a',
        },
      ]),
    );
  });

  it('on acceptance tells organizer and host, stops the host timers, and schedules reconfirmation and the end', () => {
    const from = facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }] });
    const decision = moved(from, { type: 'hostAccepted', spaceId: 'a' });
    expect(kinds(decision.effects)).toEqual([
      'stopTimers',
      'tell booking-organizer-confirmed',
      'tell booking-host-confirmed',
      'setTimer',
      'setTimer',
      'record booking.host-answered',
      'record booking.confirmed',
    ]);
    expect(decision.effects).toContainEqual({
      kind: 'setTimer',
      timer: 'reconfirmation',
      at: new Date(from.start.getTime() - settings.reconfirmBeforeMs),
    });
    expect(decision.effects).toContainEqual({ kind: 'setTimer', timer: 'eventEnd', at: from.end });
  });

  it('skips reconfirmation when the event starts sooner than the reconfirmation lead time', () => {
    const from = facts({
      state: 'pending_host',
      asked: [{ spaceId: 'a', version: 1 }],
      start: inDays(1),
      end: inDays(1.1),
    });
    const timers = moved(from, { type: 'hostAccepted', spaceId: 'a' }).effects.filter(
      (effect) => effect.kind === 'setTimer',
    );
    expect(timers).toEqual([{ kind: 'setTimer', timer: 'eventEnd', at: from.end }]);
  });

  it('withdraws the other fallback hosts with an apology when one accepts, and records the rescue', () => {
    const from = facts({
      state: 'seeking_fallback',
      asked: ['b', 'c', 'd'].map((spaceId) => ({ spaceId, version: 1 })),
    });
    const decision = moved(from, { type: 'hostAccepted', spaceId: 'c' });
    expect(decision.effects).toContainEqual({ kind: 'releaseHosts', spaceIds: ['b', 'd'] });
    expect(decision.effects).toContainEqual({ kind: 'record', event: bookingRescued, spaceId: 'c' });
  });

  it('tells organizer and operators at every step of a late denial', () => {
    const decision = moved(facts({ state: 'confirmed', spaceId: 'a', start: inDays(1) }), {
      type: 'hostWithdrew',
    });
    expect(kinds(decision.effects)).toEqual(
      expect.arrayContaining([
        'tell booking-host-withdrawn',
        'tell booking-organizer-late-denial',
        'tell booking-operators-late-denial',
        'record booking.late-denial',
        'record booking.fallback-started',
        'askHosts',
        'tell booking-organizer-fallback-asked',
      ]),
    );
  });

  it('a cancellation tells the host and stops every timer', () => {
    const decision = moved(facts({ state: 'confirmed', spaceId: 'a' }), { type: 'organizerCancelled' });
    expect(decision.effects).toEqual(
      expect.arrayContaining([
        { kind: 'stopTimers' },
        { kind: 'tell', mail: 'booking-host-cancelled', spaceId: 'a' },
      ]),
    );
  });

  it("records a host's answer with the version at which that host was asked", () => {
    const from = facts({ state: 'pending_host', version: 3, asked: [{ spaceId: 'a', version: 2 }] });
    expect(moved(from, { type: 'hostDeclined', spaceId: 'a' }).effects).toContainEqual({
      kind: 'record',
      event: bookingHostAnswered,
      spaceId: 'a',
      accepted: false,
      askedAtVersion: 2,
    });
  });

  it("tells the organizer a host's reason and the times offered, and records them for the metrics", () => {
    const from = facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }], candidates: ['b'] });
    const offers = [slot(offer('x', 'a', 11)), slot(offer('x', 'a', 12))];
    const decision = moved(from, {
      type: 'hostDeclined',
      spaceId: 'a',
      reason: 'other',
      note: 'Renovation',
      offers,
    });
    expect(decision.effects).toContainEqual({
      kind: 'tell',
      mail: 'booking-organizer-times-offered',
      spaceId: 'a',
      decline: { reason: 'other', note: 'Renovation' },
    });
    expect(decision.effects).toContainEqual({
      kind: 'record',
      event: bookingHostAnswered,
      spaceId: 'a',
      accepted: false,
      askedAtVersion: 1,
      reason: 'other',
      offers: 2,
    });
    expect(kinds(decision.effects)).not.toContain('tell booking-organizer-host-declined');
  });

  it('tells the organizer of a decline with a reason and no other time as of any decline', () => {
    const from = facts({ state: 'pending_host', asked: [{ spaceId: 'a', version: 1 }] });
    expect(moved(from, { type: 'hostDeclined', spaceId: 'a', reason: 'not_a_fit' }).effects).toContainEqual({
      kind: 'tell',
      mail: 'booking-organizer-host-declined',
      spaceId: 'a',
      decline: { reason: 'not_a_fit' },
    });
  });

  it('on an offered time taken tells both, releases the host asked meanwhile, and schedules at the new time', () => {
    const taken = offer('1.1', 'a', 20);
    const from = facts({ state: 'pending_host', asked: [{ spaceId: 'b', version: 1 }], offers: [taken] });
    const decision = moved(from, { type: 'offerTaken', offerId: '1.1' });
    expect(kinds(decision.effects)).toEqual([
      'stopTimers',
      'releaseHosts',
      'tell booking-organizer-offer-taken',
      'tell booking-host-offer-taken',
      'setTimer',
      'setTimer',
      'record booking.offer-taken',
      'record booking.confirmed',
    ]);
    expect(decision.effects).toContainEqual({ kind: 'releaseHosts', spaceIds: ['b'] });
    expect(decision.effects).toContainEqual({
      kind: 'setTimer',
      timer: 'reconfirmation',
      at: new Date(taken.start.getTime() - settings.reconfirmBeforeMs),
    });
    expect(decision.effects).toContainEqual({ kind: 'setTimer', timer: 'eventEnd', at: taken.end });
    expect(decision.effects).toContainEqual({
      kind: 'record',
      event: bookingOfferTaken,
      spaceId: 'a',
      offerId: '1.1',
    });
  });

  it('records a rescue when the organizer takes a time offered after a late denial', () => {
    const from = facts({ state: 'seeking_fallback', asked: [], offers: [offer('1.1', 'b', 11)] });
    expect(moved(from, { type: 'offerTaken', offerId: '1.1' }).effects).toContainEqual({
      kind: 'record',
      event: bookingRescued,
      spaceId: 'b',
    });
  });

  it('thanks the host of an event held with the report, and not the host of one that was not', () => {
    const report = { held: true, attendance: 20, newcomers: 4, amountPaid: 0, ageGroups: { under18: 3 } };
    const from = facts({ state: 'awaiting_report', spaceId: 'a' });
    expect(moved(from, { type: 'reported', report }).effects).toContainEqual({
      kind: 'thankHost',
      spaceId: 'a',
      report,
    });
    expect(
      kinds(moved(from, { type: 'reported', report: { ...report, held: false } }).effects),
    ).not.toContain('thankHost');
  });

  it.each(['organizer', 'operator'] as const)('records who cancelled: the %s', (by) => {
    const event: BookingEvent =
      by === 'organizer' ? { type: 'organizerCancelled' } : { type: 'operatorCancelled', reason: 'x' };
    expect(moved(facts({ state: 'pending_host' }), event).effects).toContainEqual({
      kind: 'record',
      event: bookingCancelled,
      by,
    });
  });

  it("records the organizer's report at the space the event had", () => {
    const report = { held: true, attendance: 20, newcomers: 4, amountPaid: 0, ageGroups: {} };
    const from = facts({ state: 'awaiting_report', spaceId: 'a' });
    expect(moved(from, { type: 'reported', report }).effects).toContainEqual({
      kind: 'record',
      event: bookingHeld,
      spaceId: 'a',
      report,
    });
    expect(moved(from, { type: 'reported', report: { ...report, held: false } }).effects).toContainEqual({
      kind: 'record',
      event: bookingNotHeld,
      spaceId: 'a',
    });
  });

  it('keeps the end of the event in view through reconfirmation', () => {
    const confirmed = facts({ state: 'confirmed', spaceId: 'a', version: 4 });
    const reconfirming = moved(confirmed, { type: 'timerFired', timer: 'reconfirmation', version: 4 });
    expect(reconfirming.effects).toContainEqual({ kind: 'setTimer', timer: 'eventEnd', at: confirmed.end });
    const again = moved(reconfirming.facts, { type: 'hostReconfirmed' });
    expect(again.effects).toContainEqual({ kind: 'setTimer', timer: 'eventEnd', at: confirmed.end });
    expect(
      moved(again.facts, { type: 'timerFired', timer: 'eventEnd', version: again.facts.version }).facts.state,
    ).toBe('awaiting_report');
  });

  it("records the series' host's answer for each date, and tells both of a date taken as of any acceptance", () => {
    const taken = moved(facts({ candidates: [] }), { type: 'seriesAccepted', spaceId: 'a' });
    expect(kinds(taken.effects)).toEqual([
      'stopTimers',
      'tell booking-organizer-confirmed',
      'tell booking-host-confirmed',
      'setTimer',
      'setTimer',
      `record ${bookingHostAnswered.name}`,
      'record booking.confirmed',
    ]);
    expect(taken.effects).toContainEqual(
      expect.objectContaining({ event: bookingHostAnswered, accepted: true, askedAtVersion: 1 }),
    );
    const left = moved(facts({ candidates: [] }), {
      type: 'seriesDateLeft',
      spaceId: 'a',
      candidates: ['b'],
    });
    expect(left.effects).toContainEqual(
      expect.objectContaining({ event: bookingHostAnswered, spaceId: 'a', accepted: false }),
    );
    expect(kinds(left.effects)).toContain('askHosts');
  });

  it('a series answer for a date already on its way is ignored', () => {
    for (const state of ['pending_host', 'confirmed', 'cancelled'] as const) {
      expect(decide(facts({ state }), { type: 'seriesAccepted', spaceId: 'a' }, settings, now).outcome).toBe(
        'ignored',
      );
    }
  });

  it('only ever moves to the targets its table declares (the diagram is drawn from them)', () => {
    const samples: BookingEvent[] = [
      { type: 'candidatesRanked', candidates: ['a'] },
      { type: 'candidatesRanked', candidates: [] },
      { type: 'seriesAccepted', spaceId: 'a' },
      { type: 'seriesDateLeft', spaceId: 'a', candidates: ['a', 'b'] },
      { type: 'seriesDateLeft', spaceId: 'a', candidates: [] },
      { type: 'rankingFailed' },
      { type: 'hostAccepted', spaceId: 'a' },
      { type: 'hostDeclined', spaceId: 'a' },
      { type: 'hostReconfirmed' },
      { type: 'hostWithdrew' },
      { type: 'organizerCancelled' },
      { type: 'operatorCancelled', reason: 'x' },
      { type: 'operatorAssigned', spaceId: 'z' },
      { type: 'hostDeclined', spaceId: 'a', reason: 'closed', offers: [slot(offer('x', 'a', 11))] },
      { type: 'offerTaken', offerId: '1.1' },
      { type: 'offerUnavailable', offerId: '1.1' },
      { type: 'reported', report: { held: true, attendance: 1, newcomers: 0, amountPaid: 0, ageGroups: {} } },
      ...(
        [
          'hostReminder',
          'hostEscalation',
          'reconfirmation',
          'eventEnd',
          'reportRequest',
          'reportReminder',
          'reportClose',
        ] as const
      ).map((timer): BookingEvent => ({ type: 'timerFired', timer, version: 1, spaceId: 'a' })),
    ];
    for (const state of BOOKING_STATES) {
      for (const candidates of [[], ['b', 'c']]) {
        for (const event of samples) {
          const from = facts({
            state,
            candidates,
            asked: [{ spaceId: 'a', version: 1 }],
            spaceId: 'a',
            offers: [offer('1.1', 'a', 11)],
          });
          const decision = decide(from, event, settings, now);
          if (decision.outcome === 'ignored') continue;
          const transition = bookingMachine[state][event.type]!;
          expect([...transition.targets, state]).toContain(decision.facts.state);
        }
      }
    }
  });
});

describe('the groups of states other code asks about', () => {
  const hearing = (event: BookingEvent['type']) =>
    BOOKING_STATES.filter((state) => bookingMachine[state][event] !== undefined);

  it('open states are those in which the organizer and operators may cancel', () => {
    expect(hearing('organizerCancelled')).toEqual([...OPEN_STATES]);
    expect(hearing('operatorCancelled')).toEqual([...OPEN_STATES]);
  });

  it('holding states are those in which a host may withdraw from the space it holds', () => {
    expect(hearing('hostWithdrew')).toEqual([...HOLDING_STATES]);
  });

  it('seeking states are those that wait for the directory or for a host asked', () => {
    expect(SEEKING_STATES).toEqual(
      BOOKING_STATES.filter(
        (state) => bookingMachine[state].candidatesRanked || bookingMachine[state].hostAccepted,
      ),
    );
  });

  it('offer states are those in which an offered time may be taken: the booking has no space yet', () => {
    expect(hearing('offerTaken')).toEqual([...OFFER_STATES]);
    expect(hearing('offerUnavailable')).toEqual([...OFFER_STATES]);
  });

  it('final states hear nothing', () => {
    expect(BOOKING_STATES.filter((state) => Object.keys(bookingMachine[state]).length === 0)).toEqual(
      FINAL_STATES,
    );
  });
});
