import { loadCase, loadContact } from '../adapters/case-reads';
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

export type NoticeResult = 'sent' | 'already-done' | 'no-address' | 'failed' | 'capped' | 'suppressed';

/**
 * Sends one notice that a step decided: claims it (lease), resolves the recipients (the
 * complainant's address is read from the contact item only now), renders it in the
 * right language, sends it and marks it sent together with the outbox confirmation.
 */
export async function sendNotice(settings: StepSettings, caseNumber: string, noticeKey: string, now: Date): Promise<NoticeResult> {
  const { tableName, config } = settings;
  const finish = finishNotice;

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
  );
  try {
    await sendMail({ to: recipients, ...mail });
  } catch (error) {
    if (error instanceof MailDeferredError) {
      // A throttle or an outage: nothing went out. The claim is given back and the delivery
      // fails, so the queue's next delivery (or the outbox relay) sends it, once.
      await releaseNotice(tableName, caseNumber, noticeKey);
      logger.warn('Mail deferred by the provider; notice released for the next delivery', { caseNumber, topic: notice.topic, reason: error.reason });
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
