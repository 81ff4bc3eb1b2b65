// What operators may ask of the deliveries API, checked at the edge.
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { DELIVERY_STATUSES } from '../delivery/delivery.entity';

export const listDeliveriesSchema = z.object({
  status: z
    .enum(DELIVERY_STATUSES, {
      errorMap: () => ({ message: `must be one of ${DELIVERY_STATUSES.join(', ')}` }),
    })
    .optional(),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be between 1 and 500')
    .max(500, 'must be between 1 and 500')
    .default(100),
});

export class ListDeliveriesDto extends createZodDto(listDeliveriesSchema) {}

// What the deliveries API answers, as zod schemas: the handlers' return types are drawn from them and the
// OpenAPI document is generated from them, so the two cannot part. Not parsed at run time.
const instant = z.string().datetime().describe('ISO 8601, UTC');

export const deliverySummarySchema = z.object({
  id: z.string().describe('The notification id'),
  template: z.string(),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: instant,
  sentAt: instant.nullable(),
});
export type DeliverySummary = z.input<typeof deliverySummarySchema>;

export const deliveryListSchema = z.object({ items: z.array(deliverySummarySchema) });
export type DeliveryList = z.input<typeof deliveryListSchema>;
export class DeliveryListDto extends createZodDto(deliveryListSchema) {}

export const deliveryDetailSchema = deliverySummarySchema.extend({
  locale: z.string(),
  recipientName: z.string().nullable(),
  actions: z.array(z.object({ label: z.string(), url: z.string() })),
  calendar: z
    .object({
      uid: z.string(),
      method: z.enum(['REQUEST', 'CANCEL']),
      sequence: z.number().int(),
      summary: z.string(),
      description: z.string(),
      location: z.string(),
      start: z.string(),
      end: z.string(),
    })
    .nullable()
    .describe('The .ics event sent with the mail, if any'),
  correlationId: z.string().nullable(),
  text: z.string(),
  html: z.string(),
});
export type DeliveryDetail = z.input<typeof deliveryDetailSchema>;
export class DeliveryDetailDto extends createZodDto(deliveryDetailSchema) {}
