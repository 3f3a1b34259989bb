import { auditPut, recordAudit, readAudit } from '../adapters/audit-log';
import { casesOfComplainant, eraseComplainantData } from '../adapters/case-erasure';
import { loadCase, loadCaseRecord } from '../adapters/case-reads';
import { saveChange } from '../adapters/case-store';
import type { QueueUrls } from '../adapters/handoff';
import { downloadLinkSeconds, signedDownloadUrl } from '../adapters/evidence-bucket';
import { logger } from '../adapters/logger';
import { readUpload } from '../adapters/upload-store';
import { complainantKey } from '../adapters/workflow-store';
import type { StageConfig } from '../config/stage-config';
import { adminAccessOutcome, auditSpanDays, erasedText, mayAdminister, type AuditReason } from '../domain/audit';
import { caseNumberPattern } from '../domain/case-number';
import { contactAccess, maySee } from '../domain/staff-access';
import { staffCaseView } from '../domain/staff-view';
import { problems } from '../http/problem';
import type { StaffCaller } from '../http/staff-caller';
import { fieldError } from '../http/validation';
import type { EraseRequest } from '../schemas/admin-requests';
import { evidenceRemover } from './retention-sweep';
import { contextOf } from './step-support';

/**
 * The admin endpoints (spec/api.md `/admin/...`, issue 13 item 4): a case exported whole
 * for a data-subject access request, a complainant's personal data erased on request, and
 * the audit history both write (domain/audit.ts). Admins only; every other caller is 403
 * before any case is looked at, so nobody can probe case numbers here.
 */

interface AdminSettings {
  readonly tableName: string;
  readonly evidenceBucket: string;
  readonly config: StageConfig;
  readonly queueUrls: QueueUrls;
}

/** The admin's pool id for the audit history (never the email): a token without one is not a staff ID token. */
function adminId(caller: StaffCaller): string {
  if (!mayAdminister(caller)) throw problems.forbidden('The admin endpoints are for admins only.');
  if (!caller.id) throw problems.unauthorized();
  return caller.id;
}

/**
 * `GET /admin/cases/{caseNumber}/export`: everything the system holds about the case as one
 * document: the case as staff see it (deadlines explained, history), the submission, the
 * contact, the full history, the notices, the complainant's later material and follow-up
 * answer, and the upload records with short-lived download links. Not the access token's
 * hash (a credential, not data about the person). The case rules of the staff case view
 * hold: a case the admin may not see (one about them, 回避) is the 404 of a missing one, and
 * a contact the view hides (a confidential complainant's) is left out. The export's history
 * entry and its audit entry are one transaction.
 */
export async function exportCase(settings: AdminSettings, caller: StaffCaller, caseNumber: string, reason: AuditReason, now: Date) {
  const actor = adminId(caller);
  const { tableName, config } = settings;
  const found = caseNumberPattern.test(caseNumber) ? await loadCaseRecord(tableName, caseNumber) : undefined;
  if (!found || !maySee(config, found.stored.state, caller.email)) throw problems.notFound();
  const { stored, history: before, material, notices } = found;
  const contact = contactAccess(config, stored.state, caller.email) === 'shown' ? found.contact : undefined;
  const contactHidden = !stored.anonymous && found.contact !== undefined && !contact;
  const outcome = adminAccessOutcome(stored.state, caller.email, 'export', reason, now);
  const saved = await saveChange(settings, stored, {
    outcomes: [outcome],
    alsoWrite: [auditPut(tableName, { at: now.toISOString(), actor, action: 'export-case', caseNumbers: [caseNumber], reason })],
    at: now,
  });
  if (saved === 'conflict') throw problems.conflict('The case changed while it was exported; export it again.');
  const history = [...before, { ...outcome.history, seq: outcome.state.version }];
  const { tokenHash: _credential, caseNumber: _n, ...submission } = stored.submission;
  const uploadIds = [submission.evidence, ...material.map((m) => m.evidence)].flat().flatMap((e) => ('uploadId' in e ? [e.uploadId] : []));
  const view = staffCaseView(
    contextOf(config),
    { state: outcome.state, channel: stored.item.channel, language: stored.language, submission, history, ...(contact ? { contact } : {}), contactHidden },
    now,
  );
  const document = {
    caseNumber,
    exportedAt: now.toISOString(),
    case: view,
    submission,
    contact: contact ? { name: contact.name ?? null, email: contact.email ?? null, phone: contact.phone ?? null } : null,
    ...(contactHidden ? { contactHidden } : {}),
    history: [...history].sort((a, b) => (a.at === b.at ? a.seq - b.seq : a.at < b.at ? -1 : 1)),
    notices,
    feedback: stored.state.feedback ?? null,
    material: material.map(({ caseNumber: _c, ...m }) => m),
    uploads: await Promise.all(uploadIds.map((uploadId) => uploadRecord(settings, uploadId, now))),
  };
  logger.info('Case exported', { caseNumber });
  return document;
}

/** An upload's record and, for a file that passed the check, a download link valid `downloadLinkSeconds`. */
async function uploadRecord(settings: AdminSettings, uploadId: string, now: Date) {
  const upload = await readUpload(settings.tableName, uploadId);
  if (!upload) return { uploadId, state: 'gone' };
  const download =
    upload.state === 'referenced'
      ? { url: await signedDownloadUrl(settings.evidenceBucket, uploadId, upload.fileName, upload.contentType), expiresAt: new Date(now.getTime() + downloadLinkSeconds * 1000).toISOString() }
      : undefined;
  return { ...upload, ...(download ? { download } : {}) };
}

/**
 * `POST /admin/complainants/erase`: the person is found by their email (its pseudonymous
 * key) or by one of their cases (that case's key); every case under the key, and the one
 * named, loses the personal data (case-erasure.ts `eraseComplainantData`; what and why in
 * docs/security.md). The case rules hold: a named case the admin may not see (one about
 * them, 回避) is the 404 of a missing one, and a case of the person's they may not see is
 * left for another admin. Each case's erasure, its history entry and its audit entry are one
 * transaction. The answer is the same list every time; a repeated request changes nothing
 * but adds an audit entry per case (`changed: 0`).
 */
export async function eraseComplainant(settings: AdminSettings, caller: StaffCaller, request: EraseRequest, now: Date) {
  const actor = adminId(caller);
  const { tableName, config } = settings;
  const visible = (state: Parameters<typeof maySee>[1]) => maySee(config, state, caller.email);
  const named = request.caseNumber ? await loadCase(tableName, request.caseNumber) : undefined;
  if (request.caseNumber && (!named || !visible(named.state))) throw problems.notFound();
  const key = request.email ? await complainantKey({ email: request.email }) : named?.state.complainantKey;
  const candidates = new Set([...(key ? await casesOfComplainant(tableName, key) : []), ...(request.caseNumber ? [request.caseNumber] : [])]);
  const removeFiles = evidenceRemover(settings);
  const caseNumbers: string[] = [];
  let withheld = 0;
  const entry = (caseNumber: string, changed: number) => ({ at: now.toISOString(), actor, action: 'erase-complainant' as const, caseNumbers: [caseNumber], changed, reason: request.reason });
  for (const caseNumber of [...candidates].sort()) {
    const stored = await loadCase(tableName, caseNumber);
    if (!stored) continue;
    if (!visible(stored.state)) {
      withheld += 1;
      continue;
    }
    const history = adminAccessOutcome(stored.state, caller.email, 'erase', request.reason, now).history;
    const outcome = await eraseComplainantData(tableName, caseNumber, { at: now, replacement: erasedText, history, alsoWrite: [auditPut(tableName, entry(caseNumber, 1))] }, removeFiles);
    if (outcome === 'missing') continue;
    caseNumbers.push(caseNumber);
    if (outcome === 'already-erased') await recordAudit(tableName, entry(caseNumber, 0));
  }
  // Cases about this admin stay for another admin to erase; the count only, nothing of them.
  if (withheld > 0) logger.warn('Erasure left cases this admin may not act on (回避)', { withheld });
  logger.info('Complainant data erased', { cases: caseNumbers.length });
  return { caseNumbers };
}

/** `GET /admin/audit?from=&to=`: the entries between two instants, oldest first; at most `auditSpanDays`. */
export async function auditHistory(settings: AdminSettings, caller: StaffCaller, query: { from: string; to: string }, language: 'zh-CN' | 'en') {
  adminId(caller);
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (from > to || to.getTime() - from.getTime() > auditSpanDays * 86_400_000) throw problems.invalidRequest([fieldError(['to'], 'span-too-long', language, String(auditSpanDays))]);
  return { items: await readAudit(settings.tableName, from, to) };
}
