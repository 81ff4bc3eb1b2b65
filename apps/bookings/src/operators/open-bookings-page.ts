// What the operators' page of bookings without a space shows of each booking (views/open-bookings.hbs): when
// it is, in the zone of the spaces it was meant for, the spaces proposed and those asked now, and a form of it
// the page refused, with what was typed.
import type { PageRefusal, PageRenderer } from '@cocomo/web';
import type { Booking } from '../bookings/booking.entity';

export interface OpenBookingsState {
  unplaced: Booking[];
  waiting: Booking[];
  /** What the last action did: the booking by its title (and the space it now has). */
  assigned?: { title: string; space: string };
  cancelled?: { title: string };
  /** Why the last action could not be done. */
  refusal?: PageRefusal;
  /** A form that was refused, shown again with the problem beside its field. */
  refused?: { bookingId: string; field: 'space' | 'reason'; value: string; problem: string };
}

function cardOf(booking: Booking, state: OpenBookingsState) {
  const refused = state.refused?.bookingId === booking.id ? state.refused : undefined;
  return {
    id: booking.id,
    title: booking.title,
    state: booking.state,
    community: booking.needs.community,
    start: booking.start,
    end: booking.end,
    timezone: Object.values(booking.spaceSnapshots)[0]?.timezone ?? 'UTC',
    expectedAttendees: booking.needs.expectedAttendees,
    needs: booking.needs.needs,
    spaces: Object.values(booking.spaceSnapshots).map((space) => space.name),
    asking: booking.asked.map((ask) => booking.spaceSnapshots[ask.spaceId]?.name ?? ask.spaceId),
    organizerName: booking.organizerName,
    organizerEmail: booking.organizerEmail,
    refused: refused ? { [refused.field]: refused } : undefined,
  };
}

export function openBookingsPage(pages: PageRenderer, state: OpenBookingsState): string {
  return pages.render('open-bookings', {
    ...state,
    unplaced: state.unplaced.map((booking) => cardOf(booking, state)),
    waiting: state.waiting.map((booking) => cardOf(booking, state)),
  });
}
