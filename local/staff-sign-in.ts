/**
 * Signs a local staff member in at cognito-local (USER_PASSWORD_AUTH: the emulator has no
 * SRP) and returns the ID token the staff API takes. For `npm run staff-token` and tests.
 */
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { localStaffPassword, type StaffPool } from './provision';
import { localRegion } from './resource-names';

export async function staffIdToken(pool: Pick<StaffPool, 'endpoint' | 'clientId'>, email: string, password = localStaffPassword): Promise<string> {
  const client = new CognitoIdentityProviderClient({
    endpoint: pool.endpoint,
    region: localRegion,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const answer = await client.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
    );
    const token = answer.AuthenticationResult?.IdToken;
    if (!token) throw new Error(`cognito-local gave no ID token for ${email}${answer.ChallengeName ? ` (challenge ${answer.ChallengeName})` : ''}`);
    return token;
  } finally {
    client.destroy();
  }
}
