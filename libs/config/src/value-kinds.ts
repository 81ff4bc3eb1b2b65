// The kinds of value a variable of the environment holds (a port, a URL of some schemes, a duration), each with
// its default and the message that names what is wrong.
import { z } from 'zod';
import { parseDuration } from './duration';

export const port = (fallback: number) =>
  z.coerce
    .number({ invalid_type_error: 'must be a port number between 1 and 65535' })
    .int('must be a port number between 1 and 65535')
    .min(0, 'must be a port number between 1 and 65535')
    .max(65535, 'must be a port number between 1 and 65535')
    .default(fallback);
export const anyUrl = (protocols: string[]) =>
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
export const url = (protocols: string[], fallback: string) => anyUrl(protocols).default(fallback);
export const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === undefined) {
        // Fatal: a refinement after this one (a least value) has no number to look at.
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must be a duration such as 90s, 15m, 24h or 3d',
          fatal: true,
        });
        return z.NEVER;
      }
      return ms;
    });
