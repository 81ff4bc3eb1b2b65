// Signing in with an email and a password, and then, for an operator with a second factor, a code: limited per
// address (too many failures from one address are refused for a while, whatever the account) and per account
// (five wrong passwords or codes in a row lock it for a quarter of an hour), each attempt recorded. Or through
// the organisation's OpenID Connect provider (oidc-sign-in.ts), which vouches for an email instead of a password.
import { Injectable } from '@nestjs/common';
import { OperatorAccounts, type OperatorAccount } from './operator-accounts';
import { OperatorRecord } from './operator-record';
import { OperatorSigning } from './operator-signing';
import { passwordMatches } from './passwords';
import { SecondFactors, type AcceptedCode } from './second-factor';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_FOR = 15 * 60_000;
export const ADDRESS_FAILURES = 20;
export const ADDRESS_WINDOW = 15 * 60_000;

export type SignInOutcome =
  | {
      signedIn: {
        jwt: string;
        expiresAt: Date;
        account: OperatorAccount;
        code?: AcceptedCode;
        byProvider?: boolean;
      };
    }
  /** The password was right; the code page carries `awaiting` to the code's post. */
  | { codeNeeded: { awaiting: string; account: OperatorAccount } }
  | { refused: 'wrong' | 'disabled' | 'wrong-code' | 'code-wait-over' }
  /** Through the organisation's provider: no operator has its email, or the provider has not verified it. */
  | { refused: 'no-account' | 'unverified-email' }
  | { refused: 'locked' | 'too-many'; until: Date };

type Refused = Extract<SignInOutcome, { refused: unknown }>;
/** What a code is answered with: signed in, or refused. */
export type CodeOutcome = Exclude<SignInOutcome, { codeNeeded: unknown }>;

@Injectable()
export class SignIn {
  constructor(
    private readonly accounts: OperatorAccounts,
    private readonly signing: OperatorSigning,
    private readonly record: OperatorRecord,
    private readonly secondFactors: SecondFactors,
  ) {}

  /**
   * Every attempt leaves one entry in the record: signed in, or refused (and why); a right password that
   * waits for its code leaves none until the code comes. The attempt's counts, its session and its entry
   * commit together.
   */
  async attempt(email: string, password: string, address: string): Promise<SignInOutcome> {
    // The password's hash is checked before the transaction opens, so that no connection waits on argon2;
    // as before, an address with too many failures, or a locked account, has no hash checked at all.
    const tooMany = await this.tooManyFrom(address);
    const known = tooMany ? undefined : await this.accounts.byEmail(email);
    const passwordRight =
      !tooMany && !isLocked(known) && (await passwordMatches(known?.passwordHash, password));
    return this.accounts.inTransaction(async () => {
      const outcome = tooMany ?? (await this.decide(email, passwordRight, address));
      if (!('codeNeeded' in outcome)) await this.recordOutcome(outcome, email, address);
      return outcome;
    });
  }

  /**
   * A sign-in the organisation's provider vouched for: the operator with its verified email, as after a right
   * password (an operator with a second factor is asked for its code too). Recorded like a password's.
   */
  async attemptByProvider(email: string, verified: boolean, address: string): Promise<SignInOutcome> {
    return this.accounts.inTransaction(async () => {
      const outcome = await this.decideByProvider(email, verified, address);
      if (!('codeNeeded' in outcome)) await this.recordOutcome(outcome, email, address);
      return outcome;
    });
  }

  /** The second step: the code of the account whose password was right (the app's, or a recovery code). */
  async attemptCode(awaiting: string, code: string, address: string): Promise<CodeOutcome> {
    const waiting = await this.signing.awaitingAccount(awaiting);
    const account = waiting ? await this.accounts.byId(waiting.id) : undefined;
    if (!account) return { refused: 'code-wait-over' };
    return this.accounts.inTransaction(async () => {
      const outcome = await this.decideCode(account, code, address, waiting!.byProvider);
      await this.recordOutcome(outcome, account.email, address);
      return outcome;
    });
  }

  private async recordOutcome(outcome: SignInOutcome, email: string, address: string) {
    const account = 'signedIn' in outcome ? outcome.signedIn.account : undefined;
    await this.record.add({
      actorId: account?.id ?? null,
      actorEmail: account?.email ?? email.slice(0, 320),
      action: account ? 'signed-in' : 'sign-in-refused',
      subject: 'refused' in outcome ? outcome.refused : howSignedIn(outcome),
      address,
    });
  }

  private async tooManyFrom(address: string): Promise<Refused | undefined> {
    const now = Date.now();
    if ((await this.accounts.failuresFrom(address, new Date(now - ADDRESS_WINDOW))) >= ADDRESS_FAILURES) {
      return { refused: 'too-many', until: new Date(now + ADDRESS_WINDOW) };
    }
    return undefined;
  }

  /** One more failure of the account's: the answer says "locked" when it was the one too many. */
  private async failed(account: OperatorAccount, address: string, refused: 'wrong' | 'wrong-code') {
    await this.accounts.recordAttempt(account.email, address, false);
    const until = new Date(Date.now() + LOCK_FOR);
    await this.accounts.failed(account.id, LOCK_AFTER_FAILURES, until);
    return account.failedSignIns + 1 >= LOCK_AFTER_FAILURES
      ? ({ refused: 'locked', until } as const)
      : ({ refused } as const);
  }

  /** A password's attempt, its hash already checked (`passwordRight`), in the attempt's transaction. */
  private async decide(email: string, passwordRight: boolean, address: string): Promise<SignInOutcome> {
    const account = await this.accounts.byEmail(email);
    if (isLocked(account)) {
      await this.accounts.recordAttempt(email, address, false);
      return { refused: 'locked', until: account!.lockedUntil! };
    }
    if (!passwordRight || !account) {
      if (account) return this.failed(account, address, 'wrong');
      await this.accounts.recordAttempt(email, address, false);
      return { refused: 'wrong' };
    }
    if (account.disabledAt) {
      await this.accounts.recordAttempt(email, address, false);
      return { refused: 'disabled' };
    }
    // The failures in a row go on counting until the code is right: a known password gives no more guesses.
    if (account.totpSecret)
      return { codeNeeded: { awaiting: await this.signing.awaitingCode(account), account } };
    return this.signedIn(account, address);
  }

  private async decideByProvider(email: string, verified: boolean, address: string): Promise<SignInOutcome> {
    // An email the provider has not verified could be anyone's: it names no operator.
    if (!verified) return { refused: 'unverified-email' };
    const account = await this.accounts.byEmail(email);
    if (!account) return { refused: 'no-account' };
    if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) {
      await this.accounts.recordAttempt(email, address, false);
      return { refused: 'locked', until: account.lockedUntil };
    }
    if (account.disabledAt) {
      await this.accounts.recordAttempt(email, address, false);
      return { refused: 'disabled' };
    }
    if (account.totpSecret)
      return { codeNeeded: { awaiting: await this.signing.awaitingCode(account, true), account } };
    return this.signedIn(account, address, undefined, true);
  }

  private async decideCode(
    account: OperatorAccount,
    code: string,
    address: string,
    byProvider: boolean,
  ): Promise<CodeOutcome> {
    const tooMany = await this.tooManyFrom(address);
    if (tooMany) return tooMany;
    if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) {
      await this.accounts.recordAttempt(account.email, address, false);
      return { refused: 'locked', until: account.lockedUntil };
    }
    if (account.disabledAt) {
      await this.accounts.recordAttempt(account.email, address, false);
      return { refused: 'disabled' };
    }
    const accepted = await this.secondFactors.accept(account, code);
    if (!accepted) return this.failed(account, address, 'wrong-code');
    return this.signedIn(account, address, accepted, byProvider);
  }

  private async signedIn(
    account: OperatorAccount,
    address: string,
    code?: AcceptedCode,
    byProvider = false,
  ): Promise<CodeOutcome> {
    await this.accounts.recordAttempt(account.email, address, true);
    await this.accounts.succeeded(account.id);
    const session = await this.signing.session(account, address);
    return { signedIn: { jwt: session.jwt, expiresAt: session.expiresAt, account, code, byProvider } };
  }
}

function isLocked(account: OperatorAccount | undefined): boolean {
  return !!account?.lockedUntil && account.lockedUntil.getTime() > Date.now();
}

/**
 * The record's subject of a sign-in: "recovery-code" (its operator may want to know, and make new ones, even
 * after the organisation's provider), "oidc" through the provider, or none.
 */
function howSignedIn(outcome: SignInOutcome): string | null {
  if (!('signedIn' in outcome)) return null;
  if (outcome.signedIn.code === 'recovery-code') return 'recovery-code';
  return outcome.signedIn.byProvider ? 'oidc' : null;
}
