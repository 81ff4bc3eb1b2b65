// The one description of CoCoMo's environment: every variable, its default and what makes it valid.
import { z } from 'zod';
import type { ServiceName } from '@cocomo/contracts';
import { parseDuration } from './duration';
import { throttleLimit, trustProxy } from './request-limits';

const DEV_OPERATOR_TOKEN = 'dev-operator-token';
const DEV_LINK_SECRET = 'dev-link-secret-change-me-in-production';

const port = (fallback: number) =>
  z.coerce
    .number({ invalid_type_error: 'must be a port number between 1 and 65535' })
    .int('must be a port number between 1 and 65535')
    .min(0, 'must be a port number between 1 and 65535')
    .max(65535, 'must be a port number between 1 and 65535')
    .default(fallback);
const anyUrl = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );
const url = (protocols: string[], fallback: string) => anyUrl(protocols).default(fallback);
const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must be a duration such as 90s, 15m, 24h or 3d',
        });
        return z.NEVER;
      }
      return ms;
    });

export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/cocomo'),
    REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/i, 'may hold only letters, digits, "-" and "_"')
      .default('cocomo'),
    SMTP_URL: anyUrl(['smtp:', 'smtps:']).optional(),
    PUBLIC_BASE_URL: url(['http:', 'https:'], 'http://127.0.0.1:3000').transform((v) =>
      v.replace(/\/+$/, ''),
    ),
    OPERATOR_TOKEN: z.string().min(12, 'must be at least 12 characters').default(DEV_OPERATOR_TOKEN),
    LINK_SECRET: z
      .string()
      .default(DEV_LINK_SECRET)
      .refine((value) => value.split(',').every((secret) => secret.trim().length >= 16), {
        message: 'must be one or more comma-separated secrets of at least 16 characters each',
      }),
    LINK_EXPIRY: duration('7d'),
    LINK_EXPIRY_BY_ACTION: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const lifetimes: Record<string, number> = {};
        for (const entry of value.split(',').filter((part) => part.trim())) {
          const [action, text = ''] = entry.split('=').map((part) => part.trim());
          const ms = parseDuration(text);
          if (!action || ms === undefined) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: 'must look like "verify-space=3d,host-answer=72h"',
            });
            return z.NEVER;
          }
          lifetimes[action] = ms;
        }
        return lifetimes;
      }),
    OPERATOR_EMAIL: z.string().email('must be an email address').default('operators@cocomo.localhost'),
    EMAIL_FROM: z
      .string()
      .regex(
        /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
        'must be an email address, optionally with a name: "CoCoMo <no-reply@example.org>"',
      )
      .default('CoCoMo <no-reply@cocomo.localhost>'),
    EMAIL_MAX_ATTEMPTS: z.coerce
      .number({ invalid_type_error: 'must be a whole number between 1 and 50' })
      .int('must be a whole number between 1 and 50')
      .min(1, 'must be a whole number between 1 and 50')
      .max(50, 'must be a whole number between 1 and 50')
      .default(6),
    /** The first back-off delay; each further attempt waits twice as long as the one before. */
    EMAIL_RETRY_DELAY: duration('2s'),
    /** How often deliveries that lost their job (a crash, a Redis flush) are put back in the queue. */
    EMAIL_SWEEP_INTERVAL: duration('30s').refine((ms) => ms >= 100, 'must be at least 100ms'),
    /** A delivery whose worker died mid-send is taken up by another worker after this long. */
    EMAIL_STALLED_AFTER: duration('30s').refine((ms) => ms >= 1000, 'must be at least 1s'),
    ROLE: z.enum(['web', 'worker', 'all']).default('all'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    ROUTER_PORT: port(3000),
    DIRECTORY_PORT: port(3001),
    BOOKINGS_PORT: port(3002),
    NOTIFICATIONS_PORT: port(3003),
    METRICS_PORT: port(3004),
    OUTBOX_POLL_INTERVAL: duration('1s'),
    TIMER_SWEEP_INTERVAL: duration('30s'),
    /** A timer this far past due whose job has ended without it firing is scheduled again. */
    TIMER_OVERDUE_AFTER: duration('1m'),
    BOOKING_REMINDER_AFTER: duration('24h'),
    BOOKING_ESCALATE_AFTER: duration('48h'),
    BOOKING_RECONFIRM_BEFORE: duration('72h'),
    BOOKING_URGENT_WINDOW: duration('48h'),
    BOOKING_URGENT_FANOUT: z.coerce
      .number({ invalid_type_error: 'must be a whole number from 1 to 10' })
      .int('must be a whole number from 1 to 10')
      .min(1, 'must be a whole number from 1 to 10')
      .max(10, 'must be a whole number from 1 to 10')
      .default(3),
    BOOKING_REPORT_AFTER: duration('2h'),
    BOOKING_REPORT_REMINDER_AFTER: duration('3d'),
    BOOKING_REPORT_CLOSE_AFTER: duration('14d'),
    BOOKING_RANKING_RETRY: duration('30s'),
    BOOKING_RANKING_ATTEMPTS: z.coerce
      .number({ invalid_type_error: 'must be a whole number from 1 to 20' })
      .int('must be a whole number from 1 to 20')
      .min(1, 'must be a whole number from 1 to 20')
      .max(20, 'must be a whole number from 1 to 20')
      .default(5),
    REQUEST_TIMEOUT: duration('5s'),
    /** Public writes (registering, asking, pressing a link's button) one address may make per THROTTLE_TTL. */
    THROTTLE_LIMIT: throttleLimit(30),
    /** Public reads (search, map data, profiles, metrics, link pages) one address may make per THROTTLE_TTL. */
    THROTTLE_READ_LIMIT: throttleLimit(300),
    THROTTLE_TTL: duration('1m').refine((ms) => ms >= 1000, 'must be at least 1s'),
    TRUST_PROXY: trustProxy,
  })
  .superRefine((env, ctx) => {
    // Development defaults are convenient on a laptop and dangerous anywhere else.
    if (env.NODE_ENV !== 'production') return;
    if (env.OPERATOR_TOKEN === DEV_OPERATOR_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['OPERATOR_TOKEN'], message: 'must be set in production' });
    }
    if (env.LINK_SECRET === DEV_LINK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['LINK_SECRET'], message: 'must be set in production' });
    }
  });

export type Environment = z.output<typeof environmentSchema>;

export class EnvironmentError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.problem}`).join('\n')}`);
    this.name = 'EnvironmentError';
  }
}

/** Reads and validates the environment; throws an EnvironmentError naming every bad variable. */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = environmentSchema.safeParse(present);
  if (result.success) return result.data;
  throw new EnvironmentError(
    result.error.issues.map((issue) => ({ variable: issue.path.join('.'), problem: issue.message })),
  );
}

export function servicePort(env: Environment, service: ServiceName): number {
  const ports: Record<ServiceName, number> = {
    directory: env.DIRECTORY_PORT,
    bookings: env.BOOKINGS_PORT,
    notifications: env.NOTIFICATIONS_PORT,
    metrics: env.METRICS_PORT,
  };
  return ports[service];
}
