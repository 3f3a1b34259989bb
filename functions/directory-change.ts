import { refreshDirectory } from '../shared/adapters/effective-config';
import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { directoryQueueMessageSchema } from '../shared/schemas/directory-followup';
import { actOnDirectoryMessage } from '../shared/workflow/directory-change';

/** Queue `directory-changes` — what a directory change sets off: invitations, hand-overs, offer-backs, recomputed deadlines. */
export const handler = queueConsumer('directory-change', directoryQueueMessageSchema, async (message, { sentAt }) => {
  // The change was committed just now: act on the directory as it is, not this container's copy of up to 30 s ago.
  if (message.type === 'directory-change') await refreshDirectory({ force: true });
  await actOnDirectoryMessage(runtimeSettings(), message, sentAt);
});
