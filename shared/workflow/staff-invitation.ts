import { logger } from '../adapters/logger';
import { sendMail } from '../adapters/mailer';
import { createStaffAccount } from '../adapters/staff-accounts';
import type { StageConfig } from '../config/stage-config';
import { invitationMail } from '../mail/invitation';

export interface InvitationSettings {
  readonly config: StageConfig;
  /** The stage's Cognito user pool (runtime.ts `staffUserPoolId`); absent on an OpenID Connect stage. */
  readonly staffUserPoolId?: string;
}

/**
 * A staff member added at runtime is invited: on a Cognito stage a user of the stage's pool
 * (Cognito mails the temporary password), on an OpenID Connect stage nothing to create (the
 * provider has the account); on both, the service's own invitation mail with the console's
 * address. Their first sign-in with this verified address links the entry
 * (staff-directory.ts `linkFirstSignIn`, which reads the effective directory).
 */
export async function inviteStaff(settings: InvitationSettings, member: { readonly email: string }, _at: Date): Promise<void> {
  const provider = settings.config.staffIdentity.provider;
  if (provider === 'cognito') {
    if (!settings.staffUserPoolId) throw new Error('No staff user pool (STAFF_USER_POOL_ID) on a Cognito stage');
    const account = await createStaffAccount(settings.staffUserPoolId, member.email);
    logger.info('Staff sign-in account', { account });
  }
  const consoleUrl = new URL('/staff', settings.config.publicBaseUrl).toString();
  await sendMail({ to: member.email, ...invitationMail({ consoleUrl, provider }) });
}
