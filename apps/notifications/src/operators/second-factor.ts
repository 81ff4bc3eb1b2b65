// An operator's optional second factor: a TOTP secret confirmed with a code from their app, and ten recovery
// codes shown once, kept as hashes and used once each. A code is either: six digits from the app, or a
// recovery code (sixteen letters and digits, dashes and case ignored).
import { Injectable } from '@nestjs/common';
import { Secret } from 'otpauth';
import { OperatorAccounts, type OperatorAccount } from './operator-accounts';
import { tokenHash } from './operator-signing';
import { matchingStep } from './totp';

export const RECOVERY_CODES = 10;

/** How a code was accepted: the app's, or one of the recovery codes (then used up). */
export type AcceptedCode = 'totp' | 'recovery-code';

/** A recovery code as typed or shown: dashes, spaces and case do not count. */
const normalRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/** Eighty random bits in base32, shown in groups of four. */
function newRecoveryCode(): string {
  return new Secret({ size: 10 }).base32.replace(/(.{4})(?=.)/g, '$1-');
}

@Injectable()
export class SecondFactors {
  constructor(private readonly accounts: OperatorAccounts) {}

  /**
   * Turns the second factor on with the secret the operator's app holds, once a code from it matches; returns
   * the recovery codes to show once, or undefined when the code does not match (or a second factor is on).
   */
  async enrol(account: OperatorAccount, secret: string, code: string): Promise<string[] | undefined> {
    const step = matchingStep(secret, code, Date.now());
    if (account.totpSecret || step === undefined) return undefined;
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    const rows = await this.accounts.query(
      `with "enrolled" as (
         update "ops"."operator" set "totp_secret" = ?, "totp_last_step" = ?
         where "id" = ? and "totp_secret" is null returning "id")
       insert into "ops"."operator_recovery_code" ("operator_id", "code_hash")
       select "enrolled"."id", "hash" from "enrolled", jsonb_array_elements_text(?::jsonb) as "hash"
       returning "operator_id"`,
      [
        secret,
        step.toString(),
        account.id,
        JSON.stringify(codes.map((one) => tokenHash(normalRecoveryCode(one)))),
      ],
    );
    return rows.length > 0 ? codes : undefined;
  }

  /** Whether a code of the operator's is right now; a recovery code, or the app's code of a step, counts once. */
  async accept(account: OperatorAccount, code: string): Promise<AcceptedCode | undefined> {
    if (!account.totpSecret) return undefined;
    const step = matchingStep(account.totpSecret, code, Date.now(), account.totpLastStep);
    if (step !== undefined) {
      // Conditional, so that two posts of the same code at once sign in once.
      const used = await this.accounts.query(
        `update "ops"."operator" set "totp_last_step" = ?
         where "id" = ? and ("totp_last_step" is null or "totp_last_step" < ?) returning "id"`,
        [step.toString(), account.id, step.toString()],
      );
      return used.length > 0 ? 'totp' : undefined;
    }
    const recovery = normalRecoveryCode(code);
    if (!/^[A-Z2-7]{16}$/.test(recovery)) return undefined;
    const used = await this.accounts.query(
      `update "ops"."operator_recovery_code" set "used_at" = now()
       where "operator_id" = ? and "code_hash" = ? and "used_at" is null returning "operator_id"`,
      [account.id, tokenHash(recovery)],
    );
    return used.length > 0 ? 'recovery-code' : undefined;
  }

  /** Turns the second factor off, with one of its codes; returns whether it was turned off. */
  async disable(account: OperatorAccount, code: string): Promise<boolean> {
    if (!(await this.accept(account, code))) return false;
    await this.remove(account.id);
    return true;
  }

  /** Turns the second factor off, its recovery codes with it (an admin's doing, or the operator's with a code). */
  async remove(operatorId: string): Promise<void> {
    await this.accounts.query(
      `with "codes" as (delete from "ops"."operator_recovery_code" where "operator_id" = ?)
       update "ops"."operator" set "totp_secret" = null, "totp_last_step" = null where "id" = ?`,
      [operatorId, operatorId],
    );
  }

  async recoveryCodesLeft(operatorId: string): Promise<number> {
    const [row] = await this.accounts.query(
      `select count(*)::int as "n" from "ops"."operator_recovery_code"
       where "operator_id" = ? and "used_at" is null`,
      [operatorId],
    );
    return row.n as number;
  }
}
