import { createHash, randomBytes } from 'node:crypto';
import { createCase, type Handoff, nextSequence, RateLimitedError } from '../adapters/case-store';
import { handOff } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { countInTransaction, rateWindow } from '../adapters/rate-limiter';
import type { StageConfig } from '../config/stage-config';
import { formatCaseNumber, receiptDay } from '../domain/case-number';
import { registerCase } from '../domain/intake';
import type { Channel } from '../domain/status';
import { problems } from '../http/problem';
import type { ComplaintRequest } from '../schemas/complaint-request';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface Registered {
  readonly caseNumber: string;
  readonly accessToken: string;
}

const sequenceLifetimeSeconds = 3 * 24 * 3600;

/**
 * 接收登记: number the case, store it durably with its outbox entries, then hand it to the
 * acknowledgement and initial-review steps. If a hand-off fails after the write, the case
 * is still stored and the outbox relay delivers it later, so the complainant still gets an answer.
 */
export async function registerSubmission(
  settings: { tableName: string; config: StageConfig },
  request: ComplaintRequest,
  receivedAt: Date,
  clientAddress: string,
  channel: Channel = 'web',
): Promise<Registered> {
  const { tableName, config } = settings;
  const prefix = config.caseNumberPrefix[request.kind];
  const day = receiptDay(receivedAt, config.timeZone);
  const sequence = await nextSequence(tableName, prefix, day, Math.floor(receivedAt.getTime() / 1000) + sequenceLifetimeSeconds);
  const caseNumber = formatCaseNumber(prefix, day, sequence);
  const accessToken = randomBytes(32).toString('base64url'); // 256 random bits
  const newCase = registerCase({ request, caseNumber, tokenHash: hashToken(accessToken), receivedAt, channel });
  const acknowledge: Handoff = { queue: 'acknowledge', message: { type: 'case-registered', caseNumber } };
  // 初步审核 runs beside the receipt: both hand-offs are in the registration transaction.
  const review: Handoff = { queue: 'review', message: { type: 'case-registered', caseNumber } };
  const submissions = countInTransaction(tableName, rateWindow('submissions', clientAddress, receivedAt), config.rateLimits.submissionsPerMinute);
  try {
    await createCase(tableName, newCase, [acknowledge, review], receivedAt, [submissions]);
  } catch (error) {
    if (error instanceof RateLimitedError) throw problems.tooManyRequests(rateWindow('submissions', clientAddress, receivedAt).retryAfterSeconds);
    throw error;
  }
  logger.info('Case registered', { caseNumber, kind: request.kind, category: request.category });
  for (const handoff of [acknowledge, review]) {
    try {
      await handOff(handoff);
    } catch (error) {
      logger.warn('Hand-off failed after the case was stored; the outbox relay will deliver it', { caseNumber, queue: handoff.queue, errorName: (error as Error).name });
    }
  }
  return { caseNumber, accessToken };
}
