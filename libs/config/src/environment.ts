// The one description of CoCoMo's environment: every variable, its default and what makes it valid.
import { z } from 'zod';
import type { ServiceName } from '@cocomo/contracts';
import { isLocale, SUPPORTED_LOCALES } from '@cocomo/i18n';
import { parseDuration } from './duration';
import { redisTargetOf } from './redis-url';
import { throttleLimit, trustProxy } from './request-limits';
import { anyUrl, duration, port, url } from './value-kinds';

const DEV_OPERATOR_TOKEN = 'dev-operator-token';
const DEV_LINK_SECRET = 'dev-link-secret-change-me-in-production';

/** False for a REDIS_URL that is not valid, which its own check reports. */
function isCluster(redisUrl: string): boolean {
  try {
    return redisTargetOf(redisUrl).cluster;
  } catch {
    return false;
  }
}

export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/cocomo'),
    /** A service's own database, instead of DATABASE_URL (see service-databases.ts). */
    DIRECTORY_DATABASE_URL: anyUrl(['postgres:', 'postgresql:']).optional(),
    BOOKINGS_DATABASE_URL: anyUrl(['postgres:', 'postgresql:']).optional(),
    NOTIFICATIONS_DATABASE_URL: anyUrl(['postgres:', 'postgresql:']).optional(),
    METRICS_DATABASE_URL: anyUrl(['postgres:', 'postgresql:']).optional(),
    /** One Redis, or a Redis Cluster (redis+cluster://host:port,host:port): see redis-url.ts. */
    REDIS_URL: z
      .string()
      .default('redis://127.0.0.1:6379')
      .superRefine((value, ctx) => {
        try {
          redisTargetOf(value);
        } catch (error) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
        }
      }),
    QUEUE_PREFIX: z
      .string()
      .regex(
        /^(?:[a-z0-9_-]+|\{[a-z0-9_-]+\})$/i,
        'may hold only letters, digits, "-" and "_", optionally in braces as a hash tag: {cocomo}',
      )
      .default('cocomo'),
    SMTP_URL: anyUrl(['smtp:', 'smtps:']).optional(),
    PUBLIC_BASE_URL: url(['http:', 'https:'], 'http://127.0.0.1:3000').transform((v) =>
      v.replace(/\/+$/, ''),
    ),
    /** Development only: one shared operator token; refused in production, where operators sign in by name. */
    OPERATOR_TOKEN: z.string().min(12, 'must be at least 12 characters').default(DEV_OPERATOR_TOKEN),
    /** Where the owner of the operators' accounts (notifications) publishes its key set; PUBLIC_BASE_URL by default. */
    OPERATORS_URL: anyUrl(['http:', 'https:'])
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
    OPERATOR_SESSION_LIFETIME: duration('12h').refine((ms) => ms >= 1000, 'must be at least 1s'),
    /** How often every service reads the owner's revocation list: a revoked session or token is refused after it. */
    OPERATOR_REVOCATION_POLL: duration('2s').refine((ms) => ms >= 100, 'must be at least 100ms'),
    /** Optional sign-in through an organisation's OpenID Connect provider: the three together, or none (off). */
    OPERATOR_OIDC_ISSUER: anyUrl(['http:', 'https:'])
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
    OPERATOR_OIDC_CLIENT_ID: z.string().optional(),
    OPERATOR_OIDC_CLIENT_SECRET: z.string().optional(),
    /** The provider as the sign-in page names it ("Sign in with …"); the issuer's host when unset. */
    OPERATOR_OIDC_NAME: z.string().max(60, 'must be at most 60 characters').optional(),
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
    /** The language of the operators' mails: one of the locales CoCoMo speaks (libs/i18n). */
    OPERATOR_LOCALE: z
      .string()
      .refine(isLocale, `must be a language CoCoMo speaks: ${SUPPORTED_LOCALES.join(', ')}`)
      .default('en'),
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
    /** When (month-day, in each space's zone) active hosts get the summary of their year. */
    HOST_SUMMARY_AT: z
      .string()
      .default('01-15')
      .refine((value) => {
        const match = /^(\d\d)-(\d\d)$/.exec(value);
        if (!match) return false;
        const [month, day] = [Number(match[1]), Number(match[2])];
        return month >= 1 && month <= 12 && day >= 1 && day <= 28;
      }, 'must be a month and day from 01-01 to 12-28, like "01-15"'),
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
    /** Bookings that ended longer ago than this lose their organizer's name and email (730d: 24 months). */
    PERSONAL_DATA_RETENTION: duration('730d').refine((ms) => ms >= 1000, 'must be at least 1s'),
    /** Public writes (registering, asking, pressing a link's button) one address may make per THROTTLE_TTL. */
    THROTTLE_LIMIT: throttleLimit(30),
    /** Public reads (search, map data, profiles, metrics, link pages) one address may make per THROTTLE_TTL. */
    THROTTLE_READ_LIMIT: throttleLimit(300),
    THROTTLE_TTL: duration('1m').refine((ms) => ms >= 1000, 'must be at least 1s'),
    TRUST_PROXY: trustProxy,
  })
  .superRefine((env, ctx) => {
    // A cluster spreads keys over its nodes by slot; BullMQ runs scripts over all of a queue's keys at once, so
    // they must share a slot: a hash tag in the prefix ({cocomo}) puts every key of the deployment in one.
    if (isCluster(env.REDIS_URL) && !/^\{.+\}$/.test(env.QUEUE_PREFIX)) {
      ctx.addIssue({
        code: 'custom',
        path: ['QUEUE_PREFIX'],
        message:
          'must be a hash tag such as {cocomo} when REDIS_URL names a Redis Cluster (BullMQ needs all of a queue’s keys in one slot)',
      });
    }
    const oidc = ['OPERATOR_OIDC_ISSUER', 'OPERATOR_OIDC_CLIENT_ID', 'OPERATOR_OIDC_CLIENT_SECRET'] as const;
    if (oidc.some((name) => env[name] !== undefined)) {
      for (const name of oidc.filter((one) => env[one] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `must be set too: OpenID Connect sign-in needs ${oidc.join(', ')}`,
        });
      }
    }
    // Development defaults are convenient on a laptop and dangerous anywhere else.
    if (env.NODE_ENV !== 'production') return;
    if (env.OPERATOR_OIDC_ISSUER?.startsWith('http:')) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPERATOR_OIDC_ISSUER'],
        message: 'must be https:// in production',
      });
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
