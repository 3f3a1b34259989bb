import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, ScheduledEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDeadLetters, peekDeadLetters, replayDeadLetters } from '../../local/dead-letter';
import type { LocalTopology } from '../../local/local-topology';
import { UnknownScheduleError } from '../../local/scheduler';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { fixtureCalls } from './fixtures/calls';

// The local runtime on a topology of fixture functions, every port free-chosen, so
// this runs beside `npm start`. Queues redeliver after 1 s and dead-letter after 2 receives.
const fixtureTopology: LocalTopology = {
  table: { partitionKey: 'pk', sortKey: 'sk', indexes: [] },
  functions: ['partial-consumer', 'throwing-consumer', 'scheduled', 'http-echo', 'http-plain', 'not-written-yet'].map((name) => ({
    name,
    timeoutSeconds: 5,
    memoryMb: 128,
  })),
  routes: [
    { method: 'GET', path: '/echo/{id}', handler: 'http-echo' },
    { method: 'POST', path: '/echo', handler: 'http-echo' },
    { method: 'GET', path: '/plain', handler: 'http-plain' },
    { method: 'GET', path: '/missing', handler: 'not-written-yet' },
  ],
  fallbackHandler: 'http-echo',
  queues: [
    { name: 'partial', consumer: 'partial-consumer', batchSize: 10, maxReceiveCount: 2, visibilityTimeoutSeconds: 1 },
    { name: 'broken', consumer: 'throwing-consumer', batchSize: 5, maxReceiveCount: 2, visibilityTimeoutSeconds: 1 },
  ],
  schedules: [
    { name: 'tick', handler: 'scheduled', expression: 'rate(1 minute)' },
    { name: 'nine-utc', handler: 'scheduled', expression: 'cron(0 9 * * ? *)' },
  ],
};

let system: LocalSystem;
let sqs: SQSClient;
// The runtime's own lines, kept for assertions instead of printed (several tests fail on purpose).
const logged: string[] = [];
const log = { info: () => undefined, warn: (line: string) => void logged.push(line), error: (line: string) => void logged.push(line) };

beforeAll(async () => {
  system = await startLocalSystem({
    topology: fixtureTopology,
    functionsDir: path.join(__dirname, 'fixtures'),
    log,
    jvm: 'fast-start',
    localOnlyRoutes: [
      {
        route: { method: 'POST', path: '/local-only', handler: 'local-only' },
        function: { name: 'local-only', timeoutSeconds: 5, memoryMb: 128 },
        moduleFile: path.join(__dirname, 'fixtures', 'elsewhere', 'local-only-answer.ts'),
      },
    ],
  });
  sqs = new SQSClient({ endpoint: system.urls.sqs, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});

afterAll(async () => {
  sqs?.destroy();
  await system?.stop();
});

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const send = (queue: string, body: unknown) =>
  sqs.send(
    new SendMessageCommand({
      QueueUrl: system.queues[queue]!.url,
      MessageBody: JSON.stringify(body),
      MessageAttributes: { origin: { DataType: 'String', StringValue: 'test' } },
    }),
  );

/** Every record the consumer was handed, in order. */
const recordsSeen = (fn: string): SQSRecord[] => fixtureCalls(fn).flatMap((call) => (call.event as SQSEvent).Records);
const deliveriesOf = (fn: string, tag: string) => recordsSeen(fn).filter((r) => (JSON.parse(r.body) as { tag?: string }).tag === tag);
const deadLetterCount = async (queue: string) => (await countDeadLetters(sqs, 'local', [queue]))[0]!.messages ?? 0;

describe('HTTP gateway', () => {
  it('builds payload 2.0 events and maps structured responses', async () => {
    const response = await fetch(`${system.urls.gateway}/echo/a%20b?x=1&x=2`, { headers: { cookie: 'c=3; d=4' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-fixture')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const event = (await response.json()) as APIGatewayProxyEventV2;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /echo/{id}',
      rawPath: '/echo/a%20b',
      rawQueryString: 'x=1&x=2',
      pathParameters: { id: 'a b' },
      queryStringParameters: { x: '1,2' },
      cookies: ['c=3', 'd=4'],
      isBase64Encoded: false,
      requestContext: { http: { method: 'GET', path: '/echo/a%20b' }, stage: '$default', routeKey: 'GET /echo/{id}' },
    });
  });

  it('passes JSON bodies as text and form bodies base64-encoded', async () => {
    const json = (await (
      await fetch(`${system.urls.gateway}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"k":"值"}' })
    ).json()) as APIGatewayProxyEventV2;
    expect(json).toMatchObject({ body: '{"k":"值"}', isBase64Encoded: false });
    const form = (await (
      await fetch(`${system.urls.gateway}/echo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' })
    ).json()) as APIGatewayProxyEventV2;
    expect(form).toMatchObject({ body: Buffer.from('a=1').toString('base64'), isBase64Encoded: true });
  });

  it('sends unknown paths to $default, maps bare results to 200 JSON, fails only a missing function', async () => {
    const fallback = (await (await fetch(`${system.urls.gateway}/nowhere`)).json()) as APIGatewayProxyEventV2;
    expect(fallback.routeKey).toBe('$default');
    const plain = await fetch(`${system.urls.gateway}/plain`);
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual({ plain: true });
    expect(system.missingFunctions).toEqual(['not-written-yet']);
    expect((await fetch(`${system.urls.gateway}/missing`)).status).toBe(500);
    expect(logged.some((line) => line.includes('not-written-yet failed for GET /missing'))).toBe(true);
    expect((await fetch(`${system.urls.gateway}/plain`)).status).toBe(200);
  });

  it('serves a local-only route from its own module file, outside the declared topology', async () => {
    const response = await fetch(`${system.urls.gateway}/local-only`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ localOnly: true });
    expect(fixtureTopology.routes.some((route) => route.path === '/local-only')).toBe(false);
    expect(system.missingFunctions).not.toContain('local-only');
  });

  it('stamps request times from the local clock', async () => {
    system.clock.set('2030-01-02T03:04:05Z');
    try {
      const event = (await (await fetch(`${system.urls.gateway}/echo/t`)).json()) as APIGatewayProxyEventV2;
      expect(Math.abs(event.requestContext.timeEpoch - Date.parse('2030-01-02T03:04:05Z'))).toBeLessThan(5_000);
      expect(event.requestContext.time).toMatch(/^02\/Jan\/2030:03:04:0\d \+0000$/);
    } finally {
      system.clock.reset();
    }
  });
});

describe('queue pollers', () => {
  it('redelivers only the failed record of a partial batch failure, then dead-letters it after maxReceiveCount', async () => {
    await Promise.all([send('partial', { tag: 'ok-1' }), send('partial', { tag: 'ok-2' }), send('partial', { tag: 'bad', fail: true })]);
    const second = await waitFor(() => deliveriesOf('partial-consumer', 'bad').find((r) => r.attributes.ApproximateReceiveCount === '2'), 'the redelivery');
    expect(second.eventSource).toBe('aws:sqs');
    expect(second.eventSourceARN).toBe('arn:aws:sqs:us-east-1:000000000000:complaints-local-partial');
    expect(second.messageAttributes.origin).toMatchObject({ stringValue: 'test', dataType: 'String' });
    expect(Math.abs(Number(second.attributes.SentTimestamp) - Date.now())).toBeLessThan(10_000);

    await waitFor(async () => (await deadLetterCount('partial')) === 1 || undefined, 'the DLQ to get the failed message');
    await system.waitForIdle({ timeoutMs: 10_000 });
    expect(deliveriesOf('partial-consumer', 'ok-1')).toHaveLength(1);
    expect(deliveriesOf('partial-consumer', 'ok-2')).toHaveLength(1);
    expect(deliveriesOf('partial-consumer', 'bad')).toHaveLength(2);
  });

  it('counts a thrown error as a failure of the whole batch', async () => {
    await Promise.all([send('broken', { tag: 'x1' }), send('broken', { tag: 'x2' })]);
    await waitFor(async () => (await deadLetterCount('broken')) === 2 || undefined, 'both messages in the DLQ');
    expect(logged.some((line) => line.startsWith('queue broken → throwing-consumer failed the whole batch'))).toBe(true);
    for (const tag of ['x1', 'x2']) {
      expect(deliveriesOf('throwing-consumer', tag).map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    }
  });

  it('lists a DLQ without consuming it and replays it to the source queue', async () => {
    const listed = await peekDeadLetters(sqs, 'local', 'partial');
    expect(listed).toHaveLength(1);
    expect(listed[0]!.body).toContain('"tag":"bad"');
    expect(await deadLetterCount('partial')).toBe(1);

    const before = deliveriesOf('partial-consumer', 'bad').length;
    const replay = await replayDeadLetters(sqs, 'local', 'partial');
    expect(replay).toEqual({ moved: 1, from: 'complaints-local-partial-dlq', to: 'complaints-local-partial' });
    const again = await waitFor(() => deliveriesOf('partial-consumer', 'bad')[before], 'the replayed message');
    expect(again.attributes.ApproximateReceiveCount).toBe('1');
    expect(again.messageAttributes.origin?.stringValue).toBe('test');
  });

  it('shifts SentTimestamp by the local clock', async () => {
    system.clock.set('2030-06-01T00:00:00Z');
    try {
      await send('partial', { tag: 'timed' });
      const record = await waitFor(() => deliveriesOf('partial-consumer', 'timed')[0], 'the message');
      expect(Math.abs(Number(record.attributes.SentTimestamp) - Date.parse('2030-06-01T00:00:00Z'))).toBeLessThan(5_000);
    } finally {
      system.clock.reset();
    }
  });
});

describe('scheduler and clock', () => {
  const scheduledEvents = () => fixtureCalls('scheduled').map((call) => call.event as ScheduledEvent);

  it('fires a schedule once with the given time as a Scheduled Event', async () => {
    const run = await system.runSchedule('tick', '2030-05-06T07:08:09.500Z');
    expect(run).toMatchObject({ name: 'tick', handler: 'scheduled', ok: true, time: '2030-05-06T07:08:09Z', result: { time: '2030-05-06T07:08:09Z' } });
    expect(scheduledEvents().at(-1)).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      region: 'us-east-1',
      account: '000000000000',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/complaints-local-tick'],
      detail: {},
    });
  });

  it('uses the local clock for the default event time', async () => {
    system.clock.set('2031-02-03T04:05:06Z');
    try {
      const run = await system.runSchedule('tick');
      expect(Math.abs(Date.parse(run.time) - Date.parse('2031-02-03T04:05:06Z'))).toBeLessThan(5_000);
    } finally {
      system.clock.reset();
    }
  });

  it('rejects an unknown schedule, naming the known ones', async () => {
    await expect(system.runSchedule('nope')).rejects.toThrow(UnknownScheduleError);
    await expect(system.runSchedule('nope')).rejects.toThrow('tick, nine-utc');
  });

  it('re-plans cron timers when the clock moves', async () => {
    system.clock.set('2031-01-01T08:59:59.000Z');
    try {
      const fired = await waitFor(
        () => scheduledEvents().find((e) => e.resources[0]!.endsWith('/complaints-local-nine-utc')),
        'the 09:00 cron schedule',
        5_000,
      );
      expect(fired.time).toBe('2031-01-01T09:00:00Z');
    } finally {
      system.clock.reset();
    }
    const next = system.scheduler.list().find((s) => s.name === 'nine-utc')!.nextAt!;
    expect(Date.parse(next) - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
  });
});

describe('control endpoint and scripts', () => {
  const run = promisify(execFile);
  const tsx = path.join(__dirname, '../../node_modules/.bin/tsx');
  const script = (name: string) => path.join(__dirname, '../../local', name);

  it('sets and resets the clock over HTTP', async () => {
    const set = await fetch(`${system.urls.control}/clock`, { method: 'POST', body: JSON.stringify({ time: '2032-03-04T05:06:07Z' }) });
    expect(((await set.json()) as { now: string }).now).toMatch(/^2032-03-04T05:06:0/);
    expect(Math.abs(system.clock.nowMs() - Date.parse('2032-03-04T05:06:07Z'))).toBeLessThan(5_000);
    await fetch(`${system.urls.control}/clock`, { method: 'POST', body: JSON.stringify({ reset: true }) });
    expect(system.clock.offsetMs).toBe(0);
  });

  it('npm run clock / schedule talk to the running system', async () => {
    const env = { ...process.env, LOCAL_CONTROL_URL: system.urls.control };
    const clock = await run(tsx, [script('clock.ts'), '2033-01-01T09:00:00+08:00'], { env });
    expect(clock.stdout).toContain('2033-01-01T01:00:00');
    system.clock.reset();
    const schedule = await run(tsx, [script('schedule.ts'), 'tick', '--at', '2033-02-02T00:00:00Z'], { env });
    expect(schedule.stdout).toContain('event time 2033-02-02T00:00:00Z: finished');
    const unknown = await run(tsx, [script('schedule.ts'), 'nope'], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('Schedules: tick, nine-utc') });
    const notRunning = await run(tsx, [script('clock.ts'), 'reset'], { env: { ...env, LOCAL_CONTROL_URL: 'http://127.0.0.1:9' } }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(notRunning).toMatchObject({ code: 3, stderr: expect.stringContaining('not running') });
  });

  it('npm run staff-token prints an ID token of the running system\'s staff pool, and names an unknown address', async () => {
    const env = { ...process.env, LOCAL_CONTROL_URL: system.urls.control };
    const printed = await run(tsx, [script('staff-token.ts'), 'xu.tao@example.org'], { env });
    const claims = JSON.parse(Buffer.from(printed.stdout.trim().split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ email: 'xu.tao@example.org', iss: system.staffPool.issuer, aud: system.staffPool.clientId, token_use: 'id', 'cognito:groups': ['handler'] });
    const unknown = await run(tsx, [script('staff-token.ts'), 'nobody@example.org'], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('not a staff member') });
  });

  it('answers 401 on a staff route when no authorizer is configured (fails closed)', async () => {
    const { startHttpGateway } = await import('../../local/http-gateway');
    const gateway = await startHttpGateway(
      { routes: [{ method: 'GET', path: '/staff/me', handler: 'http-echo', auth: 'staff' }], fallbackHandler: 'http-echo', invoke: system.invoke, clock: system.clock, accountId: '000000000000', log },
      0,
      '127.0.0.1',
    );
    try {
      expect((await fetch(`${gateway.url}/staff/me`)).status).toBe(401);
    } finally {
      await gateway.close();
    }
  });
});

describe('stop', () => {
  it('stops everything, the Java process included', async () => {
    const pids = [system.dynamodbPid, system.cognitoPid!]; // the local stage signs staff in with Cognito: cognito-local runs
    for (const pid of pids) expect(() => process.kill(pid, 0)).not.toThrow();
    await system.stop();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    await expect(fetch(`${system.urls.gateway}/plain`)).rejects.toThrow();
  });
});
