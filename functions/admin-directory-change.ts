import { runtimeSettings } from '../shared/config/runtime';
import { directoryRequest } from '../shared/http/directory-requests';
import { httpFunction } from '../shared/http/http-function';
import { requestLanguage, requestTime } from '../shared/http/request';
import { json, securityHeaders } from '../shared/http/responses';
import { staffCaller } from '../shared/http/staff-caller';
import { calendarImportSchema } from '../shared/schemas/directory-requests';
import { validate } from '../shared/http/validation';
import { changeDirectory, importCalendarYear } from '../shared/workflow/directory-admin';

/** POST, PATCH, PUT and DELETE under /admin/staff, absences, departments, categories, calendar and limits: one directory change, audited (a calendar import: a year's days at once). */
export const handler = httpFunction(
  'admin-directory-change',
  async (event) => {
    const settings = runtimeSettings();
    const caller = await staffCaller(event, settings);
    if (event.routeKey === 'POST /admin/calendar/import') {
      const { year } = validate(calendarImportSchema, event.parsedBody ?? {}, requestLanguage(event));
      return json(200, await importCalendarYear(settings, caller, year, requestTime(event)), { 'cache-control': 'no-store' });
    }
    const request = directoryRequest(event, requestLanguage(event));
    const entry = await changeDirectory(settings, caller, request, requestTime(event));
    if (!entry) return { statusCode: 204, headers: { ...securityHeaders }, body: '' };
    return json(event.requestContext.http.method === 'POST' ? 201 : 200, entry, { 'cache-control': 'no-store' });
  },
  // Staff only (JWT authorizer); API Gateway's stage throttle limits it.
  { body: 'optional', rateLimit: false },
);
