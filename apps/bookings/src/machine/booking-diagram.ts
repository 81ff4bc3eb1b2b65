// Draws the booking machine as a Mermaid state diagram, from the same table the service runs.
import { bookingMachine } from './booking-machine';
import { BOOKING_STATES, FINAL_STATES, type BookingEvent } from './booking-vocabulary';

const eventLabels: Record<BookingEvent['type'], string> = {
  candidatesRanked: 'candidates ranked',
  rankingFailed: 'directory silent',
  hostAccepted: 'host accepts',
  hostDeclined: 'host declines (may offer times)',
  seriesAccepted: "series' host takes the date",
  seriesDateLeft: "series' host leaves the date",
  hostReconfirmed: 'host: still on',
  hostWithdrew: 'late denial',
  organizerCancelled: 'organizer cancels',
  operatorCancelled: 'operator cancels',
  operatorAssigned: 'operator assigns',
  offerTaken: 'organizer takes an offered time',
  offerUnavailable: 'offered time booked meanwhile',
  reported: 'report',
  timerFired: 'timer',
};

export function bookingDiagram(): string {
  const lines = ['stateDiagram-v2', '  [*] --> requested'];
  for (const state of BOOKING_STATES) {
    const edges = new Map<string, string[]>();
    for (const [event, transition] of Object.entries(bookingMachine[state])) {
      for (const target of transition!.targets) {
        const label = eventLabels[event as BookingEvent['type']];
        edges.set(target, [...(edges.get(target) ?? []), label]);
      }
    }
    for (const [target, labels] of edges) {
      lines.push(`  ${state} --> ${target}: ${[...new Set(labels)].join(', ')}`);
    }
  }
  for (const state of FINAL_STATES) lines.push(`  ${state} --> [*]`);
  return lines.join('\n');
}

export function bookingMachineDoc(): string {
  return `# The booking state machine

Generated from \`apps/bookings/src/machine/booking-machine.ts\` by \`npm run docs:machine\`; a test fails when
this file and the machine disagree. "timer" edges are the protocol's delays: host reminder and escalation,
reconfirmation before the start, the end of the event, the report request, reminders and closing.

A host who declines may say why (closed then, too many people, not a fit for us, or a line of their own) and
offer up to three other times. The booking goes on as after any decline: the next space is asked, or the
request is unplaced. The offered times stay open while the booking has no space: when the organizer takes
one, the booking is confirmed at that space and time, and the hosts asked meanwhile are released. When the
space has been booked at that time meanwhile, the database refuses it, the organizer is told, and only that
offer closes. A confirmation (by any host, an operator, or another offer) closes every offer.

\`\`\`mermaid
${bookingDiagram()}
\`\`\`

## A series and its bookings

A recurring series (weekly, every N weeks, or monthly; at most 26 dates) is one request and one conversation
with one host, but never one booking: each date is a booking of its own, linked to its series, and runs the
machine above. The dates wait in \`requested\` while one mail asks the series' host for all of them; the host
accepts all, chooses dates, or declines. A date taken is confirmed at the series' space; a date left goes to
the ranked spaces one by one, as any request. From then on a late denial, a cancellation or a report is one
date's: the fallback rescues that date and not the rest. "The rest of the series" (the organizer cancelling,
the host withdrawing) is the same event for each later date. Until the host answers, the organizer may cancel
the whole series: each date still in \`requested\` is cancelled as by the organizer, and the series becomes
\`cancelled\` (its host's links stop acting).

Calendars see the series as its host answered it: one entry (the series' uid, \`RRULE\` with an \`EXDATE\` for
each date not held at its space) goes to the organizer and the host; those dates' own confirmations carry
none. A date of that entry stays one of its dates wherever it goes: when it leaves a space (cancelled, or a
late denial) the organizer (and the series' host, for its own space) gets a \`CANCEL\` for that date alone, the
series' uid with \`RECURRENCE-ID\` at the start the rule gave it; when the fallback rescues it at another space
(or it moves to an offered time) the organizer gets a \`REQUEST\` for that same uid and \`RECURRENCE-ID\` with the
new place and time. Each such change raises the entry's \`SEQUENCE\` (kept on the series), so calendars take the
latest. The host of another space has the date as an entry of its own booking's uid, as a date the series'
host never took is for everyone.

\`\`\`mermaid
${seriesDiagram()}
\`\`\`
`;
}

/** The series beside its bookings: the series' own two states, and what its host's answer does to each date. */
export function seriesDiagram(): string {
  const edges = (['seriesAccepted', 'seriesDateLeft'] as const).flatMap((event) =>
    bookingMachine.requested[event]!.targets.map(
      (target) => `  date -- "${eventLabels[event]}" --> ${target}`,
    ),
  );
  return [
    'flowchart LR',
    '  series["series: recurrence in the space\'s zone, its space; asking → answered, or cancelled"]',
    '  series -- "one booking per date" --> date["booking of a date: requested"]',
    ...edges,
    `  date -- "the organizer cancels the series" --> ${bookingMachine.requested.organizerCancelled!.targets[0]}`,
    '  confirmed -- "late denial: the fallback for this date only" --> seeking_fallback',
  ].join('\n');
}

const README_START = '<!-- booking-machine: generated by `npm run docs:machine` -->';
const README_END = '<!-- booking-machine: end -->';

/** The README with the diagram between its markers, as `npm run docs:machine` writes it. */
export function readmeWithDiagram(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('README.md has lost the booking machine markers');
  const block = `${README_START}\n\n\`\`\`mermaid\n${bookingDiagram()}\n\`\`\`\n\n`;
  return readme.slice(0, start) + block + readme.slice(end);
}
