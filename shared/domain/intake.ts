import type { ComplaintRequest } from '../schemas/complaint-request';
import type { CaseFacts, ContactRecord, Evidence, HistoryEntry, Submission } from './case-record';
import type { CaseState } from './case-state';
import type { Channel } from './status';
import { subjectKey } from './subject-key';

/**
 * Staff entry of a phone, letter or visit case (spec/api.md `POST /staff/cases`): its time of
 * receipt is at most this many days back (a case dated further back would move rate-limit
 * windows and case-number sequences), and one registered more than this many minutes after
 * receipt is marked late in its history (the seeds: registration within 30 minutes).
 */
export const staffEntryMaxAgeDays = 7;
export const registrationLimitMinutes = 30;

/** What is wrong with a staff-entered time of receipt at `now`, if anything. */
export function receivedAtProblem(receivedAt: Date, now: Date): 'in-the-future' | 'too-long-ago' | undefined {
  if (receivedAt > now) return 'in-the-future';
  if (now.getTime() - receivedAt.getTime() > staffEntryMaxAgeDays * 86_400_000) return 'too-long-ago';
  return undefined;
}

/** The registration's history note when it came more than `registrationLimitMinutes` after receipt. */
function lateNote(receivedAt: Date, registeredAt: Date | undefined): string | undefined {
  if (!registeredAt) return undefined;
  const minutes = Math.floor((registeredAt.getTime() - receivedAt.getTime()) / 60_000);
  return minutes > registrationLimitMinutes ? `late: registered ${minutes} minutes after receipt` : undefined;
}

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
  /** A trusted flagger's id (trusted-sources.ts): marked and prioritised from receipt. */
  readonly trustedSource?: string;

  /** When staff registered a case received earlier (phone, letter, visit); the receipt time for the form. */
  readonly registeredAt?: Date;
}): NewCase {
  const { request, caseNumber, receivedAt } = input;
  const contact = request.contact && { caseNumber, ...request.contact };
  const at = receivedAt.toISOString();
  const subject = { type: request.subject.type, value: request.subject.value.trim() };
  const anonymous = !request.contact?.email && !request.contact?.phone;
  const late = lateNote(receivedAt, input.registeredAt);
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
      ...(input.trustedSource ? { priorityFacts: { trustedSource: input.trustedSource } } : {}),
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
    history: { at, seq: 0, status: 'received', action: 'register', actor: 'complainant', ...(late ? { note: late } : {}), public: true },
  };
}

const evidenceItem = (item: { url?: string; uploadId?: string }): Evidence =>
  item.uploadId !== undefined ? { uploadId: item.uploadId } : { url: item.url! };
