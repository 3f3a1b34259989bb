/**
 * `npm run schedule -- <name> [--at <ISO-8601 time>]`: fires one schedule of the running
 * local system once, with that event time (default: the local clock, which it does
 * not move), and returns when its handler has finished.
 */
import { callControl, exitWith } from './control-client';
import type { ScheduleRun } from './scheduler';

const usage = 'Usage: npm run schedule -- <name> [--at <ISO-8601 time>]';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const atIndex = args.indexOf('--at');
  const at = atIndex === -1 ? undefined : args[atIndex + 1];
  const names = atIndex === -1 ? args : args.filter((_, i) => i !== atIndex && i !== atIndex + 1);
  if (names.length !== 1 || (atIndex !== -1 && at === undefined) || names[0]!.startsWith('-')) {
    const { body } = await callControl<{ name: string; expression: string }[]>('GET', '/schedules');
    exitWith(new Error(`${usage}\nSchedules: ${body.map((s) => `${s.name} (${s.expression})`).join(', ')}`));
  }
  if (at !== undefined && Number.isNaN(Date.parse(at))) exitWith(new Error(`Not an ISO-8601 time: "${at}".\n${usage}`));
  const name = names[0]!;
  const { status, body } = await callControl<ScheduleRun & { error?: string; known?: string[] }>('POST', `/schedules/${encodeURIComponent(name)}/run`, at === undefined ? {} : { at });
  if (status === 404) exitWith(new Error(body.error ?? `Unknown schedule "${name}"`));
  if (status !== 200) exitWith(new Error(body.error ?? `control endpoint answered ${status}`));
  const outcome = body.ok ? 'finished' : `FAILED: ${body.error}`;
  console.log(`Schedule ${body.name} → ${body.handler}, event time ${body.time}: ${outcome} in ${body.durationMs} ms`);
  if (body.ok && body.result !== undefined && body.result !== null) console.log(`Result: ${JSON.stringify(body.result)}`);
  if (!body.ok) process.exit(1);
}

main().catch(exitWith);
