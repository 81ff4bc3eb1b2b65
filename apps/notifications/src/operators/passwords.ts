// Operators' passwords, hashed with argon2id (memory-hard) at OWASP's recommended cost: 19 MiB, 2 passes.
import { hash, verify, Algorithm } from '@node-rs/argon2';

const COST = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** Checked when no account has the email, so that an unknown address takes as long as a wrong password. */
let decoy: Promise<string> | undefined;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, COST);
}

export async function passwordMatches(hashed: string | undefined, password: string): Promise<boolean> {
  if (hashed === undefined) {
    decoy ??= hashPassword('a password nobody has');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(hashed, password).catch(() => false);
}
