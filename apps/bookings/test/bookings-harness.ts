// What the bookings service asked the notifications service to send about a booking (its outbox).
import { EntityManager } from '@mikro-orm/postgresql';
import type { NotifyEmail } from '@cocomo/contracts';
import type { ServiceUnderTest } from '@cocomo/testing';

export async function mailsOf(bookings: ServiceUnderTest, bookingId: string): Promise<NotifyEmail[]> {
  const rows: { payload: NotifyEmail }[] = await bookings.app
    .get(EntityManager)
    .fork()
    .execute(
      `select "payload" from "bookings"."outbox_message" where "name" = 'notify.email'
       and "payload"->'data'->>'bookingId' = ? order by "occurred_at"`,
      [bookingId],
    );
  return rows.map((row) => row.payload);
}
