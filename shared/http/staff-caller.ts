/**
 * Who calls a staff route: the identity (issuer and `sub`) of the token the JWT
 * authorizer verified (payload 2.0 puts its claims, as strings, in
 * `requestContext.authorizer.jwt.claims`), looked up in the staff directory on every
 * request. Roles and departments are the directory's, never the token's groups; the
 * token's `email` claim names nobody (docs/security.md "Staff identity"). A removed or
 * inactive entry is refused at its next request, however long the token still lives.
 */
import type { StageConfig } from '../config/stage-config';
import { staffDirectory, type StaffIdentity } from '../adapters/staff-directory';
import type { StaffMember } from '../domain/staff-directory';
import type { StaffRole } from '../domain/status';
import { problems } from './problem';
import type { HttpEvent } from './request';

export interface StaffCaller {
  /** The directory entry's address (a mail destination, and the key of assignments). */
  readonly email: string;
  /** The directory entry's roles. */
  readonly roles: readonly StaffRole[];
  readonly member: StaffMember;
  /** The token's immutable `sub`: who did it, in records that must not hold the email (the audit history). */
  readonly id: string;
}

type Claims = Readonly<Record<string, string | number | boolean | readonly string[]>>;
type DirectorySettings = { readonly tableName: string; readonly config: Pick<StageConfig, 'staff' | 'departments'> };

export async function staffCaller(event: HttpEvent, settings: DirectorySettings): Promise<StaffCaller> {
  const { identity } = verifiedIdentity(event);
  return callerOf(await staffDirectory(settings).staffByIdentity(identity), identity);
}

/**
 * The same, for the console's first call (`GET /staff/me`): an identity not linked yet is
 * linked to the directory entry of its verified email, once (docs/security.md).
 */
export async function signedInCaller(event: HttpEvent, settings: DirectorySettings, now: Date): Promise<StaffCaller> {
  const { identity, claims } = verifiedIdentity(event);
  const directory = staffDirectory(settings);
  const linked = await directory.staffByIdentity(identity);
  const member = linked ?? (typeof claims.email === 'string' ? await directory.linkFirstSignIn(identity, claims.email, String(claims.email_verified) === 'true', now) : undefined);
  return callerOf(member, identity);
}

function verifiedIdentity(event: HttpEvent): { identity: StaffIdentity; claims: Claims } {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } }).authorizer?.jwt?.claims;
  // Cognito marks its tokens; an access token is no sign-in of a person to this API.
  if (!claims || (claims.token_use !== undefined && claims.token_use !== 'id')) throw problems.unauthorized();
  const { iss, sub } = claims;
  if (typeof iss !== 'string' || iss === '' || typeof sub !== 'string' || sub === '') throw problems.unauthorized();
  return { identity: { issuer: iss, subject: sub }, claims };
}

function callerOf(member: StaffMember | undefined, identity: StaffIdentity): StaffCaller {
  // `active` defaults to true (the parsed config always has it; a hand-written one may not).
  if (!member || member.active === false) throw problems.notStaff();
  return { email: member.email, roles: member.roles, member, id: identity.subject };
}
