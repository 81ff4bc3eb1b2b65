// The links hosts answer with. A host link names the booking and the space, so a host of several spaces
// answers for the one asked.
export const BOOKING_ACTIONS_PATH = '/actions';

export const HOST_ACCEPT = 'host-accept';
export const HOST_DECLINE = 'host-decline';
export const HOST_ANSWERS = [HOST_ACCEPT, HOST_DECLINE] as const;

export function hostSubject(bookingId: string, spaceId: string): string {
  return `${bookingId}~${spaceId}`;
}

export function parseHostSubject(subject: string): { bookingId: string; spaceId: string } | undefined {
  const [bookingId, spaceId, ...rest] = subject.split('~');
  return bookingId && spaceId && rest.length === 0 ? { bookingId, spaceId } : undefined;
}
