/**
 * The staff identity provider of an `oidc` stage on this machine (local-cn): a real
 * OpenID Provider (`oidc-provider`, certified) instead of cognito-local. One public
 * client, the console (authorization code + PKCE, no secret), its redirect URI the
 * console's address; a minimal login page taking a directory email and the local
 * password (`localStaffPassword`); no consent page (a first-party client).
 *
 * Its accounts (one per staff member of the stage config, with a random `sub` kept for
 * good) and its signing key live in `<dataDir>/accounts.json` and `<dataDir>/jwks.json`:
 * `.local/oidc` under `npm start`, a temporary directory otherwise. Accounts are read at
 * every sign-in, so editing the file (an address changed at the provider) takes effect
 * at the next token, as at a real provider. Sessions and codes are in memory.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { localStaffPassword } from './provision';

export interface LocalOidcAccount {
  readonly sub: string;
  readonly email: string;
  readonly name: string;
}

export interface LocalOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** Where the accounts are (tests edit it to change an address at the provider). */
  readonly accountsFile: string;
  /** Directory email (lower case) → the account's `sub`. */
  readonly subjects: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export interface LocalOidcOptions {
  /** Interface and port to listen on (0: any free port); the issuer is `http://localhost:<port>`. */
  readonly host: string;
  readonly port: number;
  readonly clientId: string;
  /** The console's address (`<gateway>/staff`): the one redirect URI of the client. */
  readonly redirectUri: string;
  readonly staff: readonly { readonly email: string; readonly name: string }[];
  /** Keeps accounts and the signing key across runs; absent = a temporary directory removed on stop. */
  readonly dataDir?: string;
}

/** What the login form posts to (`/interaction/<uid>`); `staff-sign-in.ts` posts the same form. */
export const loginFields = { email: 'email', password: 'password' } as const;

export async function startLocalOidcProvider(options: LocalOidcOptions): Promise<LocalOidcProvider> {
  const dir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'oidc-provider-'));
  mkdirSync(dir, { recursive: true });
  const accountsFile = path.join(dir, 'accounts.json');
  const accounts = syncAccounts(accountsFile, options.staff);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  // oidc-provider is an ES module only.
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.redirectUri],
      },
    ],
    jwks: { keys: [signingKey(path.join(dir, 'jwks.json'))] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The ID token carries email and name even though an access token is issued too (the staff API reads the ID token).
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => {
      const account = readAccounts(accountsFile).find((a) => a.sub === id);
      return account ? { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name }) } : undefined;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    // The console is this service's own client: no consent page.
    loadExistingGrant: async (ctx: GrantContext) => {
      const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === new URL(options.redirectUri).origin,
    ttl: { IdToken: 3600, AccessToken: 3600, Session: 12 * 3600, Interaction: 600, Grant: 12 * 3600 },
    renderError: (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in failed', `<p>${escape(out.error_description ?? out.error ?? 'error')}</p>`);
    },
  } as never);
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const interaction = /^\/interaction\/([\w-]+)$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!interaction) return void callback(req, res);
    void interact(provider as unknown as InteractionProvider, accountsFile, req, res).catch((error: Error) => {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page('Sign-in failed', `<p>${escape(error.message)}</p>`));
    });
  });
  return {
    issuer,
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    accountsFile,
    subjects: Object.fromEntries(accounts.map((a) => [a.email.toLowerCase(), a.sub])),
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      if (options.dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface GrantContext {
  oidc: {
    session: { accountId: string; grantIdFor(clientId: string): string | undefined };
    client: { clientId: string };
    provider: { Grant: { new (init: { clientId: string; accountId: string }): { addOIDCScope(scope: string): void; save(): Promise<string> }; find(id: string): Promise<unknown> } };
  };
}

interface InteractionProvider {
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ uid: string; prompt: { name: string } }>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, options: { mergeWithLastSubmission: boolean }): Promise<void>;
}

/** GET: the login form; POST: checks the address and the local password, then hands back to the provider. */
async function interact(provider: InteractionProvider, accountsFile: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== 'login') throw new Error(`prompt ${details.prompt.name} is not offered here`);
  const html = (status: number, error?: string) =>
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(details.uid, error));
  if (req.method === 'GET') return void html(200);
  if (req.method !== 'POST') return void html(405);
  const form = new URLSearchParams(await body(req));
  const email = (form.get(loginFields.email) ?? '').trim().toLowerCase();
  const account = readAccounts(accountsFile).find((a) => a.email.toLowerCase() === email);
  if (!account || form.get(loginFields.password) !== localStaffPassword) return void html(401, 'Wrong email or password. 邮箱或密码错误。');
  await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
}

/** One account per staff member: kept ones keep their `sub`; new members get a new one. */
function syncAccounts(file: string, staff: LocalOidcOptions['staff']): LocalOidcAccount[] {
  const kept = existsSync(file) ? readAccounts(file) : [];
  const accounts = staff.map((member) => kept.find((a) => a.email.toLowerCase() === member.email.toLowerCase()) ?? { sub: randomUUID(), email: member.email.toLowerCase(), name: member.name });
  writeFileSync(file, `${JSON.stringify(accounts, null, 2)}\n`);
  return accounts;
}

function readAccounts(file: string): LocalOidcAccount[] {
  return JSON.parse(readFileSync(file, 'utf8')) as LocalOidcAccount[];
}

/** The provider's RS256 key (a private JWK), made once per data directory. */
function signingKey(file: string): object {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as object;
  const jwk = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) throw new Error('form too large');
  }
  return text;
}

function loginPage(uid: string, error?: string): string {
  return page(
    'Staff sign-in 工作人员登录',
    `${error ? `<p role="alert" class="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<p><label for="email">Email 邮箱</label><br><input id="email" name="${loginFields.email}" type="email" autocomplete="username" required autofocus></p>
<p><label for="password">Password 密码</label><br><input id="password" name="${loginFields.password}" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in 登录</button></p>
</form>
<p class="hint">Local OpenID provider: every staff member's password is ${escape(localStaffPassword)}. 本地测试身份提供方。</p>`,
  );
}

function page(title: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}input{font:inherit;width:100%;padding:.5rem;box-sizing:border-box}button{font:inherit;padding:.5rem 1rem}.error{color:#a4000f}.hint{color:#555}</style>
</head><body><main><h1>${escape(title)}</h1>${main}</main></body></html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
