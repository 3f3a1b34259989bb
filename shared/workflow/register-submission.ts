import { createCase, RateLimitedError } from '../adapters/case-repository';
import type { Handoff, QueueUrls } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { countInTransaction, rateWindow } from '../adapters/rate-limiter';
import { receiptNoticeKey } from '../adapters/notice-ledger';
import { complainantKey, nextSequence } from '../adapters/workflow-store';
import type { StageConfig } from '../config/stage-config';
import type { Notice } from '../domain/notices';
import { formatCaseNumber, receiptDay } from '../domain/case-number';
import { type NewCase, registerCase } from '../domain/intake';
import type { Channel } from '../domain/status';
import { problems } from '../http/problem';
import type { ComplaintRequest } from '../schemas/complaint-request';
import { hashToken, newAccessToken } from './access-token';
import { evidenceConflict, resolveEvidence } from './resolve-evidence';

export { receiptNoticeKey } from '../adapters/notice-ledger';

export interface Registered {
  readonly caseNumber: string;
  readonly accessToken: string;
}

const sequenceLifetimeSeconds = 3 * 24 * 3600;

/**
 * 受理回执 as a notice for `send-notice`: only for a complainant with an email (anonymous
 * reports and phone-only complaints saw their number and token on screen, and get no mail).
 * Its parameters hold no personal data and never the token; the address is read at send time.
 */
function receiptNotice({ state, facts, contact }: NewCase, receivedAt: Date): Notice | undefined {
  if (facts.anonymous || !contact?.email) return undefined;
  return {
    key: receiptNoticeKey,
    caseNumber: state.caseNumber,
    topic: 'receipt',
    audience: 'complainant',
    recipients: [],
    dueAt: receivedAt.toISOString(),
    immediate: true,
    // The scope-decision date it promises is worked out when it is sent (send-notice), so
    // intake carries no calendar: it stays small and fast.
    params: { receivedAt: receivedAt.toISOString(), ...(state.confidential ? { confidential: 'yes' } : {}) },
  };
}

/**
 * 接收登记: number the case and store it durably in one transaction with the receipt's
 * notice item (when there is an address to mail) and the outbox entries of its hand-offs
 * (`review`, and `notify` for the receipt); then send both hand-offs at once. If one fails
 * after the write, the case is still stored and the outbox relay delivers it later, so the
 * complainant still gets an answer.
 */
export async function registerSubmission(
  settings: { tableName: string; config: StageConfig; queueUrls: QueueUrls; evidenceBucket: string },
  request: ComplaintRequest,
  receivedAt: Date,
  clientAddress: string,
  channel: Channel,
): Promise<Registered> {
  const { tableName, config } = settings;
  // Uploaded files are checked by content before anything is stored (400 names the refused ones).
  const evidence = await resolveEvidence(settings, request.evidence, request.language);
  const prefix = config.caseNumberPrefix[request.kind];
  const day = receiptDay(receivedAt, config.timeZone);
  const sequence = await nextSequence(tableName, prefix, day, Math.floor(receivedAt.getTime() / 1000) + sequenceLifetimeSeconds);
  const caseNumber = formatCaseNumber(prefix, day, sequence);
  const accessToken = newAccessToken();
  const registered = registerCase({ request, caseNumber, tokenHash: hashToken(accessToken), receivedAt, channel });
  // The pseudonymous complainant key (duplicates, clusters) is worked out here, where the contact is at hand.
  const key = complainantKey(registered.contact);
  const newCase: NewCase = key ? { ...registered, state: { ...registered.state, complainantKey: key } } : registered;
  // 初步审核 runs beside the receipt: both hand-offs are in the registration transaction.
  const review: Handoff = { queue: 'review', message: { type: 'case-registered', caseNumber } };
  const notice = receiptNotice(newCase, receivedAt);
  const window = rateWindow(clientAddress, receivedAt);
  const guard = countInTransaction(tableName, window, config.rateLimits);
  try {
    // The uploads' reference writes join the one transaction (409 if one was referenced meanwhile).
    await createCase(settings, newCase, { guard, notices: notice ? [notice] : [], handoff: review, alsoWrite: evidence.referenceWrites(caseNumber, receivedAt), at: receivedAt });
  } catch (error) {
    if (error instanceof RateLimitedError) throw problems.tooManyRequests(window.retryAfterSeconds);
    throw evidenceConflict(evidence, error) ?? error;
  }
  logger.info('Case registered', { caseNumber, kind: request.kind, category: request.category, receipt: Boolean(notice) });
  return { caseNumber, accessToken };
}
