/**
 * The sweep section of `npm run bench` on its own: `npx tsx bench/sla-sweep.ts`
 * (starts its own emulators, no pollers). Knobs: BENCH_SWEEP_SIZES (1000,10000),
 * BENCH_SWEEP_DUE (100), BENCH_SWEEP_RUNS (15). See bench/sweep.ts.
 */
import './quiet-env';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalSystem } from '../local/system';
import { installMeter } from './meter';
import { printSweep, sweepBench } from './sweep';

export const sweepOptions = () => ({
  sizes: (process.env.BENCH_SWEEP_SIZES ?? '1000,10000').split(',').map(Number),
  due: Number(process.env.BENCH_SWEEP_DUE ?? 100),
  runs: Number(process.env.BENCH_SWEEP_RUNS ?? 15),
});

async function main(): Promise<void> {
  const system = await startLocalSystem({ quiet: true, pollers: false, scheduleTimers: false, ports: { control: false }, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  const raw = new DynamoDBClient({ endpoint: system.urls.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const meter = installMeter(system.runner);
    printSweep(await sweepBench({ raw, doc: DynamoDBDocumentClient.from(raw) }, meter, sweepOptions()));
  } finally {
    raw.destroy();
    await system.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
