/**
 * The staff identity provider of the running stage (`staffIdentity.provider`): the
 * cognito-local pool, or the local OpenID provider (local/oidc-provider.ts); the
 * gateway's authorizer for its tokens; the console's sign-in settings; and each staff
 * member's sign-in link in the table, as a first sign-in makes it in AWS (the local
 * runtime knows every `sub`, so it writes them at start: a pool or provider data
 * directory made anew never leaves a member pinned to a `sub` that is gone).
 */
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { StaffSignInSettings } from '../shared/config/runtime';
import type { StageConfig } from '../shared/config/stage-config';
import { linkItems } from '../shared/adapters/staff-directory';
import { staffRoles } from '../shared/domain/status';
import { startLocalOidcProvider } from './oidc-provider';
import { provisionStaffPool, type StaffPool } from './provision';
import { staffAuthorizer, type StaffAuthorizer } from './staff-authorizer';

export interface LocalStaffIdentity {
  readonly pool: StaffPool;
  readonly authorize: StaffAuthorizer;
  readonly signIn: StaffSignInSettings;
  stop(): Promise<void>;
}

export interface StaffIdentityOptions {
  readonly config: StageConfig;
  readonly poolName: string;
  /** The cognito-local pool's client, on a stage whose staff sign in with Cognito. */
  readonly cognito?: { readonly client: CognitoIdentityProviderClient; readonly endpoint: string };
  /** The console's address: the OpenID client's redirect URI. */
  readonly consoleUrl: string;
  /** The local OpenID provider's port: its issuer's, 0 = any free one. */
  readonly oidcPort: number;
  readonly oidcDataDir?: string;
  readonly table: { readonly client: DynamoDBClient; readonly name: string };
}

export async function startStaffIdentity(options: StaffIdentityOptions): Promise<LocalStaffIdentity> {
  const { config } = options;
  const identity = config.staffIdentity;
  let pool: StaffPool;
  let signIn: StaffSignInSettings;
  let stop = async (): Promise<void> => undefined;
  if (identity.provider === 'oidc') {
    const provider = await startLocalOidcProvider({
      host: '127.0.0.1',
      port: options.oidcPort,
      clientId: identity.clientId,
      redirectUri: options.consoleUrl,
      staff: config.staff,
      dataDir: options.oidcDataDir,
    });
    stop = provider.stop;
    const jwksUri = await discoveredJwksUri(provider.issuer);
    pool = { provider: 'oidc', clientId: provider.clientId, issuer: provider.issuer, jwksUri, redirectUri: provider.redirectUri, accountsFile: provider.accountsFile, subjects: provider.subjects };
    signIn = { kind: 'oidc', issuer: provider.issuer, clientId: provider.clientId, redirectUri: provider.redirectUri };
  } else {
    if (!options.cognito) throw new Error('cognito-local is not running for a stage whose staff sign in with Cognito');
    pool = await provisionStaffPool(options.cognito.client, options.cognito.endpoint, options.poolName, config.staff, staffRoles);
    // The emulator has no hosted login page: the console signs in with USER_PASSWORD_AUTH against it.
    signIn = { kind: 'local-password', endpoint: pool.endpoint, clientId: pool.clientId };
  }
  await writeLinks(options.table.client, options.table.name, pool);
  const audience = identity.provider === 'oidc' ? (identity.audience ?? identity.clientId) : pool.clientId;
  return { pool, signIn, authorize: await staffAuthorizer(pool, audience), stop };
}

async function writeLinks(dynamodb: DynamoDBClient, tableName: string, pool: StaffPool): Promise<void> {
  const at = new Date();
  for (const [email, subject] of Object.entries(pool.subjects)) {
    for (const item of linkItems({ issuer: pool.issuer, subject }, email, at)) await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: marshall(item) }));
  }
}

async function discoveredJwksUri(issuer: string): Promise<string> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the local OpenID provider answered ${response.status} for its discovery document`);
  return ((await response.json()) as { jwks_uri: string }).jwks_uri;
}
