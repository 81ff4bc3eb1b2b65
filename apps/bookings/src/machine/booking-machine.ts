// The booking state machine: which events each state hears, and where each takes the booking. Pure: no I/O.
// The service persists the facts and turns effects into outbox messages and timers. The diagram in
// docs/booking-machine.md is generated from `bookingMachine` below; the words are in booking-vocabulary.ts
// and the shared steps of the protocol in protocol-steps.ts.
import {
  bookingEscalated,
  bookingHeld,
  bookingHostAnswered,
  bookingNotHeld,
  bookingOfferTaken,
  bookingRescued,
  bookingUnplaced,
  bookingUnreported,
} from '@cocomo/contracts';
import {
  isAsked,
  openOffer,
  type BookingEvent,
  type BookingFacts,
  type BookingState,
  type Decision,
  type Effect,
  type MachineSettings,
} from './booking-vocabulary';
import {
  afterDecline,
  answered,
  askNext,
  cancel,
  confirm,
  endOfEvent,
  eventEnded,
  seekFallback,
  stale,
  type Step,
} from './protocol-steps';

interface Transition<E extends BookingEvent['type']> {
  /** Every state this transition can lead to: the diagram is drawn from these. */
  targets: readonly BookingState[];
  apply: (
    facts: BookingFacts,
    event: Extract<BookingEvent, { type: E }>,
    settings: MachineSettings,
    now: Date,
  ) => Step | string;
}

type TransitionTable = {
  [S in BookingState]: { [E in BookingEvent['type']]?: Transition<E> };
};

/** Hosts answering while asked: in pending_host, or in seeking_fallback after a late denial. */
const hostAnswers = (asking: 'pending_host' | 'seeking_fallback') =>
  ({
    hostAccepted: {
      targets: ['confirmed'],
      apply: (facts, event, settings, now) =>
        isAsked(facts, event.spaceId)
          ? confirm(
              facts,
              event.spaceId,
              settings,
              now,
              'host accepted',
              answered(facts, event.spaceId, true),
            )
          : `space ${event.spaceId} is not waiting for an answer`,
    },
    hostDeclined: {
      targets: [...new Set([asking, 'pending_host', 'unplaced'] as const)],
      apply: (facts, { spaceId, ...decline }, settings, now) =>
        afterDecline(
          facts,
          spaceId,
          settings,
          now,
          'host declined',
          answered(facts, spaceId, false, decline),
          decline,
        ),
    },
  }) satisfies TransitionTable['pending_host'];

/**
 * Times declining hosts offered, while the booking has no space: the organizer takes one, and the booking is
 * confirmed at that space and time (the hosts asked meanwhile are released); or the database refused it, the
 * space being booked then by now, and only that offer closes.
 */
const offeredTimes = (waiting: 'pending_host' | 'seeking_fallback' | 'unplaced') =>
  ({
    offerTaken: {
      targets: ['confirmed'],
      apply: (facts, event, settings, now) => {
        const offer = openOffer(facts, event.offerId, now);
        if (!offer) return `offer ${event.offerId} is no longer open`;
        const { spaceId, start, end } = offer;
        const step = confirm(
          { ...facts, start, end },
          spaceId,
          settings,
          now,
          'organizer took a time the host offered',
          [
            { kind: 'record', event: bookingOfferTaken, spaceId, offerId: offer.id },
            ...(waiting === 'seeking_fallback'
              ? [{ kind: 'record', event: bookingRescued, spaceId } as Effect]
              : []),
          ],
          { organizer: 'booking-organizer-offer-taken', host: 'booking-host-offer-taken' },
        );
        return { ...step, changes: { ...step.changes, start, end } };
      },
    },
    offerUnavailable: {
      targets: [waiting],
      apply: (facts, event) =>
        facts.offers.some((offer) => offer.id === event.offerId)
          ? {
              to: facts.state,
              cause: `the time offered (${event.offerId}) was booked meanwhile`,
              effects: [],
              changes: { offers: facts.offers.filter((offer) => offer.id !== event.offerId) },
            }
          : `offer ${event.offerId} is not open`,
    },
  }) satisfies TransitionTable['pending_host'];

/** Host reminders and escalations, valid only for the round in which that host was asked. */
const hostTimers = (asking: 'pending_host' | 'seeking_fallback'): Transition<'timerFired'> => ({
  targets: [...new Set([asking, 'pending_host', 'unplaced'] as const)],
  apply: (facts, event, settings, now) => {
    const ask = facts.asked.find((candidate) => candidate.spaceId === event.spaceId);
    if (!ask || ask.version !== event.version) return 'timer set for an earlier round';
    if (event.timer === 'hostReminder') {
      return {
        to: facts.state,
        cause: 'host reminded',
        effects: [{ kind: 'remindHost', spaceId: ask.spaceId }],
      };
    }
    if (event.timer === 'hostEscalation') {
      return afterDecline(facts, ask.spaceId, settings, now, 'host silent; escalated', [
        { kind: 'record', event: bookingEscalated, spaceId: ask.spaceId },
        { kind: 'tell', mail: 'booking-operators-host-silent', spaceId: ask.spaceId },
        { kind: 'releaseHosts', spaceIds: [ask.spaceId] },
      ]);
    }
    return `${event.timer} does not apply while hosts are asked`;
  },
});

const operatorAssigns: Transition<'operatorAssigned'> = {
  targets: ['confirmed'],
  apply: (facts, event, settings, now) => {
    const step = confirm(facts, event.spaceId, settings, now, 'assigned by an operator');
    const released = facts.asked.map((ask) => ask.spaceId).filter((id) => id !== event.spaceId);
    return {
      ...step,
      effects: [
        ...step.effects.filter((effect) => effect.kind !== 'releaseHosts'),
        ...(released.length ? [{ kind: 'releaseHosts', spaceIds: released } as Effect] : []),
        ...(facts.spaceId && facts.spaceId !== event.spaceId
          ? [{ kind: 'tell', mail: 'booking-host-cancelled', spaceId: facts.spaceId } as Effect]
          : []),
      ],
    };
  },
};

const cancellations = {
  organizerCancelled: { targets: ['cancelled'], apply: (facts) => cancel(facts, 'organizer') },
  operatorCancelled: { targets: ['cancelled'], apply: (facts) => cancel(facts, 'operator') },
  operatorAssigned: operatorAssigns,
} satisfies TransitionTable['pending_host'];

/**
 * A date of a series waits in `requested` while one mail asks the series' host for every date: the host's
 * answer confirms it at that space, or sends it to the ranked spaces one by one like any request.
 */
const seriesAnswers = {
  seriesAccepted: {
    targets: ['confirmed'],
    apply: (facts, { spaceId }, settings, now) =>
      confirm(facts, spaceId, settings, now, "the series' host accepted this date", [
        seriesAnswer(facts, spaceId, true),
      ]),
  },
  seriesDateLeft: {
    targets: ['pending_host', 'unplaced'],
    apply: (facts, { spaceId, candidates }, settings, now) =>
      askNext(
        { ...facts, candidates: candidates.filter((candidate) => candidate !== spaceId) },
        settings,
        now,
        "the series' host did not take this date",
        [seriesAnswer(facts, spaceId, false)],
      ),
  },
} satisfies TransitionTable['requested'];

/** The metrics hear the series' host's answer for this date, counted from the request (when it was asked). */
const seriesAnswer = (facts: BookingFacts, spaceId: string, accepted: boolean): Effect => ({
  kind: 'record',
  event: bookingHostAnswered,
  spaceId,
  accepted,
  askedAtVersion: facts.version,
});

const lateDenial: Transition<'hostWithdrew'> = {
  targets: ['seeking_fallback', 'unplaced'],
  apply: (facts, _event, settings, now) => seekFallback(facts, settings, now, 'late denial by the host'),
};

export const bookingMachine: TransitionTable = {
  requested: {
    candidatesRanked: {
      targets: ['pending_host', 'unplaced'],
      apply: (facts, event, settings, now) =>
        askNext({ ...facts, candidates: event.candidates }, settings, now, 'candidates ranked'),
    },
    rankingFailed: {
      targets: ['unplaced'],
      apply: () => ({
        to: 'unplaced',
        cause: 'the directory did not answer',
        effects: [
          { kind: 'tell', mail: 'booking-operators-ranking-failed' },
          { kind: 'tell', mail: 'booking-organizer-unplaced' },
          { kind: 'record', event: bookingUnplaced },
        ],
      }),
    },
    ...seriesAnswers,
    ...cancellations,
  },
  pending_host: {
    ...hostAnswers('pending_host'),
    ...offeredTimes('pending_host'),
    timerFired: hostTimers('pending_host'),
    ...cancellations,
  },
  seeking_fallback: {
    ...hostAnswers('seeking_fallback'),
    hostAccepted: {
      targets: ['confirmed'],
      apply: (facts, event, settings, now) => {
        const step = hostAnswers('seeking_fallback').hostAccepted.apply(facts, event, settings, now);
        if (typeof step === 'string') return step;
        return {
          ...step,
          cause: 'fallback space accepted',
          effects: [...step.effects, { kind: 'record', event: bookingRescued, spaceId: event.spaceId }],
        };
      },
    },
    ...offeredTimes('seeking_fallback'),
    timerFired: hostTimers('seeking_fallback'),
    ...cancellations,
  },
  confirmed: {
    timerFired: {
      targets: ['reconfirming', 'awaiting_report'],
      apply: (facts, event, settings) => {
        if (stale(facts, event)) return 'timer set for an earlier version';
        if (event.timer === 'eventEnd') return eventEnded(facts, settings);
        if (event.timer !== 'reconfirmation') return `${event.timer} does not apply in confirmed`;
        return {
          to: 'reconfirming',
          cause: 'reconfirmation due',
          effects: [
            { kind: 'tell', mail: 'booking-host-reconfirm', spaceId: facts.spaceId ?? undefined },
            endOfEvent(facts),
          ],
        };
      },
    },
    hostWithdrew: lateDenial,
    ...cancellations,
  },
  reconfirming: {
    hostReconfirmed: {
      targets: ['confirmed'],
      apply: (facts) => ({
        to: 'confirmed',
        cause: 'host reconfirmed',
        effects: [
          { kind: 'tell', mail: 'booking-organizer-reconfirmed', spaceId: facts.spaceId ?? undefined },
          endOfEvent(facts),
        ],
      }),
    },
    hostWithdrew: lateDenial,
    timerFired: {
      targets: ['awaiting_report'],
      apply: (facts, event, settings) => {
        if (stale(facts, event)) return 'timer set for an earlier version';
        if (event.timer === 'eventEnd') return eventEnded(facts, settings);
        return `${event.timer} does not apply in reconfirming`;
      },
    },
    ...cancellations,
  },
  unplaced: {
    operatorAssigned: operatorAssigns,
    ...offeredTimes('unplaced'),
    operatorCancelled: cancellations.operatorCancelled,
    organizerCancelled: cancellations.organizerCancelled,
  },
  awaiting_report: {
    reported: {
      targets: ['held', 'not_held'],
      apply: (facts, { report }) => {
        const spaceId = facts.spaceId ?? undefined;
        return {
          to: report.held ? 'held' : 'not_held',
          cause: report.held ? 'organizer reported the event held' : 'organizer reported the event not held',
          effects: [
            { kind: 'stopTimers' },
            report.held
              ? { kind: 'record', event: bookingHeld, spaceId, report }
              : { kind: 'record', event: bookingNotHeld, spaceId },
            // Recognition: the host hears how the event went, and what the space saved the community.
            ...(report.held && spaceId ? [{ kind: 'thankHost', spaceId, report } as Effect] : []),
          ],
        };
      },
    },
    timerFired: {
      targets: ['awaiting_report', 'unreported'],
      apply: (facts, event, settings, now) => {
        if (stale(facts, event)) return 'timer set for an earlier version';
        const closeAt = new Date(facts.end.getTime() + settings.reportCloseAfterMs);
        if (event.timer === 'reportRequest' || event.timer === 'reportReminder') {
          const remindAt = new Date(now.getTime() + settings.reportReminderAfterMs);
          return {
            to: 'awaiting_report',
            cause: event.timer === 'reportRequest' ? 'report requested' : 'report reminder',
            effects: [
              { kind: 'askForReport' },
              { kind: 'setTimer', timer: 'reportClose', at: closeAt },
              ...(remindAt < closeAt
                ? [{ kind: 'setTimer', timer: 'reportReminder', at: remindAt } as Effect]
                : []),
            ],
          };
        }
        if (event.timer === 'reportClose') {
          return {
            to: 'unreported',
            cause: 'closed without a report',
            effects: [
              { kind: 'stopTimers' },
              { kind: 'record', event: bookingUnreported, spaceId: facts.spaceId ?? undefined },
            ],
          };
        }
        return `${event.timer} does not apply in awaiting_report`;
      },
    },
  },
  cancelled: {},
  held: {},
  not_held: {},
  unreported: {},
};

/**
 * The one entry point: what `event` does to a booking in `facts`. Every transition raises the version, and
 * hosts asked by it are stamped with the new version, which their timers carry.
 */
export function decide(
  facts: BookingFacts,
  event: BookingEvent,
  settings: MachineSettings,
  now: Date,
): Decision {
  const transition = bookingMachine[facts.state][event.type] as Transition<typeof event.type> | undefined;
  if (!transition) return { outcome: 'ignored', reason: `${event.type} does not apply in ${facts.state}` };
  const step = transition.apply(facts, event as never, settings, now);
  if (typeof step === 'string') return { outcome: 'ignored', reason: step };
  const version = facts.version + 1;
  const changes = step.changes ?? {};
  const asked = (changes.asked ?? facts.asked).map((ask) => (ask.version === -1 ? { ...ask, version } : ask));
  return {
    outcome: 'moved',
    facts: { ...facts, ...changes, asked, state: step.to, version },
    cause: step.cause,
    effects: step.effects,
  };
}
