// The sign-in form's own CSRF token (login CSRF: another site must not sign a browser in as someone it chose).
// Before signing in there is no session to hold it, so the page keeps a random value in a cookie of its own
// (HttpOnly, SameSite=Lax, for the sign-in paths only) and in the form; a post whose two differ is refused.
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { cookieOf, presentedCsrfToken, sameSecret, SIGN_IN_PATH } from '@cocomo/platform';

export const SIGN_IN_FORM_COOKIE = 'cocomo_sign_in';
const WELL_FORMED = /^[A-Za-z0-9_-]{24}$/;

/** The token the form carries: the browser's own when it has one (so that two open tabs both work). */
export function signInFormToken(request: Request, response: Response, secure: boolean): string {
  const kept = cookieOf(request, SIGN_IN_FORM_COOKIE);
  const token = kept && WELL_FORMED.test(kept) ? kept : randomBytes(18).toString('base64url');
  response.cookie(SIGN_IN_FORM_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: SIGN_IN_PATH,
  });
  return token;
}

/** Whether a post came from the sign-in page this browser was given. */
export function isOwnSignInForm(request: Request): boolean {
  const kept = cookieOf(request, SIGN_IN_FORM_COOKIE);
  const sent = presentedCsrfToken(request);
  return kept !== undefined && WELL_FORMED.test(kept) && sent !== undefined && sameSecret(sent, kept);
}
