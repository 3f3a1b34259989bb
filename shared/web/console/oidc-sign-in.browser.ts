/**
 * The console's OpenID Connect sign-in in the browser (an `oidc` stage): authorization
 * code + PKCE with oauth4webapi against the issuer's discovery document. Bundled by
 * `npm run console-oidc` into oidc-sign-in-script.ts (a test keeps the two equal), which
 * the console page inlines before its own script; it defines `staffOidc`.
 */
import * as oauth from 'oauth4webapi';

interface Settings {
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

// The browser globals it uses (the project compiles without the DOM library).
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
declare const location: { assign(url: string): void };

const pkceKey = 'staff.pkce';

async function server(s: Settings): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(s.issuer);
  // Only a local provider (local-cn) speaks plain http.
  const options = { [oauth.allowInsecureRequests]: issuer.protocol === 'http:' };
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options));
}

/** Sends the browser to the provider's login, the verifier and state kept in this tab's sessionStorage. */
async function begin(s: Settings, language: string): Promise<void> {
  const as = await server(s);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(pkceKey, JSON.stringify({ verifier, state }));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: s.clientId,
    response_type: 'code',
    redirect_uri: s.redirectUri,
    scope: 'openid email profile',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ui_locales: language,
  }).toString();
  location.assign(url.href);
}

/** Back at the console with `?code=`: the ID token, or an error. */
async function complete(s: Settings, current: string): Promise<string> {
  const saved = JSON.parse(sessionStorage.getItem(pkceKey) ?? '{}') as { verifier?: string; state?: string };
  sessionStorage.removeItem(pkceKey);
  if (!saved.verifier || !saved.state) throw new Error('no sign-in was started in this tab');
  const as = await server(s);
  const client = { client_id: s.clientId };
  const params = oauth.validateAuthResponse(as, client, new URL(current), saved.state);
  const options = { [oauth.allowInsecureRequests]: new URL(s.issuer).protocol === 'http:' };
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, s.redirectUri, saved.verifier, options);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  if (!tokens.id_token) throw new Error('no ID token');
  return tokens.id_token;
}

(globalThis as { staffOidc?: unknown }).staffOidc = { begin, complete };
