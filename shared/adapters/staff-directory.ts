import type { StageConfig } from '../config/stage-config';
import { findStaff, type StaffMember } from '../domain/staff-directory';
import { dynamo } from './aws-clients';
import { ifCondition } from './conditions';
import { keys } from './keys';

/**
 * The staff directory port (docs/architecture.md "Staff identity"): who a signed-in
 * identity is. An identity is the token's issuer and `sub`, never its `email` claim
 * (a user may change that address at some providers); the directory entry it belongs
 * to is found through a link written once, at the identity's first sign-in with a
 * verified address that the directory lists, and pinned both ways (docs/security.md).
 * The entries themselves (roles, departments, `active`) come from the stage config
 * today; issue #22 moves them to the table behind this same port.
 */
export interface StaffIdentity {
  readonly issuer: string;
  readonly subject: string;
}

export interface StaffDirectory {
  /** The directory entry linked to the identity, whether active or not; undefined when none is. */
  staffByIdentity(identity: StaffIdentity): Promise<StaffMember | undefined>;
  /**
   * A first sign-in: links the identity to the active entry of `email` when the provider
   * verified that address and neither the identity nor the entry is linked yet.
   */
  linkFirstSignIn(identity: StaffIdentity, email: string, emailVerified: boolean, at: Date): Promise<StaffMember | undefined>;
}

export function staffDirectory(settings: { readonly tableName: string; readonly config: Pick<StageConfig, 'staff' | 'departments'> }): StaffDirectory {
  const { tableName, config } = settings;
  return {
    async staffByIdentity({ issuer, subject }) {
      const { Item: link } = await dynamo().get({ TableName: tableName, Key: keys.staffIdentity(issuer, subject), ConsistentRead: true });
      return typeof link?.email === 'string' ? findStaff(config, link.email) : undefined;
    },
    async linkFirstSignIn(identity, email, emailVerified, at) {
      const member = findStaff(config, email);
      if (!emailVerified || !member || member.active === false) return undefined;
      // Both conditional: a second identity with the same verified address cannot take an entry already linked.
      const puts = linkItems(identity, member.email, at).map((Item) => ({ Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } }));
      const linked = await ifCondition(dynamo().transactWrite({ TransactItems: puts }));
      return linked ? member : undefined;
    },
  };
}

/** The two items of a link: identity → entry, and entry → its one identity. */
export function linkItems(identity: StaffIdentity, email: string, at: Date): Record<string, string>[] {
  const common = { type: 'staff-identity', issuer: identity.issuer, subject: identity.subject, email: email.toLowerCase(), linkedAt: at.toISOString() };
  return [
    { ...keys.staffIdentity(identity.issuer, identity.subject), ...common },
    { ...keys.staffMemberIdentity(email), ...common },
  ];
}
