// A real OpenID Connect provider (oidc-provider) for tests, in a process of its own: oidc-provider is an ECMAScript
// module with many more of them beneath it, which jest's CommonJS would have to translate. Its development
// login takes any login and password; the login is the account's email. Configured by OIDC_TEST_PROVIDER (JSON).
import Provider from 'oidc-provider';

const { port, clientId, clientSecret, redirectUri } = JSON.parse(process.env.OIDC_TEST_PROVIDER);

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  pkce: { methods: ['S256'], required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // A login of "unverified:<email>" is an account whose email its provider has not verified.
  findAccount: (_ctx, id) => ({
    accountId: id,
    claims: () => ({
      sub: id,
      email: id.replace(/^unverified:/, ''),
      email_verified: !id.startsWith('unverified:'),
      name: id,
    }),
  }),
  cookies: { keys: ['a test provider’s cookie key'] },
});
provider.on('server_error', (_ctx, error) => console.error(error));
provider.listen(port, '127.0.0.1', () => console.log('listening'));
