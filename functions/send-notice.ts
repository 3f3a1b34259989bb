import { count } from '../shared/adapters/metrics';
import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { noticeMessageSchema } from '../shared/schemas/messages';
import { sendNotice } from '../shared/workflow/send-notice';

/** Queue `notify` — every workflow mail: render (zh-CN/en) and send once. */
export const handler = queueConsumer('send-notice', noticeMessageSchema, async (message, { sentAt, metrics }) => {
  if ((await sendNotice(runtimeSettings(), message.caseNumber, message.noticeKey, sentAt)) === 'sent') count(metrics, 'NoticesSent');
});
