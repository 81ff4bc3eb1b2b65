// An operator limited to some countries acts on the bookings of those countries only: to them every other
// booking does not exist (404), as every space of another country does in the directory, so that nothing says
// what is outside their scope. Which countries a booking is of: BookingRepository's OF_COUNTRIES.
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { NotFound, operatorOf } from '@cocomo/platform';
import { BookingRepository } from '../bookings/booking.repository';

/** The countries the request's operator acts for; null: every country. */
export const countriesOf = (request: Request): string[] | null => operatorOf(request)?.countries ?? null;

@Injectable()
export class BookingScope {
  constructor(private readonly bookings: BookingRepository) {}

  /** Throws NotFound when the request's operator may not see or act on the booking. */
  async check(request: Request, id: string): Promise<void> {
    const countries = countriesOf(request);
    if (countries !== null && !(await this.bookings.isOfCountries(id, countries))) {
      throw new NotFound('Booking', id);
    }
  }
}
