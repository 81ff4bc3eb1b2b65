// /operators/sign-in/oidc: signing in through the organisation's OpenID Connect provider. The sign-in page's
// button posts here (with the sign-in form's token, so another site cannot start it); the provider sends the
// browser back to the callback, a GET as OAuth requires, which signs in only the browser that started it: its
// state, nonce and PKCE verifier are in a cookie of that browser's, used once.
import { Controller, Get, Logger, Post, Req, Res, Body } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { cookieOf, sameSecret } from '@cocomo/platform';
import { OIDC_PATH, OidcSignIn, type PendingProviderSignIn } from './oidc-sign-in';
import { safeReturn } from './operator-pages.controller';
import { SignIn } from './sign-in';
import { SignInAnswers } from './sign-in-answers';
import { isOwnSignInForm } from './sign-in-form';
import { FOREIGN_FORM_REFUSAL, refusalOf, type SignInRefusal } from './sign-in-refusals';

export const PENDING_COOKIE = 'cocomo_oidc';
/** Long enough to sign in at the provider, short enough that a forgotten tab's state is gone. */
const PENDING_FOR = 10 * 60_000;

@ApiExcludeController()
@Controller('operators/sign-in/oidc')
export class OidcSignInController {
  private readonly logger = new Logger(OidcSignInController.name);

  constructor(
    private readonly provider: OidcSignIn,
    private readonly signIn: SignIn,
    private readonly answers: SignInAnswers,
  ) {}

  @Post()
  async start(@Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const back = safeReturn(body.return);
    if (!this.provider.name) return this.answers.refuse(request, response, back, '', NOT_ON);
    if (!isOwnSignInForm(request))
      return this.answers.refuse(request, response, back, '', FOREIGN_FORM_REFUSAL);
    let started: Awaited<ReturnType<OidcSignIn['start']>>;
    try {
      started = await this.provider.start(back);
    } catch (error) {
      this.logger.warn(`The OpenID Connect provider cannot be reached: ${(error as Error).message}`);
      return this.answers.refuse(request, response, back, '', unreachable(this.provider.name));
    }
    response.cookie(PENDING_COOKIE, Buffer.from(JSON.stringify(started.pending)).toString('base64url'), {
      httpOnly: true,
      // Lax: the provider's redirect back is a top-level GET from its site, which Lax cookies go with.
      sameSite: 'lax',
      secure: this.answers.secure,
      path: OIDC_PATH,
      maxAge: PENDING_FOR,
    });
    response.redirect(303, started.url.href);
  }

  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response) {
    const name = this.provider.name;
    if (!name) return this.answers.refuse(request, response, safeReturn(undefined), '', NOT_ON);
    const pending = pendingOf(request);
    response.clearCookie(PENDING_COOKIE, { path: OIDC_PATH });
    const back = safeReturn(pending?.return);
    const state = request.query.state;
    if (!pending || typeof state !== 'string' || !sameSecret(state, pending.state)) {
      return this.answers.refuse(request, response, back, '', notStartedHere(name));
    }
    const search = request.originalUrl.slice(request.originalUrl.indexOf('?'));
    let identity: Awaited<ReturnType<OidcSignIn['finish']>>;
    try {
      identity = await this.provider.finish(search, pending);
    } catch (error) {
      this.logger.warn(`A sign-in through the OpenID Connect provider failed: ${(error as Error).message}`);
      return this.answers.refuse(request, response, back, '', notSignedInThere(name));
    }
    const outcome = await this.signIn.attemptByProvider(identity.email, identity.verified, request.ip ?? '');
    if ('codeNeeded' in outcome) {
      return this.answers.askCode(request, response, 200, {
        awaiting: outcome.codeNeeded.awaiting,
        return: back,
      });
    }
    if ('refused' in outcome) {
      return this.answers.refuse(request, response, back, identity.email, refusalOf(outcome));
    }
    this.answers.startSession(response, outcome.signedIn.jwt, back);
  }
}

function pendingOf(request: Request): PendingProviderSignIn | undefined {
  const kept = cookieOf(request, PENDING_COOKIE);
  try {
    const pending = kept && JSON.parse(Buffer.from(kept, 'base64url').toString());
    const fields = ['state', 'nonce', 'verifier', 'return'] as const;
    return fields.every((field) => typeof pending?.[field] === 'string') ? pending : undefined;
  } catch {
    return undefined;
  }
}

const NOT_ON: SignInRefusal = { status: 404, reason: 'provider-off' };
const unreachable = (provider: string): SignInRefusal => ({
  status: 503,
  reason: 'provider-unreachable',
  provider,
});
const notStartedHere = (provider: string): SignInRefusal => ({
  status: 400,
  reason: 'provider-not-started-here',
  provider,
});
const notSignedInThere = (provider: string): SignInRefusal => ({
  status: 401,
  reason: 'provider-refused',
  provider,
});
