/**
 * Starts the whole local system once for the handler and end-to-end tiers: every port
 * free-chosen (so `npm test` runs beside `npm start`), DynamoDB in memory, schedules
 * only when a test fires them. Tests reach it through test/support/system.ts.
 *
 * The handlers' environment (STAGE, TABLE_NAME, QUEUE_URL_*, STAGE_CONFIG and the
 * AWS_ENDPOINT_URL_* variables) is also set on process.env here, and the test workers
 * inherit it, so a handler test can import `functions/<name>.ts` and call it directly.
 */
import type { TestProject } from 'vitest/node';
import { startLocalSystem } from '../../local/system';
import type { StaffPool } from '../../local/provision';

export interface LocalSystemInfo {
  /** Base URL of the HTTP API (payload 2.0 gateway), e.g. http://localhost:41234 */
  readonly gatewayUrl: string;
  /** SES emulator: GET /store, POST /clear-store. */
  readonly sesUrl: string;
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
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const system = await startLocalSystem({
    ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, control: 0 },
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
  return () => system.stop();
}
