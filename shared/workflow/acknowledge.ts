import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../adapters/aws-clients';
import { historyItem, readCase, readContact } from '../adapters/case-store';
import { handoffDone } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { sendMail } from '../adapters/mailer';
import { claimNotice, noticeSent } from '../adapters/notice-ledger';
import type { StageConfig } from '../config/stage-config';
import { workingCalendar } from '../domain/calendar';
import { deadlineAt } from '../domain/deadlines';
import { formatLocal } from '../domain/time-format';
import { statusUrl } from '../http/links';
import { acknowledgementMail } from '../mail/acknowledgement';

const noticeKey = 'acknowledge';

/**
 * 受理回执: mail the receipt once. Anonymous reports and phone-only complaints get no
 * mail (their number and token were shown on screen). Redelivered messages find the
 * notice already sent and only confirm the hand-off.
 */
export async function acknowledgeCase(
  settings: { tableName: string; config: StageConfig },
  caseNumber: string,
  now: Date,
): Promise<'sent' | 'no-address' | 'already-sent'> {
  const { tableName, config } = settings;
  const caseRecord = await readCase(tableName, caseNumber);
  if (!caseRecord) throw new Error('Case not found for acknowledgement');
  const contact = await readContact(tableName, caseNumber);
  const done = handoffDone(tableName, caseNumber, 'acknowledge');
  if (!contact?.email) {
    await dynamo().send(new TransactWriteCommand({ TransactItems: [done] }));
    return 'no-address';
  }
  const claim = await claimNotice(tableName, caseNumber, noticeKey);
  if (claim === 'already-sent') {
    await dynamo().send(new TransactWriteCommand({ TransactItems: [done] }));
    return 'already-sent';
  }
  if (claim === 'in-flight') throw new Error('Acknowledgement is being sent by another delivery; retry later');

  const receivedAt = new Date(caseRecord.receivedAt);
  const reviewBy = deadlineAt(workingCalendar(config), receivedAt, config.limits['scope-decision']);
  const category = config.categories.find((c) => c.id === caseRecord.category);
  const mail = acknowledgementMail({
    caseRecord,
    receivedAt: formatLocal(receivedAt, config.timeZone),
    reviewBy: formatLocal(reviewBy, config.timeZone),
    statusLink: statusUrl(config.publicBaseUrl, caseNumber),
    categoryName: category?.name[caseRecord.language] ?? caseRecord.category,
  });
  await sendMail({ to: contact.email, ...mail });
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        noticeSent(tableName, caseNumber, noticeKey, now),
        { Put: { TableName: tableName, Item: historyItem(caseNumber, { at: now.toISOString(), seq: 1, status: 'received', action: 'acknowledge', actor: 'system', note: 'acknowledgement-sent', public: true }) } },
        done,
      ],
    }),
  );
  logger.info('Acknowledgement sent', { caseNumber });
  return 'sent';
}
