import { EnvironmentError, readEnvironment } from './environment';

describe('the public request limits and the trusted proxies', () => {
  it('limit public writes to 30 and reads to 300 a minute, and trust only proxies on this machine by default', () => {
    const env = readEnvironment({});
    expect(env).toMatchObject({
      THROTTLE_LIMIT: 30,
      THROTTLE_READ_LIMIT: 300,
      THROTTLE_TTL: 60_000,
      TRUST_PROXY: ['loopback'],
    });
  });

  it.each([
    ['THROTTLE_LIMIT', '5', 5],
    ['THROTTLE_LIMIT', '100000', 100_000],
    ['THROTTLE_LIMIT', 'off', 'off'],
    ['THROTTLE_LIMIT', 'OFF', 'off'],
    ['THROTTLE_READ_LIMIT', '1000', 1000],
    ['THROTTLE_READ_LIMIT', 'off', 'off'],
    ['THROTTLE_TTL', '10s', 10_000],
    ['TRUST_PROXY', 'false', false],
    ['TRUST_PROXY', '1', 1],
    ['TRUST_PROXY', 'loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
    ['TRUST_PROXY', 'uniquelocal,fd00::/8,192.0.2.7', ['uniquelocal', 'fd00::/8', '192.0.2.7']],
  ])('reads %s=%j', (variable, value, expected) => {
    expect(readEnvironment({ [variable]: value })[variable as 'THROTTLE_LIMIT']).toEqual(expected);
  });

  it.each([
    ['THROTTLE_LIMIT', '0'],
    ['THROTTLE_LIMIT', '-3'],
    ['THROTTLE_LIMIT', 'lots'],
    ['THROTTLE_LIMIT', '2.5'],
    ['THROTTLE_READ_LIMIT', '0'],
    ['THROTTLE_READ_LIMIT', 'many'],
    ['THROTTLE_TTL', '500ms'],
    ['THROTTLE_TTL', 'a minute'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', 'everyone'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.300'],
    ['TRUST_PROXY', 'loopback,'],
  ])('refuses %s=%j, naming the variable', (variable, value) => {
    try {
      readEnvironment({ [variable]: value });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      expect(new Set((error as EnvironmentError).problems.map((p) => p.variable))).toEqual(
        new Set([variable]),
      );
    }
  });
});
