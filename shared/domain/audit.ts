import type { ActionOutcome } from './case-actions';
import type { CaseState } from './case-state';
import type { DirectoryEntry, EntityName } from './directory';
import type { DecidedChange } from './directory-changes';

/**
 * The audit history of what is done with personal data (a data-subject request's export,
 * an erasure, a contact revealed by staff): who (the staff member's pool id, never their email),
 * what, which case numbers, when, and why as a code. An entry holds no personal data, so it
 * may be kept past the cases it names and read by every admin.
 */

/** What an audit entry records. */
export const auditActions = ['export-case', 'erase-complainant', 'reveal-contact', 'directory-change'] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * Why, as a code and never as free text: a free-text reason would sooner or later name the
 * person who asked, and the history must hold no personal data.
 */
export const auditReasons = ['data-subject-request', 'legal-obligation', 'authority-request', 'other'] as const;
export type AuditReason = (typeof auditReasons)[number];

export interface AuditEntry {
  readonly id: string;
  readonly at: string;
  /** The staff member's immutable identity-pool id (the token's `sub`). */
  readonly actor: string;
  readonly action: AuditAction;
  readonly caseNumbers: readonly string[];
  readonly reason?: AuditReason;
  /** How many of `caseNumbers` this action changed (an erasure; 0 when it was repeated). */
  readonly changed?: number;
  /** A directory change (`directory-change`): which kind of entry, which one, what changed. */
  readonly directory?: DirectoryAudit;
}

/**
 * A directory change as the audit history keeps it (docs/security.md "Directory changes in
 * the audit history"): no address, name or free text. A staff member is named by the keyed
 * hash of their address (`staff:<hash>`, the same for every change of theirs), names and
 * reasons only by the field that changed, declared conflicts by their count.
 */
export interface DirectoryAudit {
  readonly entity: EntityName;
  /** The entry: an id, a date, `limits`, or a staff member's `staff:<hash>`. */
  readonly entry: string;
  /** The fields whose value changed (every field of one created or removed). */
  readonly fields: readonly string[];
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
}

/** The audit record of a change; `pseudonym` is the keyed hash of a staff address. */
export function directoryAudit(change: DecidedChange, pseudonym: (email: string) => string): DirectoryAudit {
  const before = change.before && withoutPersonalData(change.before, pseudonym);
  const after = change.after && withoutPersonalData(change.after, pseudonym);
  const raw = (entry?: DirectoryEntry) => (entry?.value ?? {}) as Record<string, unknown>;
  const names = new Set([...Object.keys(raw(change.before)), ...Object.keys(raw(change.after))]);
  const fields = [...names].filter((f) => f !== 'version' && f !== 'position' && JSON.stringify(raw(change.before)[f]) !== JSON.stringify(raw(change.after)[f])).sort();
  const entry = change.entity === 'staff' ? pseudonym(change.id) : change.id;
  return { entity: change.entity, entry, fields, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

function withoutPersonalData(entry: DirectoryEntry, pseudonym: (email: string) => string): Record<string, unknown> {
  const { version, ...value } = entry.value as unknown as Record<string, unknown> & { version: number };
  delete value.position;
  const hashed = (key: string) => (typeof value[key] === 'string' ? { [key]: pseudonym(value[key] as string) } : {});
  switch (entry.entity) {
    case 'staff': {
      const { name: _name, conflicts, ...rest } = value;
      return { ...rest, ...hashed('email'), ...hashed('supervisor'), conflicts: (conflicts as unknown[] | undefined)?.length ?? 0, version };
    }
    case 'absence': {
      const { reason: _reason, ...rest } = value;
      return { ...rest, ...hashed('email'), version };
    }
    case 'department':
      return { ...value, ...hashed('supervisor'), version };
    default:
      return { ...value, version };
  }
}

/**
 * The case history's entry of an admin's export or erasure (spec/api.md: both are written to
 * the case history), with the reason code as its note. It moves the case's version, so a staff
 * change decided on the state read before conflicts and is decided again.
 */
export function adminAccessOutcome(state: CaseState, by: string, action: 'export' | 'erase', reason: AuditReason, now: Date): ActionOutcome {
  return {
    state: { ...state, version: state.version + 1 },
    history: { at: now.toISOString(), status: state.status, action, actor: by, note: reason, public: false },
    notices: [],
  };
}

/** Admin routes (`/admin/...`) are for the admin role only (spec/api.md "Staff endpoints"). */
export const mayAdminister = (caller: { readonly roles: readonly string[] }): boolean => caller.roles.includes('admin');

/** The longest span one audit read may cover: a year and a day, thirteen month buckets at most. */
export const auditSpanDays = 366;

/** The UTC months (`YYYY-MM`) from `from`'s to `to`'s, oldest first. */
export function monthsBetween(from: Date, to: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (cursor <= to) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/** What an erased free text reads as from then on (the case keeps its place in lists and figures). */
export const erasedText = '[erased on request / 已应本人请求删除]';
