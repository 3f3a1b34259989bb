/**
 * The synthesised stack against shared/topology.ts and the stage configs. Bundling is
 * skipped here (CDK's `aws:cdk:bundling-stacks` = []): esbuild runs in `npm run synth`.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStageApp } from '../../infra/stage-app';
import { loadStageConfig } from '../../shared/config/load-stage-config';
import { queueUrlVariable } from '../../shared/config/runtime';
import { deadLetterQueueName, topology } from '../../shared/topology';
import { deadLetterQueueNameFor, queueNameFor } from '../../local/resource-names';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;

const stage = 'dev';
let template: Template;
let resources: Resources;

const fnName = (name: string) => `complaints-${stage}-${name}`;
const logicalIdOf = (type: string, match: (props: Record<string, any>) => boolean): string => {
  const found = Object.entries(resources).filter(([, r]) => r.Type === type && match(r.Properties));
  expect(found, `one ${type}`).toHaveLength(1);
  return found[0]![0];
};
const functionId = (name: string) => logicalIdOf('AWS::Lambda::Function', (p) => p.FunctionName === fnName(name));
const queueId = (queueName: string) => logicalIdOf('AWS::SQS::Queue', (p) => p.QueueName === queueName);
const policiesOf = (name: string) => {
  const roleId = (resources[functionId(name)]!.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(resources).filter(
    (r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId),
  );
};
const statementsOf = (name: string) => policiesOf(name).flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, any>[]);
const actionsOf = (name: string) => statementsOf(name).flatMap((s) => [s.Action].flat() as string[]);

beforeAll(() => {
  const { stack } = createStageApp(stage, { skipBundling: true });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Resources;
});

describe('functions', () => {
  it('has one nodejs22.x arm64 function per topology function, with its memory and timeout', () => {
    template.resourceCountIs('AWS::Lambda::Function', topology.functions.length);
    for (const decl of topology.functions) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: fnName(decl.name),
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: decl.memoryMb,
        Timeout: decl.timeoutSeconds,
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
        Environment: { Variables: Match.objectLike({ STAGE: stage, POWERTOOLS_SERVICE_NAME: 'complaints', TABLE_NAME: Match.anyValue() }) },
      });
    }
  });

  it('gives each function its own log group with a retention period', () => {
    for (const decl of topology.functions) {
      template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/aws/lambda/${fnName(decl.name)}`, RetentionInDays: 30 });
    }
    for (const group of Object.values(resources).filter((r) => r.Type === 'AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays, group.Properties.LogGroupName).toBeGreaterThan(0);
    }
  });

  // What each function may do is proven from its calls: test/handlers/least-privilege.test.ts.
  it('never grants Scan, and tells each function the URLs of exactly the queues it may send to', () => {
    for (const decl of topology.functions) {
      const variables = resources[functionId(decl.name)]!.Properties.Environment.Variables as Record<string, unknown>;
      expect(actionsOf(decl.name), decl.name).not.toContain('dynamodb:Scan'); // every read is a GetItem or a Query
      const queueVariables = Object.keys(variables).filter((v) => v.startsWith('QUEUE_URL_'));
      expect(queueVariables.sort(), decl.name).toEqual((decl.access.sendsTo ?? []).map(queueUrlVariable).sort());
    }
  });

  it('lets mail go out from the stage sender address only', () => {
    const sender = loadStageConfig(stage).senderAddress;
    for (const decl of topology.functions.filter((f) => f.access.sendsMail)) {
      const mail = statementsOf(decl.name).find((s) => [s.Action].flat().includes('ses:SendEmail'))!;
      expect(mail.Condition).toEqual({ StringEquals: { 'ses:FromAddress': sender } });
    }
  });
});

describe('queues', () => {
  it('gives every queue a dead-letter queue with the topology maxReceiveCount, encryption and TLS only', () => {
    for (const decl of topology.queues) {
      const dlqId = queueId(queueNameFor(stage, deadLetterQueueName(decl.name)));
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: queueNameFor(stage, decl.name),
        VisibilityTimeout: decl.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: decl.maxReceiveCount },
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: Match.arrayWith([{ Ref: queueId(queueNameFor(stage, decl.name)) }]),
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
    // Plus the one queue of failed asynchronous invocations (below).
    template.resourceCountIs('AWS::SQS::Queue', 2 * topology.queues.length + 1);
  });

  it('uses the queue names the local runtime and `npm run dlq -- --stage` use', () => {
    for (const decl of topology.queues) {
      expect(() => queueId(queueNameFor(stage, decl.name))).not.toThrow();
      expect(() => queueId(deadLetterQueueNameFor(stage, decl.name))).not.toThrow();
    }
  });

  it('alarms on the first message in each dead-letter queue', () => {
    for (const decl of topology.queues) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId(deadLetterQueueNameFor(stage, decl.name)), 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: [{ Ref: Match.anyValue() }],
      });
    }
  });

  it('feeds each queue to its consumer in batches that report item failures', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', topology.queues.length);
    for (const decl of topology.queues) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId(queueNameFor(stage, decl.name)), 'Arn'] },
        FunctionName: { Ref: functionId(decl.consumer) },
        BatchSize: decl.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: decl.maxConcurrency === undefined ? Match.absent() : { MaximumConcurrency: decl.maxConcurrency },
      });
    }
  });

  it('bounds the send rate: the notify queue hands send-notice at most its maxConcurrency batches at once', () => {
    const notify = topology.queues.find((q) => q.name === 'notify')!;
    expect(notify.maxConcurrency).toBeGreaterThanOrEqual(2); // the AWS minimum
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionId('send-notice') },
      ScalingConfig: { MaximumConcurrency: notify.maxConcurrency },
    });
  });
});

describe('alarms', () => {
  it('mails the stage on-call contacts through an encrypted topic', () => {
    const topicId = logicalIdOf('AWS::SNS::Topic', () => true);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    for (const contact of loadStageConfig(stage).onCall) {
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: contact.email, TopicArn: { Ref: topicId } });
    }
  });

  it('watches the errors of every function', () => {
    for (const decl of topology.functions) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId(decl.name) } }],
      });
    }
  });

  it('alarms on a case the SLA sweep parked, reading the metric and dimensions the sweep emits', () => {
    const parked = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { Namespace: 'Complaints', MetricName: 'CasesParked' } }));
    expect(parked).toHaveLength(1);
    expect(parked[0]!.Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0, Statistic: 'Sum', AlarmActions: [{ Ref: expect.any(String) }] });
    expect(parked[0]!.Properties.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'service', Value: 'complaints' },
        { Name: 'step', Value: 'sla-sweep' },
      ]),
    );
    expect(parked[0]!.Properties.Dimensions).toHaveLength(2);
  });
});

describe('table', () => {
  it('is pay-per-request, encrypted, recoverable to a point in time, with the TTL attribute and the indexes', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: `complaints-${stage}`,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: topology.table.partitionKey, KeyType: 'HASH' },
        { AttributeName: topology.table.sortKey, KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: topology.table.ttlAttribute, Enabled: true },
      GlobalSecondaryIndexes: topology.table.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] },
      })),
    });
  });
});

describe('evidence bucket', () => {
  const evidenceBucketId = () => logicalIdOf('AWS::S3::Bucket', (p) => p.CorsConfiguration !== undefined);
  const { quarantinePrefix, acceptedPrefix, unreferencedDays } = topology.evidenceBucket;

  it('is private, encrypted, logged, takes POSTs from the form origin only, and lets quarantined uploads expire', () => {
    const bucket = resources[evidenceBucketId()]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }]);
    expect(bucket.LoggingConfiguration.DestinationBucketName).toBeDefined();
    expect(bucket.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: [new URL(loadStageConfig(stage).publicBaseUrl).origin] }),
    ]);
    expect(bucket.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: quarantinePrefix, ExpirationInDays: unreferencedDays, Status: 'Enabled' }),
    );
    // Accepted files are never expired by a rule: only the upload sweep deletes unreferenced ones.
    const expiring = (bucket.LifecycleConfiguration.Rules as { Prefix?: string; ExpirationInDays?: number }[]).filter((r) => r.ExpirationInDays);
    expect(expiring.map((r) => r.Prefix)).toEqual([quarantinePrefix]);
  });

  it('refuses every request without TLS', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties.Bucket.Ref === evidenceBucketId())!;
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('grants each function the verbs on the prefixes its `evidence` access names, and the bucket name', () => {
    const objectArn = (prefix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [evidenceBucketId(), 'Arn'] }, `/${prefix}*`]] });
    const s3Grants = (name: string) =>
      statementsOf(name)
        .filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:')))
        .flatMap((s) => [s.Resource].flat().flatMap((resource) => [s.Action].flat().map((action: string) => JSON.stringify([action, resource]))));
    const on = (action: string, prefix: string) => JSON.stringify([action, objectArn(prefix)]);
    // Checking an upload where it is referenced: a submission, a supplement or an appeal.
    const referencing = [
      on('s3:GetObject', quarantinePrefix),
      JSON.stringify(['s3:ListBucket', { 'Fn::GetAtt': [evidenceBucketId(), 'Arn'] }]),
      on('s3:DeleteObject', quarantinePrefix),
      on('s3:GetObject', acceptedPrefix),
      on('s3:PutObject', acceptedPrefix),
    ];
    const expected: Record<string, string[]> = {
      'create-upload': [on('s3:PutObject', quarantinePrefix)],
      'register-case': referencing,
      'complainant-action': referencing,
      'upload-sweep': [on('s3:DeleteObject', quarantinePrefix), on('s3:DeleteObject', acceptedPrefix)],
      'retention-sweep': [on('s3:DeleteObject', quarantinePrefix), on('s3:DeleteObject', acceptedPrefix)],
      // A data-subject request: the export signs download links, the erasure deletes the person's files.
      'admin-export-case': [on('s3:GetObject', acceptedPrefix)],
      // The staff case view signs 5-minute download links of checked files.
      'staff-get-case': [on('s3:GetObject', acceptedPrefix)],
      'admin-erase-complainant': [on('s3:DeleteObject', quarantinePrefix), on('s3:DeleteObject', acceptedPrefix)],
    };
    for (const decl of topology.functions) {
      const variables = resources[functionId(decl.name)]!.Properties.Environment.Variables as Record<string, unknown>;
      expect([...new Set(s3Grants(decl.name))].sort(), decl.name).toEqual((expected[decl.name] ?? []).sort());
      expect('EVIDENCE_BUCKET' in variables, decl.name).toBe(decl.name in expected);
      // The pages that post files to the bucket allow its origin in their CSP.
      expect('EVIDENCE_UPLOAD_ORIGIN' in variables, decl.name).toBe(decl.access.evidenceUploadOrigin === true);
    }
  });
});

describe('HTTP API', () => {
  it('has exactly the topology routes plus $default, each to its handler', () => {
    const routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    const expected = [...topology.routes.map((r) => [`${r.method} ${r.path}`, r.handler]), ['$default', topology.fallbackHandler]];
    const actual = routes.map((route) => {
      const integrationId = (route.Properties.Target['Fn::Join'][1] as [string, { Ref: string }])[1].Ref;
      const uri = resources[integrationId]!.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] };
      const handler = expected.find(([, name]) => functionId(name!) === uri['Fn::GetAtt'][0])?.[1];
      return [route.Properties.RouteKey as string, handler];
    });
    expect(actual.sort()).toEqual(expected.sort());
  });

  it('puts the staff JWT authorizer (the pool as issuer, the console client as audience) on every staff route and on no other', () => {
    const [authorizerId, authorizer] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Authorizer')!;
    expect(authorizer.Properties).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain(logicalIdOf('AWS::Cognito::UserPool', () => true));
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: logicalIdOf('AWS::Cognito::UserPoolClient', () => true) }]);
    const routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    for (const declared of topology.routes) {
      const route = routes.find((r) => r.Properties.RouteKey === `${declared.method} ${declared.path}`)!;
      if (declared.auth === 'staff') expect(route.Properties, declared.path).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      else expect(route.Properties.AuthorizationType ?? 'NONE', declared.path).toBe('NONE');
    }
    expect(topology.routes.filter((r) => r.auth === 'staff').map((r) => r.path)).toEqual(expect.arrayContaining(['/staff/me', '/staff/{proxy+}', '/admin', '/admin/{proxy+}']));
  });

  it('is throttled and writes access logs without client addresses', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.not(Match.stringLikeRegexp('sourceIp')) },
    });
  });
});

describe('staff identity', () => {
  it('has one group per role and one user per staff member of the stage config, in the groups of their roles', () => {
    const config = loadStageConfig(stage);
    const groups = Object.values(resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup').map((r) => r.Properties.GroupName);
    expect(groups.sort()).toEqual(['admin', 'handler', 'supervisor']);
    const users = Object.values(resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolUser').map((r) => r.Properties.Username);
    expect(users.sort()).toEqual(config.staff.map((s) => s.email).sort());
    const memberships = Object.values(resources)
      .filter((r) => r.Type === 'AWS::Cognito::UserPoolUserToGroupAttachment')
      .map((r) => `${r.Properties.Username} ${r.Properties.GroupName}`);
    expect(memberships.sort()).toEqual(config.staff.flatMap((s) => s.roles.map((role) => `${s.email} ${role}`)).sort());
  });

  it('lets nobody sign up, and requires MFA where the stage config says so (prod)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
    const prod = Template.fromStack(createStageApp('prod', { skipBundling: true }).stack);
    prod.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
  });

  it('a staff member cannot set their own address: the console client cannot write email, and a change waits for verification', () => {
    const client = Object.values(resources).find((r) => r.Type === 'AWS::Cognito::UserPoolClient')!;
    expect(client.Properties.WriteAttributes).toEqual(['name']);
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['email', 'email_verified']));
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } });
  });

  it('has a console client without a secret that signs in by code flow through the hosted UI back to /staff', () => {
    const publicBaseUrl = loadStageConfig(stage).publicBaseUrl.replace(/\/$/, '');
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [`${publicBaseUrl}/staff`],
    });
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    for (const decl of topology.functions) {
      const signIn = resources[functionId(decl.name)]!.Properties.Environment.Variables.STAFF_SIGN_IN;
      if (decl.access.staffSignIn) expect(JSON.stringify(signIn), decl.name).toContain('hosted-ui');
      else expect(signIn, decl.name).toBeUndefined();
    }
  });
});

describe('schedules', () => {
  it('has one EventBridge rule per topology schedule, invoking its handler', () => {
    // Plus the one rule of the SES events (mail below).
    template.resourceCountIs('AWS::Events::Rule', topology.schedules.length + 1);
    for (const schedule of topology.schedules) {
      template.hasResourceProperties('AWS::Events::Rule', {
        Name: fnName(schedule.name),
        ScheduleExpression: schedule.expression,
        State: 'ENABLED',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId(schedule.handler), 'Arn'] } })],
      });
    }
  });
});

describe('asynchronous invocations', () => {
  it('every rule target (schedules, mail events) ends a failure in the alarmed async-failures queue, as target DLQ and as on-failure destination', () => {
    const failuresId = queueId(`complaints-${stage}-async-failures`);
    const failuresArn = { 'Fn::GetAtt': [failuresId, 'Arn'] };
    const handlers = [...new Set([...topology.schedules.map((s) => s.handler), 'mail-events'])];
    const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules.length).toBeGreaterThan(1);
    for (const rule of rules) {
      for (const target of rule.Properties.Targets) expect(target.DeadLetterConfig, rule.Properties.Name).toEqual({ Arn: failuresArn });
    }
    for (const name of handlers) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId(name) },
        DestinationConfig: { OnFailure: { Destination: failuresArn } },
      });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `complaints-${stage}-async-failures-dead-letters`,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [failuresId, 'QueueName'] } }],
    });
  });
});

describe('mail', () => {
  it('declares the SES identity of the sender domain', () => {
    const domain = loadStageConfig(stage).senderAddress.split('@')[1];
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: domain });
  });

  it('sends every mail through the stage configuration set, whose bounces and complaints reach mail-events through EventBridge', () => {
    const configurationSet = `complaints-${stage}-mail`;
    const setId = logicalIdOf('AWS::SES::ConfigurationSet', (p) => p.Name === configurationSet);
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: setId },
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint']),
        EventBridgeDestination: { EventBusArn: Match.anyValue() },
      }),
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: fnName('mail-events'),
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: setId }] } } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId('mail-events'), 'Arn'] } })],
    });
    for (const decl of topology.functions.filter((f) => f.access.sendsMail)) {
      const mail = statementsOf(decl.name).find((s) => [s.Action].flat().includes('ses:SendEmail'))!;
      expect(JSON.stringify(mail.Resource)).toContain(`:configuration-set/",{"Ref":"${setId}"}`);
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: fnName(decl.name),
        Environment: { Variables: Match.objectLike({ MAIL_CONFIGURATION_SET: { Ref: setId } }) },
      });
    }
  });
});
