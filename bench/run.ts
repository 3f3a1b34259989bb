/**
 * `npm run bench`: the speed and size targets of the project, measured, printed as a
 * table and written to bench/results.json. Targets live here, never in timed tests.
 *
 * Intake: POST /complaints through the local HTTP gateway and the real register-case
 * handler, against DynamoDB Local and the SQS emulator, side by side with a bare Node
 * server that does only one PutItem and one SendMessage against the same emulators.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { loadStageConfig } from '../shared/config/load-stage-config';
import { startLocalSystem } from '../local/system';
import { startBaseline } from './baseline';
import { bundleSizes } from './bundles';
import { postLoad, type LoadResult } from './load';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 8);
const bundleLimitBytes = 150 * 1024;
const intakeRatioTarget = 1.3;

const complaint = JSON.stringify({
  kind: 'complaint',
  category: 'service-quality',
  subject: { type: 'url', value: 'https://shop.example.cn/orders' },
  description: '订单页面显示的价格与结算价格不一致，请核实。',
  contact: { email: 'bench@example.com' },
});

async function main(): Promise<void> {
  const config = loadStageConfig('local');
  const bundles = await bundleSizes(JSON.stringify(config));

  // The bench is one client: lift the per-client limits so it measures work, not 429s.
  const stageConfig = { ...config, rateLimits: { submissionsPerMinute: 10_000_000, requestsPerMinute: 10_000_000 } };
  // No pollers: the bench times intake alone, as the baseline does no downstream work either.
  const system = await startLocalSystem({
    quiet: true,
    pollers: false,
    scheduleTimers: false,
    ports: { control: false },
    stageConfig,
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  const clientConfig = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamodb = new DynamoDBClient({ ...clientConfig, endpoint: system.urls.dynamodb });
  const sqs = new SQSClient({ ...clientConfig, endpoint: system.urls.sqs });
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench-baseline' }));
  const baseline = await startBaseline({ dynamodb, sqs }, system.tableName, QueueUrl!);
  try {
    // DynamoDB Local's JVM runs about half speed until warmed (toolchain.md).
    await postLoad(`${baseline.url}/`, complaint, connections, warmupSeconds);
    await postLoad(`${system.urls.gateway}/complaints`, complaint, connections, warmupSeconds);
    const bare = await postLoad(`${baseline.url}/`, complaint, connections, seconds);
    const intake = await postLoad(`${system.urls.gateway}/complaints`, complaint, connections, seconds);
    report(intake, bare, bundles);
  } finally {
    await baseline.close();
    dynamodb.destroy();
    sqs.destroy();
    await system.stop();
  }
}

function report(intake: LoadResult, bare: LoadResult, bundles: Record<string, number>): void {
  const ratioP99 = round(intake.p99Ms / bare.p99Ms);
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    load: { connections, seconds },
    intake: {
      p50Ms: intake.p50Ms,
      p99Ms: intake.p99Ms,
      requestsPerSecond: round(intake.requestsPerSecond),
      non2xx: intake.non2xx,
      baselineP50Ms: bare.p50Ms,
      baselineP99Ms: bare.p99Ms,
      baselineRequestsPerSecond: round(bare.requestsPerSecond),
      ratioP99,
      targetRatioP99: intakeRatioTarget,
      meetsTarget: ratioP99 <= intakeRatioTarget,
    },
    bundles,
    bundleLimitBytes,
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  console.log(`\nIntake under load (${connections} connections, ${seconds} s each, after ${warmupSeconds} s warm-up)`);
  console.table({
    'POST /complaints (full intake)': { 'p50 ms': intake.p50Ms, 'p99 ms': intake.p99Ms, 'req/s': round(intake.requestsPerSecond), non2xx: intake.non2xx },
    'bare PutItem + SendMessage': { 'p50 ms': bare.p50Ms, 'p99 ms': bare.p99Ms, 'req/s': round(bare.requestsPerSecond), non2xx: bare.non2xx },
  });
  console.log(`p99 ratio ${ratioP99} (target ≤ ${intakeRatioTarget}): ${ratioP99 <= intakeRatioTarget ? 'met' : 'NOT met'}`);
  console.log(`\nMinified bundles (target ≤ ${bundleLimitBytes / 1024} KB each)`);
  console.table(
    Object.fromEntries(
      Object.entries(bundles).map(([name, bytes]) => [name, { KB: round(bytes / 1024), 'within target': bytes <= bundleLimitBytes }]),
    ),
  );
  console.log('→ bench/results.json');
}

const round = (n: number): number => Math.round(n * 100) / 100;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
