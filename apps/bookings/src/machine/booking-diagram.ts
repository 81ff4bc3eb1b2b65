// Draws the booking machine as a Mermaid state diagram, from the same table the service runs.
import { BOOKING_STATES, FINAL_STATES, bookingMachine, type BookingEvent } from './booking-machine';

const eventLabels: Record<BookingEvent['type'], string> = {
  candidatesRanked: 'candidates ranked',
  rankingFailed: 'directory silent',
  hostAccepted: 'host accepts',
  hostDeclined: 'host declines',
  hostReconfirmed: 'host: still on',
  hostWithdrew: 'late denial',
  organizerCancelled: 'organizer cancels',
  operatorCancelled: 'operator cancels',
  operatorAssigned: 'operator assigns',
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

\`\`\`mermaid
${bookingDiagram()}
\`\`\`
`;
}
