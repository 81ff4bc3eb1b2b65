// The one exception filter: every error becomes a JSON answer naming the problem; nothing leaks a stack trace.
import { STATUS_CODES } from 'node:http';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { isTransientConflict } from './conflict-retry.interceptor';
import { DomainError, InvalidInput, type Problem } from './domain-errors';

/** A field's name as a path of its keys; a key that is the empty string shows as "", so no name is blank. */
function fieldName(path: (string | number)[]): string {
  return path.map((key) => (key === '' ? '""' : String(key))).join('.') || '(body)';
}

export function problemsOf(error: ZodError): Problem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: fieldName([...issue.path, key]),
        problem: 'is not a known field',
      }));
    }
    return [{ field: fieldName(issue.path), problem: issue.message }];
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
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|is not currently accepting connections|Timeout acquiring a connection|Connection is closed|MaxRetriesPerRequest/;

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

function isBodyParserError(error: unknown): error is BodyParserError {
  const candidate = error as BodyParserError;
  return (
    typeof candidate?.type === 'string' && typeof candidate.status === 'number' && candidate.expose === true
  );
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.answer(error);
    if (status === 503) this.logger.warn(`Answered 503: ${(error as Error).message?.slice(0, 300)}`);
    else if (status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (response.headersSent) return;
    // A browser answers a Basic challenge with a login prompt: the operator gives the token as the password.
    if (status === 401)
      response.setHeader('www-authenticate', 'Basic realm="CoCoMo operators", charset="UTF-8"');
    if (status === 503) response.setHeader('retry-after', '5');
    // JSON whatever the route meant to answer: a page's text/html would let a browser render echoed input.
    response
      .status(status)
      .type('application/json')
      .json({ statusCode: status, ...body });
  }

  private answer(error: unknown): { status: number; body: Record<string, unknown> } {
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
      const body = typeof answer === 'string' ? { message: answer } : (answer as Record<string, unknown>);
      return { status: error.getStatus(), body: { error: error.name, ...body } };
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
