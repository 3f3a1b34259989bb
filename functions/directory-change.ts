import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { directoryQueueMessageSchema } from '../shared/schemas/directory-followup';
import { actOnDirectoryMessage } from '../shared/workflow/directory-change';

/** Queue `directory-changes` — what a directory change sets off: invitations, hand-overs, offer-backs, recomputed deadlines. */
export const handler = queueConsumer('directory-change', directoryQueueMessageSchema, async (message, { sentAt }) => {
  await actOnDirectoryMessage(runtimeSettings(), message, sentAt);
});
