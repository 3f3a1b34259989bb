/**
 * One Lambda function of the topology (an endpoint group or a workflow step; not AWS
 * Step Functions). Wires what every function shares - runtime, bundling, its own log
 * group and role, Powertools settings - and grants access with bind* methods, after
 * Powertools' `examples/app/cdk` function construct.
 */
import { ArnFormat, type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { join } from 'node:path';
import type { StageConfig } from '../shared/config/stage-config';
import type { EvidenceGrant, FunctionDecl, TableAccess } from '../shared/topology';
import type { EvidenceBucket } from './evidence-bucket';
import { hashSecretArnVariable, mailConfigurationSetVariable, queueUrlVariable, staffUserPoolVariable, type StaffSignInSettings } from '../shared/config/runtime';
import { bundleDefines } from './bundle-defines';
import { resourceName } from './names';

const projectRoot = join(__dirname, '..');

export interface StepFunctionProps {
  readonly stage: string;
  readonly decl: FunctionDecl;
  /** The validated stage config, inlined into the bundle (docs/architecture.md). */
  readonly stageConfig: unknown;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Stage config `deployment.architecture`: x86_64 in the China regions (docs/operations.md). */
  readonly architecture: 'arm64' | 'x86_64';
  /** Reserved concurrency: both what the function is guaranteed and what it may use at most. */
  readonly reservedConcurrency: number;
}

export class StepFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  private readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: StepFunctionProps) {
    super(scope, id);
    const { decl, stage } = props;
    const functionName = resourceName(stage, decl.name);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    // Own role with write access to its own log group only, instead of the managed
    // AWSLambdaBasicExecutionRole (which may create and write any log group).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the Lambda function ${functionName}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      description: decl.description,
      entry: join(projectRoot, 'functions', `${decl.name}.ts`),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: props.architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
      memorySize: decl.memoryMb,
      reservedConcurrentExecutions: props.reservedConcurrency,
      timeout: Duration.seconds(decl.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        STAGE: stage,
        POWERTOOLS_SERVICE_NAME: 'complaints',
        POWERTOOLS_METRICS_NAMESPACE: 'Complaints',
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.CJS,
        target: 'node22',
        minify: true,
        sourceMap: false,
        // Chinese text (page words, holiday names, the stage's category names) as UTF-8, 3 bytes
        // a character, instead of esbuild's default \uXXXX escapes, 6 bytes (Node reads UTF-8 source).
        charset: Charset.UTF8,
        // aws-cdk-lib ignores `charset` since 2.86 (aws/aws-cdk#32649, open): pass the flag itself,
        // or the deployed bundles escape every Chinese character (register-case 8 KB larger).
        esbuildArgs: { '--charset': 'utf8' },
        // The nodejs22.x runtime ships AWS SDK v3; bundling it would triple most bundles.
        // nodemailer (the SMTP mail adapter's client, about 200 KB minified) stays out of every
        // bundle: installed beside the bundle of the functions that send mail on an SMTP stage,
        // and loaded there only, at the first mail (shared/adapters/smtp-mailer.ts).
        externalModules: ['@aws-sdk/*', 'nodemailer'],
        ...(decl.access.sendsMail && (props.stageConfig as { mail?: { provider?: string } }).mail?.provider === 'smtp' ? { nodeModules: ['nodemailer'] } : {}),
        // The stage config's JSON text and its staff sign-in provider (infra/bundle-defines.ts).
        define: bundleDefines(props.stageConfig as StageConfig),
        logLevel: LogLevel.WARNING,
      },
    });

    // The brief (toolchain.md) fixes nodejs22.x for every function: the CI and developer
    // machines run Node 20/22, and 22 is the newest runtime tried end to end here.
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x is the runtime toolchain.md fixes for this project (the Node version its machines and tests run); nodejs24.x is a deliberate upgrade, not a synth-time default.',
    });
  }

  /**
   * DynamoDB access as declared (docs/security.md): reads without Scan (every read is a
   * GetItem or a Query, architecture.md property 4) on the table and its indexes; the
   * declared write actions on the table's items only, limited by `dynamodb:LeadingKeys`
   * to the declared partition-key prefixes when there are any.
   */
  bindTable(table: dynamodb.Table, access: TableAccess): void {
    if (access.read) {
      table.grant(this.role, 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:Query');
      const tableLogicalId = Stack.of(table).getLogicalId(table.node.defaultChild as dynamodb.CfnTable);
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason: 'Queries go to the table\'s own GSIs (topology.table.indexes); the wildcard covers exactly the indexes of this one table.',
      });
    }
    if (access.write?.length) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: access.write.map((action) => `dynamodb:${action}`),
          resources: [table.tableArn],
          // ForAllValues alone would also pass a request without the key; Null rules that out.
          ...(access.writeKeys
            ? {
                conditions: {
                  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.writeKeys.map((prefix) => `${prefix}*`) },
                  Null: { 'dynamodb:LeadingKeys': 'false' },
                },
              }
            : {}),
        }),
      );
    }
    this.function.addEnvironment('TABLE_NAME', table.tableName);
  }

  /** Tells the function the table's name without granting access (runtime.ts requires it). */
  knowTable(table: dynamodb.Table): void {
    this.function.addEnvironment('TABLE_NAME', table.tableName);
  }

  /** Send to a step queue: `QUEUE_URL_<NAME>` as runtime.ts reads it. */
  bindQueue(queueName: string, queue: sqs.IQueue): void {
    queue.grantSendMessages(this.role);
    this.function.addEnvironment(queueUrlVariable(queueName), queue.queueUrl);
  }

  /** The evidence-file bucket, one prefix and verb per grant (topology `access.evidence`). */
  bindEvidence(evidence: EvidenceBucket, grants: readonly EvidenceGrant[]): void {
    const prefixes = evidence.grant(this.role, grants);
    this.function.addEnvironment('EVIDENCE_BUCKET', evidence.bucket.bucketName);
    const bucketLogicalId = Stack.of(evidence).getLogicalId(evidence.bucket.node.defaultChild as CfnElement);
    for (const prefix of prefixes) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${prefix}*]`,
        reason: 'Evidence objects are keyed by upload id under this one prefix of the evidence bucket; the grant names only the verbs the function calls (topology access.evidence).',
      });
    }
  }

  /** Where the pages' script posts evidence files (presigned POSTs): their CSP allows it; no IAM. */
  knowEvidenceUploadOrigin(evidence: EvidenceBucket): void {
    this.function.addEnvironment('EVIDENCE_UPLOAD_ORIGIN', `https://${evidence.bucket.bucketRegionalDomainName}`);
  }

  /** Read the stage's hash secret (docs/security.md "Keyed hashes"): that one secret, read only. */
  bindHashSecret(secret: secretsmanager.ISecret): void {
    // Only GetSecretValue (grantRead would add DescribeSecret, which the code never calls).
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    this.function.addEnvironment(hashSecretArnVariable, secret.secretArn);
  }

  /** The staff console's sign-in settings (no IAM: the hosted UI is public). */
  bindStaffSignIn(settings: StaffSignInSettings): void {
    this.function.addEnvironment('STAFF_SIGN_IN', Stack.of(this).toJsonString(settings));
  }

  /** Invitations: create users in the stage's staff pool (AdminCreateUser only, on that pool only). */
  bindStaffAccounts(pool: cognito.IUserPool): void {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['cognito-idp:AdminCreateUser'], resources: [pool.userPoolArn] }));
    this.function.addEnvironment(staffUserPoolVariable, pool.userPoolId);
  }

  /** SES: send mail from the stage's sender address (and no other), through its configuration set. */
  bindSesMail(senderAddress: string, configurationSetName: string): void {
    const stack = Stack.of(this);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // SES v2 SendEmail is authorised as ses:SendEmail whatever its content (simple or raw),
        // on the sending identity and on the configuration set the mail names.
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' }),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSetName }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
      }),
    );
    this.function.addEnvironment(mailConfigurationSetVariable, configurationSetName);
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      reason: 'SES also authorises each recipient identity while the account is in the sandbox; the ses:FromAddress condition limits sending to the stage\'s sender address.',
    });
  }

  /**
   * SMTP: read the provider's credentials, the one Secrets Manager secret the stage config
   * names (`mail.credentialsSecret`; the SMTP adapter reads it by name). Secrets Manager
   * appends six random characters to a secret's name in its ARN: `-??????` matches exactly
   * those, so no other secret whose name starts the same is readable. The stage config
   * itself (host, port, the secret's name) is inlined with the rest (STAGE_CONFIG).
   */
  bindMailSecret(secretName: string): void {
    const resource = Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${secretName}-??????`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [resource] }));
  }
}
