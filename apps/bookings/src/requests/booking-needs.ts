// What a booking needs of a space, from the organizer's request: the one place a BookingNeeds is made. The
// booking keeps it as it was asked, so a later ranking (a retry, an operator's choice) asks for the same.
import type { BookingNeeds } from '@cocomo/contracts';
import type { BookingRequest } from './booking-request.dto';

export function bookingNeeds(request: BookingRequest): BookingNeeds {
  const { near, spaceId } = request;
  return {
    community: request.organizer.community,
    ...(spaceId ? { spaceId } : {}),
    ...(near
      ? { near: { latitude: near.latitude, longitude: near.longitude, radiusKm: near.radiusKm } }
      : {}),
    expectedAttendees: request.event.expectedAttendees,
    needs: request.event.needs,
    start: request.event.start.toISOString(),
    end: request.event.end.toISOString(),
  };
}
