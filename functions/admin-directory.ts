import { runtimeSettings } from '../shared/config/runtime';
import { httpFunction } from '../shared/http/http-function';
import { problems } from '../shared/http/problem';
import { requestTime } from '../shared/http/request';
import { json } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';
import { listAbsences, listEntries, listStaff } from '../shared/workflow/directory-admin';

/** GET /admin/staff, /admin/absences, /admin/departments, /admin/categories, /admin/calendar, /admin/limits: the directory as stored now. */
export const handler = httpFunction(
  'admin-directory',
  async (event) => {
    const settings = runtimeSettings();
    const caller = await staffCaller(event, settings);
    const now = requestTime(event);
    const list = {
      'GET /admin/staff': () => listStaff(settings, caller, now),
      'GET /admin/absences': () => listAbsences(settings, caller),
      'GET /admin/departments': () => listEntries(settings, caller, 'department', now),
      'GET /admin/categories': () => listEntries(settings, caller, 'category', now),
      'GET /admin/calendar': () => listEntries(settings, caller, 'calendar', now),
      'GET /admin/limits': () => listEntries(settings, caller, 'limits', now),
    }[event.routeKey];
    if (!list) throw problems.notFound();
    return json(200, await list(), { 'cache-control': 'no-store' });
  },
  // Staff only (JWT authorizer); API Gateway's stage throttle limits it.
  { rateLimit: false },
);
