/**
 * Working-time intake and the ladder across a holiday (国庆 2026: 1-7 October off) and a
 * weekend: a level-1 clock stops over the holiday and its staff notices wait for working
 * time; a level-3 security case runs on calendar hours and alerts at once, day or night.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as slaSweep } from '../../functions/sla-sweep';
import { complaintBody, uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import type { SweepResult } from '../../shared/workflow/sla-sweep';
import { caseItem, isolatedWorkflow, noticesOf, settle, submit } from './workflow-harness';
import { deadlineRecord } from '../../shared/domain/deadline-kinds';
import type { DeadlineState } from '../../shared/domain/case-state';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const sweep = async (time: Date) => (await slaSweep(scheduledEvent(time), lambdaContext('sla-sweep'))) as SweepResult;
const marker = uniqueMarker();
let general: string;
let major: string;

beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'HT', report: 'HR' });
  general = await submit(complaintBody(marker, { subject: { type: 'account', value: `holiday-${marker}` } }), at('2026-09-30 17:00'));
  await settle(at('2026-09-30 17:01'));
  major = await submit(
    { kind: 'report', category: 'illegal-content', subject: { type: 'url', value: `https://bad.example.net/${marker}` }, description: `节日期间发现的有害信息 ${marker}`, evidence: [{ url: `https://bad.example.net/${marker}.png` }] },
    at('2026-10-02 03:00'),
  );
  await settle(at('2026-10-02 03:01'));
});

const states = async (caseNumber: string, topic: string) => (await noticesOf(caseNumber)).filter((n) => n.topic === topic).map((n) => `${n.deadline ?? ''}:${n.state}`);

describe('working time across the National Day holiday', () => {
  it('a level-1 complaint received the evening before the holiday is due 4 working hours later, on 8 October', async () => {
    expect(deadlineRecord((await caseItem(general)).deadlines as DeadlineState[])).toMatchObject({ 'first-response': at('2026-10-08 12:00').toISOString() });
  });

  it('a level-3 security report on a holiday night runs on calendar hours and alerts on-call and the supervisor at once', async () => {
    const item = await caseItem(major);
    expect(deadlineRecord(item.deadlines as DeadlineState[])['response-started']).toBe(at('2026-10-03 03:00').toISOString());
    expect(await states(major, 'on-call-alert')).toEqual([':sent']);
    expect(await states(major, 'level-3-alert')).toEqual([':sent']);
  });

  it('sweeps during the holiday send only what is urgent; the level-1 reminder waits for 8 October', async () => {
    await sweep(at('2026-10-02 22:15')); // 80 % of the level-3 24 h, at night: goes out at once
    await settle(at('2026-10-02 22:15'));
    expect(await states(major, 'reminder')).toEqual(['response-started:sent']);
    await sweep(at('2026-10-05 12:00'));
    await settle(at('2026-10-05 12:00'));
    expect(await states(general, 'reminder')).toEqual([]);
    await sweep(at('2026-10-08 11:15'));
    await settle(at('2026-10-08 11:15'));
    expect(await states(general, 'reminder')).toEqual(['first-response:sent']);
    await sweep(at('2026-10-08 11:20')); // a later sweep finds nothing new
    await settle(at('2026-10-08 11:20'));
    expect(await states(general, 'reminder')).toEqual(['first-response:sent']);
  });
});
