/**
 * `npm run staff-token -- <email>`: prints an ID token of a local staff member (the
 * stage config's staff; every one has the local password), for
 * `curl -H "Authorization: Bearer $(npm run -s staff-token -- li.na@example.org)" localhost:3000/staff/me`.
 * Asks the running system's control endpoint where its staff identity provider is
 * (cognito-local, or the local OpenID provider of an `oidc` stage such as local-cn).
 */
import { callControl, exitWith } from './control-client';
import type { StaffPool } from './provision';
import { staffIdToken } from './staff-sign-in';

const usage = 'Usage: npm run staff-token -- <staff email, e.g. li.na@example.org>';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const email = args[0];
  if (args.length !== 1 || !email || !email.includes('@')) exitWith(new Error(usage));
  const status = await callControl<{ stage?: string; staffPool?: StaffPool; error?: string }>('GET', '/status');
  const pool = status.body.staffPool;
  if (status.status !== 200 || !pool) exitWith(new Error(status.body.error ?? `control endpoint answered ${status.status} without a staff pool`));
  try {
    console.log(await staffIdToken(pool, email));
  } catch (error) {
    const name = (error as Error).name;
    const refused = ['NotAuthorizedException', 'UserNotFoundException', 'SignInRefused'].includes(name);
    exitWith(new Error(refused ? `${email} is not a staff member of the running system (config/stages/${status.body.stage ?? 'local'}.ts lists them).` : (error as Error).message));
  }
}

void main();
