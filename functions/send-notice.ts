import { emit } from '../shared/adapters/metrics';
import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { noticeMessageSchema } from '../shared/schemas/messages';
import { sendNotice } from '../shared/workflow/send-notice';

/** Queue `notify` — every workflow mail: render (zh-CN/en) and send once. */
export const handler = queueConsumer('send-notice', noticeMessageSchema, async (message, { sentAt, metrics }) => {
  const result = await sendNotice(runtimeSettings(), message.caseNumber, message.noticeKey, sentAt);
  if (result === 'sent') emit(metrics, 'NoticesSent');
  if (result === 'failed') emit(metrics, 'MailsFailed');
  if (result === 'suppressed') emit(metrics, 'MailsSuppressed');
});
