/**
 * `npm run seed -- --month 2026-10 [--cases 500]`: fills the running local system with a
 * month of cases through the public API and the staff actions (local/seed-run.ts plays
 * the plan of local/seed-plan.ts), on the local clock moved through the month. A progress
 * bar on a terminal, plain lines otherwise (CI logs, pipes).
 *
 * No progress-bar library: one redrawn `\r` line is all a terminal needs here; the one
 * already in node_modules (`progress`, a dev tool's dependency) is unmaintained since
 * 2019, and cli-progress would be a new dependency for twelve lines.
 */
import { loadStageConfig } from '../shared/config/load-stage-config';
import { periodKindOf } from '../shared/domain/report-period';
import { exitWith } from './control-client';
import { runSeed } from './seed-run';

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
function progress(): (done: number, total: number, note: string) => void {
  const tty = process.stdout.isTTY === true;
  let lastTenth = -1;
  return (done, total, note) => {
    if (tty) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${note}`.padEnd(72));
      if (done === total) process.stdout.write('\n');
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== lastTenth || done === total) console.log(`seed: ${done}/${total} steps (${note})`);
    lastTenth = tenth;
  };
}

async function main(): Promise<void> {
  const { month, cases } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const show = progress();
  // A new generator seed per run, so running it twice adds a second set of cases.
  const summary = await runSeed({ month, cases, config: loadStageConfig('local'), onProgress: show, seed: started % 2 ** 31 });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `Seeded ${summary.submitted} of ${cases} cases received in ${month} in ${seconds} s: ${summary.results.length} results sent, ` +
      `${summary.feedback} survey answers, ${summary.appeals} appeals (${summary.reviews} reviewed)` +
      `${summary.refused.length ? `; refused: ${summary.refused.join(', ')}` : ''}${summary.skipped.length ? `; ${summary.skipped.length} steps the case no longer offered` : ''}.`,
  );
  console.log(`Next: npm run schedule -- monthly-report --at ${nextMonthNine(month)}`);
  if (summary.refused.length) process.exit(1);
}

/** 09:00 Beijing time on the 1st of the month after (when the monthly schedule fires). */
function nextMonthNine(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  return `${next}-01T09:00:00+08:00`;
}

main().catch(exitWith);
