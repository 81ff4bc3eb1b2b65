// /operators/account/second-factor: an operator sets up their second factor (the secret shown here, confirmed
// with a code from their app; the recovery codes shown once) or turns it off with a code. Wrong codes to turn
// it off count like wrong passwords, so that a session left open cannot be used to guess them. Refusals and
// problems are keys of the page's words (operators:secondFactor), which the view writes in its language.
import { Body, Controller, Get, Header, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OperatorGuard, operatorOf } from '@cocomo/platform';
import { PageRenderer, sendPage } from '@cocomo/web';
import { OperatorAccounts, type OperatorAccount } from './operator-accounts';
import { OperatorRecord } from './operator-record';
import { SecondFactors } from './second-factor';
import { LOCK_AFTER_FAILURES, LOCK_FOR } from './sign-in';
import { newTotpSecret, otpauthQrCode, otpauthUri } from './totp';

const SECRET = /^[A-Z2-7]{32}$/;

@ApiExcludeController()
@UseGuards(OperatorGuard)
@Controller('operators/account/second-factor')
export class SecondFactorPagesController {
  constructor(
    private readonly accounts: OperatorAccounts,
    private readonly secondFactors: SecondFactors,
    private readonly record: OperatorRecord,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async page(@Req() request: Request, @Res() response: Response): Promise<void> {
    const account = await this.accountOf(request);
    if (!account) return this.notNamed(response);
    // A new secret on every visit until one is confirmed: nothing is kept before its code matches.
    const state = account.totpSecret ? {} : { secret: newTotpSecret() };
    sendPage(response, 200, await this.render(account, state));
  }

  @Post()
  async enrol(@Req() request: Request, @Body() body: Record<string, unknown>, @Res() response: Response) {
    const account = await this.accountOf(request);
    if (!account) return this.notNamed(response);
    if (account.totpSecret) {
      const refusal = 'on-already';
      return sendPage(response, 409, await this.render(account, { refusal }));
    }
    const secret = typeof body.secret === 'string' && SECRET.test(body.secret) ? body.secret : undefined;
    const code = typeof body.code === 'string' ? body.code : '';
    if (!secret) {
      const refusal = 'unknown-secret';
      return sendPage(response, 400, await this.render(account, { refusal, secret: newTotpSecret() }));
    }
    const recoveryCodes = await this.accounts.inTransaction(async () => {
      const codes = await this.secondFactors.enrol(account, secret, code);
      if (codes) await this.record.byRequest(request, 'second-factor-on', account.id);
      return codes;
    });
    if (!recoveryCodes) {
      const codeProblem = 'no-match';
      return sendPage(response, 400, await this.render(account, { secret, codeProblem }));
    }
    sendPage(response, 201, await this.render(account, { recoveryCodes }));
  }

  @Post('disable')
  async disable(@Req() request: Request, @Body() body: Record<string, unknown>, @Res() response: Response) {
    const account = await this.accountOf(request);
    if (!account) return this.notNamed(response);
    const code = typeof body.code === 'string' ? body.code.trim() : '';
    if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) {
      const refusal = 'locked';
      return sendPage(response, 423, await this.render(account, { refusal }));
    }
    if (!account.totpSecret) return response.redirect(303, '/operators/account/second-factor');
    const turnedOff = await this.accounts.inTransaction(async () => {
      if (!code || !(await this.secondFactors.disable(account, code))) return false;
      await this.accounts.succeeded(account.id);
      await this.record.byRequest(request, 'second-factor-off', account.id);
      return true;
    });
    if (!turnedOff) {
      if (code) await this.accounts.failed(account.id, LOCK_AFTER_FAILURES, new Date(Date.now() + LOCK_FOR));
      const codeProblem = 'wrong';
      return sendPage(response, 400, await this.render(account, { codeProblem }));
    }
    response.redirect(303, '/operators/account?second-factor-off');
  }

  private async accountOf(request: Request): Promise<OperatorAccount | undefined> {
    const operator = operatorOf(request);
    return operator && operator.kind !== 'development' ? this.accounts.byId(operator.id) : undefined;
  }

  private notNamed(response: Response): void {
    const html = this.pages.render('operators/second-factor', {
      refusal: 'not-named',
    });
    sendPage(response, 400, html);
  }

  private async render(account: OperatorAccount, state: Record<string, unknown>): Promise<string> {
    const secret = state.secret as string | undefined;
    const uri = secret ? otpauthUri(secret, account.email) : undefined;
    return this.pages.render('operators/second-factor', {
      on: Boolean(account.totpSecret),
      codesLeft: account.totpSecret ? await this.secondFactors.recoveryCodesLeft(account.id) : 0,
      ...state,
      uri,
      qrCode: uri ? await otpauthQrCode(uri) : undefined,
    });
  }
}
