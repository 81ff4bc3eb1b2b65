// The second factor's time-based codes (RFC 6238: SHA-1, six digits, 30 s) through `otpauth`, with the two
// rules CoCoMo adds: one step of clock drift either way, and a code counts once; and the QR code an app scans.
// Pure: the time is passed in.
import { HOTP, Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of one step before or after are accepted too: a phone's clock may be half a minute off. */
export const TOTP_DRIFT_STEPS = 1;
/** 160 bits: RFC 4226's recommended length for a secret. */
const SECRET_BYTES = 20;

/** A new secret, in base32 (32 letters and digits). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** The secret a base32 text stands for, or undefined when it is not base32. */
function secretOf(base32: string): Secret | undefined {
  try {
    return Secret.fromBase32(base32);
  } catch {
    return undefined;
  }
}

/**
 * The step whose code was typed, within the allowed drift and after `usedStep` (a code counts once: one seen
 * by someone looking over a shoulder cannot be used again), or undefined.
 */
export function matchingStep(
  base32: string,
  code: string,
  atMs: number,
  usedStep: bigint | null = null,
): bigint | undefined {
  const secret = secretOf(base32);
  const token = code.replace(/\s/g, '');
  if (!secret || !/^\d{6}$/.test(token)) return undefined;
  const now = TOTP.counter({ period: TOTP_STEP_SECONDS, timestamp: atMs });
  for (let drift = -TOTP_DRIFT_STEPS; drift <= TOTP_DRIFT_STEPS; drift++) {
    const step = now + drift;
    if (usedStep !== null && BigInt(step) <= usedStep) continue;
    // Step by step rather than TOTP.validate's window, so that a used step is skipped, not matched and refused.
    if (HOTP.validate({ token, secret, counter: step, digits: TOTP_DIGITS, window: 0 }) === 0) {
      return BigInt(step);
    }
  }
  return undefined;
}

/** The otpauth:// address an authenticator app reads (Google Authenticator's Key URI Format). */
export function otpauthUri(base32: string, account: string, issuer = 'CoCoMo'): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(base32),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_STEP_SECONDS,
  }).toString();
}

/** The otpauth:// address as a QR code, a PNG in a data: address (the pages' CSP allows images from data:). */
export function otpauthQrCode(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
}
