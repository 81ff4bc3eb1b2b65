// The booking state machine: every state, every event, which transitions they allow and the effects those
// transitions have. Pure: no I/O. The service persists the facts and turns effects into outbox messages and
// timers. The diagram in docs/booking-machine.md is generated from `bookingMachine` below.

export const BOOKING_STATES = [
  'requested',
  'pending_host',
  'confirmed',
  'reconfirming',
  'seeking_fallback',
  'unplaced',
  'awaiting_report',
  'cancelled',
  'held',
  'not_held',
  'unreported',
] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

export const FINAL_STATES: readonly BookingState[] = ['cancelled', 'held', 'not_held', 'unreported'];

export type TimerKind =
  | 'hostReminder'
  | 'hostEscalation'
  | 'reconfirmation'
  | 'eventEnd'
  | 'reportRequest'
  | 'reportReminder'
  | 'reportClose';

/** What the machine knows of a booking. */
export interface BookingFacts {
  state: BookingState;
  /** Grows with every transition; timers carry the version they were set at. */
  version: number;
  start: Date;
  end: Date;
  /** Ranked spaces not asked yet, best first. */
  candidates: string[];
  /** Spaces asked and not answered yet, with the version at which each was asked. */
  asked: { spaceId: string; version: number }[];
  /** The space the event has, once a host accepted or an operator assigned it. */
  spaceId: string | null;
}

export interface EventReport {
  held: boolean;
  attendance: number;
  newcomers: number;
  amountPaid: number;
  ageGroups: Record<string, number>;
}

export type BookingEvent =
  | { type: 'candidatesRanked'; candidates: string[] }
  | { type: 'rankingFailed' }
  | { type: 'hostAccepted'; spaceId: string }
  | { type: 'hostDeclined'; spaceId: string }
  | { type: 'hostReconfirmed' }
  | { type: 'hostWithdrew' }
  | { type: 'organizerCancelled' }
  | { type: 'operatorCancelled'; reason: string }
  | { type: 'operatorAssigned'; spaceId: string }
  | { type: 'reported'; report: EventReport }
  | { type: 'timerFired'; timer: TimerKind; version: number; spaceId?: string };

export type Audience = 'organizer' | 'host' | 'operators';

/** What a transition asks the world to do; the service turns each into messages or timers. */
export type Effect =
  | { kind: 'askHosts'; spaceIds: string[] }
  | { kind: 'remindHost'; spaceId: string }
  | { kind: 'releaseHosts'; spaceIds: string[] }
  | { kind: 'tell'; audience: Audience; about: string; spaceId?: string }
  | { kind: 'setTimer'; timer: TimerKind; at: Date; spaceId?: string }
  | { kind: 'stopTimers' }
  | { kind: 'askForReport' }
  | { kind: 'record'; event: string; spaceId?: string };

export interface MachineSettings {
  reminderAfterMs: number;
  escalateAfterMs: number;
  reconfirmBeforeMs: number;
  urgentWindowMs: number;
  urgentFanout: number;
  reportAfterMs: number;
  reportReminderAfterMs: number;
  reportCloseAfterMs: number;
}

export type Decision =
  | { outcome: 'moved'; facts: BookingFacts; cause: string; effects: Effect[] }
  | { outcome: 'ignored'; reason: string };

interface Step {
  to: BookingState;
  cause: string;
  effects: Effect[];
  changes?: Partial<Omit<BookingFacts, 'state' | 'version'>>;
}

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

// ---- protocol steps shared by several transitions ----

/** Asks the next candidate; with none left the request is unplaced and operators take over. */
function askNext(
  facts: BookingFacts,
  settings: MachineSettings,
  now: Date,
  cause: string,
  alreadyTold: Effect[] = [],
): Step {
  const [next, ...rest] = facts.candidates;
  if (!next) {
    return {
      to: 'unplaced',
      cause: `${cause}; no candidate left`,
      effects: [
        ...alreadyTold,
        { kind: 'stopTimers' },
        { kind: 'tell', audience: 'organizer', about: 'unplaced' },
        { kind: 'tell', audience: 'operators', about: 'unplaced' },
        { kind: 'record', event: 'unplaced' },
      ],
      changes: { asked: [], candidates: [] },
    };
  }
  return {
    to: 'pending_host',
    cause,
    effects: [
      ...alreadyTold,
      ...asking([next], settings, now),
      { kind: 'tell', audience: 'organizer', about: 'host-asked', spaceId: next },
    ],
    changes: { asked: [{ spaceId: next, version: -1 }], candidates: rest },
  };
}

function asking(spaceIds: string[], settings: MachineSettings, now: Date): Effect[] {
  return [
    { kind: 'askHosts', spaceIds },
    ...spaceIds.flatMap((spaceId): Effect[] => [
      {
        kind: 'setTimer',
        timer: 'hostReminder',
        at: new Date(now.getTime() + settings.reminderAfterMs),
        spaceId,
      },
      {
        kind: 'setTimer',
        timer: 'hostEscalation',
        at: new Date(now.getTime() + settings.escalateAfterMs),
        spaceId,
      },
      { kind: 'record', event: 'host-asked', spaceId },
    ]),
  ];
}

/** A space is confirmed: everyone told, reconfirmation and the end of the event scheduled. */
function confirm(
  facts: BookingFacts,
  spaceId: string,
  settings: MachineSettings,
  now: Date,
  cause: string,
): Step {
  const stillAsked = facts.asked.map((ask) => ask.spaceId).filter((id) => id !== spaceId);
  const reconfirmAt = new Date(facts.start.getTime() - settings.reconfirmBeforeMs);
  return {
    to: 'confirmed',
    cause,
    effects: [
      { kind: 'stopTimers' },
      ...(stillAsked.length ? [{ kind: 'releaseHosts', spaceIds: stillAsked } as Effect] : []),
      { kind: 'tell', audience: 'organizer', about: 'confirmed', spaceId },
      { kind: 'tell', audience: 'host', about: 'confirmed', spaceId },
      ...(reconfirmAt > now
        ? [{ kind: 'setTimer', timer: 'reconfirmation', at: reconfirmAt } as Effect]
        : []),
      { kind: 'setTimer', timer: 'eventEnd', at: facts.end },
      { kind: 'record', event: 'confirmed', spaceId },
    ],
    changes: { spaceId, asked: [] },
  };
}

/** The fallback protocol after a late denial: near the start ask several at once, otherwise one by one. */
function seekFallback(facts: BookingFacts, settings: MachineSettings, now: Date, cause: string): Step {
  const denied = facts.spaceId;
  const told: Effect[] = [
    { kind: 'stopTimers' },
    { kind: 'record', event: 'late-denial', spaceId: denied ?? undefined },
    { kind: 'tell', audience: 'organizer', about: 'late-denial', spaceId: denied ?? undefined },
    { kind: 'tell', audience: 'operators', about: 'late-denial', spaceId: denied ?? undefined },
  ];
  const urgent = facts.start.getTime() - now.getTime() <= settings.urgentWindowMs;
  const fanout = urgent ? Math.max(1, settings.urgentFanout) : 1;
  const asked = facts.candidates.slice(0, fanout);
  if (asked.length === 0) return askNext({ ...facts, candidates: [] }, settings, now, cause, told);
  return {
    to: 'seeking_fallback',
    cause: urgent ? `${cause}; urgent: ${asked.length} spaces asked at once` : cause,
    effects: [
      ...told,
      { kind: 'record', event: 'fallback-started' },
      ...asking(asked, settings, now),
      { kind: 'tell', audience: 'organizer', about: 'fallback-asked' },
    ],
    changes: {
      spaceId: null,
      asked: asked.map((spaceId) => ({ spaceId, version: -1 })),
      candidates: facts.candidates.slice(asked.length),
    },
  };
}

function cancel(facts: BookingFacts, by: 'organizer' | 'operator'): Step {
  const hosts = facts.spaceId ? [facts.spaceId] : facts.asked.map((ask) => ask.spaceId);
  return {
    to: 'cancelled',
    cause: `cancelled by the ${by}`,
    effects: [
      { kind: 'stopTimers' },
      ...hosts.map((spaceId): Effect => ({ kind: 'tell', audience: 'host', about: 'cancelled', spaceId })),
      { kind: 'tell', audience: 'organizer', about: 'cancelled' },
      ...(by === 'operator' ? [] : [{ kind: 'tell', audience: 'operators', about: 'cancelled' } as Effect]),
      { kind: 'record', event: `cancelled-by-${by}` },
    ],
    changes: { asked: [] },
  };
}

const isAsked = (facts: BookingFacts, spaceId: string) => facts.asked.some((ask) => ask.spaceId === spaceId);

/** A host answered: the others still asked in this round stay asked; with nobody left, the next is asked. */
function afterDecline(
  facts: BookingFacts,
  spaceId: string,
  settings: MachineSettings,
  now: Date,
  cause: string,
  extra: Effect[],
): Step | string {
  if (!isAsked(facts, spaceId)) return `space ${spaceId} is not waiting for an answer`;
  const stillAsked = facts.asked.filter((ask) => ask.spaceId !== spaceId);
  const told: Effect[] = [...extra, { kind: 'tell', audience: 'organizer', about: 'host-declined', spaceId }];
  if (stillAsked.length) {
    return { to: facts.state, cause, effects: told, changes: { asked: stillAsked } };
  }
  return askNext({ ...facts, asked: [] }, settings, now, cause, told);
}

/** Hosts answering while asked: in pending_host, or in seeking_fallback after a late denial. */
const hostAnswers = (asking: 'pending_host' | 'seeking_fallback') =>
  ({
    hostAccepted: {
      targets: ['confirmed'],
      apply: (facts, event, settings, now) =>
        isAsked(facts, event.spaceId)
          ? confirm(facts, event.spaceId, settings, now, 'host accepted')
          : `space ${event.spaceId} is not waiting for an answer`,
    },
    hostDeclined: {
      targets: [...new Set([asking, 'pending_host', 'unplaced'] as const)],
      apply: (facts, event, settings, now) =>
        afterDecline(facts, event.spaceId, settings, now, 'host declined', [
          { kind: 'record', event: 'host-declined', spaceId: event.spaceId },
        ]),
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
        { kind: 'record', event: 'escalated', spaceId: ask.spaceId },
        { kind: 'tell', audience: 'operators', about: 'host-silent', spaceId: ask.spaceId },
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
          ? [{ kind: 'tell', audience: 'host', about: 'cancelled', spaceId: facts.spaceId } as Effect]
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

const lateDenial: Transition<'hostWithdrew'> = {
  targets: ['seeking_fallback', 'unplaced'],
  apply: (facts, _event, settings, now) => seekFallback(facts, settings, now, 'late denial by the host'),
};

/** Timers tied to the booking's state are valid only at the version they were set. */
const stale = (facts: BookingFacts, event: { version: number }) => event.version !== facts.version;

/** The event is over: ask the organizer for a report after a while; close it unreported after longer. */
function eventEnded(facts: BookingFacts, settings: MachineSettings): Step {
  return {
    to: 'awaiting_report',
    cause: 'the event has ended',
    effects: [
      { kind: 'stopTimers' },
      {
        kind: 'setTimer',
        timer: 'reportRequest',
        at: new Date(facts.end.getTime() + settings.reportAfterMs),
      },
      {
        kind: 'setTimer',
        timer: 'reportClose',
        at: new Date(facts.end.getTime() + settings.reportCloseAfterMs),
      },
    ],
  };
}

/** A transition that keeps the event's end in view sets its timer again at the new version. */
const endOfEvent = (facts: BookingFacts): Effect => ({ kind: 'setTimer', timer: 'eventEnd', at: facts.end });

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
          { kind: 'tell', audience: 'operators', about: 'ranking-failed' },
          { kind: 'tell', audience: 'organizer', about: 'unplaced' },
          { kind: 'record', event: 'unplaced' },
        ],
      }),
    },
    ...cancellations,
  },
  pending_host: { ...hostAnswers('pending_host'), timerFired: hostTimers('pending_host'), ...cancellations },
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
          effects: [...step.effects, { kind: 'record', event: 'rescued', spaceId: event.spaceId }],
        };
      },
    },
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
            { kind: 'tell', audience: 'host', about: 'reconfirm', spaceId: facts.spaceId ?? undefined },
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
          { kind: 'tell', audience: 'organizer', about: 'reconfirmed', spaceId: facts.spaceId ?? undefined },
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
    operatorCancelled: cancellations.operatorCancelled,
    organizerCancelled: cancellations.organizerCancelled,
  },
  awaiting_report: {
    reported: {
      targets: ['held', 'not_held'],
      apply: (_facts, event) => ({
        to: event.report.held ? 'held' : 'not_held',
        cause: event.report.held
          ? 'organizer reported the event held'
          : 'organizer reported the event not held',
        effects: [{ kind: 'stopTimers' }, { kind: 'record', event: event.report.held ? 'held' : 'not-held' }],
      }),
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
            effects: [{ kind: 'stopTimers' }, { kind: 'record', event: 'unreported' }],
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

export function isFinal(state: BookingState): boolean {
  return FINAL_STATES.includes(state);
}
