// The steps of a booking's history are kept as the machine says them, in English, for the record and the API
// (`host declined (closed); 2 other times offered`). The status page says each step in the reader's language:
// the main step by its key in the bookings catalogue (`bookings:step.<key>`), the details the record adds left out.

/** The record's main steps, by the words the machine starts them with, and their keys in the catalogue. */
const STEPS: [RegExp, string][] = [
  [/^requested$/, 'requested'],
  [/^candidates ranked/, 'candidatesRanked'],
  [/^the directory did not answer/, 'directorySilent'],
  [/^host accepted/, 'hostAccepted'],
  [/^host declined/, 'hostDeclined'],
  [/^host reminded/, 'hostReminded'],
  [/^host silent/, 'hostSilent'],
  [/^assigned by an operator/, 'assignedByOperator'],
  [/^the series' host accepted this date/, 'seriesHostAccepted'],
  [/^the series' host did not take this date/, 'seriesHostLeft'],
  [/^late denial by the host/, 'lateDenial'],
  [/^fallback space accepted/, 'fallbackAccepted'],
  [/^reconfirmation due/, 'reconfirmationDue'],
  [/^host reconfirmed/, 'hostReconfirmed'],
  [/^organizer took a time the host offered/, 'offerTaken'],
  [/^the time offered \(.*\) was booked meanwhile/, 'offerBookedMeanwhile'],
  [/^the event has ended/, 'eventEnded'],
  [/^organizer reported the event held/, 'reportedHeld'],
  [/^organizer reported the event not held/, 'reportedNotHeld'],
  [/^report requested/, 'reportRequested'],
  [/^report reminder/, 'reportReminder'],
  [/^closed without a report/, 'closedUnreported'],
  [/^cancelled by the organizer/, 'cancelledByOrganizer'],
  [/^cancelled by the operator/, 'cancelledByOperator'],
];

/** The catalogue key of a recorded step's main words; undefined for words the page does not know. */
export function stepKey(cause: string): string | undefined {
  return STEPS.find(([words]) => words.test(cause))?.[1];
}
