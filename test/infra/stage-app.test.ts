/**
 * The app around the stack: stage config validation at synth, per-stage keeping rules,
 * cdk-nag, and that the stack follows any topology (no per-function code in infra/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { createStageApp } from '../../infra/stage-app';
import type { TopologyShape } from '../../infra/topology-shape';
import localConfig from '../../config/stages/local';
import prodConfig from '../../config/stages/prod';
import { topology } from '../../shared/topology';
import { stageNames } from '../../shared/config/load-stage-config';

const outdirs: string[] = [];
const outdir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdk-test-'));
  outdirs.push(dir);
  return dir;
};
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('stage config at synth', () => {
  it('fails on a bad value, naming the field', () => {
    const configInput = { ...localConfig, senderAddress: 'not-an-address' };
    expect(() => createStageApp('dev', { configInput, skipBundling: true })).toThrow(/senderAddress/);
  });

  it('fails on a broken reference, naming the field', () => {
    const configInput = { ...localConfig, categories: [{ ...localConfig.categories[0]!, department: 'nowhere' }] };
    expect(() => createStageApp('dev', { configInput, skipBundling: true })).toThrow(/categories\.0\.department: unknown department "nowhere"/);
  });

  it('fails on an unknown stage, listing the known ones', () => {
    expect(() => createStageApp('qa', { skipBundling: true })).toThrow(`Unknown stage "qa"; known stages: ${stageNames.join(', ')}`);
  });
});

describe('capacity from the stage config', () => {
  it('throttles the API and reserves concurrency: capped for public functions, guaranteed for the workflow', () => {
    const capacity = { apiRatePerSecond: 7, apiBurst: 9, workflowConcurrency: 3, publicConcurrency: 11 };
    const template = Template.fromStack(createStageApp('dev', { skipBundling: true, configInput: { ...localConfig, capacity } }).stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 7, ThrottlingBurstLimit: 9 } });
    const publicFunctions = new Set<string>([...topology.routes.map((r) => r.handler), topology.fallbackHandler]);
    for (const decl of topology.functions) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `complaints-dev-${decl.name}`,
        ReservedConcurrentExecutions: publicFunctions.has(decl.name) ? 11 : 3,
      });
    }
    expect(topology.queues.every((q) => !publicFunctions.has(q.consumer))).toBe(true);
    expect(topology.schedules.every((s) => !publicFunctions.has(s.handler))).toBe(true);
  });

  it('refuses a burst below the rate, and reservations the account cannot give, naming the fields', () => {
    expect(() => createStageApp('dev', { skipBundling: true, configInput: { ...localConfig, capacity: { apiRatePerSecond: 50, apiBurst: 10 } } })).toThrow(
      /capacity\.apiBurst: must be at least apiRatePerSecond/,
    );
    expect(() => createStageApp('dev', { skipBundling: true, configInput: { ...localConfig, capacity: { publicConcurrency: 200, accountConcurrency: 1000 } } })).toThrow(
      /would reserve \d+ of capacity\.accountConcurrency 1000.*lower capacity\.publicConcurrency/,
    );
  });

  it('refuses a queue that may run more batches at once than its consumer has reserved', () => {
    const notify = topology.queues.find((q) => q.name === 'notify')!;
    const workflowConcurrency = notify.maxConcurrency! - 1;
    expect(() => createStageApp('dev', { skipBundling: true, configInput: { ...localConfig, capacity: { workflowConcurrency } } })).toThrow(
      new RegExp(`queue "notify" may run ${notify.maxConcurrency} batches at once, above the ${workflowConcurrency} reserved for send-notice; raise capacity\\.workflowConcurrency`),
    );
  });
});

describe('placeholder addresses', () => {
  const placeholderError = Match.stringLikeRegexp('placeholder addresses');

  it('refuses prod (an error annotation: cdk synth|diff|deploy fail) naming each field that holds one', () => {
    const { app } = createStageApp('prod', { skipBundling: true, refusePlaceholders: true, outdir: outdir() });
    const message = (() => {
      try {
        app.synth();
        return 'synthesised';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/placeholder addresses.*-c dryRun=true/);
    expect(message).toMatch(/^ {2}senderAddress: complaints@example\.org$/m);
    expect(message).toMatch(/^ {2}publicBaseUrl: https:\/\/complaints\.example\.org$/m);
    expect(message).toMatch(/^ {2}onCall\.0\.email: on-call@example\.org/m);
  });

  it('lets a dry run of prod through with a warning', () => {
    const annotations = Annotations.fromStack(createStageApp('prod', { skipBundling: true, refusePlaceholders: true, context: { dryRun: 'true' } }).stack);
    expect(annotations.findError('*', placeholderError)).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('Dry run.*placeholder addresses'))).toHaveLength(1);
  });

  it('lets prod through once every address is real, and leaves other stages alone', () => {
    const configInput = JSON.parse(JSON.stringify(prodConfig).replaceAll('example.org', 'complaints-office.cn')) as unknown;
    expect(Annotations.fromStack(createStageApp('prod', { skipBundling: true, refusePlaceholders: true, configInput }).stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(createStageApp('dev', { skipBundling: true, refusePlaceholders: true }).stack).findError('*', Match.anyValue())).toEqual([]);
  });
});

describe('keeping data per stage', () => {
  it('retains the prod table and logs for a year; dev keeps logs a month and may be deleted', () => {
    const prod = Template.fromStack(createStageApp('prod', { skipBundling: true }).stack);
    prod.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ DeletionProtectionEnabled: true }) });
    prod.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });

    const dev = Template.fromStack(createStageApp('dev', { skipBundling: true }).stack);
    dev.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    dev.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes for every stage, each acknowledgement carrying a reason', () => {
    // prod-cn: test/infra/china-stage.test.ts runs it through the same gate.
    for (const stage of stageNames.filter((s) => s !== 'prod-cn')) {
      const { app } = createStageApp(stage, { skipBundling: true, outdir: outdir() });
      expect(() => app.synth(), stage).not.toThrow();
      const acknowledgements = app.node
        .findAll()
        .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
        .flatMap((m) => Object.entries(m.data as Record<string, string>));
      expect(acknowledgements.length).toBeGreaterThan(0);
      for (const [id, reason] of acknowledgements) expect(reason.length, id).toBeGreaterThan(40);
    }
  });
});

describe('any topology', () => {
  // Only functions whose files are stable parts of the walking skeleton.
  const fixture: TopologyShape = {
    table: { partitionKey: 'pk', sortKey: 'sk', indexes: [{ name: 'byDue', partitionKey: 'duePk', sortKey: 'dueSk', include: ['caseNumber'] }] },
    functions: [
      { name: 'health', description: 'GET /health', timeoutSeconds: 5, memoryMb: 128, access: {} },
      { name: 'http-fallback', description: 'fallback', timeoutSeconds: 5, memoryMb: 128, access: {} },
      { name: 'outbox-relay', description: 'a step', timeoutSeconds: 20, memoryMb: 256, access: { table: { read: true }, sendsTo: ['second'] } },
    ],
    routes: [{ method: 'GET', path: '/health', handler: 'health' }],
    fallbackHandler: 'http-fallback',
    queues: [{ name: 'second', consumer: 'outbox-relay', batchSize: 25, maxReceiveCount: 7, visibilityTimeoutSeconds: 120 }],
    schedules: [{ name: 'nightly', handler: 'outbox-relay', expression: 'cron(0 18 * * ? *)' }],
  };

  it('builds functions, queues, alarms, routes and schedules from the declaration alone', () => {
    const template = Template.fromStack(createStageApp('dev', { skipBundling: true, topology: fixture }).stack);
    template.resourceCountIs('AWS::Lambda::Function', 3);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'complaints-dev-second',
      VisibilityTimeout: 120,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 7 }),
    });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'complaints-dev-second-dlq' });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS' });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 18 * * ? *)' });
    template.hasResourceProperties('AWS::DynamoDB::Table', { GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byDue' })] });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
  });

  it('names a topology mistake instead of synthesising half a stack', () => {
    const dangling = { ...fixture, queues: [{ ...fixture.queues[0]!, consumer: 'nobody' }] };
    expect(() => createStageApp('dev', { skipBundling: true, topology: dangling })).toThrow(/function "nobody"/);
  });

  it('refuses a staff or admin route declared without the staff authorizer', () => {
    for (const path of ['/staff/cases', '/admin', '/admin/staff']) {
      const open = { ...fixture, routes: [{ method: 'GET', path, handler: 'health' }] };
      expect(() => createStageApp('dev', { skipBundling: true, topology: open }), path).toThrow(/staff area: declare it with auth: 'staff'/);
    }
    const guarded = { ...fixture, routes: [{ method: 'GET', path: '/staff/cases', handler: 'health', auth: 'staff' as const }] };
    const template = Template.fromStack(createStageApp('dev', { skipBundling: true, topology: guarded }).stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /staff/cases', AuthorizationType: 'JWT' });
  });
});
