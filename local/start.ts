/**
 * `npm start`: the whole system on this machine, stage `local` (spec/api.md "Running it");
 * `npm start -- --stage local-cn` runs it with the China stage's components (mail through
 * the SMTP capture server instead of the SES emulator).
 * Fixed ports: gateway PORT (default 3000), mail outbox 8005 (SES emulator, or the SMTP
 * server's HTTP side with SMTP itself on 8025), DynamoDB 8000, SQS 9324, S3 4568,
 * cognito-local 9229 (its discovery document names that port), the local OpenID provider 9230
 * (an `oidc` stage: its issuer names the port), control 3099 (LOCAL_CONTROL_PORT).
 * HOST=0.0.0.0 opens the gateway to the LAN (a phone). DynamoDB data stays in .local/dynamodb,
 * evidence files in .local/s3 and the staff pool in .local/cognito across runs;
 * `npm start -- --in-memory` keeps none.
 */
import * as path from 'node:path';
import { killSpawnedEmulators } from './emulators';
import { defaultControlPort } from './control-server';
import { PortInUseError } from './ports';
import { consoleLog } from './runtime-log';
import { startLocalSystem, type LocalSystem } from './system';
import { localStaffPassword } from './provision';
import { stageNames } from '../shared/config/load-stage-config';
import type { StageConfig } from '../shared/config/stage-config';
import { calendarWarningsAt, workingCalendar } from '../shared/domain/calendar';

const fixedPorts = { dynamodb: 8000, sqs: 9324, ses: 8005, s3: 4568, cognito: 9229, oidc: 9230, smtp: 8025 } as const;
/** Stages that run on this machine (the others deploy to AWS). */
const localStages = ['local', 'local-cn'];
const dataDir = path.join(__dirname, '..', '.local', 'dynamodb');
const s3DataDir = path.join(__dirname, '..', '.local', 's3');
const cognitoDataDir = path.join(__dirname, '..', '.local', 'cognito');
const hashSecretFile = path.join(__dirname, '..', '.local', 'hash-secret');
const oidcDataDir = path.join(__dirname, '..', '.local', 'oidc');

async function main(): Promise<void> {
  const started = Date.now();
  const inMemory = process.argv.includes('--in-memory');
  const stage = stageArgument();
  const gatewayPort = numberFromEnv('PORT', 3000);
  const controlPort = numberFromEnv('LOCAL_CONTROL_PORT', defaultControlPort);
  console.log(`Starting the complaint handling system (stage ${stage})...`);

  let system: LocalSystem | undefined;
  let stopping = false;
  let firstSignalAt = 0;
  const shutdown = async (signal: string) => {
    if (stopping) {
      // npm and tsx pass the terminal's Ctrl-C on as well: a repeat within 2 s is the same one.
      if (Date.now() - firstSignalAt < 2_000) return;
      // A second Ctrl-C: no more waiting, but still no Java left behind.
      console.log('Forced stop.');
      killSpawnedEmulators();
      process.exit(1);
    }
    stopping = true;
    firstSignalAt = Date.now();
    console.log(`\n${signal}: stopping (Ctrl-C again to force)...`);
    const t = Date.now();
    await system?.stop();
    console.log(`Stopped in ${Date.now() - t} ms. Nothing left running.`);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  // A handler's stray promise must not take the whole system down (it would in Lambda only that container).
  process.on('unhandledRejection', (reason) => consoleLog.error('unhandled rejection in a handler (the system keeps running)', reason));

  try {
    system = await startLocalSystem({
      stage,
      ports: { gateway: gatewayPort, control: controlPort, ...fixedPorts },
      gatewayHost: process.env.HOST || undefined,
      dataDir: inMemory ? undefined : dataDir,
      hashSecretFile: inMemory ? undefined : hashSecretFile,
      cognitoDataDir: inMemory ? undefined : cognitoDataDir,
      oidcDataDir: inMemory ? undefined : oidcDataDir,
      s3DataDir: inMemory ? undefined : s3DataDir,
      accessLog: true,
      portFix: (service, port) =>
        service === 'gateway'
          ? `Another \`npm start\` may be running; stop it, or use another port: PORT=${port + 1} npm start`
          : service === 'control'
            ? `Another \`npm start\` may be running; stop it, or use LOCAL_CONTROL_PORT=${port + 1} (and the same for npm run clock/schedule).`
            : `Another \`npm start\` (or another ${service} emulator) may be running; stop it first. \`ss -ltnp 'sport = :${port}'\` shows who holds it.`,
    });
  } catch (error) {
    if (error instanceof PortInUseError) console.error(`\nCannot start: ${error.message}`);
    else consoleLog.error('Cannot start the local system:', error);
    killSpawnedEmulators();
    process.exit(1);
  }
  if (stopping) return;
  console.log(banner(system, ((Date.now() - started) / 1000).toFixed(1), inMemory));
  const config = JSON.parse(system.env.STAGE_CONFIG!) as StageConfig;
  for (const warning of calendarWarningsAt(workingCalendar(config), system.clock.now())) consoleLog.warn(`calendar: ${warning}`);
}

function banner(system: LocalSystem, seconds: string, inMemory: boolean): string {
  const { urls } = system;
  const rows: [string, string][] = [
    ['Complaint form', `${urls.gateway}/`],
    ['Status page', `${urls.gateway}/status`],
    ['OpenAPI document', `${urls.gateway}/openapi.json`],
    ['Health', `${urls.gateway}/health`],
    urls.smtp
      ? ['Email outbox (SMTP)', `${urls.ses.replace(emulatorLoopback, 'localhost')}   (JSON: GET /store; SMTP server ${urls.smtp.replace(emulatorLoopback, 'localhost')})`]
      : ['Email outbox (SES)', `${urls.ses.replace(emulatorLoopback, 'localhost')}   (JSON: GET /store)`],
    ['DynamoDB Local', `${urls.dynamodb}   table ${system.tableName}, ${inMemory ? 'in memory' : 'data in .local/dynamodb'}`],
    ['S3 emulator', `${urls.s3}   evidence files, ${inMemory ? 'in a temporary directory' : 'data in .local/s3'}`],
    ['SQS emulator', `${urls.sqs}   queues: ${Object.keys(system.queues).join(', ') || '(none)'} (each with a -dlq)`],
    ['Staff console', `${urls.gateway}/staff   (local password for every staff member: ${localStaffPassword}; npm run staff-token -- <email>)`],
    system.staffPool.provider === 'cognito'
      ? ['Staff pool', `${urls.cognito}   cognito-local, pool ${system.staffPool.userPoolId}, ${inMemory ? 'in memory' : 'data in .local/cognito'}`]
      : ['Staff sign-in', `${system.staffPool.issuer}   local OpenID provider, ${inMemory ? 'in memory' : 'accounts and key in .local/oidc'}`],
    ['Control endpoint', `${urls.control ?? '(off)'}   npm run clock | schedule`],
  ];
  const schedules = system.scheduler.list();
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    '',
    `Complaint handling, stage ${system.stage}: up in ${seconds} s`,
    '',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    '',
    `  Schedules: ${schedules.map((s) => `${s.name} ${s.expression}`).join(', ') || '(none)'}`,
    `  Clock: ${system.clock.now().toISOString()} (real time; npm run clock -- <ISO time> to move it)`,
  ];
  if (system.missingFunctions.length) {
    lines.push(`  Not there yet: ${system.missingFunctions.map((name) => `functions/${name}.ts`).join(', ')} (calls to them fail; their queues keep their messages until the file exists)`);
  }
  lines.push('', 'Ctrl-C stops everything.', '');
  return lines.join('\n');
}

const emulatorLoopback = '127.0.0.1';

/** `--stage <name>` (default `local`): one of the stages that run here. */
function stageArgument(): string {
  const at = process.argv.indexOf('--stage');
  const given = at === -1 ? undefined : process.argv[at + 1];
  const inline = process.argv.find((a) => a.startsWith('--stage='))?.slice('--stage='.length);
  const stage = inline ?? given ?? 'local';
  if (!localStages.includes(stage)) {
    const known = (stageNames as readonly string[]).includes(stage) ? ` (${stage} deploys to AWS)` : '';
    console.error(`--stage ${stage}${known}: npm start runs ${localStages.join(' or ')}`);
    process.exit(1);
  }
  return stage;
}

function numberFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name}=${text} is not a port number`);
    process.exit(1);
  }
  return value;
}

void main();
