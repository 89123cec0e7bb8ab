import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { actorFromClaims } from '#libs/auth';
import { RATIFY_CONFIG, type OidcSettings, type RatifyConfig } from '#libs/config';
import type { Actor } from '#libs/lifecycle';

export interface PendingSignIn {
  url: URL;
  state: string;
  nonce: string;
  verifier: string;
}

/** A loopback issuer (a provider started by a test or on a laptop) may use plain HTTP; any other must use TLS. */
function isLoopback(url: URL) {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * OpenID Connect sign-in with openid-client: the authorization code flow with PKCE (S256), state and nonce;
 * roles come from the configured claim of the ID token, or of userinfo when the ID token lacks it.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger('OIDC');
  private configuration: Promise<client.Configuration> | null = null;

  constructor(@Inject(RATIFY_CONFIG) private readonly config: RatifyConfig) {}

  get enabled(): boolean {
    return this.config.web.oidc !== null;
  }

  private get settings(): OidcSettings {
    if (!this.config.web.oidc) throw new Error('OIDC is not configured');
    return this.config.web.oidc;
  }

  get redirectUri(): string {
    return `${this.config.publicUrl}/sign-in/callback`;
  }

  /** Discovery, once (retried on the next sign-in when it failed: the provider may start after Ratify). */
  private discover(): Promise<client.Configuration> {
    if (!this.configuration) {
      const s = this.settings;
      const issuer = new URL(s.issuer);
      this.configuration = client
        .discovery(issuer, s.clientId, s.clientSecret ? { client_secret: s.clientSecret } : undefined, s.clientSecret ? client.ClientSecretPost(s.clientSecret) : client.None(), {
          execute: isLoopback(issuer) && issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        })
        .catch((error) => {
          this.configuration = null;
          this.logger.error(`discovery at ${s.issuer} failed: ${(error as Error).message}`);
          throw error;
        });
    }
    return this.configuration;
  }

  async start(): Promise<PendingSignIn> {
    const config = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, verifier };
  }

  /** Completes the flow from the callback URL; the user and the ID token (for logout). */
  async complete(callbackUrl: URL, pending: { state: string; nonce: string; verifier: string }): Promise<{ user: Actor; idToken: string | undefined }> {
    const config = await this.discover();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    let claims: Record<string, unknown> = { ...(tokens.claims() ?? {}) };
    const s = this.settings;
    if (!(s.rolesClaim.split('.')[0] in claims) && config.serverMetadata().userinfo_endpoint) {
      claims = { ...(await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims };
    }
    return { user: actorFromClaims(claims, s), idToken: tokens.id_token };
  }

  /** Where to send the browser to end the provider's session too, when it offers that. */
  async endSessionUrl(idToken: string | undefined, postLogoutRedirect: string): Promise<string | null> {
    const config = await this.discover();
    if (!config.serverMetadata().end_session_endpoint) return null;
    const params: Record<string, string> = { post_logout_redirect_uri: postLogoutRedirect, client_id: this.settings.clientId };
    if (idToken) params.id_token_hint = idToken;
    return client.buildEndSessionUrl(config, params).href;
  }
}
