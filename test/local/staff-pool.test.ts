/**
 * Seeding the staff pool in cognito-local (local/provision.ts) against the shared
 * system's emulator, under a pool name of this test's own: idempotent, and a second run
 * brings a persisted pool in line with a changed staff list.
 */
import { AdminListGroupsForUserCommand, CognitoIdentityProviderClient, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
import { cognitoPool, provisionStaffPool } from '../../local/provision';
import { staffIdToken } from '../../local/staff-sign-in';
import { staffRoles } from '../../shared/domain/status';
import { systemUrls } from '../support/system';
import { decodeJwt } from '../support/staff';

const endpoint = cognitoPool(systemUrls().staffPool).endpoint;
const cognito = new CognitoIdentityProviderClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
afterAll(() => cognito.destroy());

const poolName = `staff-pool-test-${Date.now()}`;

describe('provisionStaffPool', () => {
  it('creates the pool once, then finds it again; users, groups and the local password follow the staff list', async () => {
    const first = await provisionStaffPool(cognito, endpoint, poolName, [
      { email: 'a@example.org', roles: ['handler'] },
      { email: 'B@example.org', roles: ['supervisor', 'handler'] },
    ], staffRoles);
    expect(first.issuer).toBe(`${endpoint}/${first.userPoolId}`);
    const claims = decodeJwt(await staffIdToken(first, 'b@example.org')).payload;
    expect(claims).toMatchObject({ iss: first.issuer, aud: first.clientId, token_use: 'id', email: 'b@example.org' });
    expect((claims['cognito:groups'] as string[]).sort()).toEqual(['handler', 'supervisor']);

    // b loses a role, a leaves, c joins.
    const second = await provisionStaffPool(cognito, endpoint, poolName, [
      { email: 'b@example.org', roles: ['handler'] },
      { email: 'c@example.org', roles: ['admin'] },
    ], staffRoles);
    // The same pool and client; its members' subs follow the staff list (a left, c joined, b kept hers).
    const { subjects: firstSubjects, ...firstPool } = first;
    const { subjects: secondSubjects, ...secondPool } = second;
    expect(secondPool).toEqual(firstPool);
    expect(Object.keys(secondSubjects).sort()).toEqual(['b@example.org', 'c@example.org']);
    expect(secondSubjects['b@example.org']).toBe(firstSubjects['b@example.org']);
    const users = await cognito.send(new ListUsersCommand({ UserPoolId: first.userPoolId }));
    const emails = (users.Users ?? []).map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value).sort();
    expect(emails).toEqual(['b@example.org', 'c@example.org']);
    const b = users.Users!.find((u) => u.Attributes?.some((a) => a.Value === 'b@example.org'))!;
    const groups = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: first.userPoolId, Username: b.Username }));
    expect((groups.Groups ?? []).map((g) => g.GroupName)).toEqual(['handler']);
    await expect(staffIdToken(first, 'a@example.org')).rejects.toThrow();
    expect(decodeJwt(await staffIdToken(first, 'c@example.org')).payload['cognito:groups']).toEqual(['admin']);
  });
});
