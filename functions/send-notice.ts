import { emit } from '../shared/adapters/metrics';
import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { notifyQueueMessageSchema } from '../shared/schemas/messages';
import { sendAccessLink } from '../shared/workflow/access-link';
import { sendNotice } from '../shared/workflow/send-notice';

/** Queue `notify` — every workflow mail: render (zh-CN/en) and send once; and the lost-token link mails. */
export const handler = queueConsumer('send-notice', notifyQueueMessageSchema, async (message, { sentAt, metrics }) => {
  const settings = runtimeSettings();
  const result = message.type === 'access-link' ? await sendAccessLink(settings, message.caseNumber, sentAt, message.emailHash) : await sendNotice(settings, message.caseNumber, message.noticeKey, sentAt);
  if (result === 'sent') emit(metrics, 'NoticesSent');
  if (result === 'failed') emit(metrics, 'MailsFailed');
  if (result === 'suppressed') emit(metrics, 'MailsSuppressed');
  if (result === 'capped') emit(metrics, 'MailsCapped');
  if (result === 'deferred') emit(metrics, 'MailsDeferred');
});
