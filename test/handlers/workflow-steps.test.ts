/**
 * The workflow after registration, step by step against the real emulators: initial
 * review, classification, assignment and the notices, with their redeliveries and the
 * crash between each step's write and its hand-off.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqs, ses } from '../../shared/adapters/aws-clients';
import { resetRuntimeSettings, queueUrlVariable } from '../../shared/config/runtime';
import { runtimeSettings } from '../../shared/config/runtime';
import { deadlineRecord } from '../../shared/domain/deadline-kinds';
import type { DeadlineState } from '../../shared/domain/case-state';
import { relayOutbox } from '../../shared/workflow/relay-outbox';
import { complaintBody, uniqueMarker } from '../support/cases';
import { mailsTo, sesStore, type StoredMail } from '../support/system';
import { caseItem, deliver, invoke, isolatedWorkflow, noticesOf, outboxOf, receive, settle, submit, toRecord, type Isolated } from './workflow-harness';
import { rejectMailTo } from '../support/mail-faults';

/** Asia/Shanghai wall time. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const minutesAfter = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

let env: Isolated;
beforeAll(async () => {
  env = await isolatedWorkflow({ complaint: 'WS', report: 'WR' });
});
afterEach(() => {
  vi.restoreAllMocks();
});

const mailsAbout = async (caseNumber: string): Promise<StoredMail[]> => (await sesStore()).filter((m) => m.subject.includes(caseNumber));

function bodyHasNoPersonalData(mail: StoredMail, marker: string) {
  expect(`${mail.subject}\n${mail.body.text ?? ''}\n${mail.body.html ?? ''}`).not.toContain(marker);
}

/** Fault injected on purpose: SendMessage to one queue fails while it is on (the crash after the write). */
function failSendsTo(queue: string) {
  const client = sqs();
  const original = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const url = process.env[queueUrlVariable(queue)];
  return vi.spyOn(client, 'send').mockImplementation(((command: { input?: { QueueUrl?: string }; constructor: { name: string } }, ...rest: unknown[]) =>
    command.constructor.name.startsWith('SendMessage') && command.input?.QueueUrl === url
      ? Promise.reject(Object.assign(new Error(`injected: ${queue} unavailable`), { name: 'ServiceUnavailable' }))
      : original(command, ...rest)) as typeof client.send);
}

describe('review → classify → assign → notify', () => {
  it('a complaint received on Friday night is assigned at once, its clock starting Monday 09:00; the handler mail has no personal data', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-11-20 22:00');
    const caseNumber = await submit(complaintBody(marker, { subject: { type: 'account', value: `shop-${marker}` } }), receivedAt);
    await settle(minutesAfter(receivedAt, 1));

    const item = await caseItem(caseNumber);
    expect(item).toMatchObject({ status: 'assigned', level: 1, priority: 'general', department: 'customer-service', type: 'complaint' });
    // 4 working hours from Monday 09:00 (Friday night and the weekend do not count).
    expect(deadlineRecord(item.deadlines as DeadlineState[])['first-response']).toBe(at('2026-11-23 13:00').toISOString());
    expect(item.gsi1pk).toMatch(/^DUE#2026-11-2/);

    const assignee = String(item.assignee);
    const mails = (await mailsTo(assignee)).filter((m) => m.subject.includes(caseNumber));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain(`/staff?case=${caseNumber}`);
    expect(mails[0]!.body.text).toContain('2026-11-23 13:00');
    bodyHasNoPersonalData(mails[0]!, marker);
    expect(await mailsTo(`${marker}@example.com`)).toHaveLength(1); // the receipt only
    expect(await outboxOf(caseNumber)).toEqual([]);
  });

  it('a level-3 security report at night starts its clock at once and alerts the supervisor and on-call immediately', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-11-21 02:00'); // Saturday night
    const caseNumber = await submit(
      {
        kind: 'report',
        category: 'illegal-content',
        subject: { type: 'url', value: `https://bad.example.net/${marker}` },
        description: `传播违法有害信息的页面 ${marker}`,
        evidence: [{ url: `https://bad.example.net/${marker}/shot.png` }],
        language: 'zh-CN',
      },
      receivedAt,
    );
    await settle(minutesAfter(receivedAt, 1));
    const item = await caseItem(caseNumber);
    expect(item).toMatchObject({ status: 'assigned', level: 3, priority: 'major', department: 'content-security', security: true });
    expect(deadlineRecord(item.deadlines as DeadlineState[])['response-started']).toBe(at('2026-11-22 02:00').toISOString());
    const topics = (await noticesOf(caseNumber)).map((n) => `${n.topic}:${n.audience}:${n.state}`).sort();
    expect(topics).toEqual(expect.arrayContaining(['assigned:assignee:sent', 'level-3-alert:supervisor:sent', 'on-call-alert:on-call:sent', 'major:leadership:sent']));
    expect((await mailsTo('on-call@example.org')).filter((m) => m.subject.includes(caseNumber))).toHaveLength(1);
    for (const mail of await mailsAbout(caseNumber)) bodyHasNoPersonalData(mail, marker);
  });

  it('an incomplete report gets one supplement request listing everything missing, with its deadline', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-11-23 10:00');
    const caseNumber = await submit(
      { kind: 'report', category: 'fraud', subject: { type: 'account', value: `fraud-${marker}` }, description: `冒充客服骗取验证码 ${marker}`, contact: { email: `${marker}@example.com` }, language: 'en' },
      receivedAt,
    );
    await settle(minutesAfter(receivedAt, 1));
    const item = await caseItem(caseNumber);
    expect(item).toMatchObject({ status: 'assigned', missing: ['evidence'] }); // level 3: asked for in parallel (seed 003)
    // 5 working days after Monday: the close of Monday 30 November.
    expect(deadlineRecord(item.deadlines as DeadlineState[])['supplement-due']).toBe(at('2026-11-30 18:00').toISOString());
    const mails = (await mailsTo(`${marker}@example.com`)).filter((m) => m.subject.startsWith('Material needed'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body.text).toContain('evidence');
  });

  it('a URL outside the configured scope is rejected with where to go instead; a simple inquiry is answered and closed', async () => {
    const saved = process.env.STAGE_CONFIG!;
    const config = JSON.parse(saved);
    process.env.STAGE_CONFIG = JSON.stringify({ ...config, review: { ...config.review, scopeHosts: ['example.cn'] } });
    resetRuntimeSettings();
    try {
      const marker = uniqueMarker();
      const receivedAt = at('2026-11-23 10:00');
      const outside = await submit(
        { kind: 'report', category: 'illegal-content', subject: { type: 'url', value: `https://elsewhere.example.net/${marker}` }, description: `别的网站上的有害信息 ${marker}`, evidence: [{ url: 'https://elsewhere.example.net/x.png' }], contact: { email: `${marker}@example.com` } },
        receivedAt,
      );
      const inquiry = await submit(complaintBody(`${marker}b`, { category: 'other', description: `请问你们的人工服务时间是什么时候？${marker}` }), receivedAt);
      await settle(minutesAfter(receivedAt, 1));
      expect(await caseItem(outside)).toMatchObject({ status: 'rejected', closeReason: 'rejected', rejectReason: 'out-of-scope-host' });
      const rejection = (await mailsTo(`${marker}@example.com`)).find((m) => m.subject.includes('不予受理'));
      expect(rejection?.body.text).toContain('12377.cn');
      expect(await caseItem(inquiry)).toMatchObject({ status: 'closed', closeReason: 'resolved', type: 'inquiry' });
      expect((await mailsTo(`${marker}b@example.com`)).some((m) => m.body.text?.includes('09:00-18:00'))).toBe(true);
    } finally {
      process.env.STAGE_CONFIG = saved;
      resetRuntimeSettings();
    }
  });

  it('an exact duplicate is merged into the first case and not assigned again', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-11-23 11:00');
    const body = complaintBody(marker, { subject: { type: 'account', value: `dup-${marker}` } });
    const first = await submit(body, receivedAt);
    await settle(minutesAfter(receivedAt, 1));
    const second = await submit(body, minutesAfter(receivedAt, 5));
    await settle(minutesAfter(receivedAt, 6));
    expect(await caseItem(first)).toMatchObject({ status: 'assigned' });
    expect(await caseItem(second)).toMatchObject({ status: 'closed', closeReason: 'duplicate', mergedInto: first });
    expect((await caseItem(second)).assignee).toBeUndefined();
    expect((await mailsTo(`${marker}@example.com`)).filter((m) => m.subject.includes('合并处理'))).toHaveLength(1);
  });

  it('five distinct complainants about one subject within the window make every member hot; leadership gets one mail for the cluster', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-11-23 14:00');
    const subject = { type: 'url', value: `https://WWW.hot-${marker}.example.cn/page?utm_source=x` };
    const cases: string[] = [];
    for (const [i, who] of ['a', 'b', 'c', 'd', 'e'].entries()) {
      cases.push(await submit(complaintBody(`${marker}${who}`, { subject: i === 1 ? { type: 'url', value: `hot-${marker}.example.cn/page/` } : subject }), minutesAfter(receivedAt, i)));
      await settle(minutesAfter(receivedAt, i + 1));
    }
    for (const n of cases) expect(await caseItem(n)).toMatchObject({ priority: 'hot' });
    // The third complainant turned the cluster hot: its case carries the cluster's one leadership notice; no member has
    // one of its own, and no member's first assignment sends the management group a flash notice (快报).
    const leadership = (await Promise.all(cases.map(noticesOf))).flat().filter((x) => x.audience === 'leadership' || x.audience === 'management-group');
    expect(leadership.map((x) => `${String(x.caseNumber)} ${String(x.topic)} ${String(x.state)}`)).toEqual([`${cases[2]} cluster-hot sent`]);
    expect(leadership[0]!.params).toEqual({ clusterComplainants: 3, subjectType: 'url' });
    const mails = (await sesStore()).filter((m) => m.subject.startsWith('【热点') && cases.some((n) => m.subject.includes(n)));
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining(cases[2]!)]);
    bodyHasNoPersonalData(mails[0]!, marker);
  });
});

describe('each step given a redelivered message changes nothing and mails nothing twice', () => {
  it.each(['review', 'classify', 'assign', 'notify'])('%s', async (queue) => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-11-24 10:00');
    const caseNumber = await submit(complaintBody(marker, { subject: { type: 'account', value: `redeliver-${marker}` } }), receivedAt);
    const order = ['review', 'classify', 'assign', 'notify'];
    for (const q of order.slice(0, order.indexOf(queue))) await deliver(q, minutesAfter(receivedAt, 1));
    const [message] = await receive(env.queueUrls[queue]!);
    expect(message, `a message on ${queue}`).toBeDefined();
    const record = toRecord(queue, message!, minutesAfter(receivedAt, 1), 1);
    expect((await invoke(queue, [record])).batchItemFailures).toEqual([]);
    const afterFirst = { item: await caseItem(caseNumber), notices: await noticesOf(caseNumber), mails: (await mailsAbout(caseNumber)).length };

    // The same message again (the delete was lost, or SQS delivered it twice).
    expect((await invoke(queue, [{ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '2' } }])).batchItemFailures).toEqual([]);
    expect((await caseItem(caseNumber)).version).toBe(afterFirst.item.version);
    expect(await noticesOf(caseNumber)).toEqual(afterFirst.notices);
    expect((await mailsAbout(caseNumber)).length).toBe(afterFirst.mails);
  });
});

describe('a crash between the write and the hand-off strands nothing', () => {
  it.each(['review', 'classify', 'assign', 'notify'])('fault injected: the hand-off to %s fails after the write; the outbox relay delivers it, once', async (queue) => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-11-24 15:00');
    const step = minutesAfter(receivedAt, 1);
    const fault = failSendsTo(queue);
    const caseNumber = await submit(complaintBody(marker, { subject: { type: 'account', value: `crash-${marker}` } }), receivedAt);
    await settle(step);
    expect(fault).toHaveBeenCalled();
    fault.mockRestore();
    expect((await outboxOf(caseNumber)).map((o) => o.queue)).toContain(queue);
    expect((await caseItem(caseNumber)).status === 'assigned' && queue !== 'notify').toBe(false);

    const relayed = await relayOutbox(runtimeSettings(), minutesAfter(receivedAt, 10));
    expect(relayed.relayed).toBeGreaterThanOrEqual(1);
    await settle(minutesAfter(receivedAt, 11));
    const item = await caseItem(caseNumber);
    expect(item.status).toBe('assigned');
    expect(await outboxOf(caseNumber)).toEqual([]);
    expect((await mailsTo(String(item.assignee))).filter((m) => m.subject.includes(caseNumber))).toHaveLength(1);
  });
});

describe('bad input and faults', () => {
  it('a malformed message fails only its record; the rest of the batch is handled', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-11-25 10:00');
    const caseNumber = await submit(complaintBody(marker, { subject: { type: 'account', value: `malformed-${marker}` } }), receivedAt);
    await sqs().send(new SendMessageCommand({ QueueUrl: env.queueUrls.review, MessageBody: '{"type":"case-registered","caseNumber":"not a case"' }));
    await sqs().send(new SendMessageCommand({ QueueUrl: env.queueUrls.review, MessageBody: JSON.stringify({ type: 'surprise', caseNumber }) }));
    const messages = [...(await receive(env.queueUrls.review!)), ...(await receive(env.queueUrls.review!))];
    expect(messages).toHaveLength(3);
    const records = messages.map((m) => toRecord('review', m, minutesAfter(receivedAt, 1)));
    const response = await invoke('review', records);
    const good = records.find((r) => JSON.parse(r.body).type === 'case-registered' && JSON.parse(r.body).caseNumber === caseNumber)!;
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(records.filter((r) => r !== good).map((r) => r.messageId).sort());
    expect((await caseItem(caseNumber)).reviewedAt).toBeDefined();
  });

  it('an SES rejection of one address fails only that notice (marked failed, not retried); the other mails go out', async () => {
    const marker = uniqueMarker();
    const receivedAt = at('2026-11-25 11:00');
    const rejected = `${marker}-bounce@example.com`;
    const restore = rejectMailTo(ses(), rejected);
    try {
      const bad = await submit(complaintBody(marker, { category: 'other', contact: { email: rejected }, description: `请问服务时间？${marker}` }), receivedAt);
      const fine = await submit(complaintBody(`${marker}ok`, { category: 'other', description: `请问服务时间？${marker}ok` }), receivedAt);
      await deliver('review', minutesAfter(receivedAt, 1));
      const { failed } = await deliver('notify', minutesAfter(receivedAt, 2));
      expect(failed).toBe(0);
      // Each case has two complainant notices, the receipt (受理回执) and the answer.
      const states = async (n: string) => (await noticesOf(n)).map((x) => `${x.topic}:${x.state}`).sort();
      expect(await states(bad)).toEqual(['inquiry-answered:failed', 'receipt:failed']);
      expect(await states(fine)).toEqual(['inquiry-answered:sent', 'receipt:sent']);
      expect(await mailsTo(`${marker}ok@example.com`)).toHaveLength(2);
      expect(await outboxOf(bad)).toEqual(expect.not.arrayContaining([expect.objectContaining({ queue: 'notify' })]));
    } finally {
      restore();
    }
  });
});
