/**
 * Starts the whole local system once for the handler and end-to-end tiers (stage `local`;
 * global-setup-cn.ts starts stage `local-cn` for the China-stage subset): every port
 * free-chosen (so `npm test` runs beside `npm start`), DynamoDB in memory, schedules
 * only when a test fires them. Tests reach it through test/support/system.ts.
 *
 * The handlers' environment (STAGE, TABLE_NAME, QUEUE_URL_*, STAGE_CONFIG and the
 * AWS_ENDPOINT_URL_* variables) is also set on process.env here, and the test workers
 * inherit it, so a handler test can import `functions/<name>.ts` and call it directly.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalSystem } from '../../local/system';
import { recordAwsCalls, type AwsCall } from './aws-calls';
import { deniedCalls, stagePolicies } from './iam-proof';
import type { StaffPool } from '../../local/provision';

export interface LocalSystemInfo {
  /** Base URL of the HTTP API (payload 2.0 gateway), e.g. http://localhost:41234 */
  readonly gatewayUrl: string;
  /** The mail outbox (SES emulator, or on local-cn the SMTP capture server): GET /store, POST /clear-store. */
  readonly sesUrl: string;
  /** The stage the system runs. */
  readonly stage: string;
  /** Control endpoint: clock, schedules, idle (local/control-server.ts). */
  readonly controlUrl: string;
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly tableName: string;
  /** By topology queue name. */
  readonly queueUrls: Readonly<Record<string, string>>;
  readonly dlqUrls: Readonly<Record<string, string>>;
  /** The handlers' environment. */
  readonly env: Readonly<Record<string, string>>;
  /** The staff user pool in cognito-local (test/support/staff.ts signs in against it). */
  readonly staffPool: StaffPool;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localSystem: LocalSystemInfo;
    /** JSON lines of every distinct AWS call the handlers made, from every worker (test/support/aws-calls.ts). */
    awsCallLog: string;
  }
}

export default function setup(project: TestProject): Promise<() => Promise<void>> {
  return setupStage(project, 'local');
}

/**
 * The system of `stage`, with the IAM proof of the calls made on it. The proof reads the
 * stage's synthesised policies: for `local` only (a China stage's grants are held by
 * test/infra; its local run makes no call beyond the local stage's).
 */
export async function setupStage(project: TestProject, stage: 'local' | 'local-cn'): Promise<() => Promise<void>> {
  const started = Date.now();
  const callLogDir = mkdtempSync(join(tmpdir(), 'complaints-aws-calls-'));
  const callLog = join(callLogDir, 'calls.jsonl');
  // The local system's handlers run in this process; the workers' handlers record through record-aws-calls.ts.
  recordAwsCalls({ file: callLog });
  project.provide('awsCallLog', callLog);
  const system = await startLocalSystem({
    stage,
    ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, smtp: 0, control: 0 },
    quiet: true,
    jvm: 'fast-start',
    scheduleTimers: false,
    // Handlers are silent in tests (TEST_LOG_LEVEL=WARN npm test shows them); a test that
    // reads log lines sets the level itself.
    env: { POWERTOOLS_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'SILENT' },
  });
  const queues = Object.entries(system.queues);
  project.provide('localSystem', {
    gatewayUrl: system.urls.gateway,
    sesUrl: system.urls.ses,
    stage,
    controlUrl: system.urls.control!,
    dynamodbEndpoint: system.urls.dynamodb,
    sqsEndpoint: system.urls.sqs,
    tableName: system.tableName,
    queueUrls: Object.fromEntries(queues.map(([name, q]) => [name, q.url])),
    dlqUrls: Object.fromEntries(queues.map(([name, q]) => [name, q.dlqUrl])),
    env: system.env,
    staffPool: system.staffPool,
  });
  if (process.env.LOCAL_SYSTEM_TIMING) console.log(`local system up in ${Date.now() - started} ms`);
  return async () => {
    await system.stop();
    if (stage === 'local') await checkRecordedCalls(callLog);
    rmSync(callLogDir, { recursive: true, force: true });
  };
}

/**
 * The IAM proof over the whole run: every call any handler made in any test must be
 * allowed by its function's policies (the representative run in
 * test/handlers/least-privilege.test.ts also proves the reverse). Vitest only logs an
 * error thrown here, so a finding sets the exit code itself.
 */
async function checkRecordedCalls(file: string): Promise<void> {
  const lines = readFileSync(file, { encoding: 'utf8', flag: 'a+' }).split('\n').filter((line) => line !== '');
  const denied = await deniedCalls(stagePolicies('local'), lines.map((line) => JSON.parse(line) as AwsCall));
  if (denied.length > 0) {
    console.error(`IAM proof: ${denied.length} call(s) made in this run are not allowed by the function's policies (docs/security.md):`);
    for (const finding of denied) console.error(`  ${finding.function}: ${finding.action} on ${finding.detail}`);
    process.exitCode = 1;
  }
}
