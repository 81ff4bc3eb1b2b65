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
