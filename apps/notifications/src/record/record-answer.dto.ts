// What GET /api/operators/record takes and answers, for its OpenAPI document and the ZodValidationPipe.
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { RECORDED_ELSEWHERE } from '@cocomo/contracts';
import type { Same } from '@cocomo/platform';
import { RECORDED_ACTIONS } from '../operators/operator-record';
import type { RecordedEntry, RecordPage } from './record-book';
import { recordQuerySchema } from './record-query';

const nullableId = z.string().uuid().nullable();
const entrySchema = z.object({
  at: z.string(),
  actorKind: z.enum(['operator', 'host', 'organizer']),
  actorId: nullableId.describe("The operator's account; null for a link's holder and the development token"),
  actorEmail: z.string(),
  action: z.enum([...RECORDED_ACTIONS, ...RECORDED_ELSEWHERE]),
  spaceId: nullableId,
  bookingId: nullableId.describe('A booking, or a series for the actions on a whole series'),
  subject: z.string().nullable().describe("An account action's operator, token or session"),
  detail: z.string().nullable(),
  address: z.string().nullable(),
});
const pageSchema = z.object({
  items: z.array(entrySchema),
  page: z.number().int(),
  next: z.number().int().nullable().describe('The page of older entries; null when there are none'),
});

const entryKeepsItsShape: Same<z.output<typeof entrySchema>, RecordedEntry> = true;
const pageKeepsItsShape: Same<z.output<typeof pageSchema>, RecordPage> = true;
void [entryKeepsItsShape, pageKeepsItsShape];

export class RecordQueryDto extends createZodDto(recordQuerySchema) {}
export class RecordPageDto extends createZodDto(pageSchema) {}
