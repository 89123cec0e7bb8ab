import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestAccount {
  name: string;
  /** What the provider puts in its `roles` claim (a council's own role names, mapped by OIDC_ROLE_MAP). */
  roles: string[];
}

/**
 * A real OpenID Connect provider (oidc-provider) on a loopback port, with its development login pages:
 * any login name is an account, any password is accepted. One confidential client for Ratify.
 */
export async function startOidcProvider(options: { port: number; appUrl: string; accounts: Record<string, TestAccount> }): Promise<{ issuer: string; server: Server; close: () => Promise<void> }> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'ratify',
        client_secret: 'ratify-test-client-secret',
        redirect_uris: [`${options.appUrl}/sign-in/callback`],
        post_logout_redirect_uris: [`${options.appUrl}/signed-out`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], profile: ['name'], roles: ['roles'] },
    scopes: ['openid', 'profile', 'roles'],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['ratify-test-oidc-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, ClientCredentials: 600, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    findAccount: (_ctx: unknown, id: string) => {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: account.name, roles: account.roles }) };
    },
  });
  const server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return { issuer, server, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
