import type { CaseKind, CaseStatus, Channel, Language } from './status';

/** A link, or a file uploaded and accepted by content (its bytes stay in the evidence bucket). */
export type Evidence = { readonly url: string } | { readonly uploadId: string };

/** A case as stored, without personal data (contact and identity live in `ContactRecord`). */
export interface CaseRecord {
  readonly caseNumber: string;
  readonly kind: CaseKind;
  readonly category: string;
  readonly subject: { readonly type: string; readonly value: string };
  readonly description: string;
  readonly request?: string;
  readonly evidence: readonly Evidence[];
  readonly language: Language;
  readonly confidential: boolean;
  readonly anonymous: boolean;
  readonly channel: Channel;
  readonly receivedAt: string;
  readonly status: CaseStatus;
  readonly level?: 1 | 2 | 3;
  readonly priority?: 'general' | 'important' | 'hot' | 'major';
  /** Named deadlines (ISO instants) not yet met; `expectedBy` is derived from them. */
  readonly deadlines?: Readonly<Record<string, string>>;
  readonly result?: string;
  /** SHA-256 of the access token; the token itself is never stored with the case. */
  readonly tokenHash: string;
  readonly version: number;
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
  readonly seq: number;
  readonly status: CaseStatus;
  readonly action: string;
  /** Who: `complainant`, `system`, or a staff id; never shown to the public. */
  readonly actor: string;
  readonly note?: string;
  readonly public: boolean;
}
