// /operators/sign-in (and its code step for a second factor), /operators/sign-out and /operators/account: the
// operators' own pages. Signing in sets the session cookie (HttpOnly, SameSite=Lax, Secure in production) that
// every service verifies.
import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OperatorGuard, SESSION_COOKIE, assertOperator, operatorOf } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { OperatorAccounts } from './operator-accounts';
import { newTokenSchema } from './operator.dto';
import { OperatorRecord } from './operator-record';
import { OperatorSigning } from './operator-signing';
import { SecondFactors } from './second-factor';
import { SignIn } from './sign-in';
import { SignInAnswers } from './sign-in-answers';
import { isOwnSignInForm } from './sign-in-form';
import { FOREIGN_FORM_REFUSAL, refusalOf } from './sign-in-refusals';

const uuid = new ParseUUIDPipe({ version: '4' });

/** Where to go after signing in: a path of this site only, never another site. */
export function safeReturn(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/operators/account';
}

@ApiExcludeController()
@Controller('operators')
export class OperatorPagesController {
  constructor(
    private readonly signIn: SignIn,
    private readonly accounts: OperatorAccounts,
    private readonly signing: OperatorSigning,
    private readonly pages: PageRenderer,
    private readonly record: OperatorRecord,
    private readonly secondFactors: SecondFactors,
    private readonly answers: SignInAnswers,
  ) {}

  @Get('sign-in')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  page(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Query('return') back?: string,
    @Query('ended') ended?: string,
    @Query('signed-out') signedOut?: string,
  ): string {
    return this.answers.signInPage(request, response, {
      return: safeReturn(back),
      ended: ended !== undefined,
      signedOut: signedOut !== undefined,
    });
  }

  @Post('sign-in')
  async submit(@Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const back = safeReturn(body.return);
    // Refused before anything counts: a forged post neither signs in nor uses up the account's attempts.
    if (!isOwnSignInForm(request))
      return this.answers.refuse(request, response, back, email, FOREIGN_FORM_REFUSAL);
    if (!email || !password) {
      const refusal = { status: 400, reason: 'missing' };
      return this.answers.refuse(request, response, back, email, refusal);
    }
    const outcome = await this.signIn.attempt(email, password, request.ip ?? '');
    if ('codeNeeded' in outcome) {
      return this.answers.askCode(request, response, 200, {
        awaiting: outcome.codeNeeded.awaiting,
        return: back,
      });
    }
    if ('refused' in outcome) return this.answers.refuse(request, response, back, email, refusalOf(outcome));
    this.answers.startSession(response, outcome.signedIn.jwt, back);
  }

  @Post('sign-in/code')
  async submitCode(
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const awaiting = typeof body.awaiting === 'string' ? body.awaiting : '';
    const code = typeof body.code === 'string' ? body.code.trim() : '';
    const back = safeReturn(body.return);
    if (!isOwnSignInForm(request))
      return this.answers.refuse(request, response, back, '', FOREIGN_FORM_REFUSAL);
    if (!code) {
      const refusal = { status: 400, reason: 'no-code' };
      return this.answers.askCode(request, response, 400, { awaiting, return: back, refusal });
    }
    const outcome = await this.signIn.attemptCode(awaiting, code, request.ip ?? '');
    if ('signedIn' in outcome) return this.answers.startSession(response, outcome.signedIn.jwt, back);
    // A wrong code asks again, while the password's wait lasts; any other refusal starts over.
    const refusal = refusalOf(outcome);
    if (outcome.refused === 'wrong-code') {
      return this.answers.askCode(request, response, refusal.status, {
        awaiting,
        return: back,
        refusal,
      });
    }
    return this.answers.refuse(request, response, back, '', refusal);
  }

  @UseGuards(OperatorGuard)
  @Post('sign-out')
  async signOut(@Req() request: Request, @Res() response: Response) {
    const operator = assertOperator(request);
    // Signing out ends the session; a token sent here stays (it is revoked on the account page).
    await this.accounts.inTransaction(async () => {
      if (operator.kind === 'session') await this.accounts.revoke(operator.credentialId, operator.id);
      await this.record.byRequest(request, 'signed-out', operator.credentialId);
    });
    this.signing.forget();
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.redirect(303, '/operators/sign-in?signed-out');
  }

  @UseGuards(OperatorGuard)
  @Get('account')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async account(
    @Req() request: Request,
    @Query('revoked') revoked?: string,
    @Query('second-factor-off') secondFactorOff?: string,
  ): Promise<string> {
    return this.render(request, {
      revoked: revoked !== undefined,
      secondFactorOff: secondFactorOff !== undefined,
    });
  }

  @UseGuards(OperatorGuard)
  @Post('account/tokens')
  async makeToken(@Req() request: Request, @Body() body: Record<string, unknown>, @Res() response: Response) {
    const name = newTokenSchema.safeParse({ name: body.name ?? '' });
    const account = await this.accountOf(request);
    if (!name.success || !account) {
      // The page's own words: the name is empty or longer than the field lets a browser type.
      const tooLong = name.error?.issues[0]?.code === 'too_big';
      const refusal = account ? (tooLong ? 'token-name-long' : 'token-name-empty') : 'not-named';
      return sendPage(response, 400, await this.render(request, { refusal }));
    }
    const token = await this.accounts.inTransaction(async () => {
      const made = await this.signing.token(account, name.data.name);
      await this.record.byRequest(request, 'token-made', made.jti);
      return made;
    });
    sendPage(response, 201, await this.render(request, { made: { name: name.data.name, token: token.jwt } }));
  }

  @UseGuards(OperatorGuard)
  @Post('account/tokens/:id/revoke')
  async revokeToken(@Req() request: Request, @Param('id', uuid) id: string, @Res() response: Response) {
    const operator = assertOperator(request);
    await this.accounts.inTransaction(async () => {
      if (await this.accounts.revoke(id, operator.id))
        await this.record.byRequest(request, 'token-revoked', id);
    });
    this.signing.forget();
    response.redirect(303, '/operators/account?revoked');
  }

  private async accountOf(request: Request) {
    const operator = operatorOf(request);
    return operator && operator.kind !== 'development' ? this.accounts.byId(operator.id) : undefined;
  }

  private async render(request: Request, state: object): Promise<string> {
    const operator = operatorOf(request)!;
    const account = await this.accountOf(request);
    const tokens = account ? await this.accounts.tokensOf(account.id) : [];
    const secondFactor = account?.totpSecret
      ? { codesLeft: await this.secondFactors.recoveryCodesLeft(account.id) }
      : undefined;
    return this.pages.render('operators/account', { operator, tokens, secondFactor, ...state });
  }
}
