// Signing in through the organisation's OpenID Connect provider with openid-client: the authorization code flow
// with PKCE, state and nonce. Off unless OPERATOR_OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are set. What the
// provider vouches for is an email; which operator that is, and what they may do, stays CoCoMo's (sign-in.ts).
import { Inject, Injectable } from '@nestjs/common';
import * as client from 'openid-client';
import type { Environment } from '@cocomo/config';
import { ENVIRONMENT } from '@cocomo/platform';

export const OIDC_PATH = '/operators/sign-in/oidc';
export const OIDC_CALLBACK_PATH = `${OIDC_PATH}/callback`;

/** What the browser keeps (in a cookie) between leaving for the provider and coming back. */
export interface PendingProviderSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go once signed in. */
  return: string;
}

/** The email the provider gave, and whether it says it verified it. */
export interface ProviderIdentity {
  email: string;
  verified: boolean;
}

@Injectable()
export class OidcSignIn {
  private configuration?: Promise<client.Configuration>;

  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {}

  /** The provider's name for the sign-in page's button, or undefined when this sign-in is off. */
  get name(): string | undefined {
    const issuer = this.env.OPERATOR_OIDC_ISSUER;
    return issuer && (this.env.OPERATOR_OIDC_NAME ?? new URL(issuer).host);
  }

  /** Where the provider sends the browser back: the sign-in page's own address, as other services know it. */
  get redirectUri(): string {
    return `${this.env.OPERATORS_URL ?? this.env.PUBLIC_BASE_URL}${OIDC_CALLBACK_PATH}`;
  }

  /** The provider's address to send the browser to, and what to keep until it comes back. */
  async start(back: string): Promise<{ url: URL; pending: PendingProviderSignIn }> {
    const configuration = await this.configured();
    const verifier = client.randomPKCECodeVerifier();
    const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier, return: back };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * Trades the code the browser came back with (`search`: the callback's query) for the signed ID token, checked
   * against the pending state, nonce and PKCE verifier; its email, else the user info's. Throws when the
   * provider refused or anything does not check out.
   */
  async finish(search: string, pending: PendingProviderSignIn): Promise<ProviderIdentity> {
    const configuration = await this.configured();
    const tokens = await client.authorizationCodeGrant(
      configuration,
      new URL(`${this.redirectUri}${search}`),
      {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      },
    );
    const claims = tokens.claims()!;
    // Providers that follow the standard strictly put the email in the user info only.
    const source =
      typeof claims.email === 'string'
        ? claims
        : await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    if (typeof source.email !== 'string') throw new Error('The provider gave no email');
    return { email: source.email, verified: source.email_verified === true };
  }

  /** The provider's configuration, discovered once; a failed discovery is tried again next time. */
  private configured(): Promise<client.Configuration> {
    const { OPERATOR_OIDC_ISSUER: issuer, OPERATOR_OIDC_CLIENT_ID: id } = this.env;
    if (!issuer || !id) throw new Error('OpenID Connect sign-in is off');
    this.configuration ??= client
      .discovery(new URL(issuer), id, this.env.OPERATOR_OIDC_CLIENT_SECRET, undefined, {
        // Production refuses an http:// issuer (libs/config); elsewhere a provider on a laptop is fine.
        execute: issuer.startsWith('http:') ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }
}
