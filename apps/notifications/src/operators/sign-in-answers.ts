// What the sign-in pages answer, for a password's sign-in and a provider's alike: the sign-in page (with the
// organisation's button when that sign-in is on), the code page of a second factor, and the session cookie.
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT, SESSION_COOKIE } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { OidcSignIn } from './oidc-sign-in';
import { signInFormToken } from './sign-in-form';
import type { SignInRefusal } from './sign-in-refusals';

@Injectable()
export class SignInAnswers {
  constructor(
    private readonly pages: PageRenderer,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    private readonly provider: OidcSignIn,
  ) {}

  get secure(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  /** The sign-in page, with the sign-in form's own token. */
  signInPage(request: Request, response: Response, state: Record<string, unknown>): string {
    return this.pages.render('operators/sign-in', {
      ...state,
      provider: this.provider.name,
      formToken: signInFormToken(request, response, this.secure),
    });
  }

  /** The sign-in page again, saying why, with the email typed (or given by the provider). */
  refuse(request: Request, response: Response, back: string, email: string, refusal: SignInRefusal): void {
    const html = this.signInPage(request, response, { return: back, email, refusal });
    sendPage(response, refusal.status, html);
  }

  askCode(
    request: Request,
    response: Response,
    status: number,
    state: { awaiting: string; return: string; refusal?: SignInRefusal },
  ): void {
    const html = this.pages.render('operators/sign-in-code', {
      ...state,
      formToken: signInFormToken(request, response, this.secure),
    });
    sendPage(response, status, html);
  }

  startSession(response: Response, jwt: string, back: string): void {
    response.cookie(SESSION_COOKIE, jwt, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: '/',
      // No expiry of its own: the signed session's end counts, and a cookie past it says "your session ended".
    });
    response.redirect(303, back);
  }
}
