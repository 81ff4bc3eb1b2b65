// How an operator account and a token look in the API: never a hash, nor a second factor's secret.
import type { OperatorAccount, OperatorToken } from './operator-accounts';

export const operatorView = (account: OperatorAccount) => ({
  id: account.id,
  email: account.email,
  name: account.name,
  roles: account.roles,
  countries: account.countries,
  disabled: account.disabledAt !== null,
  secondFactor: account.totpSecret !== null,
  lockedUntil:
    account.lockedUntil && account.lockedUntil > new Date() ? account.lockedUntil.toISOString() : null,
  createdAt: account.createdAt.toISOString(),
});

export const tokenView = (token: OperatorToken) => ({
  id: token.id,
  name: token.name,
  createdAt: token.createdAt.toISOString(),
  expiresAt: token.expiresAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revoked: token.revokedAt !== null,
});
