/**
 * One stage of the system, built from shared/topology.ts and the stage's validated
 * config. Nothing here names a particular function, queue or schedule: adding a step
 * is an entry in the topology and a file in functions/.
 */
import { CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfig } from '../shared/config/stage-config';
import { deadLetterQueueName, topology as declaredTopology } from '../shared/topology';
import { OperatorAlarms } from './alarms';
import { CaseTable } from './case-table';
import { StageDashboard } from './dashboard';
import { EvidenceBucket } from './evidence-bucket';
import { MailIdentity } from './mail-identity';
import { pascalCase, stackName } from './names';
import { productionStages } from './production';
import { OidcStaffIdentity } from './oidc-staff-identity';
import { PublicHttpApi } from './public-http-api';
import { Schedules } from './schedules';
import { AsyncFailures, asyncFailuresQueueName } from './async-failures';
import { StaffIdentity } from './staff-identity';
import { StepFunction } from './step-function';
import { StepQueue } from './step-queue';
import type { TopologyShape } from './topology-shape';

export interface ComplaintsStackProps extends StackProps {
  readonly stage: string;
  readonly config: StageConfig;
  /** Defaults to shared/topology.ts; tests pass variations of it. */
  readonly topology?: TopologyShape;
}

/** What differs between stages beyond the stage config: how long things are kept. */
function keeping(stage: string) {
  const production = productionStages.has(stage);
  return {
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    logRetention: production || stage === 'staging' ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_MONTH,
  };
}

/** AWS refuses reservations that leave less than this much of the account's concurrency unreserved. */
const unreservedMinimum = 100;

/**
 * Each function's reserved concurrency: public functions (the HTTP API's) get the capped
 * share, every other one (queue consumers, schedules) the guaranteed workflow share.
 */
function reservedConcurrency(shape: TopologyShape, capacity: StageConfig['capacity']): Map<string, number> {
  const publicFunctions = new Set([...shape.routes.map((r) => r.handler), shape.fallbackHandler]);
  const reservations = new Map(
    shape.functions.map((f) => [f.name, publicFunctions.has(f.name) ? capacity.publicConcurrency : capacity.workflowConcurrency]),
  );
  const total = [...reservations.values()].reduce((a, b) => a + b, 0);
  if (total > capacity.accountConcurrency - unreservedMinimum) {
    throw new Error(
      `Invalid stage config: capacity: ${reservations.size} functions would reserve ${total} of capacity.accountConcurrency ${capacity.accountConcurrency}, ` +
        `and AWS keeps ${unreservedMinimum} unreserved; lower capacity.publicConcurrency or capacity.workflowConcurrency`,
    );
  }
  return reservations;
}

export class ComplaintsStack extends Stack {
  readonly functions = new Map<string, StepFunction>();
  readonly queues = new Map<string, StepQueue>();

  constructor(scope: Construct, id: string, props: ComplaintsStackProps) {
    super(scope, id, props);
    const { stage, config } = props;
    if (config.capacity.wafRequestsPer5Minutes !== undefined) {
      throw new Error(
        'Invalid stage config: capacity.wafRequestsPer5Minutes: AWS WAF cannot be associated with an API Gateway HTTP API, and this stack puts no CloudFront distribution ' +
          'in front of it; remove the setting (the per-client limits of api.md and the route throttles apply) or put the API behind CloudFront first (docs/security.md "Throttles")',
      );
    }
    const shape = props.topology ?? declaredTopology;
    const { removalPolicy, logRetention } = keeping(stage);

    const table = new CaseTable(this, 'CaseTable', { tableName: stackName(stage), table: shape.table, removalPolicy }).table;
    // The mail and staff sign-in ports' adapters (spec/architecture.md property 11): SES and
    // Cognito where they exist; an SMTP provider and an OpenID Connect provider elsewhere
    // (the China regions), which need no resource here, only the grants and settings below.
    const mail = config.mail.provider === 'ses' ? new MailIdentity(this, 'Mail', { stage, senderAddress: config.senderAddress }) : undefined;
    const alarms = new OperatorAlarms(this, 'Alarms', { stage, contacts: config.onCall });
    const staff =
      config.staffIdentity.provider === 'oidc'
        ? new OidcStaffIdentity(this, 'Staff', { publicBaseUrl: config.publicBaseUrl, oidc: config.staffIdentity })
        : new StaffIdentity(this, 'Staff', { stage, config, removalPolicy });
    const evidence = shape.evidenceBucket
      ? new EvidenceBucket(this, 'Evidence', { layout: shape.evidenceBucket, formOrigin: new URL(config.publicBaseUrl).origin, removalPolicy })
      : undefined;

    for (const decl of shape.queues) {
      const queue = new StepQueue(this, `Queue-${decl.name}`, { stage, decl, removalPolicy });
      this.queues.set(decl.name, queue);
      alarms.watchDeadLetterQueue(decl.name, queue.deadLetterQueue);
    }

    // The keyed hashes' secret, generated at the first deploy and kept (docs/security.md "Keyed hashes").
    const hashSecret = new secretsmanager.Secret(this, 'HashSecret', {
      secretName: `${stackName(stage)}-hash-secret`,
      description: 'HMAC key of the pseudonymous complainant, inbox and client-address keys',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    Validations.of(hashSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the HMAC key would make every pause, cap and complainant index unreachable; rotation is a manual, documented step (docs/security.md "Keyed hashes").',
    });

    const reservations = reservedConcurrency(shape, config.capacity);
    for (const decl of shape.functions) {
      const fn = new StepFunction(this, `Function-${decl.name}`, {
        reservedConcurrency: reservations.get(decl.name)!,
        stage,
        decl,
        stageConfig: config,
        logRetention,
        removalPolicy,
        logLevel: 'INFO',
        architecture: config.deployment.architecture,
      });
      this.functions.set(decl.name, fn);
      if (decl.access.table) fn.bindTable(table, decl.access.table);
      else fn.knowTable(table);
      for (const queueName of decl.access.sendsTo ?? []) fn.bindQueue(queueName, this.queueNamed(queueName).queue);
      if (decl.access.sendsMail && mail) fn.bindSesMail(config.senderAddress, mail.configurationSet.configurationSetName);
      if ((decl.access.sendsMail || decl.access.mailSecret) && config.mail.provider === 'smtp') fn.bindMailSecret(config.mail.credentialsSecret);
      if (decl.access.staffSignIn) fn.bindStaffSignIn(staff.signIn);
      if (decl.access.staffAccounts && staff instanceof StaffIdentity) fn.bindStaffAccounts(staff.pool);
      if (decl.access.hashSecret) fn.bindHashSecret(hashSecret);
      if (decl.access.evidenceUploadOrigin && evidence) fn.knowEvidenceUploadOrigin(evidence);
      if (decl.access.evidence?.length) {
        if (!evidence) throw new Error(`Function "${decl.name}" has evidence access, but the topology declares no evidenceBucket`);
        fn.bindEvidence(evidence, decl.access.evidence);
      }
      alarms.watchFunction(decl.name, fn.function);
    }

    for (const decl of shape.queues) {
      const reserved = reservations.get(decl.consumer);
      // Above the consumer's reservation the event source would be throttled instead of bounded.
      if (decl.maxConcurrency !== undefined && reserved !== undefined && decl.maxConcurrency > reserved) {
        throw new Error(
          `Invalid stage config: capacity: queue "${decl.name}" may run ${decl.maxConcurrency} batches at once, ` +
            `above the ${reserved} reserved for ${decl.consumer}; raise capacity.workflowConcurrency`,
        );
      }
      this.queueNamed(decl.name).connectConsumer(this.functionNamed(decl.consumer));
    }

    const api = new PublicHttpApi(this, 'HttpApi', {
      stage,
      routes: shape.routes,
      fallbackHandler: shape.fallbackHandler,
      functionNamed: (name) => this.functionNamed(name),
      staffAuthorizer: staff.authorizer,
      throttle: {
        public: { rateLimit: config.capacity.apiRatePerSecond, burstLimit: config.capacity.apiBurst },
        staff: { rateLimit: config.capacity.staffApiRatePerSecond, burstLimit: config.capacity.staffApiBurst },
      },
      logRetention,
      removalPolicy,
      domain: config.deployment.apiDomain,
    });
    const failures = new AsyncFailures(this, 'AsyncFailures', { stage, removalPolicy });
    alarms.watchDeadLetterQueue(asyncFailuresQueueName, failures.queue);
    // SES bounces and complaints arrive through EventBridge; an SMTP provider's through its webhook route.
    if (shape.mailEventsHandler && mail) mail.sendSuppressionEventsTo(this.functionNamed(shape.mailEventsHandler), failures);
    new Schedules(this, 'Schedules', { stage, schedules: shape.schedules, functionNamed: (name) => this.functionNamed(name), failures });

    alarms.watchHttpApi(api.stage);
    alarms.watchCatalogue(shape);
    new StageDashboard(this, 'Dashboard', {
      stage,
      shape,
      alarms: alarms.alarms,
      apiStage: api.stage,
      deadLetterQueues: new Map([...this.queues].map(([name, queue]) => [name, queue.deadLetterQueue])),
      functions: new Map([...this.functions].map(([name, fn]) => [name, fn.function])),
    });

    new CfnOutput(this, 'ApiUrl', {
      value: api.url,
      description: api.domain ? 'The API\'s custom domain (publicBaseUrl); the execute-api endpoint is disabled' : 'HTTP API endpoint (map publicBaseUrl to it)',
    });
    if (api.domain && config.deployment.apiDomain) {
      new CfnOutput(this, 'ApiDomainTarget', { value: api.domain.regionalDomainName, description: `CNAME ${config.deployment.apiDomain.name} to this` });
    }
    new CfnOutput(this, 'TableName', { value: table.tableName });
    if (evidence) new CfnOutput(this, 'EvidenceBucketName', { value: evidence.bucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    if (mail) new CfnOutput(this, 'MailDomain', { value: mail.domain, description: 'SES identity; verify it with the DKIM records' });
    for (const [name, queue] of this.queues) {
      new CfnOutput(this, `QueueUrl${pascalCase(name)}`, { value: queue.queue.queueUrl, description: `queue ${name}` });
      new CfnOutput(this, `DeadLetterQueueUrl${pascalCase(name)}`, {
        value: queue.deadLetterQueue.queueUrl,
        description: `queue ${deadLetterQueueName(name)}`,
      });
    }
  }

  functionNamed(name: string) {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`Topology names function "${name}", which is not declared in topology.functions`);
    return fn.function;
  }

  private queueNamed(name: string): StepQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Topology names queue "${name}", which is not declared in topology.queues`);
    return queue;
  }
}
