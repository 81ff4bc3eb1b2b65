// The protocol's steps that several transitions share: asking the next host, confirming a space, the fallback
// after a late denial, cancelling, a host's decline (with its reason and the times it offers instead) and the
// end of the event. Pure: each returns the step the machine takes, with its effects; the table in
// booking-machine.ts says when each applies.
import {
  bookingCancelled,
  bookingConfirmed,
  bookingFallbackStarted,
  bookingHostAnswered,
  bookingHostAsked,
  bookingLateDenial,
  bookingUnplaced,
} from '@cocomo/contracts';
import type { BookingMailTemplate } from '@cocomo/contracts';
import {
  isAsked,
  type BookingFacts,
  type BookingState,
  type Effect,
  type HostDecline,
  type MachineSettings,
  type OfferedTime,
} from './booking-vocabulary';

/** Where a transition goes, why, what it asks of the world, and which facts it changes. */
export interface Step {
  to: BookingState;
  cause: string;
  effects: Effect[];
  changes?: Partial<Omit<BookingFacts, 'state' | 'version'>>;
}

/** Asks the next candidate; with none left the request is unplaced and operators take over. */
export function askNext(
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
        { kind: 'tell', mail: 'booking-organizer-unplaced' },
        { kind: 'tell', mail: 'booking-operators-unplaced' },
        { kind: 'record', event: bookingUnplaced },
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
      { kind: 'tell', mail: 'booking-organizer-host-asked', spaceId: next },
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
      { kind: 'record', event: bookingHostAsked, spaceId },
    ]),
  ];
}

/** The mails that tell organizer and host of a confirmation: a host's accept, unless said otherwise. */
interface ConfirmationMails {
  organizer: BookingMailTemplate<'organizer'>;
  host: BookingMailTemplate<'host'>;
}
const ACCEPTED: ConfirmationMails = {
  organizer: 'booking-organizer-confirmed',
  host: 'booking-host-confirmed',
};

/**
 * A space is confirmed: everyone told, reconfirmation and the end of the event scheduled, and the times other
 * hosts offered are closed. The event is at `facts.start` to `facts.end`.
 */
export function confirm(
  facts: BookingFacts,
  spaceId: string,
  settings: MachineSettings,
  now: Date,
  cause: string,
  answers: Effect[] = [],
  mails: ConfirmationMails = ACCEPTED,
): Step {
  const stillAsked = facts.asked.map((ask) => ask.spaceId).filter((id) => id !== spaceId);
  const reconfirmAt = new Date(facts.start.getTime() - settings.reconfirmBeforeMs);
  return {
    to: 'confirmed',
    cause,
    effects: [
      { kind: 'stopTimers' },
      ...(stillAsked.length ? [{ kind: 'releaseHosts', spaceIds: stillAsked } as Effect] : []),
      { kind: 'tell', mail: mails.organizer, spaceId },
      { kind: 'tell', mail: mails.host, spaceId },
      ...(reconfirmAt > now
        ? [{ kind: 'setTimer', timer: 'reconfirmation', at: reconfirmAt } as Effect]
        : []),
      { kind: 'setTimer', timer: 'eventEnd', at: facts.end },
      ...answers,
      { kind: 'record', event: bookingConfirmed, spaceId },
    ],
    changes: { spaceId, asked: [], offers: [] },
  };
}

/** The fallback protocol after a late denial: near the start ask several at once, otherwise one by one. */
export function seekFallback(facts: BookingFacts, settings: MachineSettings, now: Date, cause: string): Step {
  const denied = facts.spaceId;
  const told: Effect[] = [
    { kind: 'stopTimers' },
    { kind: 'record', event: bookingLateDenial, spaceId: denied ?? undefined },
    // The host who withdrew gets the entry out of their calendar (a CANCEL for the booking's uid).
    ...(denied ? [{ kind: 'tell', mail: 'booking-host-withdrawn', spaceId: denied } as Effect] : []),
    { kind: 'tell', mail: 'booking-organizer-late-denial', spaceId: denied ?? undefined },
    { kind: 'tell', mail: 'booking-operators-late-denial', spaceId: denied ?? undefined },
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
      { kind: 'record', event: bookingFallbackStarted },
      ...asking(asked, settings, now),
      { kind: 'tell', mail: 'booking-organizer-fallback-asked' },
    ],
    changes: {
      spaceId: null,
      asked: asked.map((spaceId) => ({ spaceId, version: -1 })),
      candidates: facts.candidates.slice(asked.length),
    },
  };
}

export function cancel(facts: BookingFacts, by: 'organizer' | 'operator'): Step {
  const hosts = facts.spaceId ? [facts.spaceId] : facts.asked.map((ask) => ask.spaceId);
  return {
    to: 'cancelled',
    cause: `cancelled by the ${by}`,
    effects: [
      { kind: 'stopTimers' },
      ...hosts.map((spaceId): Effect => ({ kind: 'tell', mail: 'booking-host-cancelled', spaceId })),
      { kind: 'tell', mail: 'booking-organizer-cancelled' },
      ...(by === 'operator' ? [] : [{ kind: 'tell', mail: 'booking-operators-cancelled' } as Effect]),
      { kind: 'record', event: bookingCancelled, by },
    ],
    changes: { asked: [] },
  };
}

/**
 * A host answered no (or stayed silent): the others still asked in this round stay asked; with nobody left, the
 * next is asked. The organizer hears why, when the host said, and gets the times the host offered instead,
 * which stay open while the booking looks for a space.
 */
export function afterDecline(
  facts: BookingFacts,
  spaceId: string,
  settings: MachineSettings,
  now: Date,
  cause: string,
  extra: Effect[],
  decline: HostDecline = {},
): Step | string {
  if (!isAsked(facts, spaceId)) return `space ${spaceId} is not waiting for an answer`;
  const stillAsked = facts.asked.filter((ask) => ask.spaceId !== spaceId);
  const offered = (decline.offers ?? []).map((slot, index): OfferedTime => ({
    id: `${facts.version + 1}.${index + 1}`,
    spaceId,
    ...slot,
  }));
  const offers = [...facts.offers, ...offered];
  const { reason, note } = decline;
  const told: Effect[] = [
    ...extra,
    {
      kind: 'tell',
      mail: offered.length ? 'booking-organizer-times-offered' : 'booking-organizer-host-declined',
      spaceId,
      ...(reason ? { decline: { reason, ...(note ? { note } : {}) } } : {}),
    },
  ];
  const said = `${cause}${reason ? ` (${reason})` : ''}${offered.length ? `; ${offered.length} other times offered` : ''}`;
  if (stillAsked.length) {
    return { to: facts.state, cause: said, effects: told, changes: { asked: stillAsked, offers } };
  }
  const next = askNext({ ...facts, asked: [] }, settings, now, said, told);
  return { ...next, changes: { ...next.changes, offers } };
}

/** The metrics hear a host's answer, counted from the moment that host was asked; a decline, with its reason. */
export function answered(
  facts: BookingFacts,
  spaceId: string,
  accepted: boolean,
  decline: HostDecline = {},
): Effect[] {
  const ask = facts.asked.find((candidate) => candidate.spaceId === spaceId);
  if (!ask) return [];
  return [
    {
      kind: 'record',
      event: bookingHostAnswered,
      spaceId,
      accepted,
      askedAtVersion: ask.version,
      ...(decline.reason ? { reason: decline.reason } : {}),
      ...(decline.offers?.length ? { offers: decline.offers.length } : {}),
    },
  ];
}

/** Timers tied to the booking's state are valid only at the version they were set. */
export const stale = (facts: BookingFacts, event: { version: number }) => event.version !== facts.version;

/** The event is over: ask the organizer for a report after a while; close it unreported after longer. */
export function eventEnded(facts: BookingFacts, settings: MachineSettings): Step {
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
export const endOfEvent = (facts: BookingFacts): Effect => ({
  kind: 'setTimer',
  timer: 'eventEnd',
  at: facts.end,
});
