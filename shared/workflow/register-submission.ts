import { createHash } from 'node:crypto';
import { addResubmissionToken } from '../adapters/access-tokens';
import { AlreadyRegisteredError, createCase, RateLimitedError, SubmitterPausedError } from '../adapters/case-store';
import type { Handoff, QueueUrls } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { countInTransaction, countRequest, rateWindow } from '../adapters/rate-limiter';
import { guardPut, readGuard } from '../adapters/submission-guard';
import { receiptNoticeKey } from '../adapters/notice-ledger';
import { complainantKey, nextSequence, notPaused } from '../adapters/workflow-store';
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

/** Tokens handed to resubmissions of one post, at most (each opens the case; the item stays small). */
export const maxResubmissionTokens = 10;

type Settings = { tableName: string; config: StageConfig; queueUrls: QueueUrls; evidenceBucket: string };

/** What recognises the same post sent again: hashes of its `Idempotency-Key` and of the validated request. */
interface Once {
  readonly keyHash: string;
  readonly requestHash: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** JSON with object keys sorted, so the same request hashes the same however its fields were ordered. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.entries(value)
          .filter(([, member]) => member !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([name, member]) => `${JSON.stringify(name)}:${canonical(member)}`)
          .join(',')}}`
      : JSON.stringify(value);

/**
 * The same post again (its answer was lost): the case it registered, with a new token
 * that opens it too (the first token was shown to nobody, or the client still has it:
 * both work). The same key with another request is a client error, 409, and changes
 * nothing. Undefined when the key registered nothing (or more than a day ago).
 */
async function resubmission(settings: Settings, once: Once, receivedAt: Date, clientAddress: string): Promise<Registered | undefined> {
  const { tableName, config } = settings;
  const guard = await readGuard(tableName, once.keyHash, receivedAt);
  if (!guard) return undefined;
  if (guard.requestHash !== once.requestHash) {
    throw problems.conflict('This Idempotency-Key was sent with another submission. Send a new submission with a new key.');
  }
  // Counted as a request, not as another accepted submission.
  await countRequest(tableName, await rateWindow(clientAddress, receivedAt), config.rateLimits.requestsPerMinute);
  const accessToken = newAccessToken();
  if (!(await addResubmissionToken(tableName, guard.caseNumber, hashToken(accessToken), maxResubmissionTokens))) {
    throw problems.conflict('This submission was sent too many times. Use an access token you received, or ask for a new one on the status page.');
  }
  logger.info('Resubmission answered with its case', { caseNumber: guard.caseNumber });
  return { caseNumber: guard.caseNumber, accessToken };
}

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

const hasUploads = (request: ComplaintRequest): boolean => (request.evidence ?? []).some((item) => item.uploadId !== undefined);

/** The public form and API: the channels a paused submitter may not use. */
const online = (channel: Channel): boolean => channel === 'web' || channel === 'api';

/**
 * 接收登记: number the case and store it durably in one transaction with the receipt's
 * notice item (when there is an address to mail) and the outbox entries of its hand-offs
 * (`review`, and `notify` for the receipt); then send both hand-offs at once. If one fails
 * after the write, the case is still stored and the outbox relay delivers it later, so the
 * complainant still gets an answer.
 */
export async function registerSubmission(
  settings: Settings,
  request: ComplaintRequest,
  receivedAt: Date,
  clientAddress: string,
  channel: Channel,
  idempotencyKey?: string,
  trustedSource?: string,
  /** Staff entry: when the case was registered, if after its receipt. */
  registeredAt?: Date,
): Promise<Registered> {
  const { tableName, config } = settings;
  const once: Once | undefined = idempotencyKey ? { keyHash: sha256(`submission:${idempotencyKey}`), requestHash: sha256(canonical(request)) } : undefined;
  // A post with uploads looks for its earlier answer first: a resubmission's uploads are
  // already referenced by its case, so the evidence check below would refuse them. Any other
  // post goes straight to the write, whose guard item finds an earlier answer (no extra
  // round trip on the form's path; the form always sends a key).
  const earlier = once && hasUploads(request) && (await resubmission(settings, once, receivedAt, clientAddress));
  if (earlier) return earlier;
  // Uploaded files are checked by content before anything is stored (400 names the refused ones).
  const evidence = await resolveEvidence(settings, request.evidence, request.language);
  const prefix = config.caseNumberPrefix[request.kind];
  const day = receiptDay(receivedAt, config.timeZone);
  const sequence = await nextSequence(tableName, prefix, day, Math.floor(receivedAt.getTime() / 1000) + sequenceLifetimeSeconds);
  const caseNumber = formatCaseNumber(prefix, day, sequence);
  const accessToken = newAccessToken();
  const registered = registerCase({
    request,
    caseNumber,
    tokenHash: hashToken(accessToken),
    receivedAt,
    channel,
    ...(trustedSource ? { trustedSource } : {}),
    ...(registeredAt ? { registeredAt } : {}),
  });
  // The pseudonymous complainant key (duplicates, clusters) is worked out here, where the contact is at hand.
  const key = await complainantKey(registered.contact);
  const newCase: NewCase = key ? { ...registered, state: { ...registered.state, complainantKey: key } } : registered;
  // 初步审核 runs beside the receipt: both hand-offs are in the registration transaction.
  const review: Handoff = { queue: 'review', message: { type: 'case-registered', caseNumber } };
  const notice = receiptNotice(newCase, receivedAt);
  const window = await rateWindow(clientAddress, receivedAt);
  const guard = countInTransaction(tableName, window, config.rateLimits);
  try {
    // The uploads' reference writes join the one transaction (409 if one was referenced meanwhile).
    await createCase(settings, newCase, {
      guard,
      ...(once ? { once: guardPut(tableName, once.keyHash, { caseNumber, requestHash: once.requestHash }, receivedAt) } : {}),
      // A submitter paused after a malicious mark (恶意举报) is refused online, in the same
      // transaction (no extra round trip); staff may still register their phone, letter or visit.
      ...(key && online(channel) ? { notPaused: notPaused(tableName, key, receivedAt) } : {}),
      notices: notice ? [notice] : [],
      handoff: review,
      alsoWrite: evidence.referenceWrites(caseNumber, receivedAt),
      at: receivedAt,
    });
  } catch (error) {
    if (error instanceof RateLimitedError) throw problems.tooManyRequests(window.retryAfterSeconds);
    if (error instanceof SubmitterPausedError) throw problems.submitterPaused();
    // The same post registered its case before (its answer was lost), or its twin (sent
    // twice at once) did meanwhile.
    if (error instanceof AlreadyRegisteredError && once) {
      const twin = await resubmission(settings, once, receivedAt, clientAddress);
      if (twin) return twin;
    }
    throw evidenceConflict(evidence, error) ?? error;
  }
  logger.info('Case registered', { caseNumber, kind: request.kind, category: request.category, receipt: Boolean(notice), ...(trustedSource ? { trustedSource } : {}) });
  return { caseNumber, accessToken };
}
