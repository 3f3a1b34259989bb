/**
 * `npm run seed -- --month 2026-10 [--cases 500]`: fills the running local system with a
 * month of cases through the public API, as complainants would send them: the local clock
 * is set to each case's receipt instant before its `POST /complaints`, and the workflow
 * (review, classification, assignment, mails) runs at that time before the next day
 * starts. A progress bar on a terminal, plain lines otherwise (CI logs, pipes). The clock
 * is put back to real time at the end.
 *
 * No progress-bar library: one `\r` line is all a terminal needs here (cli-progress and
 * its kin bring options this script would not use).
 */
import { loadStageConfig } from '../shared/config/load-stage-config';
import { periodKindOf } from '../shared/domain/report-period';
import { wallClock } from '../shared/domain/time-zone';
import { callControl, exitWith } from './control-client';
import { seedPlan } from './seed-plan';

const usage = 'Usage: npm run seed -- --month <YYYY-MM> [--cases <1-5000>]';

function parseArgs(args: readonly string[]): { month: string; cases: number } {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const month = value('--month') ?? '';
  const cases = Number(value('--cases') ?? 500);
  if (periodKindOf(month) !== 'month') exitWith(new Error(`Not a month: "${month}".\n${usage}`));
  if (!Number.isInteger(cases) || cases < 1 || cases > 5000) exitWith(new Error(`--cases must be a whole number from 1 to 5000.\n${usage}`));
  return { month, cases };
}

/** Progress on a terminal (one line, redrawn) or as plain lines every tenth (and at the end). */
function progress(total: number): (done: number, note: string) => void {
  const tty = process.stdout.isTTY === true;
  let lastTenth = -1;
  return (done, note) => {
    if (tty) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${note}`.padEnd(72));
      if (done === total) process.stdout.write('\n');
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== lastTenth || done === total) console.log(`seed: ${done}/${total} cases (${note})`);
    lastTenth = tenth;
  };
}

async function main(): Promise<void> {
  const { month, cases } = parseArgs(process.argv.slice(2));
  const config = loadStageConfig('local');
  const status = await callControl<{ urls: { gateway: string } }>('GET', '/status');
  const plan = seedPlan(month, cases, config);
  const show = progress(plan.length);
  const refused: string[] = [];
  let day = '';
  try {
    for (const [i, planned] of plan.entries()) {
      const today = wallClock(planned.at, config.timeZone).date;
      // Each day's workflow runs at that day's time before the next day's cases arrive.
      if (day && today !== day) await idle();
      day = today;
      await callControl('POST', '/clock', { time: planned.at.toISOString() });
      const response = await fetch(`${status.body.urls.gateway}/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(planned.body) });
      if (response.status !== 201) refused.push(`${response.status} ${((await response.json()) as { type?: string }).type ?? ''}`);
      show(i + 1, today);
    }
    await idle();
  } finally {
    await callControl('POST', '/clock', { reset: true });
  }
  console.log(`Seeded ${plan.length - refused.length} of ${plan.length} cases received in ${month}${refused.length ? `; refused: ${refused.join(', ')}` : ''}.`);
  console.log(`Next: npm run schedule -- monthly-report --at <the 1st of the month after, 09:00+08:00>`);
  if (refused.length) process.exit(1);
}

async function idle(): Promise<void> {
  const { status } = await callControl('POST', '/idle', { timeoutMs: 120_000 });
  if (status !== 200) throw new Error('The workflow did not settle within 2 minutes');
}

main().catch(exitWith);
