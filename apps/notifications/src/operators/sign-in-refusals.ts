// Why the sign-in pages refuse, and with which status. The words are the page's, in its language
// (operators:signIn.refusals in the catalogue): a refusal carries only the reason's key and its facts.
import type { SignInOutcome } from './sign-in';

export interface SignInRefusal {
  status: number;
  /** A key of operators:signIn.refusals. */
  reason: string;
  /** The provider's name, for the refusals of signing in through an organisation. */
  provider?: string;
  /** Until when the account or the address must wait. */
  until?: Date;
}

/** A sign-in post without the sign-in page's own token (login CSRF). */
export const FOREIGN_FORM_REFUSAL: SignInRefusal = { status: 403, reason: 'foreign-form' };

const STATUS: Record<Extract<SignInOutcome, { refused: unknown }>['refused'], number> = {
  wrong: 401,
  'wrong-code': 401,
  'code-wait-over': 401,
  'no-account': 403,
  'unverified-email': 403,
  disabled: 403,
  locked: 423,
  'too-many': 429,
};

export function refusalOf(outcome: Extract<SignInOutcome, { refused: unknown }>): SignInRefusal {
  const refusal: SignInRefusal = { status: STATUS[outcome.refused], reason: outcome.refused };
  return 'until' in outcome ? { ...refusal, until: outcome.until } : refusal;
}
