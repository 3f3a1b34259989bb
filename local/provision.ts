/**
 * Creates the table, the queues and the evidence bucket the topology declares, and the
 * staff user pool, in the emulators.
 * Idempotent: what exists is kept (a persistent table survives restarts), missing
 * indexes and TTL are added, queue attributes are brought in line with the topology.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CreateBucketCommand, PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { deadLetterQueueName } from '../shared/topology';
import type { LocalQueue, LocalTopology } from './local-topology';

export interface ProvisionedQueue {
  readonly decl: LocalQueue;
  /** The emulator's queue name (prefix + topology name). */
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly dlqName: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
}

/** DLQs keep messages for the SQS maximum, 14 days, so nothing is lost before someone looks. */
const dlqRetentionSeconds = 1_209_600;

export async function provisionTable(
  dynamodb: DynamoDBClient,
  tableName: string,
  table: LocalTopology['table'],
  log: (line: string) => void = () => undefined,
): Promise<void> {
  const existing = await describeTable(dynamodb, tableName);
  if (!existing) {
    await dynamodb.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(table),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: table.indexes.length ? table.indexes.map(globalIndex) : undefined,
      }),
    );
  } else {
    const have = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    // DynamoDB takes one new index per UpdateTable call.
    for (const index of table.indexes.filter((i) => !have.has(i.name))) {
      log(`table ${tableName}: adding index ${index.name} declared in the topology`);
      await dynamodb.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributeDefinitions(table),
          GlobalSecondaryIndexUpdates: [{ Create: globalIndex(index) }],
        }),
      );
    }
  }
  if (table.ttlAttribute) {
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    const current = ttl.TimeToLiveDescription;
    if (current?.TimeToLiveStatus !== 'ENABLED' || current.AttributeName !== table.ttlAttribute) {
      await dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
        }),
      );
    }
  }
}

export async function deleteTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}

/** Each topology queue with its DLQ, named `<prefix><name>` and `<prefix><name>-dlq`. */
export async function provisionQueues(
  sqs: SQSClient,
  queues: readonly LocalQueue[],
  prefix: string,
): Promise<ProvisionedQueue[]> {
  return Promise.all(
    queues.map(async (decl) => {
      const name = `${prefix}${decl.name}`;
      const dlqName = `${prefix}${deadLetterQueueName(decl.name)}`;
      const dlqUrl = await ensureQueue(sqs, dlqName, { MessageRetentionPeriod: String(dlqRetentionSeconds) });
      const dlqArn = await queueArn(sqs, dlqUrl);
      const url = await ensureQueue(sqs, name, {
        VisibilityTimeout: String(decl.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: decl.maxReceiveCount }),
      });
      return { decl, name, url, arn: await queueArn(sqs, url), dlqName, dlqUrl, dlqArn };
    }),
  );
}

export async function deleteQueues(sqs: SQSClient, queues: readonly ProvisionedQueue[]): Promise<void> {
  await Promise.all(
    queues.flatMap((queue) => [queue.url, queue.dlqUrl]).map((QueueUrl) => sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(() => undefined)),
  );
}

/**
 * The evidence bucket, with the CORS rule of the deployed one (POST from the form's
 * origin), so the page can post the presigned form as it will in AWS.
 */
export async function provisionBucket(s3: S3Client, bucket: string, formOrigin: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    // Kept from an earlier run (.local/s3).
    if (!/BucketAlreadyOwnedByYou|BucketAlreadyExists/.test((error as Error).name)) throw error;
  }
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: { CORSRules: [{ AllowedMethods: ['POST'], AllowedOrigins: [formOrigin], AllowedHeaders: ['*'], MaxAgeSeconds: 3600 }] },
    }),
  );
}

async function ensureQueue(sqs: SQSClient, QueueName: string, Attributes: Record<string, string>): Promise<string> {
  try {
    const created = await sqs.send(new CreateQueueCommand({ QueueName, Attributes }));
    return created.QueueUrl!;
  } catch (error) {
    // Exists with other attributes (an emulator shared with an earlier run): align it.
    if (!/QueueNameExists|QueueAlreadyExists/.test((error as Error).name)) throw error;
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName }));
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes }));
    return QueueUrl!;
  }
}

async function queueArn(sqs: SQSClient, QueueUrl: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return Attributes!.QueueArn!;
}

async function describeTable(dynamodb: DynamoDBClient, TableName: string) {
  try {
    return (await dynamodb.send(new DescribeTableCommand({ TableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function attributeDefinitions(table: LocalTopology['table']): AttributeDefinition[] {
  const names = new Set([table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  return [...names].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
}

function globalIndex(index: LocalTopology['table']['indexes'][number]): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] },
  };
}

/**
 * Where the local system's staff tokens come from and how the gateway checks them: the
 * cognito-local pool, or the local OpenID provider of an `oidc` stage (local/oidc-provider.ts).
 */
export type StaffPool =
  | {
      readonly provider: 'cognito';
      readonly userPoolId: string;
      readonly clientId: string;
      /** `<cognito endpoint>/<userPoolId>`: the `iss` of its tokens. */
      readonly issuer: string;
      readonly jwksUri: string;
      /** cognito-local's endpoint (InitiateAuth for the sign-in page and `npm run staff-token`). */
      readonly endpoint: string;
      /** Directory email (lower case) → the pool user's `sub` (linked at provisioning). */
      readonly subjects: Readonly<Record<string, string>>;
    }
  | {
      readonly provider: 'oidc';
      readonly clientId: string;
      readonly issuer: string;
      readonly jwksUri: string;
      /** The console's address, the client's one redirect URI. */
      readonly redirectUri: string;
      /** The provider's accounts (email, name, sub): edit to change an address at the provider. */
      readonly accountsFile: string;
      readonly subjects: Readonly<Record<string, string>>;
    };

export type CognitoPool = Extract<StaffPool, { provider: 'cognito' }>;

/** The pool when the running stage signs staff in at cognito-local (tests of the emulator itself). */
export function cognitoPool(pool: StaffPool): CognitoPool {
  if (pool.provider !== 'cognito') throw new Error(`the running stage signs staff in at ${pool.issuer}, not at cognito-local`);
  return pool;
}

/**
 * Every local staff member's password (the emulator only; in AWS Cognito mails each a
 * temporary one). Written in docs/local-runtime.md; scripts and tests sign in with it.
 */
export const localStaffPassword = 'Local-Staff-1';

/**
 * The stage's staff user pool in cognito-local, as infra/staff-identity.ts builds it in
 * AWS: groups per role, one user per staff member (email as user name) in the groups of
 * their roles, an app client allowing USER_PASSWORD_AUTH (the emulator has no SRP and
 * no hosted login page). Idempotent: a persisted pool is found by name and brought in
 * line with the config (users added or removed, group memberships corrected, the local
 * password set again).
 */
export async function provisionStaffPool(
  cognito: CognitoIdentityProviderClient,
  endpoint: string,
  poolName: string,
  staff: readonly { readonly email: string; readonly roles: readonly string[] }[],
  roles: readonly string[],
): Promise<CognitoPool> {
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const userPoolId =
    pools.UserPools?.find((p) => p.Name === poolName)?.Id ??
    (await cognito.send(new CreateUserPoolCommand({ PoolName: poolName, UsernameAttributes: ['email'] }))).UserPool!.Id!;

  for (const role of roles) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role })).catch(ignore('GroupExistsException'));
  }

  const clientName = `${poolName}-console`;
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const clientId =
    clients.UserPoolClients?.find((c) => c.ClientName === clientName)?.ClientId ??
    (
      await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientName: clientName,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;

  // One at a time: cognito-local keeps each pool in one JSON file.
  const wanted = new Set(staff.map((s) => s.email.toLowerCase()));
  const existing = await listUserEmails(cognito, userPoolId);
  for (const [email, { username }] of existing) {
    if (!wanted.has(email)) await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
  }
  const subjects: Record<string, string> = {};
  for (const member of staff) {
    const email = member.email.toLowerCase();
    let username = existing.get(email)?.username;
    subjects[email] = existing.get(email)?.sub ?? '';
    if (username === undefined) {
      const created = await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      // The pool's own user name (cognito-local, like Cognito, makes one: email is only an alias).
      username = created.User!.Username!;
      subjects[email] = created.User!.Attributes?.find((a) => a.Name === 'sub')?.Value ?? '';
    }
    // cognito-local lists a user's groups only under that name, not under the email alias.
    await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: localStaffPassword, Permanent: true }));
    const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }));
    const current = new Set((groups.Groups ?? []).map((g) => g.GroupName!));
    for (const role of member.roles) {
      if (!current.has(role)) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: role }));
    }
    for (const group of current) {
      if (!member.roles.includes(group)) await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
    }
  }
  const issuer = `${endpoint}/${userPoolId}`;
  return { provider: 'cognito', userPoolId, clientId, issuer, jwksUri: `${issuer}/.well-known/jwks.json`, endpoint, subjects };
}

/** email (lower case) → user name and `sub`, of every user in the pool. */
async function listUserEmails(cognito: CognitoIdentityProviderClient, userPoolId: string): Promise<Map<string, { username: string; sub: string }>> {
  const users = new Map<string, { username: string; sub: string }>();
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token }));
    for (const user of page.Users ?? []) {
      const email = user.Attributes?.find((a) => a.Name === 'email')?.Value ?? user.Username!;
      users.set(email.toLowerCase(), { username: user.Username!, sub: user.Attributes?.find((a) => a.Name === 'sub')?.Value ?? '' });
    }
    token = page.PaginationToken;
  } while (token);
  return users;
}

const ignore = (name: string) => (error: unknown) => {
  if ((error as Error).name !== name) throw error;
};
