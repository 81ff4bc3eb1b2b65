// What an Authorization header presents: `Bearer <token>`, or HTTP Basic with the token as the password.
import { createHash, timingSafeEqual } from 'node:crypto';

export function presentedOperatorToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(' ', 2);
  if (/^bearer$/i.test(scheme)) return value.trim();
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return undefined;
}

export function sameSecret(presented: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was presented.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
