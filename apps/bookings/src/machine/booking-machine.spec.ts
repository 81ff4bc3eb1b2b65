import {
  BOOKING_STATES,
  bookingMachine,
  decide,
  type BookingEvent,
  type BookingFacts,
  type BookingState,
  type Effect,
  type MachineSettings,
} from './booking-machine';

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
    ...change,
  };
}

function moved(from: BookingFacts, event: BookingEvent, at = now) {
  const decision = decide(from, event, settings, at);
  if (decision.outcome !== 'moved') throw new Error(`expected a transition, got: ${decision.reason}`);
  return decision;
}

const kinds = (effects: Effect[]) =>
  effects.map((effect) => (effect.kind === 'tell' ? `tell ${effect.audience} ${effect.about}` : effect.kind));

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
  ])('ignores %s', (_rule, from, event) => {
    expect(decide(from, event, settings, now).outcome).toBe('ignored');
  });

  it('tells the organizer who was asked, and sets the reminder and escalation for that host', () => {
    const decision = moved(facts({ candidates: [] }), { type: 'candidatesRanked', candidates: ['a'] });
    expect(decision.effects).toEqual(
      expect.arrayContaining([
        { kind: 'askHosts', spaceIds: ['a'] },
        { kind: 'tell', audience: 'organizer', about: 'host-asked', spaceId: 'a' },
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
      'tell organizer confirmed',
      'tell host confirmed',
      'setTimer',
      'setTimer',
      'record',
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
    expect(decision.effects).toContainEqual({ kind: 'record', event: 'rescued', spaceId: 'c' });
  });

  it('tells organizer and operators at every step of a late denial', () => {
    const decision = moved(facts({ state: 'confirmed', spaceId: 'a', start: inDays(1) }), {
      type: 'hostWithdrew',
    });
    expect(kinds(decision.effects)).toEqual(
      expect.arrayContaining([
        'tell organizer late-denial',
        'tell operators late-denial',
        'record',
        'askHosts',
        'tell organizer fallback-asked',
      ]),
    );
  });

  it('a cancellation tells the host and stops every timer', () => {
    const decision = moved(facts({ state: 'confirmed', spaceId: 'a' }), { type: 'organizerCancelled' });
    expect(decision.effects).toEqual(
      expect.arrayContaining([
        { kind: 'stopTimers' },
        { kind: 'tell', audience: 'host', about: 'cancelled', spaceId: 'a' },
      ]),
    );
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

  it('only ever moves to the targets its table declares (the diagram is drawn from them)', () => {
    const samples: BookingEvent[] = [
      { type: 'candidatesRanked', candidates: ['a'] },
      { type: 'candidatesRanked', candidates: [] },
      { type: 'rankingFailed' },
      { type: 'hostAccepted', spaceId: 'a' },
      { type: 'hostDeclined', spaceId: 'a' },
      { type: 'hostReconfirmed' },
      { type: 'hostWithdrew' },
      { type: 'organizerCancelled' },
      { type: 'operatorCancelled', reason: 'x' },
      { type: 'operatorAssigned', spaceId: 'z' },
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
          const from = facts({ state, candidates, asked: [{ spaceId: 'a', version: 1 }], spaceId: 'a' });
          const decision = decide(from, event, settings, now);
          if (decision.outcome === 'ignored') continue;
          const transition = bookingMachine[state][event.type]!;
          expect([...transition.targets, state]).toContain(decision.facts.state);
        }
      }
    }
  });
});
