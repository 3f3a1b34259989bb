/**
 * Who calls a staff route: the claims the JWT authorizer verified (payload 2.0 puts them,
 * as strings, in `requestContext.authorizer.jwt.claims`), joined with the stage config.
 * The authorizer already refused a missing, expired or foreign token; this refuses what
 * it lets through in AWS but the staff API cannot use: an access token (no `email`).
 */
import type { StageConfig } from '../config/stage-config';
import { findStaff, type StaffMember } from '../domain/staff-directory';
import { staffRoles, type StaffRole } from '../domain/status';
import { problems } from './problem';
import type { HttpEvent } from './request';

export interface StaffCaller {
  readonly email: string;
  /** The pool's groups (spec: roles are the groups), known roles only. */
  readonly roles: readonly StaffRole[];
  readonly member: StaffMember;
  /** The pool's immutable user id (`sub`): who did it, in records that must not hold the email (the audit history). */
  readonly id?: string;
}

type Claims = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export function staffCaller(event: HttpEvent, config: Pick<StageConfig, 'staff' | 'departments'>): StaffCaller {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  const email = claims?.email;
  if (!claims || claims.token_use !== 'id' || typeof email !== 'string' || email === '') throw problems.unauthorized();
  const member = findStaff(config, email);
  if (!member) throw problems.notStaff();
  const groups = claimList(claims['cognito:groups']);
  const id = typeof claims.sub === 'string' && claims.sub !== '' ? { id: claims.sub } : {};
  return { email: member.email, roles: staffRoles.filter((role) => groups.includes(role)), member, ...id };
}

/** A list claim as API Gateway passes it (`[a b]`), or as a JSON array (direct invocation). */
export function claimList(value: Claims[string] | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  return (text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text).split(/[\s,]+/).filter(Boolean);
}
