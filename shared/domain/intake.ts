import type { ComplaintRequest } from '../schemas/complaint-request';
import type { CaseRecord, ContactRecord, Evidence, HistoryEntry } from './case-record';
import type { Channel } from './status';

export interface NewCase {
  readonly caseRecord: CaseRecord;
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
  return {
    caseRecord: {
      caseNumber,
      kind: request.kind,
      category: request.category,
      subject: { type: request.subject.type, value: request.subject.value.trim() },
      description: request.description.trim(),
      ...(request.request?.trim() ? { request: request.request.trim() } : {}),
      evidence: (request.evidence ?? []).map(evidenceItem),
      language: request.language,
      confidential: request.confidential,
      anonymous: !request.contact?.email && !request.contact?.phone,
      channel: input.channel,
      receivedAt: at,
      status: 'received',
      tokenHash: input.tokenHash,
      version: 1,
    },
    ...(contact ? { contact } : {}),
    history: { at, seq: 0, status: 'received', action: 'register', actor: 'complainant', public: true },
  };
}

/** The schema lets exactly one of `url` and `uploadId` through. */
const evidenceItem = (item: { url?: string; uploadId?: string }): Evidence =>
  item.uploadId !== undefined ? { uploadId: item.uploadId } : { url: item.url! };
