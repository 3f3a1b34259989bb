import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { classifiedMessageSchema } from '../shared/schemas/messages';
import { assignSubmission } from '../shared/workflow/assign-case';

/** Queue `assign` — 分派: route to a handler, start the ladder, mail the handler. */
export const handler = queueConsumer('assign-case', classifiedMessageSchema, async (message, { sentAt }) => {
  await assignSubmission(runtimeSettings(), message.caseNumber, sentAt);
});
