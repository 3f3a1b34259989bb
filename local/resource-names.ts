/**
 * Names of a stage's resources: `complaints-<stage>` for the table and
 * `complaints-<stage>-<queue>` / `complaints-<stage>-<queue>-dlq` for the queues.
 * The local runtime provisions these names and `npm run dlq -- --stage <name>` looks
 * them up in AWS, so the CDK stack must give its queues the same names.
 */
import { deadLetterQueueName } from '../shared/topology';

export const tableNameFor = (stage: string): string => `complaints-${stage}`;
/** Locally only: in AWS the evidence bucket's name is CDK's (bucket names are global), passed as EVIDENCE_BUCKET. */
export const evidenceBucketFor = (stage: string): string => `complaints-${stage}-evidence`;
/** The SES configuration set (infra/mail-identity.ts): named in the SES events `npm run mail-event` feeds. */
export const mailConfigurationSetFor = (stage: string): string => `complaints-${stage}-mail`;
export const queuePrefix = (stage: string): string => `complaints-${stage}-`;
export const queueNameFor = (stage: string, queue: string): string => `${queuePrefix(stage)}${queue}`;
export const deadLetterQueueNameFor = (stage: string, queue: string): string => `${queuePrefix(stage)}${deadLetterQueueName(queue)}`;

/** The local stage's stand-ins for a region and an account (in ARNs and events). */
export const localRegion = 'us-east-1';
export const localAccountId = '000000000000';
