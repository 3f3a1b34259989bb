/**
 * Stage `dev`: the shared development account. Same demo organisation as `local`,
 * its own public address and sender; shorter reminders are not used so that what is
 * tried here behaves as in production.
 */
import type { StageConfigInput } from '../../shared/config/stage-config';
import local from './local';

const config = {
  ...local,
  senderAddress: 'complaints@dev.example.org',
  publicBaseUrl: 'https://complaints.dev.example.org',
  rateLimits: { submissionsPerMinute: 30, requestsPerMinute: 1200, mailsPerRecipientPerDay: 10 },
} satisfies StageConfigInput;

export default config;
