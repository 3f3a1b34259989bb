import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { escalateMessageSchema } from '../shared/schemas/messages';
import { escalateCase } from '../shared/workflow/escalate-case';

/** Queue `escalate` — the escalation ladder of one case at the sweep's event time. */
export const handler = queueConsumer('escalate-case', escalateMessageSchema, async (message, { sentAt }) => {
  await escalateCase(runtimeSettings(), message.caseNumber, new Date(message.at), sentAt);
});
