// record.entry: an action another service kept on the record in its own transaction. The insert, keyed by the
// message id, is its own idempotency record, so it runs outside the inbox (one statement).
import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { RECORDED_ELSEWHERE, recordEntry, type Envelope, type RecordEntry } from '@cocomo/contracts';
import { OWN_IDEMPOTENCE } from '@cocomo/messaging';
import { RecordBook } from './record-book';

const id = z.string().uuid().nullable();
const entrySchema = z.object({
  actor: z.object({
    kind: z.enum(['operator', 'host', 'organizer']),
    id,
    email: z.string().min(1).max(320),
  }),
  action: z.enum(RECORDED_ELSEWHERE),
  at: z.string().datetime({ offset: true }),
  spaceId: id,
  bookingId: id,
  detail: z.string().max(4000).nullable(),
  address: z.string().max(100).nullable(),
});

@Controller()
export class RecordEntryHandler {
  private readonly logger = new Logger(RecordEntryHandler.name);

  constructor(private readonly book: RecordBook) {}

  @EventPattern(recordEntry.name, OWN_IDEMPOTENCE)
  async keep(@Payload() message: Envelope<RecordEntry>): Promise<void> {
    const entry = entrySchema.safeParse(message.payload);
    if (!entry.success) {
      this.logger.error(
        `${message.name} ${message.id} is not an entry of the record: ${entry.error.message}`,
      );
      return;
    }
    await this.book.keep(message.id, entry.data);
  }
}
