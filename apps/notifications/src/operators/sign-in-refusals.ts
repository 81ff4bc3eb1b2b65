// What the sign-in pages say when they refuse, and with which status: plainly why, and what to do next.
import type { SignInOutcome } from './sign-in';

export interface SignInRefusal {
  status: number;
  text: string;
}

/** A sign-in post without the sign-in page's own token (login CSRF). */
export const FOREIGN_FORM_REFUSAL: SignInRefusal = {
  status: 403,
  text: 'This sign-in was not sent from CoCoMo’s own sign-in page (or the page is too old). Sign in again here.',
};

const time = (at: Date) => `${at.toISOString().slice(11, 16)} UTC`;

export function refusalOf(outcome: Extract<SignInOutcome, { refused: unknown }>): SignInRefusal {
  switch (outcome.refused) {
    case 'wrong':
      return {
        status: 401,
        text: 'That email and password do not match an operator. Check both and try again.',
      };
    case 'wrong-code':
      return {
        status: 401,
        text: 'That code is not right, or it was used already. Type the code your app shows now, or a recovery code.',
      };
    case 'code-wait-over':
      return { status: 401, text: 'It has been too long since you typed your password. Sign in again.' };
    case 'no-account':
      return {
        status: 403,
        text: 'Your organisation signed you in, but no CoCoMo operator has the email it gave. Admins make the accounts: ask one to make yours with that email, or sign in with your password.',
      };
    case 'unverified-email':
      return {
        status: 403,
        text: 'Your organisation signed you in, but has not verified your email, so it cannot name a CoCoMo operator. Verify it there, or sign in with your password.',
      };
    case 'disabled':
      return { status: 403, text: 'This operator account is disabled. Ask an admin to enable it again.' };
    case 'locked':
      return {
        status: 423,
        text: `This account is locked after too many wrong passwords or codes. Try again after ${time(outcome.until)}, or ask an admin.`,
      };
    case 'too-many':
      return {
        status: 429,
        text: `Too many failed sign-ins from your address. Try again after ${time(outcome.until)}.`,
      };
  }
}
