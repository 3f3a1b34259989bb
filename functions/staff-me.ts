import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { signedInCaller } from '../shared/http/staff-caller';

/**
 * GET /staff/me: who is signed in: email, name, roles and departments, all from the staff
 * directory. The console's first call after a sign-in, so it links a new identity to its
 * directory entry (docs/security.md "Staff identity").
 */
export const handler = httpFunction(
  'staff-me',
  async (event) => {
    const settings = runtimeSettings();
    const caller = await signedInCaller(event, settings, requestTime(event));
    const departments = settings.config.departments.filter((d) => caller.member.departments.includes(d.id)).map((d) => ({ id: d.id, name: d.name }));
    return json(200, { email: caller.email, name: caller.member.name, roles: caller.roles, departments }, { 'cache-control': 'no-store' });
  },
  // Staff only, behind the authorizer; API Gateway's stage throttle limits it.
  { rateLimit: false },
);
