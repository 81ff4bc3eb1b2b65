// What an operation answers, for the OpenAPI documents: the zod schema its handler's return type is drawn from
// (so the document cannot drift from the code), and the problem body the ProblemFilter writes for a refusal.
// Documentation only: nothing here parses or serializes an answer at run time.
import { applyDecorators, type Type } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { Problem } from './domain-errors';
import { PROBLEM_CODES } from './problem-words';

export const problemSchema = z.object({
  field: z.string().describe('The field, as a path of its keys: event.start, offers.0.start, (body)'),
  problem: z
    .string()
    .describe(
      'What is wrong with it, in words for people, in the language of the Accept-Language header (English without one)',
    ),
  code: z
    .string()
    .optional()
    .describe(
      `A stable name of the problem for programs, the same in every language; one of: ${PROBLEM_CODES.join(', ')}, the name a rule of one operation gives its own problem (such as every_date_clashes), or invalid when none is more precise`,
    ),
});

/** The body of every 4xx and 5xx JSON answer (see ProblemFilter). */
export const problemAnswerSchema = z.object({
  statusCode: z.number().int(),
  error: z.string().describe('The kind of refusal: Bad Request, NotFound, Conflict, Too Many Requests…'),
  message: z.string(),
  problems: z
    .array(problemSchema)
    .optional()
    .describe('With 400: every problem of the input, each naming its field; nothing was changed'),
  retryAfterSeconds: z.number().int().optional().describe('With 429: when to try again'),
  details: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('With 503 from /health/ready: the state of each dependency'),
});
export type ProblemAnswer = z.input<typeof problemAnswerSchema>;

/** Compiles only while the two types have the same shape both ways. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const problemKeepsItsShape: Same<z.input<typeof problemSchema>, Problem> = true;
void problemKeepsItsShape;

export class ProblemAnswerDto extends createZodDto(problemAnswerSchema) {}

/** The refusals an operation may answer with, and what each means here. */
export const REFUSALS = {
  400: 'The input is not valid: `problems` names each field (nothing was changed)',
  401: 'The operator token is missing',
  403: 'The operator token is not valid',
  404: 'Not found (or not listed publicly)',
  409: 'The thing is not in a state that allows this',
  429: 'Too many requests from this address',
} as const;
export type Refusal = keyof typeof REFUSALS;

/** The refusals every operation may meet: public requests are rate limited. */
export const EVERY_OPERATION_REFUSALS: Refusal[] = [429];

/** The refusals an operation answers with the problem body. */
export function ApiProblems(...statuses: Refusal[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: REFUSALS[status], type: ProblemAnswerDto }),
    ),
  );
}

/** An operation's JSON answer, described by the zod DTO whose schema its handler's return type comes from. */
export function ApiAnswer(type: Type<unknown> & { schema: z.ZodTypeAny }, status = 200, description = 'OK') {
  return ApiResponse({ status, description, type });
}

/** An operation's text answer (for example CSV), described as a string of that media type; refusals stay JSON. */
export function ApiTextAnswer(mediaType: string, description: string): MethodDecorator {
  return ApiResponse({ status: 200, description, content: { [mediaType]: { schema: { type: 'string' } } } });
}
