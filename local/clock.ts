/**
 * `npm run clock -- <ISO-8601 time>` | `npm run clock -- reset` | `npm run clock`:
 * sets (or shows) the clock of the running local system. API events, queue messages
 * and schedules then carry times that run on from that instant.
 */
import { loadStageConfig } from '../shared/config/load-stage-config';
import { callControl, exitWith } from './control-client';

const usage = 'Usage: npm run clock -- <ISO-8601 time with offset, e.g. 2026-12-01T09:00:00+08:00> | reset';

async function main(): Promise<void> {
  const [arg, ...rest] = process.argv.slice(2);
  if (rest.length > 0 || arg === '--help' || arg === '-h') exitWith(new Error(usage));
  let answer: { status: number; body: { now?: string; offsetMs?: number; error?: string } };
  if (arg === undefined) {
    answer = await callControl('GET', '/clock');
  } else if (arg === 'reset') {
    answer = await callControl('POST', '/clock', { reset: true });
  } else {
    // Without an offset the time would depend on this machine's zone: ask for one.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(arg) || Number.isNaN(Date.parse(arg))) {
      exitWith(new Error(`Not an ISO-8601 time with an offset: "${arg}".\n${usage}`));
    }
    answer = await callControl('POST', '/clock', { time: arg });
  }
  if (answer.status !== 200 || !answer.body.now) exitWith(new Error(answer.body.error ?? `control endpoint answered ${answer.status}`));
  const now = new Date(answer.body.now);
  const timeZone = loadStageConfig('local').timeZone;
  const local = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(now);
  const runsOn = answer.body.offsetMs === 0 ? 'real time' : `offset ${formatOffset(answer.body.offsetMs ?? 0)} from real time`;
  console.log(`Local clock: ${now.toISOString()} (${local} ${timeZone}), ${runsOn}`);
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  let seconds = Math.round(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / 86_400);
  seconds -= days * 86_400;
  const hms = new Date(seconds * 1000).toISOString().slice(11, 19);
  return `${sign}${days ? `${days}d ` : ''}${hms}`;
}

main().catch(exitWith);
