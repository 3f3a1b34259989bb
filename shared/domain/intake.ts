import type { ComplaintRequest } from '../schemas/complaint-request';
import type { CaseFacts, ContactRecord, Evidence, HistoryEntry, Submission } from './case-record';
import type { CaseState } from './case-state';
import type { Channel } from './status';
import { subjectKey } from './subject-key';

export interface NewCase {
  readonly state: CaseState;
  readonly facts: CaseFacts;
  readonly submission: Submission;
  readonly contact?: ContactRecord;
  readonly history: HistoryEntry;
}

/** 接收登记: turns a validated submission into the records to store. Pure. */
export function registerCase(input: {
  readonly request: ComplaintRequest;
  readonly caseNumber: string;
  readonly tokenHash: string;
  readonly receivedAt: Date;
  readonly channel: Channel;
}): NewCase {
  const { request, caseNumber, receivedAt } = input;
  const contact = request.contact && { caseNumber, ...request.contact };
  const at = receivedAt.toISOString();
  const subject = { type: request.subject.type, value: request.subject.value.trim() };
  const anonymous = !request.contact?.email && !request.contact?.phone;
  return {
    state: {
      caseNumber,
      kind: request.kind,
      category: request.category,
      subject,
      confidential: request.confidential,
      complainantMailable: Boolean(request.contact?.email),
      receivedAt: at,
      status: 'received',
      version: 1,
      deadlines: [],
    },
    facts: { language: request.language, anonymous, channel: input.channel },
    submission: {
      caseNumber,
      subject,
      subjectKey: subjectKey(subject),
      description: request.description.trim(),
      ...(request.request?.trim() ? { request: request.request.trim() } : {}),
      evidence: (request.evidence ?? []).map(evidenceItem),
      ...(request.goodFaith ? { goodFaith: true } : {}),
      tokenHash: input.tokenHash,
    },
    ...(contact ? { contact } : {}),
    history: { at, seq: 0, status: 'received', action: 'register', actor: 'complainant', public: true },
  };
}

const evidenceItem = (item: { url?: string; uploadId?: string }): Evidence =>
  item.uploadId !== undefined ? { uploadId: item.uploadId } : { url: item.url! };
