import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { classifyQueueMessageSchema } from '../shared/schemas/messages';
import { classifySubmission, raiseCluster, raiseClusterMember } from '../shared/workflow/classify-case';

/** Queue `classify` — 分类定性: type, level, priority; duplicates merged, hot clusters raised. */
export const handler = queueConsumer('classify-case', classifyQueueMessageSchema, async (message, { sentAt }) => {
  if (message.type === 'cluster-raise') await raiseClusterMember(runtimeSettings(), message.caseNumber, message.clusterComplainants, message.raisedBy, sentAt);
  else if (message.type === 'cluster-hot') await raiseCluster(runtimeSettings(), message);
  else await classifySubmission(runtimeSettings(), message.caseNumber, sentAt);
});
