import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/middleware';
import { json } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';

/** GET /staff/me: who is signed in: email, name, roles (the token's groups), departments (the stage config). */
export const handler = httpFunction(
  'staff-me',
  async (event) => {
    const { config } = runtimeSettings();
    const caller = staffCaller(event, config);
    const departments = config.departments.filter((d) => caller.member.departments.includes(d.id)).map((d) => ({ id: d.id, name: d.name }));
    return json(200, { email: caller.email, name: caller.member.name, roles: caller.roles, departments }, { 'cache-control': 'no-store' });
  },
  // Touches no table (topology access: {}); API Gateway's stage throttle limits it.
  { rateLimit: false },
);
