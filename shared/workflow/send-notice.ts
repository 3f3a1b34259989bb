import { addFollowUpToken } from '../adapters/access-tokens';
import { loadCase, loadContact } from '../adapters/case-reads';
import { hashSecret } from '../adapters/keyed-hash';
import { followUpAccessToken, hashToken } from './access-token';
import { logger } from '../adapters/logger';
import { takeMailAllowance } from '../adapters/mail-cap';
import { MailDeferredError, MailRejectedError } from '../adapters/mail-port';
import { sendMail } from '../adapters/mailer';
import { suppressedAmong } from '../adapters/suppression-list';
import { statisticsWrites } from '../adapters/statistics-store';
import { updatesOfNotice } from '../domain/statistics';
import { claimPendingNotice, finishNotice, noticeClosed, noticeSent, readNotice, releaseNotice } from '../adapters/notice-ledger';
import type { NoticeDecision } from '../adapters/notice-ledger';
import { deadlineRecord } from '../domain/deadline-kinds';
import { underDailyCap } from '../domain/notices';
import { renderNotice } from '../mail/notices';
import type { StepSettings } from './step-support';
import type { StageConfig } from '../config/stage-config';
import { workingCalendar, type WorkingCalendar } from '../domain/calendar';
import { deadlineAt } from '../domain/deadlines';

export type NoticeResult = 'sent' | 'already-done' | 'no-address' | 'failed' | 'capped' | 'suppressed' | 'deferred';

/**
 * After the provider answered that it is down, this container tries no send for a few
 * seconds (a circuit breaker): the rest of the batch, and the next few, leave their notices
 * pending for the outbox relay instead of each asking a provider that is known to be down.
 */
export const providerDownPauseMs = 5_000;
let providerDownUntil = 0;

/**
 * Sends one notice that a step decided: claims it (lease), resolves the recipients (the
 * complainant's address is read from the contact item only now), renders it in the
 * right language, sends it and marks it sent together with the outbox confirmation.
 */
export async function sendNotice(settings: StepSettings, caseNumber: string, noticeKey: string, now: Date): Promise<NoticeResult> {
  const { tableName, config } = settings;
  const finish = finishNotice;
  if (Date.now() < providerDownUntil) return 'deferred';

  const claim = await claimPendingNotice(tableName, caseNumber, noticeKey);
  if (claim === 'missing') throw new Error('Unknown notice: no notice item for this key');
  if (claim === 'already-sent' || claim === 'failed') {
    await finish();
    return 'already-done';
  }
  if (claim === 'in-flight') throw new Error('Notice is being sent by another delivery; retry later');

  const [notice, stored] = await Promise.all([readNotice(tableName, caseNumber, noticeKey), loadCase(tableName, caseNumber)]);
  if (!notice) throw new Error('Unknown notice: no notice item for this key');
  if (!stored) throw new Error('Case not found for notice');
  const { state } = stored;
  const caseItem = { caseNumber, kind: state.kind, category: state.category, level: state.level, priority: state.priority, status: state.status, deadlines: deadlineRecord(state.deadlines) };

  const complainant = notice.audience === 'complainant';
  const to = complainant ? (await loadContact(tableName, caseNumber))?.email : notice.recipients;
  if (!to || to.length === 0) {
    await finish(noticeClosed(tableName, caseNumber, noticeKey, 'skipped', now, 'no-address'));
    logger.info('Notice has nobody to go to', { caseNumber, topic: notice.topic });
    return 'no-address';
  }
  // Checked before the cap, so a mail that cannot go out does not use up the day's allowance.
  const addresses = typeof to === 'string' ? [to] : [...to];
  const suppressed = await suppressedAmong(tableName, addresses);
  const recipients = addresses.filter((address) => !suppressed.has(address));
  if (recipients.length === 0) {
    await finish(noticeClosed(tableName, caseNumber, noticeKey, 'skipped', now, 'suppressed'));
    logger.warn('Mail not sent: the address is on the suppression list', { caseNumber, topic: notice.topic, audience: notice.audience });
    return 'suppressed';
  }
  // The daily cap drops only what anybody could cause in someone's name (notices.ts `underDailyCap`);
  // a case's own notices to its complainant go out past it.
  if (complainant && !(await takeMailAllowance(tableName, String(to), now, config.timeZone, config.rateLimits.mailsPerRecipientPerDay)) && underDailyCap[notice.topic]) {
    await finish(noticeClosed(tableName, caseNumber, noticeKey, 'skipped', now, 'recipient-cap'));
    logger.warn('Mail not sent: the address had its mails for the day', { caseNumber, topic: notice.topic });
    return 'capped';
  }
  const mail = renderNotice(
    {
      topic: notice.topic,
      params: { ...notice.params, ...receiptParams(config, notice), ...(notice.deadline ? { deadline: notice.deadline } : {}), ...(notice.deadlineDueAt ? { dueAt: notice.deadlineDueAt } : {}), ...(notice.nextDueAt ? { nextDueAt: notice.nextDueAt } : {}), occurrence: occurrenceOf(noticeKey) },
      caseItem,
      config,
    },
    complainant ? stored.language : 'zh-CN',
    notice.topic === 'survey' && complainant ? await followUpToken(tableName, caseNumber, noticeKey) : undefined,
  );
  try {
    await sendMail({ to: recipients, ...mail });
  } catch (error) {
    if (error instanceof MailDeferredError) {
      // Nothing went out: the claim is given back, and the notice, still pending, keeps its outbox entry.
      await releaseNotice(tableName, caseNumber, noticeKey);
      // A throttle: the delivery fails, and the queue's next one sends it, once.
      if (error.retry === 'soon') throw error;
      // The provider is down: the delivery succeeds and the outbox relay's backoff (5 minutes,
      // doubling to 2 hours, for 48 hours) sends it, so an outage churns neither the queue nor
      // its DLQ; the MailsDeferred alarm tells ops at once (docs/operations.md).
      providerDownUntil = Date.now() + providerDownPauseMs;
      logger.warn('Mail deferred: the provider is down; the outbox relay sends the notice later', { caseNumber, topic: notice.topic, reason: error.reason });
      return 'deferred';
    }
    if (!(error instanceof MailRejectedError)) throw error;
    await finish(noticeClosed(tableName, caseNumber, noticeKey, 'failed', now, error.reason));
    logger.error('Mail rejected permanently; notice marked failed', { caseNumber, topic: notice.topic, reason: error.reason });
    return 'failed';
  }
  // Overdue and management-group notices are report figures (docs/reports.md), counted with the sent mark.
  const counted = updatesOfNotice({ key: noticeKey, caseNumber, topic: notice.topic, at: notice.deadlineDueAt ?? notice.dueAt }, config.timeZone);
  await finish(noticeSent(tableName, caseNumber, noticeKey, now), statisticsWrites(tableName, caseNumber, counted, now));
  logger.info('Notice sent', { caseNumber, topic: notice.topic, audience: notice.audience });
  return 'sent';
}

/** Follow-up (回访) tokens a case accepts at most: one per reply it was surveyed on. */
export const maxFollowUpTokens = 10;

/**
 * The token the survey's status link carries, so the link opens the case as the receipt's
 * does: derived from the notice key (the same on every retry of this notice) and accepted
 * from now on. None past the cap: the link then asks for the token.
 */
async function followUpToken(tableName: string, caseNumber: string, noticeKey: string): Promise<string | undefined> {
  const token = followUpAccessToken(await hashSecret(), noticeKey);
  if (await addFollowUpToken(tableName, caseNumber, hashToken(token), maxFollowUpTokens)) return token;
  logger.warn('Follow-up mail without a token: the case holds its most follow-up tokens', { caseNumber });
  return undefined;
}

/** The occurrence part of a domain notice key `<case>#<what>#<occurrence>#<revision>#<audience>`. */
const occurrenceOf = (noticeKey: string): number => Number(noticeKey.split('#').at(-3)) || 1;

const calendars = new WeakMap<StageConfig, WorkingCalendar>();
/** The working calendar, built once per container (its day memo is kept). */
function calendarOf(config: StageConfig): WorkingCalendar {
  let calendar = calendars.get(config);
  if (!calendar) calendars.set(config, (calendar = workingCalendar(config)));
  return calendar;
}

/** 受理回执: the scope decision is due one working day (configurable) after receipt. */
function receiptParams(config: StageConfig, notice: NoticeDecision): Record<string, string> {
  const receivedAt = notice.params?.receivedAt;
  if (notice.topic !== 'receipt' || typeof receivedAt !== 'string') return {};
  return { reviewBy: deadlineAt(calendarOf(config), new Date(receivedAt), config.limits['scope-decision']).toISOString() };
}
