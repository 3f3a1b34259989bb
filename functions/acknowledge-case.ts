import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { caseMessageSchema } from '../shared/schemas/messages';
import { acknowledgeCase } from '../shared/workflow/acknowledge';

/** Queue `acknowledge` — 受理回执: mail the receipt to the complainant, once. */
export const handler = queueConsumer('acknowledge-case', caseMessageSchema, async (message, { sentAt }) => {
  await acknowledgeCase(runtimeSettings(), message.caseNumber, sentAt);
});
