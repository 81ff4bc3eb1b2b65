// The one exception filter: every error becomes a JSON answer naming the problem; nothing leaks a stack trace.
import { STATUS_CODES } from 'node:http';
import {
  Catch,
  HttpException,
  Inject,
  Logger,
  Optional,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError, ZodIssue } from 'zod';
import { localeFromAcceptLanguage } from '@cocomo/i18n';
import type { ProblemAnswer } from './api-answers';
import { isTransientConflict } from './conflict-retry.interceptor';
import { DomainError, InvalidInput, type Problem } from './domain-errors';
import { ERROR_PAGES, wantsErrorPage, type ErrorPages } from './error-pages';
import { knownProblem, problemIn } from './problem-words';
import { isSchemaBehind, MigratedSchema } from './health/migrated-schema';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT } from './environment.token';
import { signInRedirect, operatorChallenge } from './operators/sign-in-redirect';

/** A field's name as a path of its keys; a key that is the empty string shows as "", so no name is blank. */
function fieldName(path: (string | number)[]): string {
  return path.map((key) => (key === '' ? '""' : String(key))).join('.') || '(body)';
}

/** The code of a zod issue whose words the problems catalogue does not know (zod's own, mostly). */
function codeOf(issue: ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.received === 'undefined' ? 'required' : 'invalid_type';
  if (issue.code === 'invalid_string' && issue.validation === 'email') return 'invalid_email';
  return ZOD_CODES[issue.code] ?? issue.code;
}

const ZOD_CODES: Partial<Record<ZodIssue['code'], string>> = {
  invalid_enum_value: 'invalid_choice',
  invalid_union_discriminator: 'invalid_choice',
  invalid_literal: 'invalid_choice',
  invalid_union: 'invalid_choice',
  not_finite: 'not_a_number',
  custom: 'invalid',
};

export function problemsOf(error: ZodError): Problem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: fieldName([...issue.path, key]),
        problem: 'is not a known field',
        code: 'unknown_field',
      }));
    }
    const code = knownProblem(issue.message)?.code ?? codeOf(issue);
    return [{ field: fieldName(issue.path), problem: issue.message, code }];
  });
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);
// knex swallows a BEGIN (or SAVEPOINT) that fails on a connection cut under it and hands the transaction over
// anyway; its next statement then fails with "Transaction query already complete", the cut's only trace.
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|is not currently accepting connections|Timeout acquiring a connection|Connection is closed|MaxRetriesPerRequest|Transaction query already complete/;

/**
 * Whether the error says the database or Redis cannot be reached right now (down, restarting, refusing
 * connections): the request may succeed later, so the answer is 503 with Retry-After, not 500.
 */
export function isUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, message, cause, previous } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    previous?: unknown;
  };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message)) return true;
  return isUnreachable(previous, depth + 1) || isUnreachable(cause, depth + 1);
}

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
  message: string;
}

/** The problem body without its status, which the filter adds. */
type ProblemBody = Omit<ProblemAnswer, 'statusCode'>;

/** The message of an HttpException's answer: Nest's own pipes may give a list of them. */
function messageOf(message: unknown, status: number): string {
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return STATUS_CODES[status] ?? 'Error';
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as BodyParserError;
  return (
    typeof candidate?.type === 'string' && typeof candidate.status === 'number' && candidate.expose === true
  );
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(
    @Optional() @Inject(ERROR_PAGES) private readonly pages?: ErrorPages,
    @Optional() private readonly schema?: MigratedSchema,
    @Optional() @Inject(ENVIRONMENT) private readonly env?: Environment,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const { status, body } = this.answer(error);
    // Each problem in the language the client asks for; one that asks for none reads English, as ever.
    if (body.problems) {
      const locale = localeFromAcceptLanguage(request.headers['accept-language']);
      body.problems = body.problems.map((problem) => problemIn(locale, problem));
      if (!response.headersSent) response.vary('Accept-Language');
    }
    if (status === 503) this.logger.warn(`Answered 503: ${(error as Error).message?.slice(0, 300)}`);
    else if (status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (response.headersSent) return;
    if (status === 401 && this.env) {
      // A person's browser is sent to the sign-in page, told when their session has ended.
      const redirect = signInRedirect(request, this.env, error);
      if (redirect) return response.redirect(303, redirect);
      response.setHeader('www-authenticate', operatorChallenge(this.env));
    }
    if (status === 503) response.setHeader('retry-after', '5');
    if (this.pages && wantsErrorPage(request, status)) {
      const message = typeof body.message === 'string' ? body.message : '';
      response.status(status).type('html').setHeader('cache-control', 'no-store');
      response.send(this.pages.render(status, message, body.retryAfterSeconds));
      return;
    }
    // JSON whatever the route meant to answer: only the views escape what they show.
    const answer: ProblemAnswer = { statusCode: status, ...body };
    response.status(status).type('application/json').json(answer);
  }

  private answer(error: unknown): { status: number; body: ProblemBody } {
    if (error instanceof ZodValidationException) {
      const problems = problemsOf(error.getZodError() as ZodError);
      return { status: 400, body: { error: 'Bad Request', message: 'The input is not valid', problems } };
    }
    if (error instanceof InvalidInput) {
      return {
        status: 400,
        body: { error: 'Bad Request', message: 'The input is not valid', problems: error.problems },
      };
    }
    if (error instanceof DomainError) {
      return { status: error.status, body: { error: error.name, message: error.message } };
    }
    if (isBodyParserError(error)) {
      const message =
        error.type === 'entity.parse.failed'
          ? 'The body is not valid JSON'
          : error.type === 'entity.too.large'
            ? 'The body is too large'
            : error.message;
      return {
        status: error.status!,
        body: { error: STATUS_CODES[error.status!] ?? 'Bad Request', message },
      };
    }
    if (error instanceof HttpException) {
      const answer = error.getResponse();
      const status = error.getStatus();
      const fields: Record<string, unknown> =
        typeof answer === 'string' ? { message: answer } : { ...answer };
      const body: ProblemBody = {
        error: typeof fields.error === 'string' ? fields.error : error.name,
        message: messageOf(fields.message, status),
      };
      if (typeof fields.retryAfterSeconds === 'number') body.retryAfterSeconds = fields.retryAfterSeconds;
      // The readiness check's answer names each dependency's state: an operator reads which one is down.
      if (fields.details && typeof fields.details === 'object')
        body.details = fields.details as ProblemBody['details'];
      return { status, body };
    }
    // Only while the schema is known to lack the latest migration: otherwise a missing column is a bug, a 500.
    if (this.schema?.missing && isSchemaBehind(error)) {
      return {
        status: 503,
        body: { error: 'Service Unavailable', message: this.schema.explanation() },
      };
    }
    if (isUnreachable(error) || isTransientConflict(error)) {
      return {
        status: 503,
        body: {
          error: 'Service Unavailable',
          message:
            'The service cannot complete this right now (its database or queue is away or busy). Try again in a few seconds',
        },
      };
    }
    return {
      status: 500,
      body: { error: 'Internal Server Error', message: 'Something went wrong on our side' },
    };
  }
}
