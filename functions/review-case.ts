import { queueConsumer } from '../shared/adapters/queue-consumer';
import { runtimeSettings } from '../shared/config/runtime';
import { caseMessageSchema } from '../shared/schemas/messages';
import { reviewSubmission } from '../shared/workflow/review-case';

/** Queue `review` — 初步审核: in scope, complete, a simple inquiry, or accepted for classification. */
export const handler = queueConsumer('review-case', caseMessageSchema, async (message, { sentAt }) => {
  await reviewSubmission(runtimeSettings(), message.caseNumber, sentAt);
});
