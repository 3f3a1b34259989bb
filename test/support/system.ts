/**
 * Helpers for tests against the local system that test/support/global-setup.ts starts
 * (integration project: test/handlers, test/e2e). The system is shared by every test
 * file of the run: filter mails by a unique address (never clear the outbox), and reset the clock
 * after moving it.
 */
import { inject } from 'vitest';
import { resetRuntimeSettings } from '../../shared/config/runtime';
import type { LocalSystemInfo } from './global-setup';
import type { ScheduleRun } from '../../local/scheduler';

export type { LocalSystemInfo };

export function systemUrls(): LocalSystemInfo {
  return inject('localSystem');
}

/** A mail as the SES emulator stores it. */
export interface StoredMail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: string[]; readonly cc: string[]; readonly bcc: string[] };
  readonly subject: string;
  readonly body: { readonly html?: string; readonly text?: string };
  readonly at?: number;
}

export async function sesStore(): Promise<StoredMail[]> {
  const response = await fetch(`${systemUrls().sesUrl}/store`);
  if (!response.ok) throw new Error(`SES emulator answered ${response.status}`);
  return ((await response.json()) as { emails: StoredMail[] }).emails;
}

/** Mails to one address (unique addresses per test keep parallel files apart). */
export async function mailsTo(address: string): Promise<StoredMail[]> {
  return (await sesStore()).filter((mail) => [...mail.destination.to, ...mail.destination.cc, ...mail.destination.bcc].includes(address));
}

/** Polls until `probe` returns something other than undefined/false/null, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function control<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${systemUrls().controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(answer.error ?? `control endpoint answered ${response.status}`);
  return answer;
}

/** Resolves once no queue holds work and nothing runs (every step of the workflow has settled). */
export async function waitForIdle(timeoutMs = 20_000): Promise<void> {
  await control('/idle', { timeoutMs });
}

export const setClock = (time: string | Date) => control<{ now: string }>('/clock', { time: new Date(time).toISOString() });
export const resetClock = () => control<{ now: string }>('/clock', { reset: true });
/** An SES bounce or complaint event for `address`, as `npm run mail-event` feeds it. */
export const feedMailEvent = (kind: 'bounce' | 'transient-bounce' | 'complaint', address: string) =>
  control<{ suppressed: number }>('/mail-events', { kind, address });
export const runSchedule = (name: string, at?: string | Date) =>
  control<ScheduleRun>(`/schedules/${encodeURIComponent(name)}/run`, at === undefined ? {} : { at: new Date(at).toISOString() });

/**
 * Points this worker's handlers at the shared system. Workers inherit the variables
 * from the global setup already; call this after a test changed process.env.
 */
export function useLocalSystemEnv(): void {
  Object.assign(process.env, systemUrls().env);
  resetRuntimeSettings();
}
