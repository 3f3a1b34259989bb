import type { SQSBatchResponse } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';

// Every line a handler can write: the logger reads its level once, when this file loads it.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

import { handler as assignCase } from '../../functions/assign-case';
import { handler as classifyCase } from '../../functions/classify-case';
import { handler as reviewCase } from '../../functions/review-case';
import { handler as sendNotice } from '../../functions/send-notice';
import { complaintBody, itemsMentioning, uniqueMarker } from '../support/cases';
import { lambdaContext, sqsEvent, sqsRecord } from '../support/events';
import { failEverySend, register } from '../support/handlers';
import { capturingOutput } from '../support/output';
import { mailsTo } from '../support/system';

const step = async (handler: typeof reviewCase, queue: string, message: unknown, name: string) =>
  ((await handler(sqsEvent([sqsRecord(queue, message)]), lambdaContext(name))) as SQSBatchResponse).batchItemFailures;

describe('no personal data reaches a log line, at DEBUG, through the whole workflow', () => {
  it('register (accepted and refused), review, classify, assign and every mail', async () => {
    const marker = uniqueMarker();
    const phone = '+86 139 1234 5678';
    let caseNumber = '';
    let accessToken = '';
    const logged = await capturingOutput(async () => {
      const fault = failEverySend(); // the system's pollers stay out: this test runs each step itself
      const accepted = await register(complaintBody(marker, { contact: { name: `赵六${marker}`, email: `${marker}@example.com`, phone } }));
      const refused = await register(complaintBody(marker, { description: '短', contact: { name: `王五${marker}`, email: `bad-${marker}@@x` } }));
      expect([accepted.status, refused.status]).toEqual([201, 400]);
      ({ caseNumber, accessToken } = accepted.body);
      expect(await step(reviewCase, 'review', { type: 'case-registered', caseNumber }, 'review-case')).toEqual([]);
      expect(await step(classifyCase, 'classify', { type: 'case-accepted', caseNumber }, 'classify-case')).toEqual([]);
      expect(await step(assignCase, 'assign', { type: 'case-classified', caseNumber }, 'assign-case')).toEqual([]);
      fault.mockRestore();
      const notices = (await itemsMentioning(caseNumber)).filter((item) => String(item.sk).startsWith('NOTICE#'));
      expect(notices.map((n) => n.topic)).toEqual(expect.arrayContaining(['receipt', 'assigned']));
      for (const notice of notices) {
        expect(await step(sendNotice, 'notify', { type: 'notice', caseNumber, noticeKey: notice.noticeKey }, 'send-notice')).toEqual([]);
      }
    });

    expect(await mailsTo(`${marker}@example.com`)).toHaveLength(1); // the receipt went out while captured
    expect(logged).toContain(caseNumber); // the logs do say what happened…
    expect(logged).toMatch(/"level":"INFO"/); // the capture did see the everyday lines, not only warnings
    // Every field a step logs is kept: Powertools drops a key it reserves (level, message,
    // service, timestamp, sampling_rate) with this warning, so the case's level is `caseLevel`.
    expect(logged).not.toMatch(/is a reserved key and will be dropped/);
    const classified = logged.split('\n').find((line) => line.includes('"Case classified"') && line.includes(caseNumber));
    expect(JSON.parse(classified ?? '{}')).toMatchObject({ caseNumber, caseLevel: expect.any(Number) });
    for (const secret of [marker, phone, '139 1234 5678', accessToken]) expect(logged).not.toContain(secret); // …never who, how to reach them, or what they wrote
  });
});
