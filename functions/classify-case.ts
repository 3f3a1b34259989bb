import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { acceptedMessageSchema } from '../shared/schemas/messages';
import { classifySubmission } from '../shared/workflow/classify-case';

/** Queue `classify` — 分类定性: type, level, priority; duplicates merged, hot clusters raised. */
export const handler = queueConsumer('classify-case', acceptedMessageSchema, async (message, { sentAt }) => {
  await classifySubmission(runtimeSettings(), message.caseNumber, sentAt);
});
