/**
 * SES bounce and complaint events as EventBridge delivers them from a configuration set
 * (detail types "Email Bounced" / "Email Complaint Received", the SES event record in
 * `detail`), for the local system: the SES emulator sends mail but produces no events.
 * The record carries only what SES's carries; `npm run mail-event` and the tests feed it.
 */
import { randomUUID } from 'node:crypto';

export const sesEventKinds = ['bounce', 'transient-bounce', 'complaint'] as const;
export type SesEventKind = (typeof sesEventKinds)[number];

export function sesEvent(kind: SesEventKind, address: string, at: Date, configurationSet: string, region: string, account: string) {
  const time = at.toISOString();
  const mail = { timestamp: time, source: 'sender@example.org', messageId: randomUUID(), destination: [address], tags: { 'ses:configuration-set': [configurationSet] } };
  const detail =
    kind === 'complaint'
      ? { eventType: 'Complaint', mail, complaint: { complainedRecipients: [{ emailAddress: address }], timestamp: time, feedbackId: randomUUID(), complaintFeedbackType: 'abuse' } }
      : {
          eventType: 'Bounce',
          mail,
          bounce: {
            bounceType: kind === 'bounce' ? 'Permanent' : 'Transient',
            bounceSubType: kind === 'bounce' ? 'General' : 'MailboxFull',
            bouncedRecipients: [{ emailAddress: address, action: 'failed', status: kind === 'bounce' ? '5.1.1' : '4.2.2' }],
            timestamp: time,
            feedbackId: randomUUID(),
          },
        };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': kind === 'complaint' ? 'Email Complaint Received' : 'Email Bounced',
    source: 'aws.ses',
    account,
    time,
    region,
    resources: [`arn:aws:ses:${region}:${account}:configuration-set/${configurationSet}`],
    detail,
  };
}
