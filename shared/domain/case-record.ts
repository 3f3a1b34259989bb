import type { Subject } from './case-state';
import type { CaseKind, CaseStatus, Channel, Language } from './status';

/** A link, or a file uploaded and accepted by content (its bytes stay in the evidence bucket). */
export type Evidence = { readonly url: string } | { readonly uploadId: string };

/** What the complainant submitted: stored once at intake, never changed (no personal data). */
export interface Submission {
  readonly caseNumber: string;
  readonly subject: Subject;
  /** `subjectKey(subject)`: the normalised subject, for clusters and statistics. */
  readonly subjectKey: string;
  readonly description: string;
  readonly request?: string;
  readonly evidence: readonly Evidence[];
  /** The submitter confirmed the information is accurate to their knowledge (如实反映). */
  readonly goodFaith?: true;
  /** SHA-256 of the access token; the token itself is never stored with the case. */
  readonly tokenHash: string;
  /** Tokens handed to resubmissions of the same post (a lost HTTP answer): they open the case too. */
  readonly resubmissionTokenHashes?: readonly string[];
  /** Tokens carried by follow-up (回访) mails' status links: they open the case too. */
  readonly followUpTokenHashes?: readonly string[];
}

/** Facts of a case fixed at intake that every step may read besides its `CaseState`. */
export interface CaseFacts {
  readonly language: Language;
  readonly anonymous: boolean;
  readonly channel: Channel;
}

/** What the status page reads of a case. */
export interface PublicCaseFacts {
  readonly caseNumber: string;
  readonly kind: CaseKind;
  readonly language: Language;
  readonly receivedAt: string;
  readonly status: CaseStatus;
  readonly level?: 1 | 2 | 3;
  readonly priority?: 'general' | 'important' | 'hot' | 'major';
  /** Named deadlines (ISO instants) not yet met; `expectedBy` is derived from them. */
  readonly deadlines?: Readonly<Record<string, string>>;
  readonly result?: string;
  readonly repliedAt?: string;
  /** The latest follow-up answer: `actions.feedback` is false once the current reply has one. */
  readonly feedback?: { readonly at: string };
}

/** Complainant identity and contact: personal data, read only to mail the complainant. */
export interface ContactRecord {
  readonly caseNumber: string;
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
}

/** One entry of the append-only history. `public` entries appear on the status page. */
export interface HistoryEntry {
  readonly at: string;
  /** The case version the entry made (0 for the registration): orders entries of one instant. */
  readonly seq: number;
  readonly status: CaseStatus;
  readonly action: string;
  /** Who: `complainant`, `system`, or a staff id; never shown to the public. */
  readonly actor: string;
  readonly note?: string;
  readonly public: boolean;
}
