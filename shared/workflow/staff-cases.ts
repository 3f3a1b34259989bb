import { recordAudit } from '../adapters/audit-log';
import { type StoredCase } from '../adapters/case-items';
import { recusalFacts } from '../adapters/case-lookups';
import { decidedNoticeKeys, loadCase, loadCaseWithHistory, loadContact } from '../adapters/case-reads';
import { saveChange } from '../adapters/case-store';
import { evidenceDownloadLink } from '../adapters/evidence-links';
import { logger } from '../adapters/logger';
import { workListIndex } from '../adapters/keys';
import { readWorkList } from '../adapters/work-list';
import { applyAction, type StaffAction } from '../domain/case-actions';
import { caseNumberPattern } from '../domain/case-number';
import type { Evidence } from '../domain/case-record';
import { isAboutStaff } from '../domain/recusal';
import { reportTextProblems } from '../domain/report-text';
import { contactAccess, maySee, workScopes, type WorkView } from '../domain/staff-access';
import { staffCaseView, workListItem } from '../domain/staff-view';
import type { CaseStatus } from '../domain/status';
import { problems } from '../http/problem';
import type { StaffCaller } from '../http/staff-caller';
import type { StaffActionRequest } from '../schemas/staff-requests';
import { contextOf, ladder, type StepSettings } from './step-support';

/**
 * The staff endpoints' work (spec/api.md "Staff endpoints in detail"): work lists from
 * the index Queries, the case as the caller may see it, and every action through the
 * domain's `applyAction` and the repository's `saveChange`. A case the caller may not see
 * is the same 404 as a missing one (BOLA).
 */

/** Rows per page of a work list. */
export const workListPage = 50;

/** The opaque cursor: the sort key of the last row of the page (keys.ts `workListIndex`). */
const encodeCursor = (rank: string): string => Buffer.from(rank, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const rank = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!workListIndex.sortKeyPattern.test(rank)) throw problems.invalidRequest([{ path: 'cursor', message: 'This cursor was not handed out by this list.', code: 'invalid-format' }]);
  return rank;
}

export async function listWork(settings: StepSettings, caller: StaffCaller, query: { view: WorkView; status?: CaseStatus; cursor?: string }, now: Date) {
  const { tableName, config } = settings;
  const { rows, more } = await readWorkList(tableName, {
    scopes: workScopes(config, caller.member, query.view),
    ...(query.status ? { status: query.status } : {}),
    ...(query.view === 'overdue' ? { overdueAt: now.toISOString() } : {}),
    ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
    limit: workListPage,
  });
  // 回避: a case that names the caller (subject or description) is never in their list.
  const about = await recusalFacts(tableName, rows.map((row) => row.caseNumber));
  const visible = rows.filter((row) => {
    const facts = about.get(row.caseNumber);
    return facts !== undefined && !isAboutStaff(caller.member, facts);
  });
  const items = visible.map((row) => workListItem(row, config.timeZone, now));
  const last = rows.at(-1);
  return { items, ...(more && last ? { cursor: encodeCursor(last.rank) } : {}) };
}

/** The case, or the 404 a missing case gets, for a caller who may not see it. */
async function visibleCase(settings: StepSettings, caller: StaffCaller, caseNumber: string): Promise<StoredCase> {
  const stored = caseNumberPattern.test(caseNumber) ? await loadCase(settings.tableName, caseNumber) : undefined;
  if (!stored || !maySee(settings.config, stored.state, caller.email)) throw problems.notFound();
  return stored;
}

/**
 * The case's evidence as staff get it: a link as it was given; a file with a short-lived
 * download link when it passed the content check and is still the case's
 * (evidence-links.ts), else marked `available: false` (never a link to an unchecked file).
 */
async function evidenceForStaff(settings: StepSettings & { readonly evidenceBucket: string }, evidence: readonly Evidence[], now: Date) {
  return Promise.all(
    evidence.map(async (item) => {
      if (!('uploadId' in item)) return item;
      const link = await evidenceDownloadLink(item.uploadId, settings, now);
      if (!link) return { uploadId: item.uploadId, available: false };
      return { uploadId: item.uploadId, fileName: link.fileName, contentType: link.contentType, size: link.size, download: { url: link.url, expiresAt: link.expiresAt } };
    }),
  );
}

export async function showCase(settings: StepSettings & { readonly evidenceBucket: string }, caller: StaffCaller, caseNumber: string, now: Date) {
  const { tableName, config } = settings;
  const found = caseNumberPattern.test(caseNumber) ? await loadCaseWithHistory(tableName, caseNumber) : undefined;
  if (!found || !maySee(config, found.stored.state, caller.email)) throw problems.notFound();
  const { stored, history } = found;
  const access = contactAccess(config, stored.state, caller.email);
  const contact = !stored.anonymous && access === 'shown' ? await loadContact(tableName, caseNumber) : undefined;
  return staffCaseView(
    contextOf(config),
    { state: stored.state, channel: stored.item.channel, language: stored.language, submission: { ...stored.submission, evidence: await evidenceForStaff(settings, stored.submission.evidence, now) }, history, ...(contact ? { contact } : {}), contactHidden: !stored.anonymous && !contact },
    now,
  );
}

/** The API's fields as the domain names them. */
function domainAction(request: StaffActionRequest, now: Date): StaffAction {
  switch (request.action) {
    case 'refer': {
      const { version: _v, sentAt, ...rest } = request;
      const sent = sentAt ? new Date(sentAt) : now;
      if (sent > now) throw problems.invalidRequest([{ path: 'sentAt', message: 'A referral cannot be sent in the future.', code: 'in-future' }]);
      return { ...rest, sentAt: sent };
    }
    case 'note':
      return { action: 'note', note: request.text, ...(request.followUp ? { followUp: request.followUp } : {}) };
    case 'mark-malicious':
      return { action: 'mark-malicious', note: request.reason };
    case 'request-extension':
      return { action: 'request-extension', deadline: request.deadline, until: new Date(request.until), reason: request.reason };
    case 'classify': {
      const { version: _v, priority, ...rest } = request;
      return { ...rest, ...(priority ? { priorityFacts: { staffPriority: priority } } : {}) };
    }
    default: {
      const { version: _v, ...rest } = request;
      return rest;
    }
  }
}

/** A case report and its public summary hold no personal data (the contact is read for that alone); the summary names no staff. */
async function checkReportText(settings: StepSettings, stored: StoredCase, request: Extract<StaffActionRequest, { action: 'write-report' }>): Promise<void> {
  const { version: _v, action: _a, ...text } = request;
  const contact = stored.anonymous ? undefined : await loadContact(settings.tableName, stored.state.caseNumber);
  const found = reportTextProblems(text, contact, settings.config.staff);
  if (found.length) throw problems.invalidRequest(found);
}

/**
 * One staff action: the version the caller read must still be the case's (else 409,
 * nothing written); the domain decides (403 role or relation, 409 state); the change,
 * its notices, the escalation ladder's next step and what follows from it (saveChange) are one
 * transaction, conditional on that version (a concurrent change: 409).
 */
export async function actOnCase(settings: StepSettings, caller: StaffCaller, caseNumber: string, request: StaffActionRequest, now: Date) {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  const stored = await visibleCase(settings, caller, caseNumber);
  const stale = () => problems.conflict('The case changed since you read it; read it again and retry.');
  if (request.version !== stored.state.version) throw stale();
  const reveal = request.action === 'reveal-contact';
  if (reveal && !caller.id) throw problems.unauthorized();
  if (request.action === 'write-report') await checkReportText(settings, stored, request);
  const outcome = applyAction(ctx, stored.state, { kind: 'staff', email: caller.email }, domainAction(request, now), now);
  const { notices, due } = ladder(ctx, outcome.state, now, await decidedNoticeKeys(tableName, caseNumber), outcome.notices);
  const result = await saveChange(settings, stored, { outcomes: [outcome], notices, due, at: now });
  if (result === 'conflict') throw stale();
  logger.info('Staff action', { caseNumber, action: request.action, status: outcome.state.status, notices: outcome.notices.length + notices.length });
  // A revealed contact also goes to the admins' audit history (domain/audit.ts), by pool id, not email.
  if (reveal) await recordAudit(tableName, { at: now.toISOString(), actor: caller.id!, action: 'reveal-contact', caseNumbers: [caseNumber] });
  const contact = reveal && !stored.anonymous ? await loadContact(tableName, caseNumber) : undefined;
  return {
    caseNumber,
    status: outcome.state.status,
    version: outcome.state.version,
    ...(request.action === 'reveal-contact' ? { contact: contact ? { ...(contact.name ? { name: contact.name } : {}), ...(contact.email ? { email: contact.email } : {}), ...(contact.phone ? { phone: contact.phone } : {}) } : null } : {}),
  };
}
