/**
 * The survey link opens the case (issue 21 item 3): the follow-up mail's status link carries a
 * token of its own in the fragment, minted once per survey notice, whatever its retries.
 *
 * Follow-up that closes the loop (issue 21 item 13; seed 003 四(二): 未解决的投诉 3 日内启动二次跟进;
 * level 2 至少一次电话或在线回访), over real HTTP: an unresolved survey answer starts a second
 * follow-up (`second-follow-up`, 3 working days in every shipped stage) that a recorded phone
 * or online follow-up meets; a level-2 case asks its handler for one before the reply. The
 * report's counts: test/e2e/management-report.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { dynamo, sqs } from '../../shared/adapters/aws-clients';
import { keys } from '../../shared/adapters/keys';
import { escalateAt } from '../support/case-steps';
import { complaintBody, uniqueMarker } from '../support/cases';
import { postJson, request } from '../support/http-client';
import { staffToken } from '../support/staff';
import { mailsTo, systemUrls, waitFor } from '../support/system';

const from = '127.0.3.43';
const auth = async (who: string) => ({ authorization: `Bearer ${await staffToken(who)}` });

interface StaffView {
  version: number;
  assignee: string | null;
  status: string;
  level: number;
  followUpContacts: number;
  followUpContactNeeded?: boolean;
  deadlines: { name: string; dueAt: string; state: string }[];
}
const read = async (caseNumber: string) => {
  const answer = await request('GET', `/staff/cases/${caseNumber}`, { from, headers: await auth('director@example.org') });
  expect(answer.status, answer.text).toBe(200);
  return answer.json<StaffView>();
};
const post = async (caseNumber: string, who: string, body: Record<string, unknown>) =>
  postJson(`/staff/cases/${caseNumber}/actions`, { ...body, version: (await read(caseNumber)).version }, { from, headers: await auth(who) });
async function act(caseNumber: string, who: string, body: Record<string, unknown>): Promise<void> {
  const answer = await post(caseNumber, who, body);
  expect(answer.status, `${String(body.action)}: ${answer.text}`).toBe(200);
}
async function assignedCase(overrides: Record<string, unknown> = {}) {
  const marker = uniqueMarker();
  const created = await postJson('/complaints', complaintBody(marker, overrides), { from });
  expect(created.status, created.text).toBe(201);
  const { caseNumber, accessToken } = created.json<{ caseNumber: string; accessToken: string }>();
  const assignee = await waitFor(async () => (await read(caseNumber)).assignee, 60_000, `${caseNumber} assigned`);
  return { caseNumber, accessToken, assignee, address: `${marker}@example.com` };
}
const reply = { action: 'reply', result: '已核实并更正价格', basis: '《电子商务法》第十七条', measures: '退还差价' };
const secondFollowUp = async (caseNumber: string) => (await read(caseNumber)).deadlines.filter((d) => d.name === 'second-follow-up');

describe('the second follow-up (二次跟进)', () => {
  it('an unresolved answer starts it, due within 3 working days; a phone follow-up note meets it', async () => {
    const { caseNumber, accessToken, assignee } = await assignedCase();
    await act(caseNumber, assignee, reply);
    const answered = new Date();
    const feedback = await postJson(`/complaints/${caseNumber}/feedback`, { resolved: false, score: 2 }, { from, headers: { authorization: `Bearer ${accessToken}` } });
    expect(feedback.status, feedback.text).toBe(200);

    const [started] = await secondFollowUp(caseNumber);
    expect(started).toMatchObject({ state: 'open' });
    const due = Date.parse(started!.dueAt);
    // 3 working days: at least the next three calendar days, at most 3 working days plus a long holiday.
    expect(due).toBeGreaterThan(answered.getTime() + 2 * 86_400_000);
    expect(due).toBeLessThan(answered.getTime() + 12 * 86_400_000);

    const wrong = await post(caseNumber, assignee, { action: 'note', text: '已回访', followUp: 'fax' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('followUp');
    await act(caseNumber, assignee, { action: 'note', text: '电话回访，投诉人同意再给三天处理', followUp: 'phone' });
    expect(await secondFollowUp(caseNumber)).toMatchObject([{ state: 'met' }]);
    expect((await read(caseNumber)).followUpContacts).toBe(1);
  });

  it('a resolved answer starts none', async () => {
    const { caseNumber, accessToken, assignee } = await assignedCase();
    await act(caseNumber, assignee, reply);
    const feedback = await postJson(`/complaints/${caseNumber}/feedback`, { resolved: true, score: 5 }, { from, headers: { authorization: `Bearer ${accessToken}` } });
    expect(feedback.status, feedback.text).toBe(200);
    expect(await secondFollowUp(caseNumber)).toEqual([]);
  });
});

describe('level 2: one phone or online follow-up before the reply (二级 至少一次回访)', () => {
  it('the case view asks for it until an online follow-up is recorded', async () => {
    const { caseNumber, assignee } = await assignedCase({ category: 'functional-fault', subject: { type: 'url', value: 'https://shop.example.cn/app' }, description: `应用登录后反复闪退，无法下单 ${uniqueMarker()}` });
    expect((await read(caseNumber)).level).toBe(2);
    expect((await read(caseNumber)).followUpContactNeeded).toBe(true);
    await act(caseNumber, assignee, { action: 'note', text: '在线回访：投诉人确认问题仍在', followUp: 'online' });
    const view = await read(caseNumber);
    expect([view.followUpContacts, view.followUpContactNeeded]).toEqual([1, undefined]);
  });
});

describe('the survey link opens the case (回访, issue 21 item 3)', () => {
  const surveys = async (address: string) => (await mailsTo(address)).filter((m) => m.subject.includes('回访'));
  const linkOf = (text: string | undefined) => /(https?:\/\/\S+\/status\?case=\S+#token=(\S+))/.exec(text ?? '');
  const followUpHashes = async (caseNumber: string) => {
    const found = await dynamo().get({ TableName: systemUrls().tableName, Key: keys.submission(caseNumber), ConsistentRead: true });
    return (found.Item?.followUpTokenHashes ?? []) as string[];
  };
  const status = (caseNumber: string, token: string) => request('GET', `/complaints/${caseNumber}`, { from, headers: { authorization: `Bearer ${token}` } });
  const notify = (caseNumber: string, noticeKey: string) =>
    sqs().sendMessage({ QueueUrl: systemUrls().env.QUEUE_URL_NOTIFY!, MessageBody: JSON.stringify({ type: 'notice', caseNumber, noticeKey }) });

  it('carries a token in the fragment that opens the status; the old token still works; a redelivered or resent notice adds no second token', async () => {
    const { caseNumber, accessToken, assignee, address: mailbox } = await assignedCase();
    await act(caseNumber, assignee, reply);
    await escalateAt(caseNumber, new Date(Date.now() + 25 * 3_600_000));
    const [survey] = await waitFor(async () => {
      const found = await surveys(mailbox);
      return found.length > 0 && found;
    }, 30_000, 'the survey mail');
    const link = linkOf(survey!.body.text);
    expect(link, survey!.body.text).not.toBeNull();
    const url = new URL(link![1]!);
    expect([url.pathname, url.searchParams.get('case')]).toEqual(['/status', caseNumber]);
    const token = decodeURIComponent(link![2]!);
    expect(token).not.toBe(accessToken);
    expect(survey!.body.html).toContain(`#token=${link![2]}`);

    // The status page reads the token from the fragment and asks the API with it.
    const opened = await status(caseNumber, token);
    expect(opened.status, opened.text).toBe(200);
    expect(opened.json<{ caseNumber: string; status: string; actions: { feedback: boolean } }>()).toMatchObject({ caseNumber, status: 'replied', actions: { feedback: true } });
    expect((await status(caseNumber, accessToken)).status).toBe(200);
    expect(await followUpHashes(caseNumber)).toHaveLength(1);

    // A redelivered message finds the notice sent: nothing minted, nothing sent.
    const noticeKey = await surveyNoticeKey(caseNumber);
    await notify(caseNumber, noticeKey);
    // A crash after the mail went out and before it was marked sent (fault injected on purpose:
    // the notice item set back to pending by hand): the next delivery sends it again, with the same token.
    await dynamo().update({
      TableName: systemUrls().tableName,
      Key: keys.notice(caseNumber, noticeKey),
      UpdateExpression: 'SET #state = :pending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pending': 'pending' },
    });
    await notify(caseNumber, noticeKey);
    const again = await waitFor(async () => {
      const found = await surveys(mailbox);
      return found.length > 1 && found;
    }, 30_000, 'the survey sent again');
    expect(again).toHaveLength(2);
    expect(decodeURIComponent(linkOf(again[1]!.body.text)![2]!)).toBe(token);
    expect(await followUpHashes(caseNumber)).toHaveLength(1);
    expect((await status(caseNumber, token)).status).toBe(200);

    // Answering through the link: the survey's token acts as the case's own.
    const answered = await postJson(`/complaints/${caseNumber}/feedback`, { resolved: true, score: 5 }, { from, headers: { authorization: `Bearer ${token}` } });
    expect(answered.status, answered.text).toBe(200);
  });
});

/** The survey's notice key, from the case's notice items (`CASE#n / NOTICE#<key>`). */
async function surveyNoticeKey(caseNumber: string): Promise<string> {
  const found = await dynamo().query({
    TableName: systemUrls().tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.case(caseNumber).pk },
    ConsistentRead: true,
  });
  const keysFound = (found.Items ?? []).filter((i) => i.type === 'notice' && i.topic === 'survey').map((i) => String(i.noticeKey));
  expect(keysFound).toHaveLength(1);
  return keysFound[0]!;
}
