/**
 * The complainant's actions with the access token (spec/api.md "The complainant's
 * actions"): 补正 supplement, 回访 follow-up answer, 复核 appeal. Each is the domain's
 * public action (`applyAction` decides, 409 when the case does not offer it now) and one
 * `saveChange` with what the complainant sent (the material item) and the references of
 * the evidence files it brings, so the status page shows the change at once.
 */
import { type StoredCase } from '../adapters/case-items';
import { decidedNoticeKeys, loadCase } from '../adapters/case-reads';
import { saveChange } from '../adapters/case-store';
import { type ComplainantMaterial, materialWrite } from '../adapters/complainant-material';
import type { Handoff } from '../adapters/handoff';
import { logger } from '../adapters/logger';
import { ActionNotAllowedError } from '../domain/action-errors';
import { applyAction, awaitsClassification, type PublicAction } from '../domain/case-actions';
import type { Evidence } from '../domain/case-record';
import type { CaseStatus, Language } from '../domain/status';
import { problems } from '../http/problem';
import type { AppealRequest, FeedbackRequest, SupplementRequest } from '../schemas/complainant-actions';
import { tokenFits, tokenHashesOf } from './access-token';
import { evidenceConflict, resolveEvidence } from './resolve-evidence';
import { contextOf, ladder, type StepSettings, withOptimisticRetry } from './step-support';

export type ComplainantRequest =
  | ({ readonly action: 'supplement' } & SupplementRequest)
  | ({ readonly action: 'feedback' } & FeedbackRequest)
  | ({ readonly action: 'appeal' } & AppealRequest);

export interface ComplainantActionAnswer {
  readonly caseNumber: string;
  readonly status: CaseStatus;
}

const complainant = { kind: 'complainant' } as const;

/** The domain's action and the material to store, from the request. */
function split(request: ComplainantRequest, at: string): { action: PublicAction; material: ComplainantMaterial } {
  switch (request.action) {
    case 'supplement':
      return { action: { action: 'supplement' }, material: { kind: 'supplement', at, text: request.text, evidence: (request.evidence ?? []) as Evidence[] } };
    case 'appeal':
      return { action: { action: 'appeal' }, material: { kind: 'appeal', at, text: request.reasons, evidence: (request.evidence ?? []) as Evidence[] } };
    case 'feedback':
      return { action: { action: 'feedback', resolved: request.resolved, score: request.score }, material: { kind: 'feedback', at, text: request.comment ?? '', evidence: [] } };
  }
}

export async function takeComplainantAction(
  settings: StepSettings & { readonly evidenceBucket: string },
  caseNumber: string,
  token: string | undefined,
  request: ComplainantRequest,
  now: Date,
  language: Language,
): Promise<ComplainantActionAnswer> {
  const { tableName, config } = settings;
  const ctx = contextOf(config);
  const owned = async (): Promise<StoredCase> => {
    const stored = await loadCase(tableName, caseNumber);
    // Unknown case, missing token and wrong token all answer the same 404.
    if (!stored || !tokenFits(token, tokenHashesOf(stored.submission))) throw problems.notFound();
    return stored;
  };
  await owned();
  // Files are checked by content before anything is stored (400 names the refused ones).
  const evidence = await resolveEvidence(settings, 'evidence' in request ? request.evidence : undefined, language);
  const { action, material } = split(request, now.toISOString());
  const answer = await withOptimisticRetry(async () => {
    const stored = await owned();
    let outcome;
    try {
      outcome = applyAction(ctx, stored.state, complainant, action, now);
    } catch (error) {
      if (error instanceof ActionNotAllowedError) throw problems.conflict(refusal(request.action, error.reason));
      throw error;
    }
    // 补正 asked for by initial review: the completed submission goes on to classification.
    const handoffs: Handoff[] = awaitsClassification(stored.state) && action.action === 'supplement' ? [{ queue: 'classify', message: { type: 'case-accepted', caseNumber } }] : [];
    const { notices, due } = ladder(ctx, outcome.state, now, await decidedNoticeKeys(tableName, caseNumber), outcome.notices);
    const alsoWrite = [materialWrite(tableName, caseNumber, material), ...evidence.referenceWrites(caseNumber, now)];
    try {
      const result = await saveChange(settings, stored, { outcomes: [outcome], notices, due, handoffs, alsoWrite, at: now });
      return result === 'conflict' ? result : { caseNumber, status: outcome.state.status };
    } catch (error) {
      throw evidenceConflict(evidence, error) ?? error;
    }
  });
  logger.info('Complainant action taken', { caseNumber, action: request.action, status: answer.status });
  return answer;
}

/** What a 409 says: the action and why, never anything the complainant sent. */
function refusal(action: ComplainantRequest['action'], reason: string): string {
  const why: Record<string, string> = {
    'already-answered': 'This follow-up has its answer already.',
    'already-appealed': 'A review was asked for already; its result is final.',
    'appeal-window-over': 'The time to ask for a review is over.',
  };
  return why[reason] ?? `The case does not take a ${action} now.`;
}
