import { cognito } from './aws-clients';

/**
 * A sign-in account in the stage's Cognito user pool for a staff member added at runtime,
 * as infra/staff-identity.ts makes one for each member of the stage config: the address
 * verified, Cognito mailing the temporary password. `exists` when the pool has the user
 * already (a redelivered message, or a member who was in the stage config).
 */
export async function createStaffAccount(userPoolId: string, email: string): Promise<'created' | 'exists'> {
  try {
    await cognito().adminCreateUser({
      UserPoolId: userPoolId,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    return 'created';
  } catch (error) {
    if ((error as Error).name === 'UsernameExistsException') return 'exists';
    throw error;
  }
}
