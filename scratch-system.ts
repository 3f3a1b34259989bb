import { startLocalSystem } from './local/system';
void (async () => {
  const system = await startLocalSystem({ ports: { gateway: 0, dynamodb: 0, sqs: 0, ses: 0, cognito: 0, s3: 0, control: 0 }, quiet: true, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' } });
  console.log(`CONTROL ${system.urls.control}`);
  process.on('SIGTERM', () => void system.stop().then(() => process.exit(0)));
})();
