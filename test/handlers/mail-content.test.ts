/**
 * No text the submitter chose reaches any mail except the case number and the category
 * (issue 9, Found 5): submissions whose every free field carries a marker (subject, host,
 * description, request, name, evidence link) go through the real workflow to every kind of
 * mail it sends (receipt, not accepted, supplement, assignment, FAQ answer, reminders and
 * overdue notices, closed as incomplete); no subject, text or HTML part holds the marker.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as slaSweep } from '../../functions/sla-sweep';
import { resetRuntimeSettings } from '../../shared/config/runtime';
import { uniqueMarker } from '../support/cases';
import { lambdaContext, scheduledEvent } from '../support/events';
import { sesStore } from '../support/system';
import { isolatedWorkflow, noticesOf, settle, submit } from './workflow-harness';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const sweep = (time: Date) => slaSweep(scheduledEvent(time), lambdaContext('sla-sweep', 60_000));
const marker = uniqueMarker();
const cases: string[] = [];

beforeAll(async () => {
  await isolatedWorkflow({ complaint: 'MC', report: 'MR' });
  const config = JSON.parse(process.env.STAGE_CONFIG!);
  // Only the operator's own host is in scope: a submitted host elsewhere is not accepted.
  // A level-2 report needing evidence waits for it (a level-3 one never waits, seed 003), so it can close as incomplete.
  const requirements = [...config.review.requirements, { category: 'harassment', kinds: ['report'], needs: ['evidence'] }];
  process.env.STAGE_CONFIG = JSON.stringify({ ...config, review: { ...config.review, scopeHosts: ['shop.example.cn'], requirements } });
  resetRuntimeSettings();
  const contact = { name: `张三${marker}`, email: `${marker}@example.com` };
  const free = { description: `订单页面价格与结算价格不一致 ${marker}`, request: `请退还差价 ${marker}`, contact, language: 'zh-CN' };
  const received = at('2026-11-23 10:00');
  cases.push(
    await submit({ kind: 'complaint', category: 'service-quality', subject: { type: 'url', value: `https://shop.example.cn/${marker}` }, evidence: [{ url: `https://shop.example.cn/e/${marker}` }], ...free }, received),
    await submit({ kind: 'complaint', category: 'service-quality', subject: { type: 'url', value: `https://${marker}.example.net/` }, ...free, language: 'en' }, received),
    await submit({ kind: 'report', category: 'fraud', subject: { type: 'account', value: `骗子${marker}` }, ...free }, received),
    await submit({ kind: 'report', category: 'harassment', subject: { type: 'account', value: `骚扰${marker}` }, ...free }, received),
    await submit({ kind: 'complaint', category: 'other', subject: { type: 'account', value: `acct-${marker}` }, ...free, description: `请问你们的服务时间是什么时候 ${marker}` }, received),
  );
  await settle(at('2026-11-23 10:01'));
  // The ladder: reminders, overdue notices, the supplement not received (closed as incomplete).
  for (const time of [at('2026-11-23 13:15'), at('2026-11-23 14:05'), at('2026-11-30 18:05'), at('2026-12-01 09:05')]) {
    await sweep(time);
    await settle(time);
  }
});

describe('every mail the workflow sends for marked submissions', () => {
  it('covers every kind of mail', async () => {
    const topics = new Set<string>();
    for (const n of cases) for (const notice of await noticesOf(n)) if (notice.state === 'sent') topics.add(String(notice.topic));
    expect([...topics].sort()).toEqual(expect.arrayContaining(['assigned', 'closed-incomplete', 'inquiry-answered', 'overdue', 'receipt', 'rejected', 'reminder', 'supplement-requested']));
  });

  it('holds no text the submitter chose: the marker is in no subject, text or HTML', async () => {
    const mails = (await sesStore()).filter((m) => cases.some((n) => m.subject.includes(n)));
    expect(mails.length).toBeGreaterThanOrEqual(10);
    const leaking = mails.filter((m) => [m.subject, m.body.text ?? '', m.body.html ?? ''].some((part) => part.includes(marker)));
    expect(leaking.map((m) => m.subject)).toEqual([]);
  });
});
