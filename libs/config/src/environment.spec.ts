import { EnvironmentError, readEnvironment } from './environment';
import { parseDuration } from './duration';

describe('readEnvironment', () => {
  it('serves a local machine with defaults', () => {
    const env = readEnvironment({});
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cocomo',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      DIRECTORY_PORT: 3001,
      BOOKINGS_PORT: 3002,
      NOTIFICATIONS_PORT: 3003,
      METRICS_PORT: 3004,
      ROLE: 'all',
      EMAIL_FROM: 'CoCoMo <no-reply@cocomo.localhost>',
      EMAIL_MAX_ATTEMPTS: 6,
      EMAIL_RETRY_DELAY: 2000,
      EMAIL_SWEEP_INTERVAL: 30_000,
      EMAIL_STALLED_AFTER: 30_000,
      PERSONAL_DATA_RETENTION: 730 * 86_400_000,
    });
    expect(env.SMTP_URL).toBeUndefined();
  });

  it.each([
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['BOOKINGS_DATABASE_URL', 'mysql://localhost/bookings'],
    ['REDIS_URL', 'not a url'],
    ['PUBLIC_BASE_URL', 'ftp://example.org'],
    ['DIRECTORY_PORT', 'abc'],
    ['METRICS_PORT', '70000'],
    ['OPERATOR_TOKEN', 'short'],
    ['LINK_SECRET', 'short'],
    ['ROLE', 'boss'],
    ['OUTBOX_POLL_INTERVAL', 'soon'],
    ['SMTP_URL', 'http://mail'],
    ['QUEUE_PREFIX', 'a:b'],
    ['EMAIL_FROM', 'CoCoMo'],
    ['EMAIL_MAX_ATTEMPTS', '0'],
    ['EMAIL_MAX_ATTEMPTS', 'many'],
    ['EMAIL_RETRY_DELAY', '2 seconds'],
    ['EMAIL_SWEEP_INTERVAL', '10ms'],
    ['EMAIL_STALLED_AFTER', '500ms'],
    ['OPERATORS_URL', 'notifications:3003'],
    ['OPERATOR_SESSION_LIFETIME', '10ms'],
    ['OPERATOR_REVOCATION_POLL', '50ms'],
    ['PERSONAL_DATA_RETENTION', '24 months'],
    ['PERSONAL_DATA_RETENTION', '500ms'],
  ])('refuses a bad %s, naming the variable', (variable, value) => {
    expect(() => readEnvironment({ [variable]: value })).toThrow(EnvironmentError);
    try {
      readEnvironment({ [variable]: value });
    } catch (error) {
      expect((error as EnvironmentError).problems.map((p) => p.variable)).toEqual([variable]);
      expect((error as Error).message).toContain(variable);
    }
  });

  it('requires a real link secret in production, and no operator token (operators sign in by name there)', () => {
    expect(() => readEnvironment({ NODE_ENV: 'production' })).toThrow(/LINK_SECRET/);
    expect(readEnvironment({ NODE_ENV: 'production', LINK_SECRET: 'a-real-link-secret-123' }).NODE_ENV).toBe(
      'production',
    );
  });

  it('takes OpenID Connect sign-in with its issuer, client id and secret together, or none', () => {
    const oidc = {
      OPERATOR_OIDC_ISSUER: 'https://id.example.org/',
      OPERATOR_OIDC_CLIENT_ID: 'cocomo',
      OPERATOR_OIDC_CLIENT_SECRET: 'a-client-secret',
    };
    expect(readEnvironment({}).OPERATOR_OIDC_ISSUER).toBeUndefined();
    expect(readEnvironment(oidc).OPERATOR_OIDC_ISSUER).toBe('https://id.example.org');
    expect(() => readEnvironment({ ...oidc, OPERATOR_OIDC_CLIENT_SECRET: '' })).toThrow(
      /OPERATOR_OIDC_CLIENT_SECRET: must be set too/,
    );
    expect(() => readEnvironment({ OPERATOR_OIDC_ISSUER: 'id.example.org' })).toThrow(/OPERATOR_OIDC_ISSUER/);
    const production = { NODE_ENV: 'production', LINK_SECRET: 'a-real-link-secret-123' };
    expect(() =>
      readEnvironment({ ...production, ...oidc, OPERATOR_OIDC_ISSUER: 'http://id.example.org' }),
    ).toThrow(/OPERATOR_OIDC_ISSUER: must be https/);
  });

  it('treats an empty variable as not set', () => {
    expect(readEnvironment({ SMTP_URL: '', DIRECTORY_PORT: '' }).DIRECTORY_PORT).toBe(3001);
  });

  it('drops a trailing slash from PUBLIC_BASE_URL', () => {
    expect(readEnvironment({ PUBLIC_BASE_URL: 'https://cocomo.example.org/' }).PUBLIC_BASE_URL).toBe(
      'https://cocomo.example.org',
    );
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['24h', 86_400_000],
    ['3d', 259_200_000],
    ['250ms', 250],
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '10', 'h', '1.5h', '-1s', '3 weeks'])('refuses %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});
