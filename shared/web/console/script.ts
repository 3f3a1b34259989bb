import type { StaffSignInSettings } from '../../config/runtime';
import { prelude } from '../prelude';
import { oidcSignInScript } from './oidc-sign-in-script';
import { consoleCase } from './script-case';
import { consoleCore } from './script-core';
import { consoleEntry } from './script-entry';
import { consoleReports } from './script-reports';
import { consoleWork } from './script-work';

/**
 * The staff console's one script, in parts by view (sign-in and API client, work list,
 * case view and actions, reports, phone/letter/visit entry); one inline script so the CSP hash
 * covers all of it. The last part starts it: who is signed in, then the address's view.
 */
export const staffScript = `(function(){${prelude}${consoleCore}${consoleWork}${consoleCase}${consoleReports}${consoleEntry}})();`;

/**
 * The page's script for a stage's sign-in: an `oidc` stage's starts with the bundled OpenID
 * client (`staffOidc`). A Cognito stage's bundle has `process.env.STAFF_IDENTITY_PROVIDER`
 * replaced by 'cognito' (infra/bundle-defines.ts), so the minifier drops the client's 20 KB.
 */
export const consoleScript = (signIn: StaffSignInSettings): string =>
  process.env.STAFF_IDENTITY_PROVIDER !== 'cognito' && signIn.kind === 'oidc' ? `${oidcSignInScript}\n${staffScript}` : staffScript;
