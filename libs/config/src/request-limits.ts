// The settings that guard public requests: how many writes and reads one client address may make, and which
// proxies in front of a service may say what that address is (X-Forwarded-For). Parsed here so environment.ts
// stays a list.
import { isIP } from 'node:net';
import { z } from 'zod';

/** A whole number of requests per THROTTLE_TTL, or "off" for load tests and benchmarks run from one address. */
export const throttleLimit = (fallback: number) =>
  z
    .string()
    .default(String(fallback))
    .transform((value, ctx): number | 'off' => {
      const text = value.trim().toLowerCase();
      if (text === 'off') return 'off';
      if (!/^\d+$/.test(text) || Number(text) < 1) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must be a whole number of at least 1, or "off"',
        });
        return z.NEVER;
      }
      return Number(text);
    });

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !isIP(address)) return false;
  return (
    prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128))
  );
}

/**
 * Express's "trust proxy": "false" (the socket's address is the client's), a number of proxy hops, or a
 * comma-separated list of proxy addresses, subnets and the names loopback, linklocal, uniquelocal.
 * "true" is refused: trusting every sender of X-Forwarded-For lets any client choose its own address.
 */
export const trustProxy = z
  .string()
  .default('loopback')
  .transform((value, ctx): false | number | string[] => {
    const text = value.trim().toLowerCase();
    if (text === 'false') return false;
    if (/^\d+$/.test(text)) return Number(text);
    const entries = text.split(',').map((entry) => entry.trim());
    if (text !== 'true' && entries.every(isProxyAddress)) return entries;
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        'must be "false", a number of proxy hops, or proxy addresses and subnets such as "loopback,10.0.0.0/8"',
    });
    return z.NEVER;
  });
