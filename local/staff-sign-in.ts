/**
 * Signs a local staff member in and returns the ID token the staff API takes, for
 * `npm run staff-token` and tests: at cognito-local with USER_PASSWORD_AUTH (the emulator
 * has no SRP), at the local OpenID provider as a browser would, with authorization code
 * + PKCE (`oauth4webapi`, as the console): the authorization request, the login form
 * posted, the redirect's code exchanged at the token endpoint.
 */
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as oauth from 'oauth4webapi';
import { loginFields } from './oidc-provider';
import { localStaffPassword, type StaffPool } from './provision';
import { localRegion } from './resource-names';

export async function staffIdToken(pool: StaffPool, email: string, password = localStaffPassword): Promise<string> {
  return pool.provider === 'oidc' ? oidcIdToken(pool, email, password) : cognitoIdToken(pool, email, password);
}

async function cognitoIdToken(pool: Extract<StaffPool, { provider: 'cognito' }>, email: string, password: string): Promise<string> {
  const client = new CognitoIdentityProviderClient({
    endpoint: pool.endpoint,
    region: localRegion,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const answer = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
    const token = answer.AuthenticationResult?.IdToken;
    if (!token) throw new Error(`cognito-local gave no ID token for ${email}${answer.ChallengeName ? ` (challenge ${answer.ChallengeName})` : ''}`);
    return token;
  } finally {
    client.destroy();
  }
}

/** Thrown when the provider's login form refuses the address or password. */
export class SignInRefused extends Error {
  override readonly name = 'SignInRefused';
}

async function oidcIdToken(pool: Extract<StaffPool, { provider: 'oidc' }>, email: string, password: string): Promise<string> {
  const local = { [oauth.allowInsecureRequests]: true }; // the local provider speaks http
  const issuer = new URL(pool.issuer);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, local));
  const client: oauth.Client = { client_id: pool.clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const authorize = new URL(as.authorization_endpoint!);
  authorize.search = new URLSearchParams({
    client_id: pool.clientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: pool.redirectUri,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  }).toString();

  const browser = cookieJar();
  let at = await browser.get(authorize); // → the login page of this interaction
  const form = await browser.post(at, new URLSearchParams({ [loginFields.email]: email, [loginFields.password]: password }));
  if (form.status === 401) throw new SignInRefused(`${email} is not a staff member of the running system, or the password is wrong`);
  at = await browser.follow(form, pool.redirectUri);
  const params = oauth.validateAuthResponse(as, client, at, state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, pool.redirectUri, verifier, local);
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  if (!tokens.id_token) throw new Error('the provider answered without an ID token');
  return tokens.id_token;
}

/** Just enough of a browser: cookies per host, redirects followed by hand until the console's address. */
function cookieJar() {
  const cookies = new Map<string, string>();
  const send = async (url: URL, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    return response;
  };
  const follow = async (response: Response, until: string): Promise<URL> => {
    let current = response;
    for (let hops = 0; hops < 10; hops++) {
      const location = current.headers.get('location');
      if (!location) return new URL(current.url);
      const next = new URL(location, current.url);
      if (next.href.startsWith(until)) return next;
      current = await send(next);
    }
    throw new Error('too many redirects at the provider');
  };
  return {
    /** GET, following redirects: the address of the page they end at. */
    get: async (url: URL): Promise<URL> => follow(await send(url), '\u0000'),
    post: (url: URL, form: URLSearchParams) => send(url, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    follow,
  };
}
